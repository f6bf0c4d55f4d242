/**
 * The handler for every channel of the contract; `Handlers` makes a missing
 * one a compile error. Features add `...theirHandlers(desk)` here.
 */
import { associationHandlers, partnerHandlers } from '../association/handlers';
import { callHandlers } from '../calls/handlers';
import { centralHandlers } from '../central/handlers';
import { consentHandlers } from '../consent/handlers';
import { eseHandlers } from '../ese/handlers';
import { foundationHandlers } from '../foundation/handlers';
import { matchHandlers } from '../match/handlers';
import { sepHandlers } from '../sep/handlers';
import { supervisorHandlers } from '../supervisor/handlers';
import type { DeskCore, DeskFacts } from './deskCore';
import type { DeskServices } from './services';
import type { Handlers } from './router';

export function createHandlers(desk: DeskCore & DeskFacts & { readonly services: DeskServices }): Handlers {
  return {
    ...foundationHandlers(desk),
    ...matchHandlers(desk),
    ...eseHandlers(desk),
    ...associationHandlers(desk),
    ...partnerHandlers(desk),
    ...consentHandlers(desk),
    ...callHandlers(desk),
    ...sepHandlers(desk),
    ...centralHandlers(desk),
    ...supervisorHandlers(desk),
  };
}

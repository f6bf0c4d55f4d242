/**
 * The handler for every channel of the contract; `Handlers` makes a missing
 * one a compile error. Features add `...theirHandlers(desk)` here.
 */
import { callHandlers } from '../calls/handlers';
import { foundationHandlers } from '../foundation/handlers';
import type { Desk } from './desk';
import type { Handlers } from './router';

export function createHandlers(desk: Desk): Handlers {
  return {
    ...foundationHandlers(desk),
    ...callHandlers(desk),
  };
}

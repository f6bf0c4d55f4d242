/**
 * The handler for every channel of the contract; `Handlers` makes a missing
 * one a compile error. Features add `...theirHandlers(desk)` here.
 */
import { foundationHandlers } from '../foundation/handlers';
import { sepHandlers } from '../sep/handlers';
import type { Desk } from './desk';
import type { Handlers } from './router';

export function createHandlers(desk: Desk): Handlers {
  return {
    ...foundationHandlers(desk),
    ...sepHandlers(desk),
  };
}

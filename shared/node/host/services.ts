/**
 * Every feature service, built on the same core. Features add one line each.
 */
import type { DeskCore } from './desk';
import { createMatchServices, type MatchServices } from '../match/service';

export interface DeskServices {
  match: MatchServices;
}

export function createServices(core: DeskCore): DeskServices {
  return {
    match: createMatchServices(core),
  };
}

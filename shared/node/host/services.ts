/**
 * Every feature service, built on the same core. Features add one line each.
 */
import { EseService } from '../ese/service';
import { createMatchServices, type MatchServices } from '../match/service';
import type { DeskCore } from './desk';

export interface DeskServices {
  match: MatchServices;
  ese: EseService;
}

export function createServices(core: DeskCore): DeskServices {
  return {
    match: createMatchServices(core),
    ese: new EseService(core),
  };
}

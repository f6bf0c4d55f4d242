/**
 * Every feature service, built on the same core. Features add one line each.
 */
import type { DeskCore } from './desk';
import { EseService } from '../ese/service';

export interface DeskServices {
  ese: EseService;
}

export function createServices(core: DeskCore): DeskServices {
  return {
    ese: new EseService(core),
  };
}

/**
 * Every feature service, built on the same core. Features add one line each.
 */
import type { DeskCore } from './desk';
import { SepService } from '../sep/sepService';

export interface DeskServices {
  sep: SepService;
}

export function createServices(core: DeskCore): DeskServices {
  return {
    sep: new SepService({ db: core.db, clock: core.clock, audit: core.audit, callActivity: core.callActivity }),
  };
}

/**
 * Every feature service, built on the same core. Features add one line each.
 */
import { AssociationService } from '../association/service';
import { EseService } from '../ese/service';
import { createMatchServices, type MatchServices } from '../match/service';
import type { DeskCore } from './desk';

export interface DeskServices {
  match: MatchServices;
  ese: EseService;
  association: AssociationService;
}

export function createServices(core: DeskCore): DeskServices {
  const match = createMatchServices(core);
  return {
    match,
    ese: new EseService(core),
    association: new AssociationService(core, match.lookup),
  };
}

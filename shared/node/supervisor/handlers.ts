import type { supervisorChannels } from '../../common/supervisor/contract';
import type { supervisorDrillChannels } from '../../common/supervisor/drill';
import type { DeskServices } from '../host/services';
import type { HandlersFor } from '../host/router';

export function supervisorHandlers(desk: {
  readonly services: Pick<DeskServices, 'supervisor'>;
}): HandlersFor<keyof typeof supervisorChannels | keyof typeof supervisorDrillChannels> {
  const supervisor = desk.services.supervisor;
  return {
    'app:supervisor.floor': () => supervisor.floor(),
    'app:supervisor.figures': ({ period }) => supervisor.figures(period),
    'app:supervisor.drill': (req) => supervisor.drill(req),
    'app:supervisor.export': (req) => supervisor.export(req),
    'app:supervisor.search': (request) => supervisor.search(request),
    'app:supervisor.searchResult': (request) => supervisor.searchResult(request),
  };
}

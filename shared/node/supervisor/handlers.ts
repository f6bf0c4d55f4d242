import type { supervisorChannels } from '../../common/supervisor/contract';
import type { DeskServices } from '../host/services';
import type { HandlersFor } from '../host/router';

export function supervisorHandlers(desk: { readonly services: Pick<DeskServices, 'supervisor'> }): HandlersFor<keyof typeof supervisorChannels> {
  const supervisor = desk.services.supervisor;
  return {
    'app:supervisor.floor': () => supervisor.floor(),
    'app:supervisor.figures': ({ period }) => supervisor.figures(period),
    'app:supervisor.search': (request) => supervisor.search(request),
    'app:supervisor.searchResult': (request) => supervisor.searchResult(request),
  };
}

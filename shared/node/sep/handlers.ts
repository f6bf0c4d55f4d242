import type { sepChannels } from '../../common/sep/contract';
import type { DeskServices } from '../host/services';
import type { HandlersFor } from '../host/router';

export function sepHandlers(desk: { readonly services: Pick<DeskServices, 'sep'> }): HandlersFor<keyof typeof sepChannels> {
  const sep = desk.services.sep;
  return {
    'app:sep.search': ({ query, limit }) => sep.search(query, limit),
    'app:sep.get': ({ id }) => sep.get(id),
    'app:sep.calc': (request) => sep.calc(request),
    'app:sep.copySummary': (request) => sep.copySummary(request),
  };
}

import type { centralChannels } from '../../common/central/contract';
import type { DeskServices } from '../host/services';
import type { HandlersFor } from '../host/router';

export function centralHandlers(desk: { readonly services: Pick<DeskServices, 'central'> }): HandlersFor<keyof typeof centralChannels> {
  const central = desk.services.central;
  return {
    'app:central.status': () => central.status(),
    'app:central.settings.get': () => central.settingsView(),
    'app:central.settings.save': (request) => central.saveSettings(request),
  };
}

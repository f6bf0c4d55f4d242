import type { consentChannels } from '../../common/consent/contract';
import type { DeskServices } from '../host/services';
import type { HandlersFor } from '../host/router';

export function consentHandlers(desk: { readonly services: Pick<DeskServices, 'consentScripts'> }): HandlersFor<keyof typeof consentChannels> {
  const scripts = desk.services.consentScripts;
  return {
    'app:consent.scripts.list': () => scripts.list(),
    'app:consent.scripts.load': ({ scripts: raw }) => scripts.load(raw),
  };
}

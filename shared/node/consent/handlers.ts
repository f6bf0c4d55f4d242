import type { consentChannels } from '../../common/consent/contract';
import type { Desk } from '../host/desk';
import type { HandlersFor } from '../host/router';

export function consentHandlers(desk: Desk): HandlersFor<keyof typeof consentChannels> {
  const scripts = desk.services.consentScripts;
  return {
    'app:consent.scripts.list': () => scripts.list(),
    'app:consent.scripts.load': ({ scripts: raw }) => scripts.load(raw),
  };
}

import type { eseChannels } from '../../common/ese/contract';
import type { DeskServices } from '../host/services';
import type { HandlersFor } from '../host/router';

export function eseHandlers(desk: { readonly services: Pick<DeskServices, 'ese'> }): HandlersFor<keyof typeof eseChannels> {
  const ese = desk.services.ese;
  return {
    'app:ese.draft.get': (r) => ese.getDraft(r.key),
    'app:ese.draft.save': (r) => ese.saveDraft(r.key, r.draft),
    'app:ese.draft.discard': (r) => ese.discardDraft(r.key),
    'app:ese.submit': (r) => ese.submit(r),
    'app:ese.intake.list': (r) => ese.list(r),
    'app:ese.intake.get': (r) => ese.get(r.id),
    'app:ese.outbox.resend': (r) => ese.resend(r.id),
    'app:ese.outbox.export': (r) => ese.exportEml(r.id),
    'app:ese.outbox.flush': () => ese.flush(),
    'app:ese.settings.get': () => ese.settingsView(),
    'app:ese.settings.save': (r) => ese.saveSettings(r),
    'app:ese.settings.test': () => ese.testSettings(),
    'app:ese.outbox.counts': () => ({ waiting: ese.store.countWaiting(), failed: ese.store.countFailed() }),
  };
}

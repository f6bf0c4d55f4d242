import type { DeskCore } from '../host/deskCore';
import type { HandlersFor } from '../host/router';
import type { foundationChannels } from '../../common/foundation/contract';
import { buildDiagnostics, type DiagnosedDesk } from './diagnostics';

export function foundationHandlers(desk: DiagnosedDesk & Pick<DeskCore, 'events' | 'lock'>): HandlersFor<keyof typeof foundationChannels> {
  return {
    'app:status.get': () => desk.status(),
    'app:db.info': () => desk.dbInfo(),
    'app:operator.get': () => desk.operators.current(),
    'app:operator.save': (request) => {
      const { operator, created, pinChanged } = desk.operators.save(request);
      desk.audit.append({ action: created ? 'operator.created' : 'operator.changed', subject: `operator:${operator.id}`, details: { role: operator.role, pinChanged } });
      desk.events.publish('app:status.changed', desk.status());
      return operator;
    },
    'app:lock.get': () => desk.lock.tick(),
    'app:lock.activity': () => desk.lock.activity(),
    'app:lock.now': () => desk.lock.lockNow(),
    'app:lock.unlock': ({ pin }) => desk.lock.unlock(pin),
    'app:lock.configure': ({ idleMinutes }) => desk.lock.setIdleMinutes(idleMinutes),
    'app:diagnostics.get': () => {
      const d = buildDiagnostics(desk);
      desk.audit.append({ action: 'diagnostics.exported' });
      return d;
    },
  };
}

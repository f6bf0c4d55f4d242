import type { DeskCore } from '../host/desk';
import { ImportSessions } from './importSessions';
import { LookupService } from './lookupService';
import { MemberStore } from './memberStore';

export interface MatchServices {
  store: MemberStore;
  lookup: LookupService;
  imports: ImportSessions;
}

export function createMatchServices(core: DeskCore): MatchServices {
  const store = new MemberStore(core.db, core.clock, core.ssnVault);
  const imports = new ImportSessions(store, core.audit, core.events);
  core.onClose(() => imports.close());
  return { store, lookup: new LookupService(store, core.clock, core.audit, core.callActivity), imports };
}

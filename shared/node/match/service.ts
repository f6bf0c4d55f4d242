import type { DeskCore } from '../host/deskCore';
import { ImportSessions } from './importSessions';
import { LookupService } from './lookupService';
import { MemberStore } from './memberStore';

/** The part of the desk member match uses, and no more. */
type MatchCore = Pick<DeskCore, 'audit' | 'callActivity' | 'clock' | 'db' | 'events' | 'onClose' | 'ssnVault'>;

export interface MatchServices {
  store: MemberStore;
  lookup: LookupService;
  imports: ImportSessions;
}

export function createMatchServices(core: MatchCore): MatchServices {
  const store = new MemberStore(core.db, core.clock, core.ssnVault);
  const imports = new ImportSessions(store, core.audit, core.events);
  core.onClose(() => imports.close());
  return { store, lookup: new LookupService(store, core.clock, core.audit, core.callActivity), imports };
}

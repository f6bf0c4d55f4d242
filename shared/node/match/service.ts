import type { DeskCore } from '../host/deskCore';
import { ImportSessions } from './importSessions';
import { LookupService } from './lookupService';
import { MemberStore } from './memberStore';
import { dropStaging, hasStaging } from './stagingTables';

/** The part of the desk member match uses, and no more. */
type MatchCore = Pick<DeskCore, 'audit' | 'callActivity' | 'clock' | 'db' | 'events' | 'log' | 'nativeBinding' | 'onClose' | 'ssnVault'>;

export interface MatchServices {
  store: MemberStore;
  lookup: LookupService;
  imports: ImportSessions;
}

export function createMatchServices(core: MatchCore): MatchServices {
  // An import's staging tables left by a crash (or a kill) before its swap: the cache is as it was without them.
  if (hasStaging(core.db)) {
    dropStaging(core.db);
    core.log.info('dropped the staging tables of an import that did not finish');
  }
  const store = new MemberStore(core.db, core.clock, core.ssnVault);
  const imports = new ImportSessions(store, core.audit, core.events, core.nativeBinding);
  core.onClose(() => imports.close());
  return { store, lookup: new LookupService(store, core.clock, core.audit, core.callActivity), imports };
}

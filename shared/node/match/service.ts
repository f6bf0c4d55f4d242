import type { DeskCore } from '../host/deskCore';
import { ImportSessions } from './importSessions';
import { LookupService } from './lookupService';
import { MemberStore } from './memberStore';
import { dropStaging, hasStaging, resumablePull, retiredTables, STAGED_KINDS } from './stagingTables';

/** The part of the desk member match uses, and no more. */
type MatchCore = Pick<DeskCore, 'audit' | 'callActivity' | 'clock' | 'db' | 'events' | 'log' | 'nativeBinding' | 'onClose' | 'ssnVault'>;

export interface MatchServices {
  store: MemberStore;
  lookup: LookupService;
  imports: ImportSessions;
}

export function createMatchServices(core: MatchCore): MatchServices {
  // An import's staging tables left by a crash (or a kill) before its swap: the cache is as it was without them.
  // A central first pull's are kept when they say how far it got: the next pull resumes there (central/pullWorker.ts).
  if (hasStaging(core.db)) {
    const resume = resumablePull(core.db);
    if (resume) for (const kind of STAGED_KINDS.filter((k) => k !== 'pull')) dropStaging(core.db, kind);
    else dropStaging(core.db);
    // Retired tables a stopped thread left (dropStaging drops them only when given no kind).
    if (resume) for (const kind of STAGED_KINDS) for (const t of retiredTables(core.db, kind)) core.db.exec(`DROP TABLE IF EXISTS "${t}"`);
    core.log.info(
      resume ? 'kept the staging tables of a central first pull that did not finish (the next pull resumes it)' : 'dropped the staging tables of an import that did not finish',
    );
  }
  const store = new MemberStore(core.db, core.clock, core.ssnVault);
  const imports = new ImportSessions(store, core.audit, core.events, core.nativeBinding);
  core.onClose(() => imports.close());
  return { store, lookup: new LookupService(store, core.clock, core.audit, core.callActivity), imports };
}

import { importFile, type ImportReport } from './importer';
import { canStage, importMembersStaged, type StagedImportOptions } from './importStaging';
import type { MemberStore } from './memberStore';

/**
 * A members.csv from the CLI (and the crash campaign): into an empty cache, written by
 * the staging thread and swapped in (importStaging.ts), the same path as an import from
 * the window; anything else (a cache that already has members, a host that cannot start
 * the thread) takes the one-thread, one-transaction path. Same rules and report either way.
 */
export async function importMembersFile(store: MemberStore, file: string, options: StagedImportOptions = {}): Promise<ImportReport> {
  if (!canStage(store)) return importFile(store, 'members', file, options);
  const { cancelled: _cancelled, ...report } = await importMembersStaged(store, file, options);
  return report;
}

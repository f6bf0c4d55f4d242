import { importFile, type ImportKind, type ImportReport } from './importer';
import { canStage, importStaged, type StagedImportOptions } from './importStaging';
import type { MemberStore } from './memberStore';

/**
 * An extract from the CLI (and the crash campaign): written by the staging thread and
 * swapped in (importStaging.ts), the same path as an import from the window, whether
 * the cache is empty or not; a host that cannot start the thread (an in-memory cache)
 * takes the one-thread, one-transaction path. Same rules and report either way.
 */
export async function importExtractFile(store: MemberStore, kind: ImportKind, file: string, options: StagedImportOptions = {}): Promise<ImportReport> {
  if (!canStage(store)) return importFile(store, kind, file, options);
  const { cancelled: _cancelled, ...report } = await importStaged(store, kind, file, options);
  return report;
}

export const importMembersFile = (store: MemberStore, file: string, options: StagedImportOptions = {}): Promise<ImportReport> => importExtractFile(store, 'members', file, options);

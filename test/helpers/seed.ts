import type { Desk } from '../../shared/node/host/desk';
import type { ImportKind, ImportReport } from '../../shared/node/match/importer';

/**
 * Seeds the member cache the way the app's import does (begin, chunk, commit), so it
 * works on a desk in this thread and on a desk thread seen through its probe alike.
 * Async: a members file into an empty cache is written by the staging thread.
 */
export async function importCsv(desk: Desk, kind: ImportKind, csv: string): Promise<ImportReport> {
  const imports = desk.services.match.imports;
  const { importId } = imports.begin(kind, false, csv.length);
  imports.chunk(importId, csv);
  const report = await imports.commit(importId);
  if (!report.committed) throw new Error(`The ${kind} seed did not import: ${JSON.stringify(report.issues.slice(0, 3))}`);
  return report;
}

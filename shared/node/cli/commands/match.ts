import fs from 'node:fs';
import { DeskError } from '../../../common/errors';
import { associationColumnHelp, columnHelpText, matchQuerySchema, memberColumnHelp } from '../../../common/match/schemas';
import { parseUnknown, fieldErrorsOf } from '../../../common/validation';
import { writePrivateFile } from '../../db/filePrivacy';
import { issuesCsv, type ImportKind, type ImportReport } from '../../match/importer';
import { importExtractFile } from '../../match/importParallel';
import { UsageError, requireString, type CliCommand, type CliContext } from '../command';

function importCommand(kind: ImportKind): CliCommand {
  return {
    words: ['import', kind],
    summary: `Import ${kind}.csv into the member-match cache in one transaction (all or nothing unless --skip-invalid).`,
    usage: `<file> [--skip-invalid] [--report <file>]`,
    details: `${kind}.csv: UTF-8, a header row naming these columns (in any order), one row per ${kind === 'members' ? 'member' : 'Agent association'}:\n${columnHelpText(kind === 'members' ? memberColumnHelp : associationColumnHelp)}`,
    options: { 'skip-invalid': { type: 'boolean', default: false }, report: { type: 'string' } },
    run: async (ctx: CliContext) => {
      const file = ctx.positionals[0];
      if (!file) throw new UsageError(`Give the ${kind} CSV file: import ${kind} <file>.`);
      if (!fs.existsSync(file)) throw new DeskError('not_found', `No such file: ${file}`, { file: 'No such file.' });
      const skipInvalid = ctx.values['skip-invalid'] === true;
      const desk = ctx.desk();
      const store = desk.services.match.store;
      const audit = (details: object) => void desk.audit.append({ action: `match.import.${kind}`, details: { ...details } });
      const report = await importExtractFile(store, kind, file, { skipInvalid, audit });
      let reportFile: string | null = null;
      if (report.invalid > 0) {
        reportFile = typeof ctx.values.report === 'string' ? ctx.values.report : `${file}.invalid.csv`;
        // The report quotes rows (names, birth dates): for this user alone (issue 14 §2).
        writePrivateFile(reportFile, issuesCsv(report.issues));
      }
      return { ...report, file, reportFile };
    },
    text: (r: ImportReport & { file: string; reportFile: string | null }) =>
      [
        r.committed
          ? `Imported ${r.kind} from ${r.file}: ${r.rows} rows — ${r.inserted} new, ${r.updated} changed, ${r.unchanged} unchanged, ${r.invalid} skipped as invalid.`
          : `Nothing was imported from ${r.file}: ${r.invalid} bad row${r.invalid === 1 ? '' : 's'}. Fix them, or use --skip-invalid to import the good rows.`,
        ...r.issues.slice(0, 20).map((i) => `  line ${i.line}, ${i.column}: ${i.reason}`),
        r.issues.length > 20 ? `  … ${r.issues.length - 20} more` : '',
        r.reportFile ? `Bad rows listed in ${r.reportFile}.` : '',
        `${r.durationMs} ms, ${r.rowsPerSecond} rows/s.`,
      ]
        .filter(Boolean)
        .join('\n'),
    exitCode: (r: ImportReport) => (r.committed ? 0 : 1),
  };
}

export const importMembers = importCommand('members');
export const importAssociations = importCommand('associations');

export const matchCommand: CliCommand = {
  words: ['match'],
  summary: 'Member match (Full / Partial / No) for one person, or for every line of a JSONL file with --batch.',
  usage: '--first <f> --last <l> --dob YYYY-MM-DD --sex M|F|U [--ssn <9 digits>] | --batch <queries.jsonl>',
  options: {
    first: { type: 'string' },
    last: { type: 'string' },
    dob: { type: 'string' },
    sex: { type: 'string' },
    ssn: { type: 'string' },
    batch: { type: 'string' },
  },
  run: (ctx: CliContext) => {
    const desk = ctx.desk();
    const lookup = desk.services.match.lookup;
    if (typeof ctx.values.batch === 'string') {
      const file = ctx.values.batch;
      if (!fs.existsSync(file)) throw new DeskError('not_found', `No such file: ${file}`, { batch: 'No such file.' });
      const lines = fs.readFileSync(file, 'utf8').split(/\r?\n/);
      if (lines.at(-1) === '') lines.pop();
      const levels = { full: 0, partial: 0, none: 0, invalid: 0 };
      lines.forEach((text, i) => {
        let raw: unknown;
        try {
          raw = JSON.parse(text);
        } catch {
          ctx.write(JSON.stringify({ line: i + 1, error: { code: 'invalid_request', message: 'This line is not JSON.' } }));
          levels.invalid++;
          return;
        }
        const r = raw as Record<string, unknown>;
        const parsed = matchQuerySchema.safeParse({ firstName: r.first, lastName: r.last, dateOfBirth: r.dob, sex: r.sex, ssn: r.ssn ?? null });
        if (!parsed.success) {
          const fe = renameFields(fieldErrorsOf(parsed.error));
          ctx.write(
            JSON.stringify({
              line: i + 1,
              error: {
                code: 'invalid_request',
                message: `The query is not valid (${Object.entries(fe)
                  .map(([k, v]) => `${k}: ${v}`)
                  .join('; ')}).`,
                fieldErrors: fe,
              },
            }),
          );
          levels.invalid++;
          return;
        }
        const result = lookup.matchJson(parsed.data);
        levels[result.level]++;
        ctx.write(JSON.stringify(result));
      });
      // Who looked members up is on record, as for the PSL screen; counts only, no one's data.
      desk.audit.append({ action: 'match.lookup.batch', details: { via: 'cli', queries: lines.length, ...levels } });
      return undefined;
    }
    const values = ctx.values;
    for (const f of ['first', 'last', 'dob', 'sex']) requireString(values, f);
    let query;
    try {
      query = parseUnknown(matchQuerySchema, { firstName: values.first, lastName: values.last, dateOfBirth: values.dob, sex: values.sex, ssn: values.ssn ?? null }, 'query');
    } catch (error) {
      if (error instanceof DeskError && error.fieldErrors) {
        const fe = renameFields(error.fieldErrors);
        throw new DeskError(
          'invalid_request',
          `The query is not valid (${Object.entries(fe)
            .map(([k, v]) => `--${k}: ${v}`)
            .join('; ')}).`,
          fe,
        );
      }
      throw error;
    }
    const result = lookup.matchJson(query);
    desk.audit.append({ action: 'match.lookup', details: { via: 'cli', level: result.level, memberIds: result.candidates.map((c) => c.memberId).slice(0, 20) } });
    return result;
  },
  text: (r: { level: string; candidates: { memberId: string; caseNumber: string; score: number; fields: Record<string, { verdict: string; reason: string }> }[] }) =>
    [
      `${r.level === 'full' ? 'Full match' : r.level === 'partial' ? 'Partial match' : 'No match'}`,
      ...r.candidates.map(
        (c, i) =>
          `${i + 1}. member ${c.memberId}, case ${c.caseNumber}, score ${c.score}\n` +
          Object.entries(c.fields)
            .map(([f, e]) => `     ${f.padEnd(12)} ${e.verdict.padEnd(8)} ${e.reason}`)
            .join('\n'),
      ),
    ].join('\n'),
};

/** Schema field names → the CLI's flag names, so an error points at the flag to fix. */
function renameFields(fe: Record<string, string>): Record<string, string> {
  const names: Record<string, string> = { firstName: 'first', lastName: 'last', dateOfBirth: 'dob', sex: 'sex', ssn: 'ssn' };
  return Object.fromEntries(Object.entries(fe).map(([k, v]) => [names[k] ?? k, v]));
}

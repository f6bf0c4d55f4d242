import { callerTypeLabels } from '../../../common/calls/callerTypes';
import { CallSearch } from '../../../common/calls/contract';
import { callStateLabels } from '../../../common/calls/session';
import type { CallListItem } from '../../../common/calls/view';
import { parseUnknown } from '../../../common/validation';
import { UsageError, type CliCommand } from '../command';

const str = (v: unknown) => (typeof v === 'string' ? v : undefined);

/** Past calls, the same search as the Call area's history (and audited the same way). */
export const callList: CliCommand = {
  words: ['call', 'list'],
  summary: 'Search past calls by date, caller, case number, disposition.',
  usage: '[--from YYYY-MM-DD] [--to YYYY-MM-DD] [--caller text] [--case number] [--disposition code]',
  options: {
    from: { type: 'string' },
    to: { type: 'string' },
    caller: { type: 'string' },
    case: { type: 'string' },
    disposition: { type: 'string' },
  },
  run: (ctx) => {
    const query = parseUnknown(
      CallSearch,
      Object.fromEntries(
        Object.entries({ from: str(ctx.values.from), to: str(ctx.values.to), caller: str(ctx.values.caller), caseNumber: str(ctx.values.case), disposition: str(ctx.values.disposition) }).filter(
          ([, v]) => v !== undefined,
        ),
      ),
      'search',
    );
    return ctx.desk().services.calls.search(query);
  },
  text: (rows: CallListItem[]) =>
    rows.length === 0
      ? 'no calls match'
      : rows
          .map((r) => [r.id, r.startedAt, callStateLabels[r.state], callerTypeLabels[r.callerType], r.caseNumber ?? '-', r.disposition ?? '-'].join('\t'))
          .join('\n'),
};

/** One call's summary as text (SSNs masked), as the history view exports it. */
export const callExport: CliCommand = {
  words: ['call', 'export'],
  summary: "Print one call's summary as text (SSNs masked; the export is audited).",
  usage: '<call id>',
  run: (ctx) => {
    const id = ctx.positionals[0];
    if (!id) throw new UsageError('Name the call: call export <call id>.');
    return ctx.desk().services.calls.exportText(id);
  },
  text: (v: { text: string }) => v.text.trimEnd(),
};

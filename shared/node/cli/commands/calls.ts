import { spawnSync } from 'node:child_process';
import { callerTypeLabels } from '../../../common/calls/callerTypes';
import { parseScreenPopLink, SCREEN_POP_SCHEME, screenPopLink } from '../../../common/calls/screenPop';
import { DeskError } from '../../../common/errors';
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
        Object.entries({
          from: str(ctx.values.from),
          to: str(ctx.values.to),
          caller: str(ctx.values.caller),
          caseNumber: str(ctx.values.case),
          disposition: str(ctx.values.disposition),
        }).filter(([, v]) => v !== undefined),
      ),
      'search',
    );
    return ctx.desk().services.calls.search(query);
  },
  text: (rows: CallListItem[]) =>
    rows.length === 0
      ? 'no calls match'
      : rows.map((r) => [r.id, r.startedAt, callStateLabels[r.state], callerTypeLabels[r.callerType], r.caseNumber ?? '-', r.disposition ?? '-'].join('\t')).join('\n'),
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

/**
 * A screen pop through the CLI (issue 12.9): builds or checks the kynect-desk: link a
 * softphone opens, and with --open hands it to the operating system, which gives it to
 * the running app (or starts it). The rep still confirms before anything is recorded.
 */
export const callPop: CliCommand = {
  words: ['call', 'pop'],
  summary: 'Make (or check) the kynect-desk: screen-pop link for an incoming call; --open gives it to the app.',
  usage: '[--number 5025550134] [--case 100300113] [--type agent|resident|kynector|psl|other] [--name text] | --link kynect-desk://call?… [--open]',
  options: { number: { type: 'string' }, case: { type: 'string' }, type: { type: 'string' }, name: { type: 'string' }, link: { type: 'string' }, open: { type: 'boolean' } },
  run: (ctx) => {
    const link =
      str(ctx.values.link) ??
      `${SCREEN_POP_SCHEME}://call?${Object.entries({ number: ctx.values.number, case: ctx.values.case, type: ctx.values.type, name: ctx.values.name })
        .filter(([, v]) => typeof v === 'string')
        .map(([k, v]) => `${k}=${encodeURIComponent(v as string)}`)
        .join('&')}`;
    const parsed = parseScreenPopLink(link);
    if (!parsed.ok) throw new DeskError('invalid_request', `The screen pop was refused: ${parsed.message}`, parsed.fieldErrors);
    const canonical = screenPopLink(parsed.value);
    if (ctx.values.open === true) openWithSystem(canonical);
    return { link: canonical, ...parsed.value, opened: ctx.values.open === true };
  },
  text: (v: { link: string; opened: boolean }) => (v.opened ? `${v.link}\n(given to the operating system: kynect Desk asks the rep to take the call)` : v.link),
};

function openWithSystem(link: string): void {
  const [cmd, args] = process.platform === 'win32' ? ['cmd', ['/c', 'start', '""', link]] : process.platform === 'darwin' ? ['open', [link]] : ['xdg-open', [link]];
  const r = spawnSync(cmd, args, { stdio: 'ignore', timeout: 10_000 });
  if (r.error || r.status !== 0) {
    throw new DeskError(
      'unavailable',
      `The operating system could not open the link (${cmd}${r.error ? `: ${r.error.message}` : `, exit ${r.status}`}). Is kynect Desk installed as the handler of kynect-desk: links?`,
    );
  }
}

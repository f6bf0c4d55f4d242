import { IntakeFilter, OutboxState, outboxStateLabels, type FlushResult, type IntakeRow } from '../../../common/ese/contract';
import { parseUnknown } from '../../../common/validation';
import { UsageError, type CliCommand } from '../command';

export const outboxList: CliCommand = {
  words: ['outbox', 'list'],
  summary: 'ESE messages in the outbox with their state (queued, sending, sent, failed), newest first.',
  usage: '[--state queued|sending|sent|failed] [--search text] [--limit n]',
  options: {
    state: { type: 'string' },
    search: { type: 'string' },
    limit: { type: 'string' },
  },
  run: (ctx) => {
    const v = ctx.values;
    if (v.state !== undefined && !OutboxState.safeParse(v.state).success) throw new UsageError('--state is one of queued, sending, sent, failed.');
    const filter = parseUnknown(
      IntakeFilter,
      {
        ...(typeof v.state === 'string' ? { state: v.state } : {}),
        ...(typeof v.search === 'string' ? { search: v.search } : {}),
        ...(typeof v.limit === 'string' ? { limit: Number(v.limit) } : {}),
      },
      'filter',
    );
    return ctx.desk().services.ese.list(filter);
  },
  text: (rows: IntakeRow[]) =>
    rows.length
      ? rows
          .map(
            (r) =>
              `${r.reference}  ${outboxStateLabels[r.outbox.state].padEnd(15)} attempts ${r.outbox.attempts}  ${r.legacyDireNeed ? 'marked Dire Need when taken  ' : ''}${r.submittedAt}` +
              (r.outbox.lastError ? `\n    last error: ${r.outbox.lastError}` : ''),
          )
          .join('\n')
      : 'The outbox is empty.',
};

export const outboxFlush: CliCommand = {
  words: ['outbox', 'flush'],
  summary: 'Send every waiting ESE message now (SMTP password from KYNECT_DESK_SMTP_PASSWORD).',
  usage: '',
  run: (ctx) => ctx.desk().services.ese.flush(),
  text: (r: FlushResult) => r.skipped ?? `attempted ${r.attempted}: sent ${r.sent}, waiting to retry ${r.queued}, failed ${r.failed}`,
  exitCode: (r: FlushResult) => (r.failed > 0 ? 1 : 0),
};

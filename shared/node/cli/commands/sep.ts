import type { SepCalcResult } from '../../../common/sep/calculator';
import type { SepSearchResponse } from '../../../common/sep/contract';
import { requireString, UsageError, type CliCommand } from '../command';

export const sepSearch: CliCommand = {
  words: ['sep', 'search'],
  summary: 'Search the SEP rule book in everyday words ("lost my job").',
  usage: '"<words>" [--limit N]',
  options: { limit: { type: 'string' } },
  run: (ctx) => {
    if (ctx.positionals.length === 0) throw new UsageError('Give the words to search for, in quotes: sep search "lost my job".');
    const limit = ctx.values.limit === undefined ? 10 : Number(ctx.values.limit);
    if (!Number.isInteger(limit) || limit < 1 || limit > 50) throw new UsageError('--limit must be a whole number from 1 to 50.');
    return ctx.desk().services.sep.search(ctx.positionals.join(' '), limit);
  },
  text: (r: SepSearchResponse) => (r.results.length ? r.results.map((h) => `${h.id.padEnd(36)} ${h.title}`).join('\n') : 'No qualifying event matches those words.'),
};

export const sepCalc: CliCommand = {
  words: ['sep', 'calc'],
  summary: 'Selection window and coverage effective date for a qualifying event.',
  usage: '--event <id> --event-date YYYY-MM-DD [--selection-date YYYY-MM-DD] [--existing-enrollee] [--first-of-month] [--hra-no-notice]',
  options: {
    event: { type: 'string' },
    'event-date': { type: 'string' },
    'selection-date': { type: 'string' },
    'existing-enrollee': { type: 'boolean', default: false },
    'first-of-month': { type: 'boolean', default: false },
    'hra-no-notice': { type: 'boolean', default: false },
  },
  run: (ctx) => {
    const selection = ctx.values['selection-date'];
    // The calculator validates the id and the dates and names the field that is wrong.
    return ctx.desk().services.sep.calc({
      eventId: requireString(ctx.values, 'event'),
      eventDate: requireString(ctx.values, 'event-date'),
      ...(typeof selection === 'string' ? { selectionDate: selection } : {}),
      existingEnrollee: ctx.values['existing-enrollee'] === true,
      firstOfMonth: ctx.values['first-of-month'] === true,
      hraNoNotice: ctx.values['hra-no-notice'] === true,
    });
  },
  text: (r: SepCalcResult) =>
    [
      `event                 ${r.event}`,
      r.verdict === 'ese'
        ? 'window                none judged: an Exceptional Special Enrollment'
        : `window                ${r.window.start ?? '…'} to ${r.window.end ?? '…'} (${r.verdict === 'sep' ? 'selection inside' : 'no SEP on this date'})`,
      `coverage effective    ${r.coverageEffectiveDate ?? (r.ifGranted ? `if granted: ${r.ifGranted.coverageEffectiveDate ?? 'set by the committee'}` : '—')}`,
      `determined by         ${r.determinedBy}`,
      `pends                 ${r.pends ? `yes, documents due by ${r.documentsDueBy}` : 'no'}`,
      `documentation (004)   ${r.documentationText}`,
      r.explanation,
      ...(r.ifGranted ? [r.ifGranted.text] : []),
      ...r.whatToSay.map((w) => `> ${w}`),
      ...r.warnings.map((w) => `! ${w}`),
    ].join('\n'),
};

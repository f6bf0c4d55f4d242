/**
 * The SEP window and coverage-effective-date calculator: pure functions over
 * calendar days (YYYY-MM-DD in, YYYY-MM-DD out). "Today" is passed in; nothing
 * reads the clock. The rules are the words of the Special Enrollment table
 * (seed 004); each branch names the row it follows.
 */
import { addDays, addMonths, endOfMonth, format, isAfter, isBefore, parseISO, startOfMonth } from 'date-fns';
import { z } from 'zod';
import { DeskError } from '../errors';
import { isoDate } from '../validation';
import { findRule } from './ruleBook';
import { SepEventId, type SepRule, type SepRuleSet } from './schema';

export const SepCalcInput = z
  .object({
    eventId: SepEventId,
    /** Loss of coverage: the last day of coverage; untimely notice: the day they knew or should have known; HRA: its start date. */
    eventDate: isoDate,
    /** Defaults to today. */
    selectionDate: isoDate.optional(),
    existingEnrollee: z.boolean().default(false),
    /** Birth/adoption: the person asks for the 1st of the month after the event instead of retroactive coverage. */
    firstOfMonth: z.boolean().default(false),
    /** ICHRA/QSEHRA: the HRA was not required to give 90 days' notice, so the window also runs after the start. */
    hraNoNotice: z.boolean().default(false),
  })
  .strict();
export type SepCalcInput = z.input<typeof SepCalcInput>;

export const SepCalcResult = z.object({
  event: SepEventId,
  window: z.object({ start: isoDate.nullable(), end: isoDate.nullable() }),
  withinWindow: z.boolean(),
  coverageEffectiveDate: isoDate.nullable(),
  determinedBy: z.enum(['rule', 'system', 'committee']),
  pends: z.boolean(),
  documentsDueBy: isoDate.nullable(),
  documentation: z.array(z.string()),
  explanation: z.string(),
  warnings: z.array(z.string()),
});
export type SepCalcResult = z.infer<typeof SepCalcResult>;

const fieldLabels: Record<string, string> = { eventId: 'Event', eventDate: 'Event date', selectionDate: 'Plan-selection date' };

/** Documents are due this many calendar days after plan selection when enrollment pends (seed 003 §7.4). */
export const DOCUMENTS_DUE_DAYS = 30;

const day = (s: string): Date => parseISO(s);
const iso = (d: Date): string => format(d, 'yyyy-MM-dd');
const firstOfNextMonth = (d: Date): Date => startOfMonth(addMonths(d, 1));
const long = (d: Date): string => format(d, 'MMMM d, yyyy');

/** Open enrollment is generally November 1 – January 15 (seed 003 §7.1). */
export function inOpenEnrollment(d: Date): boolean {
  const m = d.getMonth();
  return m === 10 || m === 11 || (m === 0 && d.getDate() <= 15);
}

/** The selection window, both ends inclusive; null ends for an SEP open all year. */
export function selectionWindow(rule: SepRule, event: Date, selection: Date, hraNoNotice: boolean): { start: Date | null; end: Date | null } {
  const w = rule.window;
  switch (w.kind) {
    case 'days':
      // "60 days after the event": the event day itself and the 60 days after it.
      return { start: addDays(event, -w.before), end: addDays(event, w.after) };
    case 'hra':
      // "60 days before their HRA start date": the 60 days before, not the start day
      // itself (seed 004 row 16 treats a selection on the start day as "on or after
      // triggering event", which only the no-notice window allows).
      return { start: addDays(event, -w.before), end: hraNoNotice ? addDays(event, w.afterWithoutNotice) : addDays(event, -1) };
    case 'monthly':
      // §7.4: "eligible for an SEP on a monthly basis" — the month the plan is selected in.
      return { start: startOfMonth(selection), end: endOfMonth(selection) };
    case 'ongoing':
      return { start: null, end: null };
  }
}

interface Effective {
  date: Date | null;
  because: string;
}

function effectiveDate(rule: SepRule, event: Date, selection: Date, firstOfMonth: boolean): Effective {
  const r = rule.effectiveDate;
  switch (r.kind) {
    case 'mid-month':
      // Seed 004: "on or before the 15th of the month, effective the first of the next month; after the 15th, effective the following month".
      return selection.getDate() <= 15
        ? { date: firstOfNextMonth(selection), because: `the plan was selected on or before the 15th (${long(selection)}), so the mid-month rule gives the 1st of the next month` }
        : { date: startOfMonth(addMonths(selection, 2)), because: `the plan was selected after the 15th (${long(selection)}), so the mid-month rule gives the 1st of the month after next` };
    case 'first-of-month-after-selection':
      return { date: firstOfNextMonth(selection), because: `coverage starts the 1st of the month after plan selection (${long(selection)})` };
    case 'loss-of-coverage':
      return isAfter(selection, event)
        ? { date: firstOfNextMonth(selection), because: `the plan was selected after the loss of coverage (${long(event)}), so coverage starts the 1st of the month after plan selection` }
        : { date: firstOfNextMonth(event), because: `the plan was selected before or on the day of the loss of coverage (${long(event)}), so coverage starts the 1st of the month after the loss` };
    case 'retroactive-to-event':
      return firstOfMonth && r.firstOfMonthOnRequest
        ? { date: firstOfNextMonth(event), because: `on request, coverage starts the 1st of the month following the event (${long(event)})` }
        : { date: event, because: `coverage is retroactive to the date of the event (${long(event)})` };
    case 'hra-start':
      if (isBefore(selection, event)) {
        return event.getDate() === 1
          ? { date: event, because: `the plan was selected before the HRA start, which is the 1st of a month, so coverage starts on the HRA start (${long(event)})` }
          : { date: firstOfNextMonth(event), because: `the plan was selected before the HRA start (${long(event)}), so coverage starts the 1st of the month after the start` };
      }
      return { date: firstOfNextMonth(selection), because: `the plan was selected on or after the HRA start (${long(event)}), so coverage starts the 1st of the month after plan selection` };
    case 'committee':
      return { date: null, because: 'the special enrollment committee decides the coverage effective date based on circumstances' };
  }
}

/**
 * The whole answer for one event. Throws a DeskError at the field for an
 * unknown event or an impossible date, so the CLI and the form say where.
 */
export function calculateSep(set: SepRuleSet, rawInput: unknown, today: string): SepCalcResult {
  const parsed = SepCalcInput.safeParse(rawInput);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const field = issue.path.join('.') || '_';
    const label = fieldLabels[field];
    throw new DeskError('invalid_request', label ? `${label}: ${issue.message}` : issue.message, { [field]: issue.message });
  }
  const input = parsed.data;
  const rule = findRule(set, input.eventId);
  if (!rule) throw DeskError.atField('eventId', `Rule set ${set.version} has no event ${input.eventId}.`, 'not_found');
  const event = day(input.eventDate);
  const selection = day(input.selectionDate ?? today);
  const warnings: string[] = [];

  const window = selectionWindow(rule, event, selection, input.hraNoNotice);
  const withinWindow = (!window.start || !isBefore(selection, window.start)) && (!window.end || !isAfter(selection, window.end));

  const docsApply = rule.documentation.appliesTo === 'all' || (rule.documentation.appliesTo === 'new-enrollees' && !input.existingEnrollee);
  const pends = rule.pends && docsApply;
  const documentation = docsApply ? [...rule.documentation.items] : [];

  let coverage: Date | null = null;
  let explanation: string;
  if (rule.determinedBy === 'committee') {
    warnings.push('The special enrollment committee decides this event: no coverage date is computed. Forward the request to KHBE (kynectESE@ky.gov); reps cannot decide ESE eligibility.');
    explanation = `${rule.title}: the special enrollment committee decides the coverage effective date based on circumstances.`;
  } else if (!withinWindow) {
    explanation = `${rule.title}: the plan selection on ${long(selection)} is outside the selection window (${window.start ? long(window.start) : '…'} to ${window.end ? long(window.end) : '…'}), so this event gives no special enrollment and no coverage date.`;
    warnings.push('The plan selection falls outside the selection window for this event.');
  } else {
    const eff = effectiveDate(rule, event, selection, input.firstOfMonth);
    coverage = eff.date;
    explanation = `Coverage starts ${coverage ? long(coverage) : '—'} because ${eff.because}.`;
  }

  if (rule.determinedBy === 'system') warnings.push('Determined by the system: kynect sets this date; the calculation shows what the 15th rule gives.');
  if (rule.window.kind === 'monthly') warnings.push('Monthly SEP: available every month, not only within 60 days of an event.');
  if (rule.id === 'indian-status') warnings.push('Can enroll in or change plan only one time a month.');
  if (rule.id === 'domestic-abuse-spousal-abandonment') warnings.push('An Exceptional Special Enrollment: the request goes to KHBE in writing (kynectESE@ky.gov).');
  if (input.firstOfMonth && rule.effectiveDate.kind !== 'retroactive-to-event') warnings.push('"First of the month on request" applies only to birth, adoption, foster care and court orders; it was ignored.');
  if (input.hraNoNotice && rule.window.kind !== 'hra') warnings.push('"HRA not required to give 90 days\' notice" applies only to ICHRA/QSEHRA; it was ignored.');
  if (rule.window.kind === 'hra' && !input.hraNoNotice && withinWindow === false && !isBefore(selection, event))
    warnings.push('A selection on or after the HRA start is only allowed when the HRA was not required to give 90 days\' notice.');
  if (inOpenEnrollment(selection)) warnings.push('The plan selection falls in open enrollment (November 1 – January 15): open enrollment dates may apply instead.');
  if (isAfter(selection, day(today))) warnings.push(`The plan-selection date is after today (${long(day(today))}): this is a projection.`);
  if (coverage && !set.planYears.includes(coverage.getFullYear()))
    warnings.push(`Rule set ${set.version} is for plan years ${set.planYears.join(', ')}; check the ${coverage.getFullYear()} table.`);
  if (pends) warnings.push(`Enrollment pends until the SEP is verified: documents are due within ${DOCUMENTS_DUE_DAYS} calendar days of plan selection.`);

  return {
    event: rule.id,
    window: { start: window.start ? iso(window.start) : null, end: window.end ? iso(window.end) : null },
    withinWindow,
    coverageEffectiveDate: coverage ? iso(coverage) : null,
    determinedBy: rule.determinedBy,
    pends,
    documentsDueBy: pends ? iso(addDays(selection, DOCUMENTS_DUE_DAYS)) : null,
    documentation,
    explanation,
    warnings,
  };
}

/** A short paragraph for the call notes and the clipboard. */
export function sepSummary(rule: SepRule, result: SepCalcResult, input: { eventDate: string; selectionDate: string }): string {
  const parts = [
    `SEP: ${rule.title} (${rule.id}), event ${input.eventDate}, plan selection ${input.selectionDate}.`,
    result.window.start || result.window.end
      ? `Window ${result.window.start ?? '…'} to ${result.window.end ?? '…'}: selection ${result.withinWindow ? 'inside' : 'OUTSIDE'} it.`
      : 'Window: open all year.',
    result.coverageEffectiveDate ? `Coverage effective ${result.coverageEffectiveDate}.` : result.determinedBy === 'committee' ? 'Coverage date: decided by the special enrollment committee.' : 'No coverage date.',
    result.pends ? `Enrollment pends; documents due by ${result.documentsDueBy}: ${result.documentation.join(' ')}` : result.documentation.length ? `Documents: ${result.documentation.join(' ')}` : 'No documents required.',
  ];
  return parts.join(' ');
}

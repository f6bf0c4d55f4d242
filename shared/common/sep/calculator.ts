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
  /**
   * sep: the event gives a Special Enrollment Period on this date; no-sep: the selection is
   * outside the window, so there is none (no pend, no documents due); ese: an Exceptional
   * Special Enrollment, requested in writing and decided by others — never a window verdict.
   */
  verdict: z.enum(['sep', 'no-sep', 'ese']),
  window: z.object({ start: isoDate.nullable(), end: isoDate.nullable() }),
  /** null for an ESE: the rep does not judge it. */
  withinWindow: z.boolean().nullable(),
  coverageEffectiveDate: isoDate.nullable(),
  /** For an ESE: what would apply if it is granted (the table's date rule, the 60 days of 003 §7.4). */
  ifGranted: z.object({ coverageEffectiveDate: isoDate.nullable(), selectBy: isoDate.nullable(), text: z.string() }).nullable(),
  determinedBy: z.enum(['rule', 'system', 'committee']),
  pends: z.boolean(),
  documentsDueBy: isoDate.nullable(),
  /** What is due, in the table's words (empty when nothing is). */
  documentation: z.array(z.string()),
  /** The table's Required Documentation cell, as printed (004). */
  documentationText: z.string(),
  explanation: z.string(),
  /** What the rep can say next, when the answer is not simply "coverage starts …". */
  whatToSay: z.array(z.string()),
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
    case 'none':
      return { start: null, end: null };
  }
}

/** 003 §7.1 (line 847): "Open Enrollment (OE) is generally November 1st to January 15th of each year. These dates will be announced every year." */
export const OPEN_ENROLLMENT_TEXT = 'Open Enrollment, generally November 1 to January 15; the dates are announced every year (003 §7.1)';

/** What to say when the selection is outside the window (issue 11 §9). */
export const noSepWhatToSay = [
  'There is no Special Enrollment Period for this event on this date.',
  `The resident can enroll during ${OPEN_ENROLLMENT_TEXT}.`,
  'If an exceptional circumstance kept them from enrolling, they can request an Exceptional Special Enrollment in writing to KHBE, by email to kynectESE@ky.gov, and you can forward the details of this call through an ESE intake (003 §7.5–7.6).',
] as const;

/** What to say for an Exceptional Special Enrollment (003 §7.5–7.6). */
export const eseWhatToSay = [
  'This is an Exceptional Special Enrollment: the resident requests it in writing to KHBE, by email to kynectESE@ky.gov (003 §7.5).',
  'Forward the details of this call to KHBE staff through an ESE intake. The rep does not decide: a special ESE committee recommends, the KHBE Director decides, and the resident is notified in writing (003 §7.6).',
] as const;

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
        : {
            date: startOfMonth(addMonths(selection, 2)),
            because: `the plan was selected after the 15th (${long(selection)}), so the mid-month rule gives the 1st of the month after next`,
          };
    case 'first-of-month-after-selection':
      return { date: firstOfNextMonth(selection), because: `coverage starts the 1st of the month after plan selection (${long(selection)})` };
    case 'loss-of-coverage':
      return isAfter(selection, event)
        ? {
            date: firstOfNextMonth(selection),
            because: `the plan was selected after the loss of coverage (${long(event)}), so coverage starts the 1st of the month after plan selection`,
          }
        : {
            date: firstOfNextMonth(event),
            because: `the plan was selected before or on the day of the loss of coverage (${long(event)}), so coverage starts the 1st of the month after the loss`,
          };
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
      return {
        date: firstOfNextMonth(selection),
        because: `the plan was selected on or after the HRA start (${long(event)}), so coverage starts the 1st of the month after plan selection`,
      };
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

  const ese = rule.request === 'ese';
  const window = ese ? { start: null, end: null } : selectionWindow(rule, event, selection, input.hraNoNotice);
  const inside = (!window.start || !isBefore(selection, window.start)) && (!window.end || !isAfter(selection, window.end));
  const verdict: SepCalcResult['verdict'] = ese ? 'ese' : inside ? 'sep' : 'no-sep';

  const docsApply = rule.documentation.appliesTo === 'all' || (rule.documentation.appliesTo === 'new-enrollees' && !input.existingEnrollee);
  // No SEP on this date: nothing pends and no document is due (issue 11 §9). An ESE: the committee asks, not the table.
  const pends = verdict === 'sep' && rule.pends && docsApply;
  const documentation = verdict === 'sep' && docsApply ? [...rule.documentation.items] : [];

  let coverage: Date | null = null;
  let ifGranted: SepCalcResult['ifGranted'] = null;
  let explanation: string;
  let whatToSay: string[] = [];
  if (verdict === 'ese') {
    // 003 §7.4 (line 971): "must select a new plan within 60 days of the date they knew or should have reasonably known".
    const selectBy = rule.window.kind === 'days' ? addDays(event, rule.window.after) : addDays(event, 60);
    const eff = rule.effectiveDate.kind === 'committee' ? null : effectiveDate(rule, event, selection, input.firstOfMonth);
    ifGranted = {
      coverageEffectiveDate: eff?.date ? iso(eff.date) : null,
      selectBy: iso(selectBy),
      text: eff?.date
        ? `If the ESE is granted: a plan must be selected by ${long(selectBy)}; for a plan selected on ${long(selection)}, coverage would start ${long(eff.date)} because ${eff.because}.`
        : `If the ESE is granted: a plan must be selected within 60 days of ${long(event)} (by ${long(selectBy)}), and the special enrollment committee sets the coverage date based on circumstances.`,
    };
    explanation = `${rule.title}: an Exceptional Special Enrollment, requested in writing to KHBE and decided by the ESE committee and the KHBE Director. No window is judged here.`;
    whatToSay = [...eseWhatToSay];
  } else if (verdict === 'no-sep') {
    explanation = `The plan selection on ${long(selection)} is outside this event's selection window (${window.start ? long(window.start) : '…'} to ${window.end ? long(window.end) : '…'}).`;
    whatToSay = [...noSepWhatToSay];
  } else {
    const eff = effectiveDate(rule, event, selection, input.firstOfMonth);
    coverage = eff.date;
    explanation = `Coverage starts ${coverage ? long(coverage) : '—'} because ${eff.because}.`;
  }

  if (rule.determinedBy === 'system' && verdict === 'sep') warnings.push('Determined by the system: kynect sets this date; the calculation shows what the 15th rule gives.');
  if (rule.window.kind === 'monthly') warnings.push('Monthly SEP: available every month, not only within 60 days of an event.');
  if (rule.id === 'indian-status') warnings.push('Can enroll in or change plan only one time a month.');
  if (input.firstOfMonth && rule.effectiveDate.kind !== 'retroactive-to-event')
    warnings.push('"First of the month on request" applies only to birth, adoption, foster care and court orders; it was ignored.');
  if (input.hraNoNotice && rule.window.kind !== 'hra') warnings.push('"HRA not required to give 90 days\' notice" applies only to ICHRA/QSEHRA; it was ignored.');
  if (rule.window.kind === 'hra' && !input.hraNoNotice && !inside && !isBefore(selection, event))
    warnings.push("A selection on or after the HRA start is only allowed when the HRA was not required to give 90 days' notice.");
  if (inOpenEnrollment(selection)) warnings.push('The plan selection falls in open enrollment (November 1 – January 15): open enrollment dates may apply instead.');
  if (isAfter(selection, day(today))) warnings.push(`The plan-selection date is after today (${long(day(today))}): this is a projection.`);
  if (pends) warnings.push(`Enrollment pends until the SEP is verified: documents are due within ${DOCUMENTS_DUE_DAYS} calendar days of plan selection.`);

  return {
    event: rule.id,
    verdict,
    window: { start: window.start ? iso(window.start) : null, end: window.end ? iso(window.end) : null },
    withinWindow: ese ? null : inside,
    coverageEffectiveDate: coverage ? iso(coverage) : null,
    ifGranted,
    determinedBy: rule.determinedBy,
    pends,
    documentsDueBy: pends ? iso(addDays(selection, DOCUMENTS_DUE_DAYS)) : null,
    documentation,
    documentationText: rule.documentation.tableText,
    explanation,
    whatToSay,
    warnings,
  };
}

// The summary paragraph for the notes and the clipboard is in texts/sepSummary.ts: it is read in the call's language (issue 13).

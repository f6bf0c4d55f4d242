/**
 * The calculator against the words of the Special Enrollment table (seed 004)
 * and seed 003 §7.1, §7.4, §8.5. Every expected date below was worked out by
 * hand from the table's wording, not read back from the code.
 */
import { describe, expect, it } from 'vitest';
import { calculateSep, type SepCalcInput } from '../../../shared/common/sep/calculator';
import { sepSummaryText } from '../../../shared/common/texts/sepSummary';
import { findRule, sepRuleBook } from '../../../shared/common/sep/ruleBook';
import { SepRuleSet, sepEventIds, type SepEventId } from '../../../shared/common/sep/schema';
import { DeskError } from '../../../shared/common/errors';

const summaryOf = (...a: Parameters<typeof sepSummaryText>) => sepSummaryText(...a).paragraph;

interface Case {
  name: string;
  input: SepCalcInput;
  today?: string;
  expect: {
    verdict?: 'sep' | 'no-sep' | 'ese';
    window?: { start: string | null; end: string | null };
    withinWindow: boolean | null;
    ifGranted?: { coverageEffectiveDate: string | null; selectBy: string | null };
    coverageEffectiveDate: string | null;
    determinedBy?: 'rule' | 'system' | 'committee';
    pends?: boolean;
    documentsDueBy?: string | null;
    documentationCount?: number;
    warningIncludes?: string[];
    warningExcludes?: string[];
  };
}

const cases: Case[] = [
  // Row 1, loss of MEC: "selection made before or on the day of the loss → first day of the month following loss";
  // "after the loss → first day of the month following plan selection"; "60 days before and after".
  {
    name: 'loss-of-mec: selected before the loss → 1st of month after the loss',
    input: { eventId: 'loss-of-mec', eventDate: '2026-03-31', selectionDate: '2026-03-20' },
    expect: {
      window: { start: '2026-01-30', end: '2026-05-30' },
      withinWindow: true,
      coverageEffectiveDate: '2026-04-01',
      pends: true,
      documentsDueBy: '2026-04-19',
      documentationCount: 1,
    },
  },
  {
    name: 'loss-of-mec: selected ON the day of loss → 1st of month after the loss',
    input: { eventId: 'loss-of-mec', eventDate: '2026-03-31', selectionDate: '2026-03-31' },
    expect: { withinWindow: true, coverageEffectiveDate: '2026-04-01' },
  },
  {
    name: 'loss-of-mec: selected after the loss → 1st of month after selection',
    input: { eventId: 'loss-of-mec', eventDate: '2026-03-31', selectionDate: '2026-04-10' },
    expect: { withinWindow: true, coverageEffectiveDate: '2026-05-01', documentsDueBy: '2026-05-10' },
  },
  {
    name: 'loss-of-mec: day 60 after the loss is inside',
    input: { eventId: 'loss-of-mec', eventDate: '2026-03-31', selectionDate: '2026-05-30' },
    expect: { withinWindow: true, coverageEffectiveDate: '2026-06-01' },
  },
  // Issue 11 §9: outside the window there is no SEP: nothing pends, no document is due.
  {
    name: 'loss-of-mec: day 61 after the loss is outside: no SEP on this date, no pend, no documents due',
    input: { eventId: 'loss-of-mec', eventDate: '2026-03-31', selectionDate: '2026-05-31' },
    expect: {
      verdict: 'no-sep',
      withinWindow: false,
      coverageEffectiveDate: null,
      pends: false,
      documentsDueBy: null,
      documentationCount: 0,
      warningExcludes: ['pends', 'documents are due'],
    },
  },
  {
    name: 'loss-of-mec: day 60 before the loss is inside',
    input: { eventId: 'loss-of-mec', eventDate: '2026-03-31', selectionDate: '2026-01-30' },
    expect: { withinWindow: true, coverageEffectiveDate: '2026-04-01', warningExcludes: ['open enrollment'] },
  },
  {
    name: 'loss-of-mec: day 61 before the loss is outside',
    input: { eventId: 'loss-of-mec', eventDate: '2026-03-31', selectionDate: '2026-01-29' },
    expect: { withinWindow: false, coverageEffectiveDate: null },
  },
  {
    name: 'loss-of-mec: existing enrollee sends no documents and does not pend',
    input: { eventId: 'loss-of-mec', eventDate: '2026-03-31', selectionDate: '2026-03-20', existingEnrollee: true },
    expect: { withinWindow: true, coverageEffectiveDate: '2026-04-01', pends: false, documentsDueBy: null, documentationCount: 0 },
  },
  // Row 2, COBRA contributions cease: 1st of month after selection; 60 days AFTER only.
  {
    name: 'cobra-contributions-cease: 1st of month after selection',
    input: { eventId: 'cobra-contributions-cease', eventDate: '2026-04-10', selectionDate: '2026-04-15' },
    expect: { window: { start: '2026-04-10', end: '2026-06-09' }, withinWindow: true, coverageEffectiveDate: '2026-05-01', pends: true, documentsDueBy: '2026-05-15' },
  },
  {
    name: 'cobra-contributions-cease: no window before the event',
    input: { eventId: 'cobra-contributions-cease', eventDate: '2026-04-10', selectionDate: '2026-04-09' },
    expect: { withinWindow: false, coverageEffectiveDate: null },
  },
  // Rows 3–4: 1st of month after selection; 60 days before and after; system has the information.
  {
    name: 'loss-of-pregnancy-medicaid: selected before the loss → 1st of month after selection',
    input: { eventId: 'loss-of-pregnancy-medicaid', eventDate: '2026-05-31', selectionDate: '2026-04-20' },
    expect: { window: { start: '2026-04-01', end: '2026-07-30' }, withinWindow: true, coverageEffectiveDate: '2026-05-01', pends: false, documentationCount: 0 },
  },
  {
    name: 'loss-of-medically-needy-medicaid: February common year, selected on the 28th',
    input: { eventId: 'loss-of-medically-needy-medicaid', eventDate: '2027-02-28', selectionDate: '2027-02-28' },
    expect: { window: { start: '2026-12-30', end: '2027-04-29' }, withinWindow: true, coverageEffectiveDate: '2027-03-01', pends: false },
  },
  // Row 5: loss is the last day of the plan year; December selection crosses into the next year.
  {
    name: 'non-renewal-individual-coverage: December selection → January 1 of next year',
    input: { eventId: 'non-renewal-individual-coverage', eventDate: '2026-12-31', selectionDate: '2026-12-20' },
    today: '2026-12-20',
    expect: { withinWindow: true, coverageEffectiveDate: '2027-01-01', pends: true, documentsDueBy: '2027-01-19', warningIncludes: ['open enrollment'] },
  },
  // Row 6: birth retroactive to the event, or 1st of month following on request; 60 days after.
  {
    name: 'birth: leap day birth is retroactive to February 29',
    input: { eventId: 'birth', eventDate: '2028-02-29', selectionDate: '2028-03-10' },
    today: '2028-03-10',
    expect: {
      window: { start: '2028-02-29', end: '2028-04-29' },
      withinWindow: true,
      coverageEffectiveDate: '2028-02-29',
      pends: false,
      documentsDueBy: null,
      documentationCount: 0,
    },
  },
  {
    name: 'birth: on request, 1st of month following the event',
    input: { eventId: 'birth', eventDate: '2028-02-29', selectionDate: '2028-03-10', firstOfMonth: true },
    today: '2028-03-10',
    expect: { withinWindow: true, coverageEffectiveDate: '2028-03-01' },
  },
  {
    name: 'birth: day 61 after the birth is outside',
    input: { eventId: 'birth', eventDate: '2028-02-29', selectionDate: '2028-04-30' },
    today: '2028-04-30',
    expect: { withinWindow: false, coverageEffectiveDate: null },
  },
  {
    name: 'birth: December birth, January selection keeps the December date',
    input: { eventId: 'birth', eventDate: '2026-12-28', selectionDate: '2027-01-20' },
    today: '2027-01-20',
    expect: { withinWindow: true, coverageEffectiveDate: '2026-12-28' },
  },
  {
    name: 'adoption-foster-court-order: retroactive, pends for a new enrollee',
    input: { eventId: 'adoption-foster-court-order', eventDate: '2026-07-15', selectionDate: '2026-07-20' },
    expect: { withinWindow: true, coverageEffectiveDate: '2026-07-15', pends: true, documentsDueBy: '2026-08-19', documentationCount: 1 },
  },
  {
    name: 'adoption-foster-court-order: on request, 1st of the following month',
    input: { eventId: 'adoption-foster-court-order', eventDate: '2026-07-15', selectionDate: '2026-07-20', firstOfMonth: true },
    expect: { withinWindow: true, coverageEffectiveDate: '2026-08-01' },
  },
  // Row 7, marriage: 1st of month after selection, 60 days after, newly eligibles verify.
  {
    name: 'marriage: 1st of month following plan selection, pends',
    input: { eventId: 'marriage', eventDate: '2026-06-20', selectionDate: '2026-06-25' },
    expect: {
      window: { start: '2026-06-20', end: '2026-08-19' },
      withinWindow: true,
      coverageEffectiveDate: '2026-07-01',
      pends: true,
      documentsDueBy: '2026-07-25',
      documentationCount: 1,
    },
  },
  {
    name: 'marriage: existing enrollee does not pend',
    input: { eventId: 'marriage', eventDate: '2026-06-20', selectionDate: '2026-06-25', existingEnrollee: true },
    expect: { withinWindow: true, coverageEffectiveDate: '2026-07-01', pends: false, documentationCount: 0 },
  },
  // §7.4: documents due 30 calendar days after plan selection — across a common and a leap February.
  {
    name: 'marriage: documents due 30 days after a February selection (common year)',
    input: { eventId: 'marriage', eventDate: '2027-02-01', selectionDate: '2027-02-10' },
    today: '2027-02-10',
    expect: { withinWindow: true, coverageEffectiveDate: '2027-03-01', pends: true, documentsDueBy: '2027-03-12' },
  },
  {
    name: 'marriage: documents due 30 days after a February selection (leap year)',
    input: { eventId: 'marriage', eventDate: '2028-02-01', selectionDate: '2028-02-10' },
    today: '2028-02-10',
    // No plan years are claimed (the seeds name none, issue 11 §11).
    expect: { withinWindow: true, coverageEffectiveDate: '2028-03-01', pends: true, documentsDueBy: '2028-03-11', warningExcludes: ['plan years'] },
  },
  // Row 8, permanent move: 15th rule.
  {
    name: 'permanent-move: selected on the 15th → 1st of the next month',
    input: { eventId: 'permanent-move', eventDate: '2026-05-01', selectionDate: '2026-05-15' },
    expect: { withinWindow: true, coverageEffectiveDate: '2026-06-01', pends: true },
  },
  {
    name: 'permanent-move: selected on the 16th → 1st of the month after next',
    input: { eventId: 'permanent-move', eventDate: '2026-05-01', selectionDate: '2026-05-16' },
    expect: { withinWindow: true, coverageEffectiveDate: '2026-07-01' },
  },
  {
    name: 'permanent-move: December 15 → January 1 of next year',
    input: { eventId: 'permanent-move', eventDate: '2026-12-01', selectionDate: '2026-12-15' },
    today: '2026-12-15',
    expect: { withinWindow: true, coverageEffectiveDate: '2027-01-01', warningIncludes: ['open enrollment'] },
  },
  {
    name: 'permanent-move: December 16 → February 1 of next year',
    input: { eventId: 'permanent-move', eventDate: '2026-12-01', selectionDate: '2026-12-16' },
    today: '2026-12-16',
    expect: { withinWindow: true, coverageEffectiveDate: '2027-02-01' },
  },
  // Row 9, citizenship: 15th rule, 60 days after; February windows.
  {
    name: 'gains-citizenship-lawful-presence: window over a common February ends March 2',
    input: { eventId: 'gains-citizenship-lawful-presence', eventDate: '2027-01-01', selectionDate: '2027-03-02' },
    today: '2027-03-02',
    expect: { window: { start: '2027-01-01', end: '2027-03-02' }, withinWindow: true, coverageEffectiveDate: '2027-04-01', pends: false },
  },
  {
    name: 'gains-citizenship-lawful-presence: window over a leap February ends March 1',
    input: { eventId: 'gains-citizenship-lawful-presence', eventDate: '2028-01-01', selectionDate: '2028-03-02' },
    today: '2028-03-02',
    expect: { window: { start: '2028-01-01', end: '2028-03-01' }, withinWindow: false, coverageEffectiveDate: null },
  },
  {
    name: 'gains-citizenship-lawful-presence: February 15 of a common year → March 1',
    input: { eventId: 'gains-citizenship-lawful-presence', eventDate: '2027-01-31', selectionDate: '2027-02-15' },
    today: '2027-02-15',
    expect: { withinWindow: true, coverageEffectiveDate: '2027-03-01' },
  },
  {
    name: 'gains-citizenship-lawful-presence: February 16 of a leap year → April 1',
    input: { eventId: 'gains-citizenship-lawful-presence', eventDate: '2028-01-31', selectionDate: '2028-02-16' },
    today: '2028-02-16',
    expect: { withinWindow: true, coverageEffectiveDate: '2028-04-01' },
  },
  // Row 10, loss of ESI: same loss-of-coverage rule as row 1.
  {
    name: 'loss-of-esi: selected a day after the loss → 1st of month after selection',
    input: { eventId: 'loss-of-esi', eventDate: '2026-08-31', selectionDate: '2026-09-01' },
    expect: { withinWindow: true, coverageEffectiveDate: '2026-10-01', pends: true, documentsDueBy: '2026-10-01' },
  },
  {
    name: 'loss-of-esi: selected weeks before the loss → 1st of month after the loss',
    input: { eventId: 'loss-of-esi', eventDate: '2026-08-31', selectionDate: '2026-08-01' },
    expect: { window: { start: '2026-07-02', end: '2026-10-30' }, withinWindow: true, coverageEffectiveDate: '2026-09-01' },
  },
  // Row 11: determined by system.
  {
    name: 'aptc-csr-eligibility-change: 15th rule, determined by the system',
    input: { eventId: 'aptc-csr-eligibility-change', eventDate: '2026-04-01', selectionDate: '2026-04-15' },
    expect: { withinWindow: true, coverageEffectiveDate: '2026-05-01', determinedBy: 'system', warningIncludes: ['Determined by the system'] },
  },
  {
    name: 'loses-dependent: selected on the 30th → 1st of the month after next',
    input: { eventId: 'loses-dependent', eventDate: '2026-09-10', selectionDate: '2026-09-30' },
    expect: { withinWindow: true, coverageEffectiveDate: '2026-11-01', pends: false },
  },
  {
    name: 'moved-from-non-expansion-state: selected on the 1st → 1st of next month',
    input: { eventId: 'moved-from-non-expansion-state', eventDate: '2026-02-20', selectionDate: '2026-03-01' },
    expect: { withinWindow: true, coverageEffectiveDate: '2026-04-01' },
  },
  // Row 14 (004:34): "Determined by special enrollment committee": an ESE, never a window verdict; the 15th rule only as what applies if granted.
  {
    name: 'medicaid-kchip-denial-after-oe: an ESE, no verdict; the mid-month date only if granted',
    input: { eventId: 'medicaid-kchip-denial-after-oe', eventDate: '2026-03-10', selectionDate: '2026-03-12' },
    expect: {
      verdict: 'ese',
      window: { start: null, end: null },
      withinWindow: null,
      coverageEffectiveDate: null,
      ifGranted: { coverageEffectiveDate: '2026-04-01', selectBy: '2026-05-09' },
      determinedBy: 'committee',
      pends: false,
    },
  },
  // Row 15 (004:35) with 003 §7.5 (line 1007): requested in writing to KHBE; the mid-month date only as what applies if granted.
  {
    name: 'domestic-abuse-spousal-abandonment: an ESE requested in writing; mid-month date only if granted',
    input: { eventId: 'domestic-abuse-spousal-abandonment', eventDate: '2026-10-01', selectionDate: '2026-10-16' },
    expect: {
      verdict: 'ese',
      withinWindow: null,
      coverageEffectiveDate: null,
      ifGranted: { coverageEffectiveDate: '2026-12-01', selectBy: '2026-11-30' },
      determinedBy: 'committee',
      warningExcludes: ['open enrollment', 'outside'],
    },
  },
  {
    name: 'domestic-abuse-spousal-abandonment: long after the event, still no "outside the window" verdict',
    input: { eventId: 'domestic-abuse-spousal-abandonment', eventDate: '2026-01-05', selectionDate: '2026-10-16' },
    expect: {
      verdict: 'ese',
      withinWindow: null,
      coverageEffectiveDate: null,
      ifGranted: { coverageEffectiveDate: '2026-12-01', selectBy: '2026-03-06' },
      warningExcludes: ['outside'],
    },
  },
  // Row 16 + §8.5: HRA.
  {
    name: 'ichra-qsehra: HRA starts on the 1st, selected before → the start itself',
    input: { eventId: 'ichra-qsehra', eventDate: '2027-01-01', selectionDate: '2026-12-10' },
    today: '2026-12-10',
    expect: { window: { start: '2026-11-02', end: '2026-12-31' }, withinWindow: true, coverageEffectiveDate: '2027-01-01' },
  },
  {
    name: 'ichra-qsehra: HRA starts mid-month, selected before → 1st of the month after the start',
    input: { eventId: 'ichra-qsehra', eventDate: '2026-07-15', selectionDate: '2026-06-01' },
    expect: { window: { start: '2026-05-16', end: '2026-07-14' }, withinWindow: true, coverageEffectiveDate: '2026-08-01' },
  },
  {
    name: 'ichra-qsehra: 60 days before the start is the earliest day',
    input: { eventId: 'ichra-qsehra', eventDate: '2026-07-15', selectionDate: '2026-05-15' },
    expect: { withinWindow: false, coverageEffectiveDate: null },
  },
  {
    name: 'ichra-qsehra: with notice, selection on the start day is outside',
    input: { eventId: 'ichra-qsehra', eventDate: '2026-07-15', selectionDate: '2026-07-15' },
    expect: { withinWindow: false, coverageEffectiveDate: null, warningIncludes: ["90 days' notice"] },
  },
  {
    name: 'ichra-qsehra: no notice required, selected after the start → 1st of month after selection',
    input: { eventId: 'ichra-qsehra', eventDate: '2026-07-15', selectionDate: '2026-07-20', hraNoNotice: true },
    expect: { window: { start: '2026-05-16', end: '2026-09-13' }, withinWindow: true, coverageEffectiveDate: '2026-08-01' },
  },
  {
    name: 'ichra-qsehra: no notice required, selected on a mid-month start day → 1st of month after selection',
    input: { eventId: 'ichra-qsehra', eventDate: '2026-07-15', selectionDate: '2026-07-15', hraNoNotice: true },
    expect: { withinWindow: true, coverageEffectiveDate: '2026-08-01' },
  },
  {
    name: 'ichra-qsehra: no notice, HRA on the 1st, selected on the start day → 1st of month after selection',
    input: { eventId: 'ichra-qsehra', eventDate: '2026-07-01', selectionDate: '2026-07-01', hraNoNotice: true },
    expect: { withinWindow: true, coverageEffectiveDate: '2026-08-01' },
  },
  // Row 17 + §7.1: any time, once a month.
  {
    name: 'indian-status: open all year, 15th rule, once-a-month warning',
    input: { eventId: 'indian-status', eventDate: '2020-01-01', selectionDate: '2026-03-20' },
    expect: { window: { start: null, end: null }, withinWindow: true, coverageEffectiveDate: '2026-05-01', warningIncludes: ['one time a month'] },
  },
  // Rows 18–22 (004:43, 49-52): "Based on circumstances", committee: no window the table does not give, no verdict;
  // if granted, a plan within 60 days of knowing (003 §7.4, line 971).
  ...(['exceptional-circumstances', 'exchange-error', 'plan-contract-violation', 'material-plan-error', 'non-exchange-entity-misconduct'] as const).map((id): Case => ({
    name: `${id}: an ESE, no window, no date computed`,
    input: { eventId: id, eventDate: '2026-04-01', selectionDate: '2026-09-20' },
    expect: {
      verdict: 'ese',
      window: { start: null, end: null },
      withinWindow: null,
      coverageEffectiveDate: null,
      ifGranted: { coverageEffectiveDate: null, selectBy: '2026-05-31' },
      determinedBy: 'committee',
      pends: false,
      warningExcludes: ['outside'],
    },
  })),
  // Row 23 + §7.4: monthly.
  {
    name: 'income-at-or-below-150-fpl: monthly, common February',
    input: { eventId: 'income-at-or-below-150-fpl', eventDate: '2027-02-01', selectionDate: '2027-02-10' },
    today: '2027-02-10',
    expect: { window: { start: '2027-02-01', end: '2027-02-28' }, withinWindow: true, coverageEffectiveDate: '2027-03-01', warningIncludes: ['Monthly SEP'] },
  },
  {
    name: 'income-at-or-below-150-fpl: monthly, leap February, after the 15th',
    input: { eventId: 'income-at-or-below-150-fpl', eventDate: '2028-02-01', selectionDate: '2028-02-20' },
    today: '2028-02-20',
    expect: { window: { start: '2028-02-01', end: '2028-02-29' }, withinWindow: true, coverageEffectiveDate: '2028-04-01' },
  },
  // Row 24 + §7.4: 60 days from when they knew; verification required for all.
  {
    name: 'untimely-notice: day 60 after knowing, after the 15th, crosses the year',
    input: { eventId: 'untimely-notice', eventDate: '2026-10-01', selectionDate: '2026-11-30' },
    today: '2026-11-30',
    expect: {
      window: { start: '2026-10-01', end: '2026-11-30' },
      withinWindow: true,
      coverageEffectiveDate: '2027-01-01',
      pends: false,
      documentationCount: 1,
      warningIncludes: ['open enrollment'],
    },
  },
  {
    name: 'untimely-notice: day 61 is outside',
    input: { eventId: 'untimely-notice', eventDate: '2026-10-01', selectionDate: '2026-12-01' },
    today: '2026-12-01',
    expect: { withinWindow: false, coverageEffectiveDate: null },
  },
  {
    name: 'untimely-notice: documents asked even of existing enrollees',
    input: { eventId: 'untimely-notice', eventDate: '2026-10-01', selectionDate: '2026-10-05', existingEnrollee: true },
    expect: { withinWindow: true, coverageEffectiveDate: '2026-11-01', documentationCount: 1 },
  },
  // Open enrollment (§7.1): November 1 – January 15.
  {
    name: 'open enrollment: January 15 warns',
    input: { eventId: 'marriage', eventDate: '2027-01-10', selectionDate: '2027-01-15' },
    today: '2027-01-15',
    expect: { withinWindow: true, coverageEffectiveDate: '2027-02-01', warningIncludes: ['open enrollment'] },
  },
  {
    name: 'open enrollment: January 16 does not',
    input: { eventId: 'marriage', eventDate: '2027-01-10', selectionDate: '2027-01-16' },
    today: '2027-01-16',
    expect: { withinWindow: true, coverageEffectiveDate: '2027-02-01', warningExcludes: ['open enrollment'] },
  },
  {
    name: 'open enrollment: October 31 does not, November 1 does',
    input: { eventId: 'marriage', eventDate: '2026-10-20', selectionDate: '2026-11-01' },
    today: '2026-11-01',
    expect: { withinWindow: true, coverageEffectiveDate: '2026-12-01', warningIncludes: ['open enrollment'] },
  },
];

describe('SEP calculator (seed 004 table)', () => {
  it.each(cases)('$name', (c) => {
    const r = calculateSep(sepRuleBook, c.input, c.today ?? '2026-06-01');
    expect(r.event).toBe(c.input.eventId);
    if (c.expect.verdict) expect(r.verdict).toBe(c.expect.verdict);
    if (c.expect.ifGranted) expect(r.ifGranted).toMatchObject(c.expect.ifGranted);
    if (r.verdict !== 'ese') expect(r.ifGranted).toBeNull();
    if (c.expect.window) expect(r.window).toEqual(c.expect.window);
    expect(r.withinWindow).toBe(c.expect.withinWindow);
    expect(r.coverageEffectiveDate).toBe(c.expect.coverageEffectiveDate);
    if (c.expect.determinedBy) expect(r.determinedBy).toBe(c.expect.determinedBy);
    if (c.expect.pends !== undefined) expect(r.pends).toBe(c.expect.pends);
    if (c.expect.documentsDueBy !== undefined) expect(r.documentsDueBy).toBe(c.expect.documentsDueBy);
    if (c.expect.documentationCount !== undefined) expect(r.documentation).toHaveLength(c.expect.documentationCount);
    for (const w of c.expect.warningIncludes ?? []) expect(r.warnings.join('\n')).toContain(w);
    for (const w of c.expect.warningExcludes ?? []) expect(r.warnings.join('\n')).not.toContain(w);
    expect(r.explanation.length).toBeGreaterThan(20);
    if (r.coverageEffectiveDate) expect(r.explanation).toMatch(/^Coverage starts .+ because /);
  });

  it('covers every event id of the issue', () => {
    const covered = new Set(cases.map((c) => c.input.eventId));
    expect([...sepEventIds].filter((id) => !covered.has(id))).toEqual([]);
    expect(cases.length).toBeGreaterThanOrEqual(40);
  });

  it('October 31 is not open enrollment', () => {
    const r = calculateSep(sepRuleBook, { eventId: 'marriage', eventDate: '2026-10-20', selectionDate: '2026-10-31' }, '2026-10-31');
    expect(r.warnings.join('\n')).not.toContain('open enrollment');
  });

  it('uses today as the plan-selection date when none is given', () => {
    const r = calculateSep(sepRuleBook, { eventId: 'permanent-move', eventDate: '2026-05-01' }, '2026-05-16');
    expect(r.coverageEffectiveDate).toBe('2026-07-01');
    expect(r.warnings.join('\n')).not.toContain('projection');
  });

  it('says when the selection date is after today', () => {
    const r = calculateSep(sepRuleBook, { eventId: 'permanent-move', eventDate: '2026-05-01', selectionDate: '2026-05-20' }, '2026-05-02');
    expect(r.warnings.join('\n')).toContain('projection');
  });

  it('warns that first-of-month and no-notice options do not apply to other events', () => {
    const r = calculateSep(sepRuleBook, { eventId: 'marriage', eventDate: '2026-06-20', selectionDate: '2026-06-25', firstOfMonth: true, hraNoNotice: true }, '2026-06-25');
    expect(r.coverageEffectiveDate).toBe('2026-07-01');
    expect(r.warnings.join('\n')).toContain('ignored');
  });

  const refuse = (input: unknown, field: string) => {
    try {
      calculateSep(sepRuleBook, input, '2026-06-01');
    } catch (e) {
      expect(e).toBeInstanceOf(DeskError);
      expect((e as DeskError).fieldErrors?.[field]).toBeTruthy();
      return (e as DeskError).message;
    }
    throw new Error('expected a refusal');
  };

  it('refuses an unknown event id at its field', () => {
    expect(refuse({ eventId: 'won-the-lottery', eventDate: '2026-01-01' }, 'eventId')).toContain('no qualifying event');
  });
  it('refuses impossible dates at their field (Feb 30, Feb 29 of a common year)', () => {
    expect(refuse({ eventId: 'birth', eventDate: '2026-02-30' }, 'eventDate')).toContain('does not exist');
    expect(refuse({ eventId: 'birth', eventDate: '2026-01-01', selectionDate: '2027-02-29' }, 'selectionDate')).toContain('does not exist');
    expect(refuse({ eventId: 'birth', eventDate: '01/02/2026' }, 'eventDate')).toContain('YYYY-MM-DD');
  });

  it('summarises a result in one paragraph with the dates', () => {
    const input = { eventId: 'loss-of-esi' as SepEventId, eventDate: '2026-08-31', selectionDate: '2026-09-01' };
    const r = calculateSep(sepRuleBook, input, '2026-09-01');
    const text = summaryOf(findRule(sepRuleBook, 'loss-of-esi')!, r, input);
    expect(text).toContain('Coverage effective 2026-10-01');
    expect(text).toContain('documents due by 2026-10-01');
    expect(text).not.toContain('\n');
  });
});

describe('SEP rule set (data)', () => {
  it('has exactly the ids of the issue, each with a source section and caller words', () => {
    expect(sepRuleBook.rules.map((r) => r.id).sort()).toEqual([...sepEventIds].sort());
    for (const r of sepRuleBook.rules) {
      expect(r.sources[0]!.document).toMatch(/^00[34] /);
      expect(r.callerWords.length).toBeGreaterThan(0);
    }
    // Issue 11 §11: the bundle names its source table; the seeds name no plan year.
    expect(sepRuleBook.sourceTable).toBe('Special Enrollment table (seed 004_d78184565f65ffff.txt)');
    expect(sepRuleBook).not.toHaveProperty('planYears');
  });

  it('every committee row is an ESE request; "Based on circumstances" rows give no window; the others name their rule', () => {
    for (const r of sepRuleBook.rules) {
      if (r.determinedBy === 'committee') expect(r.request).toBe('ese');
      if (r.effectiveDate.kind === 'committee') expect(r.determinedBy).toBe('committee');
      if (r.effectiveDate.kind === 'committee') expect(r.window.kind).toBe('none');
    }
    // 003 §7.5 (lines 1004-1007): the ESEs requested in writing to KHBE.
    for (const id of ['exchange-error', 'plan-contract-violation', 'material-plan-error', 'domestic-abuse-spousal-abandonment'] as const)
      expect(findRule(sepRuleBook, id)!.request).toBe('ese');
  });

  it("documentation in the table's own words (004, Required Documentation column)", () => {
    const words = (id: SepEventId) => findRule(sepRuleBook, id)!.documentation.tableText;
    expect(words('untimely-notice')).toBe('Verification required.'); // 004:59
    expect(findRule(sepRuleBook, 'untimely-notice')!.documentation.items).toEqual(['Verification required.']);
    expect(words('loss-of-pregnancy-medicaid')).toBe('We have this information in our system so verification not required.'); // 004:8
    expect(words('loss-of-esi')).toBe('Newly eligible must provide proof of loss of coverage'); // 004:25
    expect(words('marriage')).toBe('Newly eligibles must provide verification that at least one spouse had prior coverage and proof of marriage *Enrollment will pend'); // 004:17
    expect(words('birth')).toBe('Verification not required for birth'); // 004:16
    for (const r of sepRuleBook.rules) for (const item of r.documentation.items) expect(r.documentation.tableText).toContain(item.replace(/\.$/, ''));
  });

  it('the date field says what the rule counts from (COBRA: the day the employer contribution ended, 004:7)', () => {
    expect(findRule(sepRuleBook, 'cobra-contributions-cease')!.eventDateLabel).toBe('Day the employer contribution ended');
    expect(findRule(sepRuleBook, 'loss-of-mec')!.eventDateLabel).toBe('Last day of coverage');
    expect(findRule(sepRuleBook, 'exchange-error')!.eventDateLabel).toBe('Day they knew or should have reasonably known of the event');
  });

  it('outside the window: what the rep can say — Open Enrollment (003:847) or an ESE request in writing (003:1002)', () => {
    const r = calculateSep(sepRuleBook, { eventId: 'marriage', eventDate: '2026-01-01', selectionDate: '2026-06-01' }, '2026-06-01');
    expect(r.verdict).toBe('no-sep');
    expect(r.explanation).toBe("The plan selection on June 1, 2026 is outside this event's selection window (January 1, 2026 to March 2, 2026).");
    expect(r.whatToSay[0]).toBe('There is no Special Enrollment Period for this event on this date.');
    expect(r.whatToSay.join(' ')).toContain('Open Enrollment, generally November 1 to January 15');
    expect(r.whatToSay.join(' ')).toContain('request an Exceptional Special Enrollment in writing to KHBE');
    const summary = summaryOf(findRule(sepRuleBook, 'marriage')!, r, { eventDate: '2026-01-01', selectionDate: '2026-06-01' });
    expect(summary).toContain('No Special Enrollment Period for this event on this date');
    expect(summary).not.toMatch(/pend|documents due/i);
  });

  it('an ESE summary says who decides and never judges the window', () => {
    const input = { eventId: 'domestic-abuse-spousal-abandonment' as SepEventId, eventDate: '2026-01-05', selectionDate: '2026-10-16' };
    const r = calculateSep(sepRuleBook, input, '2026-10-16');
    const text = summaryOf(findRule(sepRuleBook, input.eventId)!, r, input);
    expect(text).toContain('requested in writing to KHBE');
    expect(text).toContain('If the ESE is granted');
    expect(text).not.toMatch(/outside|inside/i);
    expect(r.whatToSay.join(' ')).toContain('Forward the details of this call to KHBE staff through an ESE intake');
  });

  it('refuses a rule set with a duplicate or a missing event', () => {
    const dup = { ...sepRuleBook, rules: [...sepRuleBook.rules, sepRuleBook.rules[0]] };
    expect(SepRuleSet.safeParse(dup).success).toBe(false);
    const missing = { ...sepRuleBook, rules: sepRuleBook.rules.slice(1) };
    const parsed = SepRuleSet.safeParse(missing);
    expect(parsed.success).toBe(false);
    expect(JSON.stringify(parsed.error?.issues)).toContain('loss-of-mec');
  });
});

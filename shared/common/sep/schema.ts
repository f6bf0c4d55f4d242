/**
 * The shape of the SEP rule book: every qualifying event of the Special
 * Enrollment table (seed 004) as typed data, so the calculator, the search
 * index and the screen all read the same rows and next plan year's table is a
 * data change.
 */
import { z } from 'zod';

/** The ids other tools use to name an event; fixed by issue 3. */
export const sepEventIds = [
  'loss-of-mec',
  'cobra-contributions-cease',
  'loss-of-pregnancy-medicaid',
  'loss-of-medically-needy-medicaid',
  'non-renewal-individual-coverage',
  'birth',
  'adoption-foster-court-order',
  'marriage',
  'permanent-move',
  'gains-citizenship-lawful-presence',
  'loss-of-esi',
  'aptc-csr-eligibility-change',
  'loses-dependent',
  'moved-from-non-expansion-state',
  'medicaid-kchip-denial-after-oe',
  'domestic-abuse-spousal-abandonment',
  'ichra-qsehra',
  'indian-status',
  'exceptional-circumstances',
  'exchange-error',
  'plan-contract-violation',
  'material-plan-error',
  'non-exchange-entity-misconduct',
  'income-at-or-below-150-fpl',
  'untimely-notice',
] as const;
export const SepEventId = z.enum(sepEventIds, { error: 'There is no qualifying event with that id.' });
export type SepEventId = z.infer<typeof SepEventId>;

/** The five SEP types of seed 003 §7.4, plus the exceptional (committee) ones of §7.5. */
export const SepCategory = z.enum(['loss-of-coverage', 'household-size', 'place-of-living', 'payment-assistance', 'more-qualifying-changes', 'exceptional']);
export type SepCategory = z.infer<typeof SepCategory>;

export const categoryTitles: Record<SepCategory, string> = {
  'loss-of-coverage': 'Loss of qualifying health coverage',
  'household-size': 'Change in household size',
  'place-of-living': 'Change in primary place of living',
  'payment-assistance': 'Newly eligible or ineligible for payment assistance',
  'more-qualifying-changes': 'More qualifying changes',
  exceptional: 'Exceptional special enrollment',
};

/** How the coverage effective date follows from the event and the plan selection (seed 004, middle column). */
export const EffectiveDateRule = z.discriminatedUnion('kind', [
  /** On or before the 15th → first of next month; after → first of the month after that. */
  z.object({ kind: z.literal('mid-month') }).strict(),
  z.object({ kind: z.literal('first-of-month-after-selection') }).strict(),
  /** Selection on/before the loss day → first of the month after the loss; after → first of the month after selection. */
  z.object({ kind: z.literal('loss-of-coverage') }).strict(),
  /** Retroactive to the event; or, on request, the first of the month after the event. */
  z.object({ kind: z.literal('retroactive-to-event'), firstOfMonthOnRequest: z.boolean() }).strict(),
  /** Before the HRA start → first of the month after it (the start itself when it is a 1st); on/after → first of the month after selection. */
  z.object({ kind: z.literal('hra-start') }).strict(),
  /** "Based on circumstances": the special enrollment committee sets it. */
  z.object({ kind: z.literal('committee') }).strict(),
]);
export type EffectiveDateRule = z.infer<typeof EffectiveDateRule>;

export const SelectionWindow = z.discriminatedUnion('kind', [
  /** Both ends inclusive: [event − before, event + after]. */
  z.object({ kind: z.literal('days'), before: z.number().int().min(0).max(365), after: z.number().int().min(0).max(365) }).strict(),
  /** 60 days before the HRA start; before or after when the HRA did not have to give 90 days' notice. */
  z.object({ kind: z.literal('hra'), before: z.number().int().min(1), afterWithoutNotice: z.number().int().min(1) }).strict(),
  /** Available every month (the calendar month of the selection). */
  z.object({ kind: z.literal('monthly') }).strict(),
  /** Any time of the year. */
  z.object({ kind: z.literal('ongoing') }).strict(),
  /** The table gives no window ("Based on circumstances", the committee decides): none is computed and none is judged. */
  z.object({ kind: z.literal('none') }).strict(),
]);
export type SelectionWindow = z.infer<typeof SelectionWindow>;

export const Documentation = z
  .object({
    /** Who must send documents: nobody, new enrollees only, or everyone using the SEP. */
    appliesTo: z.enum(['none', 'new-enrollees', 'all']),
    /** What is due, each in the table's own words. */
    items: z.array(z.string().min(1)),
    /** The Required Documentation cell exactly as the table prints it (004), shown on the card. */
    tableText: z.string().min(3),
  })
  .strict();
export type Documentation = z.infer<typeof Documentation>;

export const SourceRef = z.object({ document: z.string().min(1), section: z.string().min(1) }).strict();

export const SepRule = z
  .object({
    id: SepEventId,
    title: z.string().min(3),
    description: z.string().min(10),
    examples: z.array(z.string().min(3)).min(1),
    /** The words callers actually say; indexed for search. */
    callerWords: z.array(z.string().min(2)).min(1),
    /**
     * The same situations as Spanish-speaking callers say them (issue 13.2): reviewed
     * wording kept with the rules and versioned with them, never translated at run time.
     * Indexed for search with accents folded; not shown to the caller.
     */
    callerWordsEs: z.array(z.string().min(2)).min(1),
    category: SepCategory,
    effectiveDate: EffectiveDateRule,
    /** The rule as the table words it, shown on the detail card. */
    effectiveDateText: z.string().min(3),
    /** What the event date counts from, as the calculator's date field says it ("Day the employer contribution ended"). */
    eventDateLabel: z.string().min(3),
    /**
     * sep: an SEP the rules grant or refuse by their window. ese: an Exceptional Special
     * Enrollment — requested in writing to KHBE (003 §7.5) or decided by the special
     * enrollment committee (004) — where the rep never judges a window: the date is only
     * what applies if it is granted.
     */
    request: z.enum(['sep', 'ese']),
    window: SelectionWindow,
    windowText: z.string().min(3),
    documentation: Documentation,
    /** Enrollment pends for pre-enrollment verification (for whoever `documentation.appliesTo` names). */
    pends: z.boolean(),
    determinedBy: z.enum(['rule', 'system', 'committee']),
    notes: z.array(z.string()),
    sources: z.array(SourceRef).min(1),
  })
  .strict();
export type SepRule = z.infer<typeof SepRule>;

export const SepRuleSet = z
  .object({
    version: z.string().regex(/^\d{4}\.\d+$/, 'A rule-set version looks like 2026.1.'),
    /** The table the rows were taken from; the seeds name no plan year, so none is claimed (the date it was loaded is kept with it). */
    sourceTable: z.string().min(3),
    source: z.string(),
    rules: z.array(SepRule),
  })
  .strict()
  .superRefine((set, ctx) => {
    const seen = new Set<string>();
    for (const [i, r] of set.rules.entries()) {
      if (seen.has(r.id)) ctx.addIssue({ code: 'custom', path: ['rules', i, 'id'], message: `Duplicate event id ${r.id}.` });
      seen.add(r.id);
    }
    for (const id of sepEventIds) {
      if (!seen.has(id)) ctx.addIssue({ code: 'custom', path: ['rules'], message: `The rule set has no rule for ${id}.` });
    }
  });
export type SepRuleSet = z.infer<typeof SepRuleSet>;

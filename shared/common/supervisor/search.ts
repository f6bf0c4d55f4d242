import { z } from 'zod';
import { hasUnsafeChars } from '../privacy/unsafeText';
import { isoDate } from '../validation';

/**
 * Search across desks (issue 18 §4): consent records, Agent associations and calls by
 * case number, Agent (name or NPN) and a date range. Supervisors only; every search and
 * every result opened is audited (centrally in supervisor_view and on this desk).
 */
export const SEARCH_PAGE_SIZE = 25;
/** Paging is by offset: past this a supervisor narrows the search instead (the store reads pages × size rows). */
export const SEARCH_MAX_PAGE = 200;
/** A year and a day: a wider range is a report, not a search. */
export const SEARCH_MAX_DAYS = 366;

export const SearchKind = z.enum(['calls', 'consents', 'associations']);
export type SearchKind = z.infer<typeof SearchKind>;

export const searchKindLabel: Record<SearchKind, string> = { calls: 'Calls', consents: 'Consent records', associations: 'Agent associations' };

/** Blank fields are left out by the form; a blank string counts as left out too. */
const optionalText = (schema: z.ZodType<string>) => z.preprocess((v) => (typeof v === 'string' && v.trim() === '' ? undefined : v), schema.optional());

export const SearchRequest = z
  .object({
    kind: SearchKind,
    caseNumber: optionalText(
      z
        .string()
        .trim()
        .max(30, 'A case number is at most 30 characters.')
        .regex(/^[A-Za-z0-9-]+$/, 'A case number is letters, digits and dashes only.'),
    ),
    /** An Agent's NPN (matched exactly) or the start of their name (2 letters or more, any case). */
    agent: optionalText(
      z
        .string()
        .trim()
        .min(2, 'Give at least 2 characters of the Agent’s name, or their NPN.')
        .max(120, 'An Agent’s name is at most 120 characters.')
        .refine((s) => !hasUnsafeChars(s), 'The Agent field holds characters that cannot be searched (control or text-direction characters).'),
    ),
    from: optionalText(isoDate),
    to: optionalText(isoDate),
    page: z.number().int('The page is a whole number.').min(1, 'Pages start at 1.').max(SEARCH_MAX_PAGE, `Pages stop at ${SEARCH_MAX_PAGE}: narrow the search instead.`).default(1),
  })
  .strict()
  .superRefine((r, ctx) => {
    if (!r.caseNumber && !r.agent && !r.from && !r.to)
      ctx.addIssue({ code: 'custom', path: ['caseNumber'], message: 'Give a case number, an Agent or a date range to search by.' });
    if (r.from && r.to && r.from > r.to) ctx.addIssue({ code: 'custom', path: ['to'], message: 'The last day is before the first day.' });
    if (r.from && r.to && (Date.parse(r.to) - Date.parse(r.from)) / 86_400_000 >= SEARCH_MAX_DAYS)
      ctx.addIssue({ code: 'custom', path: ['from'], message: `A search covers at most ${SEARCH_MAX_DAYS} days.` });
  });
export type SearchRequest = z.output<typeof SearchRequest>;
export type SearchRequestInput = z.input<typeof SearchRequest>;

export const SearchCallRow = z.object({
  id: z.string(),
  deskName: z.string(),
  operatorName: z.string().nullable(),
  callerType: z.string(),
  /** The caller's name as the rep wrote it (an Agent's, when an Agent called). */
  callerName: z.string().nullable(),
  caseNumber: z.string().nullable(),
  startedAt: z.string(),
  /** Null while the call is open (this desk only: the central store keeps closed calls). */
  closedAt: z.string().nullable(),
  disposition: z.string().nullable(),
  handleSeconds: z.number().nullable(),
});
export type SearchCallRow = z.infer<typeof SearchCallRow>;

export const SearchConsentRow = z.object({
  id: z.string(),
  deskName: z.string(),
  kind: z.string(),
  method: z.string().nullable(),
  outcome: z.enum(['accepted', 'refused']),
  caseNumber: z.string().nullable(),
  clientName: z.string().nullable(),
  agentName: z.string().nullable(),
  agentId: z.string().nullable(),
  organization: z.string().nullable(),
  createdAt: z.string(),
});
export type SearchConsentRow = z.infer<typeof SearchConsentRow>;

export const SearchAssociationRow = z.object({
  id: z.string(),
  deskName: z.string(),
  agentName: z.string(),
  agentId: z.string(),
  agency: z.string(),
  caseNumber: z.string(),
  associatedOn: z.string(),
  createdAt: z.string(),
});
export type SearchAssociationRow = z.infer<typeof SearchAssociationRow>;

const scope = z.enum(['central', 'desk']);
const page = { scope, scopeNote: z.string(), page: z.number().int(), pageSize: z.number().int(), hasMore: z.boolean() };

export const SearchResult = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('calls'), ...page, rows: z.array(SearchCallRow) }),
  z.object({ kind: z.literal('consents'), ...page, rows: z.array(SearchConsentRow) }),
  z.object({ kind: z.literal('associations'), ...page, rows: z.array(SearchAssociationRow) }),
]);
export type SearchResult = z.infer<typeof SearchResult>;

export const SearchResultRequest = z
  .object({
    kind: SearchKind,
    id: z
      .string()
      .trim()
      .min(1, 'Which result?')
      .max(64)
      .regex(/^[A-Za-z0-9-]+$/, 'A result id is letters, digits and dashes.'),
  })
  .strict();

export const SearchResultDetail = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('calls'),
    call: SearchCallRow,
    /** SSNs masked to their last 4 (older notes may hold one). */
    notes: z.string(),
    timeline: z.array(z.object({ at: z.string(), summary: z.string() })),
  }),
  z.object({
    kind: z.literal('consents'),
    consent: SearchConsentRow,
    repName: z.string().nullable(),
    attempts: z.number().int(),
    acknowledgments: z.array(z.object({ text: z.string(), answer: z.string().nullable() })),
    refusal: z.string().nullable(),
    callId: z.string().nullable(),
  }),
  z.object({ kind: z.literal('associations'), association: SearchAssociationRow, consentRecordId: z.string(), callId: z.string().nullable() }),
]);
export type SearchResultDetail = z.infer<typeof SearchResultDetail>;

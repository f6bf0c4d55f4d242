import { z } from 'zod';
import { callLanguages } from '../calls/language';
import { channel, event } from '../ipc/define';
import { lookupRequestSchema } from './schemas';

/**
 * The member-match channels (issue 4 §3): the PSL lookup, the deliberate SSN reveal,
 * and CSV imports sent in chunks from a file picker (begin → chunk… → commit, or
 * cancel, which leaves nothing written).
 */
const Verdict = z.enum(['agrees', 'close', 'differs', 'missing']);
const FieldExplanation = z.object({ verdict: Verdict, level: z.string(), reason: z.string(), weight: z.number() });
export const FieldsExplained = z.object({
  firstName: FieldExplanation,
  lastName: FieldExplanation,
  dateOfBirth: FieldExplanation,
  sex: FieldExplanation,
  ssn: FieldExplanation,
});

export const MatchCandidate = z.object({
  memberId: z.string(),
  caseNumber: z.string(),
  score: z.number(),
  exact: z.boolean(),
  fields: FieldsExplained.nullable(),
  firstName: z.string(),
  middleName: z.string().nullable(),
  lastName: z.string(),
  suffix: z.string().nullable(),
  dateOfBirth: z.string(),
  sex: z.enum(['M', 'F', 'U']),
  /** "***-**-6789" or "" — the full SSN only comes from app:match.revealSsn. */
  ssnMasked: z.string(),
  headOfHousehold: z.boolean(),
  /**
   * Why this candidate, in plain words (issue 16 §3): "Agrees, except that the first and
   * last names appear swapped and no SSN was given." Empty for a search by number.
   * Added after issue 4: absent from lookups stored before it.
   */
  summary: z.string().default(''),
});
export type MatchCandidate = z.infer<typeof MatchCandidate>;

/**
 * The person or their SSN on more than one record (issue 12 §1, issue 16 §1), from
 * shared/common/match/decide.ts:
 *  - several-full: two or more members agree on every field;
 *  - ssn: the SSN given, or the best candidate's SSN on file, is also on file on
 *    another case;
 *  - identity: another case holds a member who may be the same person.
 * memberIds and caseNumbers start with the best candidate and its case; `reason` is a
 * sentence to read out. A lookup with any conflict is never Full.
 */
export const MatchConflict = z.object({
  kind: z.enum(['several-full', 'ssn', 'identity']),
  memberIds: z.array(z.string()),
  caseNumbers: z.array(z.string()),
  reason: z.string(),
});
export type MatchConflict = z.infer<typeof MatchConflict>;

export const ApplicationView = z.object({
  applicationNumber: z.string(),
  submittedOn: z.string().nullable(),
  daysSinceSubmitted: z.number().int().nullable(),
  /** When it was submitted ("Submitted today."), in the call's language; the three-day text itself is said once, in agentGuidance. */
  guidance: z.string(),
  /** The language of `guidance` (issue 13); absent on lookups stored before it, which were English. */
  guidanceLocale: z.enum(callLanguages).optional(),
});
export const CaseView = z.object({
  caseNumber: z.string(),
  status: z.string().nullable(),
  applications: z.array(ApplicationView),
  agents: z.array(z.object({ agentId: z.string(), agentName: z.string(), associatedOn: z.string() })),
});
export type CaseView = z.infer<typeof CaseView>;

export const LookupResult = z.object({
  searchedBy: z.enum(['demographics', 'number']),
  level: z.enum(['full', 'partial', 'none']),
  levelText: z.string(),
  reason: z.string(),
  /** The reason without the closest record's summary, which its card right below says (issue 12 §6); absent when the reason names no closest record. */
  briefReason: z.string().optional(),
  candidates: z.array(MatchCandidate),
  cases: z.array(CaseView),
  /** Empty when the person and their SSN are on one record only, and for a search by number. Added after issue 4. */
  conflicts: z.array(MatchConflict).default([]),
  /**
   * What the Agent hears about the PSL line and the Dire Need mailbox (003 §9.1), in the call's
   * language (issue 13). Absent on lookups stored before it: the screen then shows the English.
   */
  agentGuidance: z
    .object({
      locale: z.enum(callLanguages),
      psl: z.string(),
      direNeed: z.string(),
      /** The three-day text, once, when an application on the result is new enough for it (issue 12.6). */
      threeDay: z.string().optional(),
    })
    .optional(),
});
export type LookupResult = z.infer<typeof LookupResult>;

export const ImportKindSchema = z.enum(['members', 'associations']);
const ImportIssue = z.object({ line: z.number().int(), column: z.string(), reason: z.string() });
export const ImportReportSchema = z.object({
  kind: ImportKindSchema,
  rows: z.number().int(),
  inserted: z.number().int(),
  updated: z.number().int(),
  unchanged: z.number().int(),
  invalid: z.number().int(),
  committed: z.boolean(),
  skipInvalid: z.boolean(),
  issues: z.array(ImportIssue),
  issuesTruncated: z.boolean(),
  durationMs: z.number(),
  rowsPerSecond: z.number(),
});

/** At most 1 MB of text per chunk (issue brief): a big file goes in many chunks. */
export const MAX_CHUNK_CHARS = 1_000_000;

export const matchChannels = {
  'app:match.lookup': channel({
    summary: 'PSL member-match lookup: Full / Partial / No match with field-by-field reasons, or a case by its number.',
    request: lookupRequestSchema,
    response: LookupResult,
  }),
  'app:match.revealSsn': channel({
    summary: 'Show one member’s full SSN on purpose; writes an audit entry.',
    request: z.object({ memberId: z.string().trim().min(1, 'Member is required.').max(30) }).strict(),
    response: z.object({ memberId: z.string(), ssn: z.string().nullable() }),
  }),
  'app:match.importBegin': channel({
    summary: 'Start a CSV import (members or associations) that arrives in chunks.',
    request: z
      .object({
        kind: ImportKindSchema,
        skipInvalid: z.boolean().default(false),
        fileName: z.string().max(260).optional(),
        totalBytes: z.number().int().nonnegative().optional(),
      })
      .strict(),
    response: z.object({ importId: z.string() }),
  }),
  'app:match.importChunk': channel({
    summary: 'One chunk (≤ 1 MB of text) of an import; validated as it arrives, written only at commit.',
    request: z.object({ importId: z.string().min(1), text: z.string().max(MAX_CHUNK_CHARS, 'A chunk is at most 1 MB of text.') }).strict(),
    response: z.object({ rows: z.number().int(), invalid: z.number().int(), bytes: z.number().int() }),
  }),
  'app:match.importCommit': channel({
    summary: 'Write an uploaded import in one transaction (all or nothing unless skipInvalid).',
    request: z.object({ importId: z.string().min(1) }).strict(),
    response: ImportReportSchema,
  }),
  'app:match.importCancel': channel({
    summary: 'Drop an import in progress; nothing is written.',
    request: z.object({ importId: z.string().min(1) }).strict(),
    response: z.object({ cancelled: z.boolean() }),
  }),
};

export const matchEvents = {
  'app:match.importProgress': event({
    summary: 'Progress of a CSV import: rows checked while uploading, rows written at commit.',
    payload: z.object({
      importId: z.string(),
      phase: z.enum(['upload', 'write', 'done', 'cancelled']),
      rows: z.number().int(),
      invalid: z.number().int(),
      bytes: z.number().int(),
      totalBytes: z.number().int().nullable(),
    }),
  }),
};

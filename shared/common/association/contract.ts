import { z } from 'zod';
import { channel, event } from '../ipc/define';
import { LookupResult } from '../match/contract';
import { lookupRequestSchema } from '../match/schemas';
import { nonBlank, personName } from '../validation';
import { callLanguages } from '../calls/language';
import { callerTextIds } from '../texts/catalogue';

/** Views and requests of the three-way association call and its consent (issue 6). */

const Id = z.object({ sessionId: z.string().min(1, 'Which association?').max(60) });

export const AgentInput = z
  .object({
    name: personName('Agent name', 120),
    agentId: nonBlank('Agent id or NPN', 30),
    agency: nonBlank('Agency', 120),
    trainingDone: z.boolean({ error: 'Say whether the Agent has completed Agent training on MyPurpose.' }),
  })
  .strict();

/**
 * Request Case Access fields (001:41): first name, last name, sex and date of birth are
 * required here even with a case number, since a case is certain only when its member
 * agrees with the client's name and date of birth (issue 11 §1).
 */
export const ClientQuery = lookupRequestSchema.superRefine((v, ctx) => {
  for (const [path, label] of [
    ['firstName', 'First name'],
    ['lastName', 'Last name'],
    ['dateOfBirth', 'Date of birth'],
    ['sex', 'Sex'],
  ] as const) {
    if (!v[path]) ctx.addIssue({ code: 'custom', path: [path], message: `${label} is required to identify the client.` });
  }
});

export const ClientContactSchema = z.enum(['electronic', 'not-electronic', 'no-electronic-method', 'unknown-to-system'], { error: 'Choose how the client can be reached.' });
export const LocaleSchema = z.enum(['en', 'es'], { error: 'Choose English or Spanish.' });

const Step = z.enum(['agent', 'client-on-line', 'client', 'situation', 'consent', 'confirm', 'ended']);
const Attempt = z.object({
  number: z.number().int(),
  sentAt: z.string(),
  expiresAt: z.string(),
  outcome: z.enum(['pending', 'accepted', 'declined', 'no-response', 'technical-failure', 'left-screen', 'abandoned']),
  resolvedAt: z.string().nullable(),
});

const CaseOption = z.object({
  caseNumber: z.string(),
  memberId: z.string().nullable(),
  memberName: z.string().nullable(),
  reason: z.string(),
  confirmable: z.boolean(),
  exact: z.boolean(),
  applicationNumbers: z.array(z.string()),
  agents: z.array(z.object({ agentId: z.string(), agentName: z.string(), associatedOn: z.string() })),
});
/** Which case the Agent may be associated with (shared/common/association/certainty.ts). */
export const CertaintyView = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('certain'), caseNumber: z.string(), because: z.string(), option: CaseOption, alsoOn: z.array(CaseOption) }),
  z.object({ kind: z.literal('choose'), because: z.string(), options: z.array(CaseOption) }),
  z.object({ kind: z.literal('none'), because: z.string() }),
]);
export const CaseAgent = z.object({ agentId: z.string(), agentName: z.string(), agency: z.string().nullable(), since: z.string() });
export type CaseAgent = z.infer<typeof CaseAgent>;

export const ConsentView = z.object({
  status: z.enum(['open', 'accepted', 'refused']),
  method: z.enum(['electronic', 'verbal']).nullable(),
  contact: ClientContactSchema,
  requestsUsed: z.number().int(),
  maxRequests: z.number().int(),
  /** Where requestsUsed was counted: across every desk (central store), this desk only (it could not be asked), or null when stand-alone. */
  requestsCounted: z.enum(['all-desks', 'this-desk']).nullable(),
  attempts: z.array(Attempt),
  pending: Attempt.nullable(),
  electronic: z.object({ allowed: z.boolean(), reason: z.string().nullable() }),
  verbalTrigger: z.string().nullable(),
  verbalTriggerText: z.string().nullable(),
  /** No electronic or verbal consent can go on in this call, and why (machine.consentBlocked). */
  blocked: z.object({ reason: z.string() }).nullable(),
  /** 001:114: no electronic method or not known to the system — Agent Portal shows the Agent next steps. */
  nextSteps: z.array(z.string()).nullable(),
  /** The language of nextSteps: a caller text, in the call's language (issue 13); absent from views made before it. */
  nextStepsLocale: LocaleSchema.nullable().optional(),
  verbal: z
    .object({
      scriptId: z.string(),
      version: z.number().int(),
      locale: LocaleSchema,
      title: z.string(),
      intro: z.string(),
      closing: z.string(),
      textSha256: z.string(),
      acknowledgments: z.array(z.object({ id: z.string(), text: z.string(), readAt: z.string().nullable(), answer: z.enum(['agree', 'disagree']).nullable() })),
    })
    .nullable(),
  canAccept: z.boolean(),
  refusal: z.string().nullable(),
  recordId: z.string().nullable(),
});
export type ConsentView = z.infer<typeof ConsentView>;

export const SessionView = z.object({
  id: z.string(),
  status: z.enum(['open', 'ended']),
  callId: z.string().nullable(),
  step: Step,
  agent: z.object({ name: z.string(), agentId: z.string(), agency: z.string(), trainingDone: z.boolean() }).nullable(),
  clientOnLine: z.boolean().nullable(),
  client: z
    .object({
      firstName: z.string(),
      lastName: z.string(),
      matchLevel: z.enum(['full', 'partial', 'none']),
      matchedCaseNumber: z.string().nullable(),
      caseConfirmedBy: z.enum(['full-match', 'client-number']).nullable(),
    })
    .nullable(),
  situation: z.enum(['healthcare-gov-enrollment', 'existing-application-or-case', 'new-applicant']).nullable(),
  end: z
    .object({
      reason: z.enum([
        'training-not-done',
        'client-not-on-line',
        'new-applicant',
        'case-not-certain',
        'already-associated',
        'consent-not-possible',
        'consent-refused',
        'call-ended',
        'restarted',
        'associated',
      ]),
      guidance: z.array(z.string()),
      /** When the guidance is a caller text: which one, in which language (the screen marks it lang="es"), and the hash of its words. */
      text: z
        .object({
          id: z.enum(callerTextIds),
          version: z.number().int(),
          locale: z.enum(callLanguages),
          sha256: z
            .string()
            .regex(/^[0-9a-f]{64}$/)
            .optional(),
        })
        .optional(),
    })
    .nullable(),
  timeline: z.array(z.object({ at: z.string(), step: Step, summary: z.string() })),
  lookup: LookupResult.nullable(),
  /** After the lookup: which case is certain, or the cases to choose from with the reason, or none. */
  certainty: CertaintyView.nullable(),
  /** Agents already on the case identified with certainty (the cache's associations and this desk's). */
  caseAgents: z.array(CaseAgent),
  consent: ConsentView.nullable(),
  /** Grows with every save: a window keeps the highest it has seen, as pushes and replies can arrive out of order. */
  revision: z.number().int().nonnegative(),
  /** main's clock, so the renderer's countdown runs on the same time as the 90 seconds. */
  serverNow: z.string(),
});
export type SessionView = z.infer<typeof SessionView>;

export const ConsentRecordSummary = z.object({
  id: z.string(),
  createdAt: z.string(),
  outcome: z.enum(['accepted', 'refused']),
  method: z.enum(['electronic', 'verbal']),
  clientName: z.string(),
  agentName: z.string().nullable(),
  /** For a kynect resources partner-access consent: the organization given access. */
  organization: z.string().nullable(),
  caseNumber: z.string().nullable(),
  callId: z.string().nullable(),
});

const S = SessionView;
export const associationChannels = {
  'app:association.start': channel({ summary: 'Start a three-way association (ends any open one of this desk).', request: z.object({}).strict(), response: S }),
  'app:association.current': channel({ summary: 'The open association of this desk, if any (after a reload).', request: z.object({}).strict(), response: S.nullable() }),
  'app:association.agent': channel({ summary: 'Step a: the Agent and MyPurpose training.', request: Id.extend({ agent: AgentInput }).strict(), response: S }),
  'app:association.clientOnLine': channel({
    summary: 'Step b: is the client on the line?',
    request: Id.extend({ onLine: z.boolean({ error: 'Say whether the client is on the line.' }) }).strict(),
    response: S,
  }),
  'app:association.identify': channel({ summary: 'Step c: look the client up (member match).', request: Id.extend({ client: ClientQuery }).strict(), response: S }),
  'app:association.situation': channel({
    summary: 'Step d: existing enrollment or case → associate with the case identified with certainty; new applicant → guidance.',
    request: Id.extend({
      situation: z.enum(['healthcare-gov-enrollment', 'existing-application-or-case', 'new-applicant'], { error: "Choose the client's situation." }),
      /** When the client may be on more than one case, or the match is Partial: the case the rep chose and the number the client read out. */
      choice: z
        .object({
          caseNumber: z.string().trim().min(1, 'Choose the case the client confirms.').max(30),
          clientNumber: z
            .string()
            .trim()
            .max(30, 'At most 30 characters.')
            .regex(/^[A-Za-z0-9-]*$/, 'Letters, digits and dashes only.'),
        })
        .strict()
        .optional(),
      /** The case already has other Agents: is the client replacing them? */
      otherAgents: z.enum(['replacing', 'keeping'], { error: 'Say whether the client is replacing the Agents already on the case.' }).optional(),
    }).strict(),
    response: S,
  }),
  'app:association.lookupAgain': channel({ summary: 'Back to step c, to look the client up again.', request: Id.strict(), response: S }),
  'app:association.caseNotCertain': channel({
    summary: 'No case can be identified with certainty: end with no association and the alternatives.',
    request: Id.strict(),
    response: S,
  }),
  'app:association.consentStart': channel({
    summary: 'Step e: start consent, saying how the client can be reached.',
    request: Id.extend({ contact: ClientContactSchema }).strict(),
    response: S,
  }),
  'app:association.consentRequest': channel({
    summary: 'Record that the Agent sent an electronic consent request from Agent Portal (90 seconds start).',
    request: Id.strict(),
    response: S,
  }),
  'app:association.consentOutcome': channel({
    summary: 'What Agent Portal showed for the pending request.',
    request: Id.extend({ outcome: z.enum(['accepted', 'declined', 'technical-failure'], { error: 'Choose what Agent Portal showed.' }) }).strict(),
    response: S,
  }),
  'app:association.consentAgentLeft': channel({
    summary: 'The Agent left the Agent Portal screen, so the pending request expired (001); counts toward the 3, not as "did not respond".',
    request: Id.strict(),
    response: S,
  }),
  'app:association.consentEnd': channel({ summary: 'Consent cannot be completed in this call: end with no association and the alternatives.', request: Id.strict(), response: S }),
  'app:association.verbalStart': channel({ summary: 'Start verbal consent with the script in a language.', request: Id.extend({ locale: LocaleSchema }).strict(), response: S }),
  'app:association.verbalRead': channel({ summary: 'An acknowledgment was read aloud.', request: Id.extend({ ackId: z.string().min(1).max(40) }).strict(), response: S }),
  'app:association.verbalAnswer': channel({
    summary: "The client's answer to an acknowledgment.",
    request: Id.extend({ ackId: z.string().min(1).max(40), answer: z.enum(['agree', 'disagree']) }).strict(),
    response: S,
  }),
  'app:association.verbalAccept': channel({ summary: 'Accept verbal consent (every acknowledgment read and agreed).', request: Id.strict(), response: S }),
  'app:association.consentRefuse': channel({
    summary: 'The client refuses consent: no association.',
    request: Id.extend({ reason: z.string().trim().max(500, 'At most 500 characters.').default('') }).strict(),
    response: S,
  }),
  'app:association.confirm': channel({ summary: 'Record the association in the cache and show the confirmation.', request: Id.strict(), response: S }),
  'app:association.records': channel({
    summary: 'Consent records, newest first.',
    request: z.object({ limit: z.number().int().min(1).max(500).default(50) }).strict(),
    response: z.array(ConsentRecordSummary),
  }),
  'app:association.recordFhir': channel({
    summary: 'One consent record as an HL7 FHIR R4 Consent resource (JSON).',
    request: z.object({ recordId: z.string().min(1).max(60) }).strict(),
    response: z.object({ fileName: z.string(), json: z.string() }),
  }),
};

export const associationEvents = {
  'app:association.changed': event({ summary: 'An association session changed (every window shows the same step).', payload: SessionView }),
};

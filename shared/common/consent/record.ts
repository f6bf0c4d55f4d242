import { z } from 'zod';
import type { ConsentState } from './machine';
import type { ConsentScript } from './scripts';

/**
 * The consent record: append-only evidence of what was asked, read and
 * answered, by whom and when. Built from a decided consent; exported as an
 * HL7 FHIR R4 Consent resource for anyone who needs it outside the desk.
 */
const Attempt = z.object({
  number: z.number().int().positive(),
  sentAt: z.string(),
  expiresAt: z.string(),
  outcome: z.enum(['pending', 'accepted', 'declined', 'no-response', 'technical-failure', 'left-screen', 'abandoned']),
  resolvedAt: z.string().nullable(),
});

export const ConsentRecord = z.object({
  id: z.string().min(1),
  kind: z.enum(['agent-association', 'kynect-resources-partner-access']),
  client: z.object({ name: z.string().min(1), caseNumber: z.string().nullable(), applicationNumber: z.string().nullable() }),
  agent: z.object({ name: z.string().min(1), agentId: z.string().min(1), agency: z.string().min(1) }).nullable(),
  organization: z.string().nullable(),
  rep: z.object({ operatorId: z.number().int(), name: z.string().min(1) }),
  callId: z.string().nullable(),
  method: z.enum(['electronic', 'verbal']),
  attempts: z.array(Attempt),
  script: z.object({ id: z.string(), version: z.number().int(), locale: z.enum(['en', 'es']), textSha256: z.string().regex(/^[0-9a-f]{64}$/) }).nullable(),
  verbalTrigger: z.string().nullable(),
  acknowledgments: z.array(
    z.object({ id: z.string(), text: z.string(), readAt: z.string().nullable(), answer: z.enum(['agree', 'disagree']).nullable(), answeredAt: z.string().nullable() }),
  ),
  /**
   * Which script the scope, purpose, duration and revoke words below come from, in which language,
   * and the SHA-256 of those words (`wordingText`). Electronic consent reads no script, so this is
   * the only mark of the language its words were recorded in (issue 13). Absent on older records.
   */
  wording: z
    .object({ scriptId: z.string(), version: z.number().int(), locale: z.enum(['en', 'es']), sha256: z.string().regex(/^[0-9a-f]{64}$/) })
    .nullable()
    .optional(),
  scope: z.string(),
  purpose: z.string(),
  duration: z.string(),
  revoke: z.string(),
  outcome: z.enum(['accepted', 'refused']),
  refusal: z.string().nullable(),
  createdAt: z.string(),
  decidedAt: z.string(),
});
export type ConsentRecord = z.infer<typeof ConsentRecord>;

export interface RecordContext {
  id: string;
  kind: ConsentRecord['kind'];
  client: ConsentRecord['client'];
  agent: ConsentRecord['agent'];
  organization: string | null;
  rep: ConsentRecord['rep'];
  callId: string | null;
  /** The script the rep read (verbal) or would have read (electronic: scope and revoke wording). */
  script: ConsentScript;
  /** The rendered acknowledgment texts, by id, as read. */
  acknowledgmentTexts: Record<string, string>;
  /** SHA-256 of `wordingText(script)`, computed in main: records which words were stored, in which language. */
  wordingSha256?: string;
  createdAt: string;
}

/** The words a record takes from its script, as hashed: scope, purpose, duration, revoke, one a line. */
export function wordingText(script: Pick<ConsentScript, 'scope' | 'purpose' | 'duration' | 'revoke'>): string {
  return [script.scope, script.purpose, script.duration, script.revoke].join('\n');
}

/** Only a decided consent becomes a record. */
export function buildConsentRecord(state: ConsentState, ctx: RecordContext): ConsentRecord {
  if (state.status === 'open' || !state.method || !state.decidedAt) throw new Error('Consent is not decided yet: there is nothing to record.');
  const verbal = state.verbal;
  return ConsentRecord.parse({
    id: ctx.id,
    kind: ctx.kind,
    client: ctx.client,
    agent: ctx.agent,
    organization: ctx.organization,
    rep: ctx.rep,
    callId: ctx.callId,
    method: state.method,
    attempts: state.attempts,
    script: verbal ? { id: verbal.scriptId, version: verbal.scriptVersion, locale: verbal.locale, textSha256: verbal.textSha256 } : null,
    verbalTrigger: verbal?.trigger ?? null,
    acknowledgments: (verbal?.acknowledgments ?? []).map((a) => ({ ...a, text: ctx.acknowledgmentTexts[a.id] ?? '' })),
    ...(ctx.wordingSha256 ? { wording: { scriptId: ctx.script.id, version: ctx.script.version, locale: ctx.script.locale, sha256: ctx.wordingSha256 } } : {}),
    scope: ctx.script.scope,
    purpose: ctx.script.purpose,
    duration: ctx.script.duration,
    revoke: ctx.script.revoke,
    outcome: state.status,
    refusal: state.refusal,
    createdAt: ctx.createdAt,
    decidedAt: state.decidedAt,
  });
}

const KYNECT = 'https://kynect.ky.gov';
const EXT = `${KYNECT}/fhir/StructureDefinition`;

/**
 * HL7 FHIR R4 Consent (https://hl7.org/fhir/R4/consent.html). Privacy scope
 * (so `patient` is present, rule ppc-2), LOINC 59284-0 category, a policy URI
 * naming the script (ppc-1), provision permit/deny with the Agent or partner as
 * information recipient. The script hash is SHA-256, which Attachment.hash
 * (SHA-1) cannot carry, so it goes in an extension; each electronic attempt and
 * acknowledgment likewise.
 */
export function toFhirConsent(record: ConsentRecord): Record<string, unknown> {
  const recipient = record.agent ? `${record.agent.name} (${record.agent.agency}, agent ${record.agent.agentId})` : (record.organization ?? 'community partner');
  const identifiers = [
    ...(record.client.caseNumber ? [{ system: `${KYNECT}/case-number`, value: record.client.caseNumber }] : []),
    ...(record.client.applicationNumber ? [{ system: `${KYNECT}/application-number`, value: record.client.applicationNumber }] : []),
  ];
  return {
    resourceType: 'Consent',
    id: record.id,
    identifier: [{ system: `${KYNECT}/consent-record`, value: record.id }],
    status: record.outcome === 'accepted' ? 'active' : 'rejected',
    scope: { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/consentscope', code: 'patient-privacy', display: 'Privacy Consent' }] },
    category: [{ coding: [{ system: 'http://loinc.org', code: '59284-0', display: 'Consent Document' }], text: record.scope }],
    patient: { display: record.client.name, ...(identifiers[0] ? { identifier: identifiers[0] } : {}) },
    dateTime: record.decidedAt,
    performer: [{ display: record.client.name }],
    organization: [{ display: 'Kentucky Health Benefit Exchange (kynect)' }],
    ...(record.script
      ? {
          sourceAttachment: {
            contentType: 'text/plain',
            language: record.script.locale,
            title: `${record.script.id} v${record.script.version} (${record.script.locale})`,
            creation: record.decidedAt,
            extension: [{ url: `${EXT}/script-sha256`, valueString: record.script.textSha256 }],
          },
        }
      : {}),
    policy: [{ authority: KYNECT, uri: `urn:kynect:consent-script:${record.kind}:v${record.script?.version ?? record.wording?.version ?? 1}` }],
    verification: [
      {
        verified: record.outcome === 'accepted',
        verifiedWith: { display: `${record.rep.name} (kynect Contact Center, operator ${record.rep.operatorId})` },
        verificationDate: record.decidedAt,
      },
    ],
    provision: {
      type: record.outcome === 'accepted' ? 'permit' : 'deny',
      period: { start: record.decidedAt },
      actor: [
        {
          role: { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/v3-ParticipationType', code: 'IRCP', display: 'information recipient' }] },
          reference: { display: recipient },
        },
      ],
      action: [{ coding: [{ system: 'http://terminology.hl7.org/CodeSystem/consentaction', code: 'access', display: 'Access' }] }],
      purpose: [{ system: 'http://terminology.hl7.org/CodeSystem/v3-ActReason', code: 'COVERAGE', display: 'coverage under policy or program' }],
    },
    extension: [
      { url: `${EXT}/consent-method`, valueCode: record.method },
      ...(record.wording
        ? [
            {
              url: `${EXT}/wording`,
              extension: [
                { url: 'script', valueString: `${record.wording.scriptId} v${record.wording.version} (${record.wording.locale})` },
                { url: 'language', valueCode: record.wording.locale },
                { url: 'sha256', valueString: record.wording.sha256 },
              ],
            },
          ]
        : []),
      { url: `${EXT}/purpose-text`, valueString: record.purpose },
      { url: `${EXT}/duration-text`, valueString: record.duration },
      { url: `${EXT}/revoke-text`, valueString: record.revoke },
      ...(record.callId ? [{ url: `${EXT}/call-id`, valueString: record.callId }] : []),
      ...(record.verbalTrigger ? [{ url: `${EXT}/verbal-trigger`, valueCode: record.verbalTrigger }] : []),
      ...(record.refusal ? [{ url: `${EXT}/refusal`, valueString: record.refusal }] : []),
      ...record.attempts.map((a) => ({
        url: `${EXT}/electronic-attempt`,
        extension: [
          { url: 'number', valueInteger: a.number },
          { url: 'sent', valueDateTime: a.sentAt },
          { url: 'expires', valueDateTime: a.expiresAt },
          { url: 'outcome', valueCode: a.outcome },
        ],
      })),
      ...record.acknowledgments.map((a) => ({
        url: `${EXT}/acknowledgment`,
        extension: [
          { url: 'id', valueString: a.id },
          { url: 'text', valueString: a.text },
          ...(a.readAt ? [{ url: 'read', valueDateTime: a.readAt }] : []),
          ...(a.answer ? [{ url: 'answer', valueCode: a.answer }] : []),
        ],
      })),
    ],
  };
}

import { z } from 'zod';
import { channel, event } from '../ipc/define';
import { nonBlank, personName } from '../validation';
import { caseNumberField, optionalIdentifier } from '../identifiers';
import { LocaleSchema } from './contract';

/**
 * kynect resources partner access (issue 6, seed 002): the resident tells the rep they
 * consent to a community partner organization viewing their full record.
 */
const Id = z.object({ consentId: z.string().min(1, 'Which consent?').max(60) });

/**
 * 002 Q40: "A community partner should only conduct a search when assisting a resident who
 * has provided three pieces of identifying information". The desk records which kinds were
 * given, never the values: partners may not capture or retain a resident's contact
 * information outside the system (Q40).
 */
export const identifierKinds = ['full-name', 'date-of-birth', 'home-address', 'phone-number', 'email-address', 'case-number', 'ssn-last-4'] as const;
export const identifierLabels: Record<(typeof identifierKinds)[number], string> = {
  'full-name': 'Full name',
  'date-of-birth': 'Date of birth',
  'home-address': 'Home address',
  'phone-number': 'Phone number',
  'email-address': 'Email address',
  'case-number': 'Case number',
  'ssn-last-4': 'Last 4 digits of the SSN',
};
export const REQUIRED_IDENTIFIERS = 3;

const yesNo = (error: string) => z.boolean({ error });

export const PartnerConsentInput = z
  .object({
    organization: nonBlank('Organization', 120),
    clientName: personName("Resident's name", 120),
    caseNumber: optionalIdentifier(caseNumberField).transform((v) => v ?? ''),
    identifiers: z
      .array(z.enum(identifierKinds, { error: 'Choose from the list.' }))
      .max(identifierKinds.length)
      .refine(
        (xs) => new Set(xs).size >= REQUIRED_IDENTIFIERS,
        `The resident has to have given ${REQUIRED_IDENTIFIERS} pieces of identifying information before a search (002 Q40).`,
      ),
    referred: yesNo('Say whether the resident was referred to this organization.'),
    hasAccount: yesNo('Say whether the resident has a kynect resources account.'),
    locale: LocaleSchema,
  })
  .strict()
  .superRefine((v, ctx) => {
    if (v.referred) {
      ctx.addIssue({
        code: 'custom',
        path: ['referred'],
        message: `A resident referred to ${v.organization.trim() || 'the organization'}: the organization may only use the contact email or text function in kynect resources to gain consent (002 Q40). No verbal consent is taken here; the resident answers the "Request Consent" email or text (Q42).`,
      });
    }
  });

export const PartnerConsentView = z.object({
  id: z.string(),
  status: z.enum(['open', 'accepted', 'refused']),
  callId: z.string().nullable(),
  organization: z.string(),
  clientName: z.string(),
  caseNumber: z.string().nullable(),
  locale: LocaleSchema,
  identifiers: z.array(z.enum(identifierKinds)),
  hasAccount: z.boolean(),
  script: z.object({
    id: z.string(),
    version: z.number().int(),
    title: z.string(),
    intro: z.string(),
    closing: z.string(),
    textSha256: z.string(),
    acknowledgments: z.array(z.object({ id: z.string(), text: z.string(), readAt: z.string().nullable(), answer: z.enum(['agree', 'disagree']).nullable() })),
  }),
  revoke: z.string(),
  canAccept: z.boolean(),
  refusal: z.string().nullable(),
  recordId: z.string().nullable(),
  revision: z.number().int().nonnegative(),
});
export type PartnerConsentView = z.infer<typeof PartnerConsentView>;

const V = PartnerConsentView;
export const partnerChannels = {
  'app:partner.start': channel({
    summary: 'Start a kynect resources partner-access consent, read verbally (ends any open one of this desk).',
    request: PartnerConsentInput,
    response: V,
  }),
  'app:partner.current': channel({ summary: 'The open partner-access consent of this desk, if any (after a reload).', request: z.object({}).strict(), response: V.nullable() }),
  'app:partner.read': channel({ summary: 'An acknowledgment was read aloud.', request: Id.extend({ ackId: z.string().min(1).max(40) }).strict(), response: V }),
  'app:partner.answer': channel({
    summary: "The resident's answer to an acknowledgment.",
    request: Id.extend({ ackId: z.string().min(1).max(40), answer: z.enum(['agree', 'disagree'], { error: 'Choose agrees or does not agree.' }) }).strict(),
    response: V,
  }),
  'app:partner.accept': channel({ summary: 'Accept (every acknowledgment read and agreed): the consent record is written.', request: Id.strict(), response: V }),
  'app:partner.refuse': channel({
    summary: 'The resident refuses: a refused consent record is written.',
    request: Id.extend({ reason: z.string().trim().max(500, 'At most 500 characters.').default('') }).strict(),
    response: V,
  }),
};

export const partnerEvents = {
  'app:partner.changed': event({ summary: 'A partner-access consent changed (every window shows the same step).', payload: V }),
};

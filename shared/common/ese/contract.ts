import { z } from 'zod';
import { channel, event } from '../ipc/define';
import { callLanguages } from '../calls/language';
import { eseCircumstanceIds } from './circumstances';
import { EseDraft } from './intake';
import { smtpSecurityModes } from './settings';

export const outboxStates = ['queued', 'sending', 'sent', 'failed'] as const;
export const OutboxState = z.enum(outboxStates);
export type OutboxState = z.infer<typeof OutboxState>;
export const outboxStateLabels: Record<OutboxState, string> = {
  queued: 'Waiting to send',
  sending: 'Sending',
  sent: 'Forwarded',
  failed: 'Failed',
};

/** A draft belongs to one place the rep types in: the active call, or the desk when there is none. */
const DraftKey = z
  .string()
  .trim()
  .min(1)
  .max(80)
  .regex(/^[A-Za-z0-9:._-]+$/, 'A draft key is letters, digits and : . _ -');

export const EseWindowView = z.object({
  opens: z.string(),
  lastDay: z.string(),
  state: z.enum(['not_started', 'open', 'last_day', 'closed']),
  daysLeft: z.number().int(),
  text: z.string(),
});

export const OutboxView = z.object({
  state: OutboxState,
  attempts: z.number().int().nonnegative(),
  nextAttemptAt: z.string().nullable(),
  lastError: z.string().nullable(),
  sentAt: z.string().nullable(),
  messageId: z.string(),
  recipients: z.array(z.string()),
});
export type OutboxView = z.infer<typeof OutboxView>;

export const IntakeRow = z.object({
  id: z.string(),
  reference: z.string(),
  residentName: z.string(),
  circumstance: z.enum(eseCircumstanceIds),
  /** Flagged Dire Need when taken, before that option left the ESE intake (migration 0011); never set now. */
  legacyDireNeed: z.boolean(),
  submittedAt: z.string(),
  callId: z.string().nullable(),
  outbox: OutboxView,
});
export type IntakeRow = z.infer<typeof IntakeRow>;

export const IntakeDetail = IntakeRow.extend({
  /** The validated intake as stored (no SSN field exists). */
  intake: z.record(z.string(), z.unknown()),
  window: EseWindowView.nullable(),
  body: z.string(),
  closingScript: z.array(z.string()),
  /** The language the closing script is in (the call's when it was taken): the screen marks it lang so a screen reader switches voice. */
  closingScriptLocale: z.enum(callLanguages),
});
export type IntakeDetail = z.infer<typeof IntakeDetail>;

export const IntakeFilter = z
  .object({
    state: OutboxState.optional(),
    /** Matches the reference or the resident's name. */
    search: z.string().trim().max(80).optional(),
    limit: z.number().int().min(1).max(500).default(100),
  })
  .strict();

export const MailSettingsView = z.object({
  host: z.string(),
  port: z.number().int(),
  security: z.enum(smtpSecurityModes),
  user: z.string(),
  sender: z.string(),
  eseMailbox: z.string(),
  /** Where the password comes from and whether one is there; never the password itself. */
  password: z.object({ source: z.string(), present: z.boolean(), writable: z.boolean() }),
});
export type MailSettingsView = z.infer<typeof MailSettingsView>;

export const FlushResult = z.object({
  attempted: z.number().int(),
  sent: z.number().int(),
  queued: z.number().int(),
  failed: z.number().int(),
  skipped: z.string().nullable(),
});
export type FlushResult = z.infer<typeof FlushResult>;

export const eseChannels = {
  'app:ese.draft.get': channel({
    summary: 'The autosaved ESE intake draft for a call (or the desk), with today’s date for the window.',
    request: z.object({ key: DraftKey }).strict(),
    response: z.object({ draft: EseDraft.nullable(), updatedAt: z.string().nullable(), today: z.string() }),
  }),
  'app:ese.draft.save': channel({
    summary: 'Autosave what the rep has typed so far in the ESE intake.',
    request: z.object({ key: DraftKey, draft: EseDraft }).strict(),
    // What was stored: free-text fields with a full SSN come back masked, named in `masked`.
    response: z.object({ updatedAt: z.string(), draft: EseDraft, masked: z.array(z.string()) }),
  }),
  'app:ese.draft.discard': channel({
    summary: 'Throw away an ESE intake draft.',
    request: z.object({ key: DraftKey }).strict(),
    response: z.object({ discarded: z.boolean() }),
  }),
  'app:ese.submit': channel({
    summary: 'Forward an ESE intake: store it and queue its email in one transaction (idempotent on intakeId).',
    request: z
      .object({
        /** A UUID the form makes once, so a double submit returns the same intake instead of a second one. */
        intakeId: z.string().uuid('The intake id is not a UUID.').optional(),
        draftKey: DraftKey.optional(),
        /** Checked by parseEseIntake so every field error has the form's own field path. */
        intake: z.unknown(),
      })
      .strict(),
    response: IntakeDetail.extend({ created: z.boolean() }),
  }),
  'app:ese.intake.list': channel({
    summary: 'Forwarded ESE intakes with their outbox state, newest first; filter by state, reference or name.',
    request: IntakeFilter,
    response: z.array(IntakeRow),
  }),
  'app:ese.intake.get': channel({
    summary: 'One forwarded ESE intake with its message body and outbox state (the view is audited).',
    request: z.object({ id: z.string().uuid() }).strict(),
    response: IntakeDetail,
  }),
  'app:ese.outbox.resend': channel({
    summary: 'Put a failed (or waiting) ESE message back in the queue to be sent now, with the same Message-ID.',
    request: z.object({ id: z.string().uuid() }).strict(),
    response: IntakeRow,
  }),
  'app:ese.outbox.export': channel({
    summary: 'The ESE message as an .eml file (same Message-ID, body and PDF as the email).',
    request: z.object({ id: z.string().uuid() }).strict(),
    response: z.object({ filename: z.string(), eml: z.string() }),
  }),
  'app:ese.outbox.flush': channel({
    summary: 'Try every waiting ESE message now, ignoring back-off.',
    request: z.object({}).strict(),
    response: FlushResult,
  }),
  'app:ese.settings.get': channel({
    summary: 'SMTP server and mailbox settings for ESE forwarding (no password).',
    request: z.object({}).strict(),
    response: MailSettingsView,
  }),
  'app:ese.outbox.counts': channel({
    summary: 'How many ESE messages wait to be sent and how many failed (the status bar).',
    request: z.object({}).strict(),
    response: z.object({ waiting: z.number().int().min(0), failed: z.number().int().min(0) }),
  }),
  'app:ese.settings.test': channel({
    summary: "Send a test message with the saved mail settings to the desk's own sender address (never the ESE mailbox).",
    request: z.object({}).strict(),
    response: z.object({ to: z.string(), message: z.string() }),
  }),
  'app:ese.settings.save': channel({
    summary: 'Change the SMTP server and mailbox settings; the password only where the host can keep it safely.',
    request: z
      .object({
        settings: z.unknown(),
        password: z.string().max(500).optional(),
      })
      .strict(),
    response: MailSettingsView,
  }),
};

export const eseEvents = {
  'app:ese.outbox.changed': event({
    summary: 'An ESE message changed state (queued, sending, sent, failed).',
    payload: z.object({ id: z.string(), reference: z.string(), state: OutboxState, lastError: z.string().nullable() }),
  }),
};

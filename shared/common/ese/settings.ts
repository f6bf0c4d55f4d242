import { z } from 'zod';

/** 003 §7.5: "Requests for Exceptional Special Enrollment can be sent by email to kynectESE@ky.gov." */
export const DEFAULT_ESE_MAILBOX = 'kynectESE@ky.gov';
/** 003 §9.1: applications needing attention within 24 hours ("Dire Need"). */
export const DEFAULT_DIRE_NEED_MAILBOX = 'kynectdireneed@ky.gov';

export const smtpSecurityModes = ['starttls', 'tls', 'none'] as const;
export type SmtpSecurity = (typeof smtpSecurityModes)[number];
export const smtpSecurityLabels: Record<SmtpSecurity, string> = {
  starttls: 'STARTTLS (upgrade after connecting, usually port 587)',
  tls: 'TLS from the start (usually port 465)',
  none: 'No encryption (only for a relay on this machine)',
};

const address = (label: string) =>
  z
    .string({ error: `${label} is required.` })
    .trim()
    .min(1, `${label} is required.`)
    .max(254, `${label} is at most 254 characters.`)
    .regex(/^[^\s@<>]+@[^\s@<>]+\.[^\s@<>]+$/, `${label}: write an address like name@example.com.`);

/**
 * Where and how ESE messages go. The password is not here: it lives in
 * Electron's safeStorage in the app and in KYNECT_DESK_SMTP_PASSWORD in the
 * CLI and harness, so it never sits in the settings table in clear text.
 */
export const EseMailSettings = z.object({
  /** Blank host = no SMTP server configured: messages wait in the outbox and can be exported. */
  host: z.string().trim().max(253, 'Host is at most 253 characters.').regex(/^[A-Za-z0-9.\-:[\]]*$/, 'Host: letters, digits, dots and dashes only.').default(''),
  port: z.coerce
    .number({ error: 'Port is a number from 1 to 65535.' })
    .int('Port is a whole number.')
    .min(1, 'Port is a number from 1 to 65535.')
    .max(65535, 'Port is a number from 1 to 65535.')
    .default(587),
  security: z.enum(smtpSecurityModes, { error: 'Choose how to secure the connection.' }).default('starttls'),
  user: z.string().trim().max(254, 'User is at most 254 characters.').default(''),
  sender: address('Sender address').default('kynect-desk@localhost.localdomain'),
  eseMailbox: address('ESE mailbox').default(DEFAULT_ESE_MAILBOX),
  direNeedMailbox: address('Dire Need mailbox').default(DEFAULT_DIRE_NEED_MAILBOX),
});
export type EseMailSettingsInput = z.input<typeof EseMailSettings>;
export type EseMailSettings = z.output<typeof EseMailSettings>;

export const defaultEseMailSettings: EseMailSettings = EseMailSettings.parse({});

/** Recipients of one intake: the ESE mailbox, plus the Dire Need mailbox when flagged. */
export function eseRecipients(settings: Pick<EseMailSettings, 'eseMailbox' | 'direNeedMailbox'>, direNeed: boolean): string[] {
  return direNeed ? [settings.eseMailbox, settings.direNeedMailbox] : [settings.eseMailbox];
}

import { z } from 'zod';

/** 003 §7.5: "Requests for Exceptional Special Enrollment can be sent by email to kynectESE@ky.gov." */
export const DEFAULT_ESE_MAILBOX = 'kynectESE@ky.gov';

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
  host: z
    .string()
    .trim()
    .max(253, 'Host is at most 253 characters.')
    .regex(/^[A-Za-z0-9.\-:[\]]*$/, 'Host: letters, digits, dots and dashes only.')
    .default(''),
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
  // No Dire Need mailbox: Dire Need is not an ESE route (003 §9.1); a stored one from before is ignored.
});
export type EseMailSettingsInput = z.input<typeof EseMailSettings>;
export type EseMailSettings = z.output<typeof EseMailSettings>;

export const defaultEseMailSettings: EseMailSettings = EseMailSettings.parse({});

/**
 * Recipients of one intake: the ESE mailbox (003 §7.4: "Requests for Exceptional Special
 * Enrollment can be sent by email to kynectESE@ky.gov"). Also for an intake flagged Dire
 * Need before that option was removed: KHBE's ESE staff receive it, with the flag in the
 * body; the Dire Need mailbox is for Agents' and kynectors' applications (003 §9.1).
 */
export function eseRecipients(settings: Pick<EseMailSettings, 'eseMailbox'>): string[] {
  return [settings.eseMailbox];
}

import MailComposer from 'nodemailer/lib/mail-composer/index.js';
import type Mail from 'nodemailer/lib/mailer';
import { ESE_EMAIL_ROLE_STATEMENT, LEGACY_DIRE_NEED_NOTE, eseRecipients, type EseMailSettings } from '../../common/ese';
import { renderIntakePdf } from './pdf';
import { maskSsns } from './redact';
import { intakeSections, type SubmittedIntake } from './sections';

export type { SubmittedIntake };

export function eseSubject(s: SubmittedIntake): string {
  const i = s.intake;
  const name = maskSsns(`${i.lastName}, ${i.firstName}`);
  return `${i.direNeed ? '[DIRE NEED] ' : ''}ESE request ${s.reference}: ${name}${i.caseNumber ? ` (case ${i.caseNumber})` : ''}`;
}

export function eseBody(s: SubmittedIntake): string {
  const lines: string[] = [ESE_EMAIL_ROLE_STATEMENT];
  if (s.intake.direNeed) lines.push('', LEGACY_DIRE_NEED_NOTE);
  for (const section of intakeSections(s)) {
    lines.push('', section.title.toUpperCase());
    for (const [label, value] of section.rows) lines.push(label ? `${label}: ${value}` : value);
  }
  lines.push(
    '',
    'The full intake is attached as a PDF. A full Social Security number is never included in this message.',
    `If this message arrives twice, it is the same request: compare the Message-ID ${s.messageId}.`,
  );
  return lines.join('\n') + '\n';
}

export function attachmentName(s: SubmittedIntake): string {
  return `${s.reference}-intake.pdf`;
}

/**
 * The whole message as nodemailer options; the same for SMTP and for .eml export. An export
 * of a message already sent names who it went to (`sentTo`), which for an intake flagged
 * Dire Need before migration 0011 may include the Dire Need mailbox.
 */
export async function composeEseMail(s: SubmittedIntake, settings: EseMailSettings, sentTo?: readonly string[]): Promise<Mail.Options> {
  const pdf = await renderIntakePdf(s);
  return {
    from: { name: 'kynect Desk', address: settings.sender },
    to: sentTo?.length ? [...sentTo] : eseRecipients(settings),
    subject: eseSubject(s),
    text: eseBody(s),
    messageId: s.messageId,
    date: new Date(s.submittedAt),
    headers: {
      'X-Kynect-ESE-Intake': s.id,
      'X-Kynect-ESE-Reference': s.reference,
      ...(s.intake.direNeed ? { Importance: 'high', 'X-Priority': '1 (Highest)' } : {}),
    },
    attachments: [{ filename: attachmentName(s), content: pdf, contentType: 'application/pdf' }],
  };
}

/**
 * RFC 5322 bytes of a composed message, for the outbox's "Export .eml". The
 * body's own line breaks come out of the composer as bare LF (SMTP fixes them
 * on the wire, a file does not), so they are made CRLF here; every part is
 * 7-bit (quoted-printable or base64), so this touches no content.
 */
export async function buildEml(mail: Mail.Options): Promise<Buffer> {
  const raw = await new MailComposer(mail).compile().build();
  return Buffer.from(raw.toString('binary').replace(/\r?\n/g, '\r\n'), 'binary');
}

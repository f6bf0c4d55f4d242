/**
 * Identity of a forwarded intake. The id is a UUID made when the intake is
 * submitted, so two desks (each with its own SQLite file) can never produce the
 * same id; the Message-ID is derived from it once and stored, so every retry
 * of the same intake carries the same Message-ID and the mailbox can see a
 * resend as a duplicate, never as a new request.
 */
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

export function isIntakeId(s: string): boolean {
  return UUID.test(s);
}

/** Short reference to read to the resident: "ESE-" and the first 8 hex digits, upper case. */
export function eseReference(intakeId: string): string {
  return `ESE-${intakeId.replace(/-/g, '').slice(0, 8).toUpperCase()}`;
}

/** The domain part of an address, for the Message-ID's right-hand side. */
export function domainOf(address: string): string {
  const at = address.lastIndexOf('@');
  const domain =
    at >= 0
      ? address
          .slice(at + 1)
          .trim()
          .toLowerCase()
      : '';
  return /^[a-z0-9.-]+$/.test(domain) && domain.includes('.') ? domain : 'kynect-desk.invalid';
}

/** RFC 5322 msg-id: `<ese-intake.{uuid}@{sender domain}>`. */
export function eseMessageId(intakeId: string, senderAddress: string): string {
  if (!isIntakeId(intakeId)) throw new Error(`Not an intake id: ${intakeId}`);
  return `<ese-intake.${intakeId}@${domainOf(senderAddress)}>`;
}

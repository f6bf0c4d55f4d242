/**
 * A pulled member's SSN fingerprint (match_member.ssn_print, migration 0024): the central
 * store's check of (member id, SSN) — 8 bytes, keyed with the contact-center key
 * (CenterKey.check), sent with every central row — followed by the SSN's two index keys
 * under this desk's key (ssnKeys, 4 bytes each, the same values match_key holds).
 *
 * A central row whose check equals the print's has the SSN the cache has: the change is
 * applied without opening either block, and the print's keys are the SSN keys to keep
 * while the name keys change. Nothing here is the SSN or opens it.
 */
export const PRINT_BYTES = 16;
const CHECK_BYTES = 8;

/** The print of an SSN whose central check is `check` and whose desk index keys are `keys` (ssnKeys: one or two). */
export function ssnPrint(check: Buffer, keys: readonly number[]): Buffer {
  if (check.length !== CHECK_BYTES || keys.length < 1 || keys.length > 2) throw new Error('An SSN print is an 8-byte check and one or two keys.');
  const b = Buffer.allocUnsafe(PRINT_BYTES);
  check.copy(b, 0);
  b.writeUInt32BE(keys[0]!, 8);
  b.writeUInt32BE(keys[1] ?? keys[0]!, 12);
  return b;
}

/** Whether the cache's print says its SSN is the one the central check is of. */
export function printMatches(print: Uint8Array | null, check: Uint8Array | null): boolean {
  if (!print || !check || print.length !== PRINT_BYTES || check.length !== CHECK_BYTES) return false;
  return Buffer.from(print.buffer, print.byteOffset, CHECK_BYTES).equals(check);
}

/** The SSN keys a print holds (as ssnKeys returns them: one when both are the same). */
export function printKeys(print: Uint8Array): number[] {
  const b = Buffer.from(print.buffer, print.byteOffset, PRINT_BYTES);
  const x = b.readUInt32BE(8);
  const y = b.readUInt32BE(12);
  return x === y ? [x] : [x, y];
}

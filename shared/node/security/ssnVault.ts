import crypto from 'node:crypto';
import { DeskError } from '../../common/errors';
import { hmac32 } from './hmacIndex';

/**
 * SSNs at rest (issue 8 §1). The member cache never holds an SSN in clear: each is
 * sealed with AES-256-GCM under a random 96-bit nonce, with the member id as
 * additional data so a sealed value moved to another member's row fails to open.
 * Lookups find members by keyed HMAC-SHA-256 index keys (the `s:` and `s4:` blocking
 * keys), so a copied database file gives neither the SSNs nor a way to test guesses
 * against them without the key.
 *
 * One 32-byte desk key; HKDF-SHA-256 derives a separate key for each use, so the
 * index key handed to the import worker cannot open a sealed SSN.
 */
export const SEALED_SSN_BYTES = 1 + 12 + 16 + 9;

export interface ThreadKeys {
  sealKey: Uint8Array;
  indexKey: Uint8Array;
}
const VERSION = 1;
const KEY_BYTES = 32;

export class SsnVault {
  readonly #sealKey: crypto.KeyObject;
  readonly #sealKeyBytes: Buffer;
  /** HMAC key for the index (given to the import worker; it cannot decrypt). */
  readonly indexKey: Buffer;
  /** Stored in settings so a database is never used with another key (see keyCheck). */
  readonly checkValue: string;
  readonly indexMac: (text: string) => number;
  #slab = Buffer.alloc(0);
  #slabAt = 0;
  #nonces = Buffer.alloc(0);
  #nonceAt = 0;

  /**
   * From the desk key, or (in an import thread) from the two keys derived from it that
   * `threadKeys` hands over.
   */
  constructor(deskKey: Uint8Array | ThreadKeys) {
    let sealKey: Buffer;
    if (deskKey instanceof Uint8Array) {
      if (deskKey.length !== KEY_BYTES) throw new DeskError('invalid_request', `The desk key must be ${KEY_BYTES} bytes; this one has ${deskKey.length}.`);
      const derive = (info: string) => Buffer.from(crypto.hkdfSync('sha256', deskKey, Buffer.alloc(0), `kynect-desk ${info} v1`, KEY_BYTES));
      sealKey = derive('ssn-seal');
      this.indexKey = derive('ssn-index');
      this.checkValue = derive('key-check').subarray(0, 12).toString('base64url');
    } else {
      sealKey = Buffer.from(deskKey.sealKey);
      this.indexKey = Buffer.from(deskKey.indexKey);
      this.checkValue = '';
    }
    this.#sealKeyBytes = sealKey;
    this.#sealKey = crypto.createSecretKey(sealKey);
    this.indexMac = hmac32(this.indexKey);
  }

  /** The derived keys an import thread needs to seal and index (never the desk key itself). */
  threadKeys(): ThreadKeys {
    return { sealKey: Buffer.from(this.#sealKeyBytes), indexKey: Buffer.from(this.indexKey) };
  }

  static generateKey(): Buffer {
    return crypto.randomBytes(KEY_BYTES);
  }

  /** version ‖ nonce ‖ tag ‖ ciphertext: 38 bytes for a 9-digit SSN. */
  seal(ssn: string, memberId: string): Buffer {
    // Sealed values are cut from a slab: an import seals a million, and an allocation
    // per member would cost more than the cipher.
    if (this.#slabAt + SEALED_SSN_BYTES > this.#slab.length) {
      this.#slab = Buffer.allocUnsafe(SEALED_SSN_BYTES * 4096);
      this.#slabAt = 0;
    }
    const at = this.#slabAt;
    this.#slabAt += SEALED_SSN_BYTES;
    this.sealInto(ssn, memberId, this.#slab, at);
    return this.#slab.subarray(at, at + SEALED_SSN_BYTES);
  }

  /** Seals into out[at, at + 38). */
  sealInto(ssn: string, memberId: string, out: Buffer, at: number): void {
    // Nonces are drawn from the CSPRNG 4,096 at a time: one call instead of one per member.
    if (this.#nonceAt + 12 > this.#nonces.length) {
      this.#nonces = crypto.randomBytes(12 * 4096);
      this.#nonceAt = 0;
    }
    const nonce = this.#nonces.subarray(this.#nonceAt, this.#nonceAt + 12);
    this.#nonceAt += 12;
    const cipher = crypto.createCipheriv('aes-256-gcm', this.#sealKey, nonce);
    cipher.setAAD(Buffer.from(memberId, 'utf8'));
    const body = cipher.update(ssn, 'latin1');
    cipher.final();
    if (body.length !== 9) throw new DeskError('invalid_request', 'An SSN is 9 digits.');
    out[at] = VERSION;
    nonce.copy(out, at + 1);
    cipher.getAuthTag().copy(out, at + 13);
    body.copy(out, at + 29);
  }

  sealOrNull(ssn: string | null, memberId: string): Buffer | null {
    return ssn === null ? null : this.seal(ssn, memberId);
  }

  /** Opens a sealed SSN; a changed byte, another member's value or another key is refused, never guessed. */
  open(sealed: Uint8Array, memberId: string): string {
    const b = Buffer.isBuffer(sealed) ? sealed : Buffer.from(sealed);
    if (b.length !== SEALED_SSN_BYTES || b[0] !== VERSION) throw tampered(memberId);
    try {
      const decipher = crypto.createDecipheriv('aes-256-gcm', this.#sealKey, b.subarray(1, 13));
      decipher.setAAD(Buffer.from(memberId, 'utf8'));
      decipher.setAuthTag(b.subarray(13, 29));
      const text = decipher.update(b.subarray(29)).toString('latin1');
      decipher.final();
      return text;
    } catch {
      throw tampered(memberId);
    }
  }

  openOrNull(sealed: Uint8Array | null, memberId: string): string | null {
    return sealed === null ? null : this.open(sealed, memberId);
  }
}

function tampered(memberId: string): DeskError {
  return new DeskError(
    'unavailable',
    `The SSN stored for member ${memberId} failed its integrity check: the member cache was changed outside kynect Desk or belongs to another key. Re-import the members extract.`,
  );
}

/** Reads a desk key written as base64 (44 characters), as in KYNECT_DESK_KEY or a key file. */
export function parseDeskKey(text: string, where: string): Buffer {
  const trimmed = text.trim();
  const key = /^[A-Za-z0-9+/_-]+={0,2}$/.test(trimmed) ? Buffer.from(trimmed, 'base64') : Buffer.alloc(0);
  if (key.length !== KEY_BYTES) {
    throw new DeskError('invalid_request', `The desk key in ${where} is not ${KEY_BYTES} bytes written in base64 (44 characters). Create one with: openssl rand -base64 32`);
  }
  return key;
}

import crypto from 'node:crypto';
import { DeskError } from '../../common/errors';
import { hmac32 } from './hmacIndex';

/**
 * SSNs at rest (issue 8 §1). The member cache never holds an SSN in clear. SSNs are
 * sealed with AES-256-GCM in small blocks — up to 32 (member id, SSN) pairs under one
 * random 96-bit nonce — with the block's id as additional data; a member row names its
 * block and slot, and the slot's member id must be the row's, so a block or a slot
 * moved to another row fails to open. Blocks, not one seal per member: Node's cipher
 * objects cost ~4 µs each to set up, which made a million-member import a third
 * slower; a block of 32 costs ~9 µs to seal or open, shared by its members, while a
 * lookup opens only the blocks of its few candidates (64 would halve the import's
 * share again but double what each candidate costs a lookup).
 *
 * Lookups find members by keyed HMAC-SHA-256 index keys (the `s:` and `s4:` blocking
 * keys), so a copied database file gives neither the SSNs nor a way to test guesses
 * against them without the key.
 *
 * One 32-byte desk key; HKDF-SHA-256 derives a separate key for each use, so the
 * index key handed to the import's reading thread cannot open a sealed SSN.
 */
export type SsnEntry = readonly [memberId: string, ssn: string | null];
/** What HKDF derives from the desk key: a vault made of them seals and opens as the desk's does. */
export interface DerivedKeys {
  seal: Uint8Array;
  index: Uint8Array;
  check: string;
  audit: Uint8Array;
}
export const BLOCK_SLOTS = 32;
const VERSION = 1;
const KEY_BYTES = 32;
const HEADER = 1 + 12 + 16;

export class SsnVault {
  readonly #sealKey: crypto.KeyObject;
  /** HMAC key for the index (given to the import's reading thread; it cannot decrypt). */
  readonly indexKey: Buffer;
  /** Stored in settings so a database is never used with another key (see vaultBinding.ts). */
  readonly checkValue: string;
  readonly indexMac: (text: string) => number;
  /** HMAC key of the audit chain (audit/auditLog.ts): the same desk key, its own derivation. */
  readonly auditKey: Buffer;

  constructor(deskKey: Uint8Array | DerivedKeys) {
    let keys: DerivedKeys;
    if (deskKey instanceof Uint8Array) {
      const raw = deskKey;
      if (raw.length !== KEY_BYTES) throw new DeskError('invalid_request', `The desk key must be ${KEY_BYTES} bytes; this one has ${raw.length}.`);
      const derive = (info: string) => Buffer.from(crypto.hkdfSync('sha256', raw, Buffer.alloc(0), `kynect-desk ${info} v1`, KEY_BYTES));
      keys = { seal: derive('ssn-seal'), index: derive('ssn-index'), check: derive('key-check').subarray(0, 12).toString('base64url'), audit: derive('audit-chain') };
    } else keys = deskKey;
    this.#sealKey = crypto.createSecretKey(Buffer.from(keys.seal));
    this.indexKey = Buffer.from(keys.index);
    this.checkValue = keys.check;
    this.indexMac = hmac32(this.indexKey);
    this.auditKey = Buffer.from(keys.audit);
  }

  /**
   * The derived keys, for the import's staging thread (importStaging.ts): it seals the
   * blocks it writes with the same keys, in this process. The desk key itself never
   * leaves this object (it is not kept), and nothing here is written anywhere.
   */
  derivedKeys(): DerivedKeys {
    return { seal: this.#sealKey.export(), index: Buffer.from(this.indexKey), check: this.checkValue, audit: Buffer.from(this.auditKey) };
  }

  static generateKey(): Buffer {
    return crypto.randomBytes(KEY_BYTES);
  }

  /** version ‖ nonce ‖ tag ‖ ciphertext of the entries as JSON. */
  sealBlock(blockId: number, entries: readonly SsnEntry[]): Buffer {
    if (entries.length === 0 || entries.length > BLOCK_SLOTS) throw new Error(`A block holds 1 to ${BLOCK_SLOTS} entries.`);
    const nonce = crypto.randomBytes(12);
    const cipher = crypto.createCipheriv('aes-256-gcm', this.#sealKey, nonce);
    cipher.setAAD(aad(blockId));
    const body = Buffer.concat([cipher.update(JSON.stringify(entries), 'utf8'), cipher.final()]);
    return Buffer.concat([Buffer.of(VERSION), nonce, cipher.getAuthTag(), body]);
  }

  /** Opens a block; a changed byte, another block's id or another key is refused, never guessed. */
  openBlock(blockId: number, sealed: Uint8Array): SsnEntry[] {
    const b = Buffer.isBuffer(sealed) ? sealed : Buffer.from(sealed);
    if (b.length <= HEADER || b[0] !== VERSION) throw tampered(blockId);
    let text: string;
    try {
      const decipher = crypto.createDecipheriv('aes-256-gcm', this.#sealKey, b.subarray(1, 13));
      decipher.setAAD(aad(blockId));
      decipher.setAuthTag(b.subarray(13, HEADER));
      text = Buffer.concat([decipher.update(b.subarray(HEADER)), decipher.final()]).toString('utf8');
    } catch {
      throw tampered(blockId);
    }
    return JSON.parse(text) as SsnEntry[];
  }

  /** The SSN in one slot, checked against the member the row belongs to. */
  static ssnAt(entries: readonly SsnEntry[], slot: number, memberId: string, blockId: number): string | null {
    const entry = entries[slot];
    if (!entry || entry[0] !== memberId) throw tampered(blockId, memberId);
    return entry[1];
  }
}

const aad = (blockId: number) => Buffer.from(`kynect-desk ssn-block ${blockId}`, 'latin1');

function tampered(blockId: number, memberId?: string): DeskError {
  const which = memberId ? `The SSN stored for member ${memberId}` : `A block of stored SSNs (${blockId})`;
  return new DeskError(
    'unavailable',
    `${which} failed its integrity check: the member cache was changed outside kynect Desk or belongs to another key. Re-import the members extract.`,
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

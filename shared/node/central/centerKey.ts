import crypto from 'node:crypto';
import { DeskError } from '../../common/errors';
import { BLOCK_SLOTS, SsnVault, type DerivedKeys, type SsnEntry } from '../security/ssnVault';

/**
 * SSNs in the central store, under the contact-center key (issue 17 §4), sealed the
 * way a desk seals its own (ssnVault.ts): AES-256-GCM blocks of up to 32 (member id,
 * SSN) pairs, the block id as additional data, a member naming its block and slot.
 * One seal per member cost the loader ~4 µs of cipher set-up and a random nonce each,
 * and a desk the same to open; a block shares that among 32.
 *
 * The vault is built on a key derived from the contact-center key, so the same 32
 * bytes used as a desk key by mistake seal nothing a desk could confuse. A keyed
 * 64-bit fingerprint of (member id, SSN) lets the loader see that an SSN changed
 * without opening a block; the check value lets a desk know it holds the key the
 * extract was sealed with before it opens anything.
 */
export { BLOCK_SLOTS };

export class CenterKey {
  readonly #vault: SsnVault;
  readonly checkValue: string;

  /** The key's 32 bytes, or the keys of its vault (vaultKeys) handed to a first pull's thread in this process. */
  constructor(key: Uint8Array | { vault: DerivedKeys }) {
    if (key instanceof Uint8Array) {
      if (key.length !== 32) throw new DeskError('invalid_request', `The contact-center key must be 32 bytes; this one has ${key.length}.`);
      const derived = Buffer.from(crypto.hkdfSync('sha256', key, Buffer.alloc(0), 'kynect-central vault v1', 32));
      this.#vault = new SsnVault(derived);
      derived.fill(0);
    } else this.#vault = new SsnVault(key.vault);
    this.checkValue = this.#vault.checkValue;
  }

  /** The vault's derived keys, for the first pull's thread (pullStaging.ts); never written anywhere. */
  vaultKeys(): { vault: DerivedKeys } {
    return { vault: this.#vault.derivedKeys() };
  }

  sealBlock(blockId: number, entries: readonly SsnEntry[]): Buffer {
    return this.#vault.sealBlock(blockId, entries);
  }

  openBlock(blockId: number, sealed: Uint8Array): SsnEntry[] {
    try {
      return this.#vault.openBlock(blockId, sealed);
    } catch {
      throw new DeskError(
        'unavailable',
        `A block of SSNs in the central store (${blockId}) failed its integrity check: it was changed there, or sealed under another contact-center key.`,
      );
    }
  }

  /** The SSN in one slot, checked against the member it must belong to. */
  static ssnAt(entries: readonly SsnEntry[], slot: number, memberId: string, blockId: number): string | null {
    try {
      return SsnVault.ssnAt(entries, slot, memberId, blockId);
    } catch {
      throw new DeskError('unavailable', `The SSN the central store holds for member ${memberId} does not belong to it: the member table was changed there.`);
    }
  }

  /** 8 bytes: two keyed 32-bit MACs of (member id, SSN), for change detection only. */
  check(memberId: string, ssn: string): Buffer {
    const b = Buffer.allocUnsafe(8);
    b.writeUInt32BE(this.#vault.indexMac(`c1:${memberId}:${ssn}`), 0);
    b.writeUInt32BE(this.#vault.indexMac(`c2:${memberId}:${ssn}`), 4);
    return b;
  }
}

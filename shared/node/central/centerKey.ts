import crypto from 'node:crypto';
import { DeskError } from '../../common/errors';

/**
 * SSNs in the central store, under the contact-center key (issue 17 §4): the loader
 * seals each member's SSN with AES-256-GCM (a fresh nonce, the member id as
 * additional data, so a sealed SSN moved to another member fails to open); desks
 * given the key open it and seal it again under their own desk key (ssnVault.ts).
 * A keyed MAC of (member id, SSN) lets the loader see that an SSN changed without
 * opening anything. HKDF gives each use its own key; the check value lets a desk
 * know it holds the key the extract was sealed with before it opens a single SSN.
 */
const VERSION = 1;
const HEADER = 1 + 12 + 16;

export class CenterKey {
  readonly #seal: crypto.KeyObject;
  readonly #mac: Buffer;
  readonly checkValue: string;

  constructor(key: Uint8Array) {
    if (key.length !== 32) throw new DeskError('invalid_request', `The contact-center key must be 32 bytes; this one has ${key.length}.`);
    const derive = (info: string) => Buffer.from(crypto.hkdfSync('sha256', key, Buffer.alloc(0), `kynect-central ${info} v1`, 32));
    this.#seal = crypto.createSecretKey(derive('ssn-seal'));
    this.#mac = derive('ssn-check');
    this.checkValue = derive('key-check').subarray(0, 12).toString('base64url');
  }

  seal(memberId: string, ssn: string): Buffer {
    const nonce = crypto.randomBytes(12);
    const c = crypto.createCipheriv('aes-256-gcm', this.#seal, nonce);
    c.setAAD(Buffer.from(memberId, 'utf8'));
    const body = Buffer.concat([c.update(ssn, 'utf8'), c.final()]);
    return Buffer.concat([Buffer.of(VERSION), nonce, c.getAuthTag(), body]);
  }

  open(memberId: string, sealed: Uint8Array): string {
    const b = Buffer.isBuffer(sealed) ? sealed : Buffer.from(sealed);
    try {
      if (b.length <= HEADER || b[0] !== VERSION) throw new Error('bad header');
      const d = crypto.createDecipheriv('aes-256-gcm', this.#seal, b.subarray(1, 13));
      d.setAAD(Buffer.from(memberId, 'utf8'));
      d.setAuthTag(b.subarray(13, HEADER));
      return Buffer.concat([d.update(b.subarray(HEADER)), d.final()]).toString('utf8');
    } catch {
      throw new DeskError('unavailable', `The SSN the central store holds for member ${memberId} failed its integrity check: it was changed there, or sealed under another contact-center key.`);
    }
  }

  check(memberId: string, ssn: string): Buffer {
    return crypto.createHmac('sha256', this.#mac).update(`${memberId}\u0000${ssn}`).digest().subarray(0, 16);
  }
}

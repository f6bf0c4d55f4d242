/**
 * The keyed third of a parallel bulk import (importParallel.ts): for each batch of
 * valid rows it computes the index keys (the SSN ones are HMACs) and seals the SSNs
 * (AES-256-GCM, ssnVault.ts), while the reading thread parses the next batch and the
 * main thread writes the previous one. Sealing costs about as much as parsing, and on
 * two cores the main thread waited on the reader a third of the time: a thread of its
 * own fills that wait instead of lengthening either side. It is also the only import
 * thread that holds the keys.
 */
import { parentPort, workerData, type MessagePort } from 'node:worker_threads';
import { memberKeys } from '../../common/match/blocking';
import { SEALED_SSN_BYTES, SsnVault, type ThreadKeys } from '../security/ssnVault';

/** From the reading thread: what the keys and the seal need of the valid rows of one batch, in order. */
export interface SealRequest {
  seq: number;
  memberIds: string[];
  ssns: (string | null)[];
  firstNames: string[];
  lastNames: string[];
  datesOfBirth: string[];
}
/**
 * To the main thread: sealed holds 38 bytes per row (all zeros for a row with no SSN);
 * keys holds every row's index keys back to back, counts[i] of them for row i.
 */
export type SealMessage = { type: 'sealed'; seq: number; sealed: ArrayBuffer; keys: Float64Array; counts: Uint8Array } | { type: 'error'; message: string };

const { keys, requests } = workerData as { keys: ThreadKeys; requests: MessagePort };
const vault = new SsnVault(keys);
const port = parentPort!;

requests.on('message', (r: SealRequest) => {
  try {
    const n = r.ssns.length;
    const out = Buffer.alloc(n * SEALED_SSN_BYTES);
    const keys: number[] = [];
    const counts = new Uint8Array(n);
    for (let i = 0; i < n; i++) {
      const ssn = r.ssns[i] ?? null;
      if (ssn !== null) vault.sealInto(ssn, r.memberIds[i]!, out, i * SEALED_SSN_BYTES);
      const k = memberKeys({ firstName: r.firstNames[i]!, lastName: r.lastNames[i]!, dateOfBirth: r.datesOfBirth[i]!, ssn }, vault.indexMac);
      for (const x of k) keys.push(x);
      counts[i] = k.length;
    }
    const keyArray = Float64Array.from(keys);
    // Buffer.alloc gives the batch its own ArrayBuffer, handed over without a copy.
    const sealed = (out.byteOffset === 0 && out.buffer.byteLength === out.length ? out.buffer : out.buffer.slice(out.byteOffset, out.byteOffset + out.length)) as ArrayBuffer;
    port.postMessage({ type: 'sealed', seq: r.seq, sealed, keys: keyArray, counts } satisfies SealMessage, [sealed, keyArray.buffer, counts.buffer]);
  } catch (error) {
    port.postMessage({ type: 'error', message: error instanceof Error ? error.message : String(error) } satisfies SealMessage);
  }
});

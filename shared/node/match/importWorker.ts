/**
 * The reading half of a parallel bulk import (importParallel.ts): runs in a worker
 * thread, reads the file, parses and validates every row with the same code as the
 * one-thread import and computes each member's index keys, then hands rows over in
 * batches while the main thread writes. At most a few batches are in flight, so a big
 * file never piles up in memory.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { nameKeys } from '../../common/match/blocking';
import type { MemberRow } from '../../common/match/schemas';
import { CsvChunkReader } from './csvRows';
import { fileChunks, headerIssues, validateRecord, type ImportIssue } from './importer';
import { memberValues } from './memberStore';

export interface WorkerBatch {
  type: 'batch';
  /** MEMBER_VALUES values per valid row (memberValues order). */
  values: unknown[];
  /** Every row's keys, back to back; counts[i] of them belong to row i. */
  keys: Float64Array;
  counts: Uint8Array;
  rows: number;
  issues: ImportIssue[];
  read: number;
  invalid: number;
  headerBad: boolean;
}
export type WorkerMessage = WorkerBatch | { type: 'end'; empty: boolean } | { type: 'error'; message: string };

const BATCH = 5_000;
const MAX_IN_FLIGHT = 4;
// No key here: this thread files members under their name and date keys; the main
// thread adds the keyed SSN keys and seals the SSNs.
const { file } = workerData as { file: string };
const port = parentPort!;
let inFlight = 0;
let wake: (() => void) | null = null;
port.on('message', (m: { type: string }) => {
  if (m.type === 'ack') {
    inFlight--;
    wake?.();
    wake = null;
  }
});

async function run(): Promise<void> {
  const reader = new CsvChunkReader();
  const seen = new Map<string, number>();
  let headerChecked = false;
  let batch: Pending = fresh();
  const flush = async () => {
    if (batch.read === 0 && batch.issues.length === 0 && !batch.headerBad) return;
    inFlight++;
    const keys = Float64Array.from(batch.keys);
    const counts = Uint8Array.from(batch.counts);
    const message: WorkerBatch = {
      type: 'batch',
      values: batch.values,
      keys,
      counts,
      rows: batch.counts.length,
      issues: batch.issues,
      read: batch.read,
      invalid: batch.invalid,
      headerBad: batch.headerBad,
    };
    port.postMessage(message, [keys.buffer, counts.buffer]);
    batch = fresh();
    while (inFlight >= MAX_IN_FLIGHT) await new Promise<void>((r) => (wake = r));
  };
  const consume = async (records: ReturnType<CsvChunkReader['push']>) => {
    for (const rec of records) {
      if (!headerChecked) {
        headerChecked = true;
        const hi = headerIssues('members', reader.header ?? []);
        if (hi.length) {
          batch.headerBad = true;
          batch.issues.push(...hi);
        }
      }
      batch.read++;
      const v = validateRecord('members', reader.header!, rec, seen);
      if (!v.ok) {
        batch.invalid++;
        batch.issues.push(...v.issues);
      } else {
        const row = v.row as unknown as MemberRow;
        for (const x of memberValues(row)) batch.values.push(x);
        const keys = nameKeys({ firstName: row.first_name, lastName: row.last_name, dateOfBirth: row.date_of_birth });
        for (const k of keys) batch.keys.push(k);
        batch.counts.push(keys.length);
      }
      if (batch.read >= BATCH) await flush();
    }
  };
  for (const chunk of fileChunks(file)) await consume(reader.push(chunk));
  await consume(reader.end());
  if (!headerChecked && reader.header) {
    headerChecked = true;
    const hi = headerIssues('members', reader.header);
    if (hi.length) {
      batch.headerBad = true;
      batch.issues.push(...hi);
    }
  }
  await flush();
  port.postMessage({ type: 'end', empty: !headerChecked } satisfies WorkerMessage);
}

interface Pending {
  values: unknown[];
  keys: number[];
  counts: number[];
  issues: ImportIssue[];
  read: number;
  invalid: number;
  headerBad: boolean;
}

function fresh(): Pending {
  return { values: [], keys: [], counts: [], issues: [], read: 0, invalid: 0, headerBad: false };
}

run().catch((error: unknown) => port.postMessage({ type: 'error', message: error instanceof Error ? error.message : String(error) } satisfies WorkerMessage));

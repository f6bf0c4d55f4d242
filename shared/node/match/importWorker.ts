/**
 * The reading third of a parallel bulk import (importParallel.ts): runs in a worker
 * thread, reads the file, parses and validates every row with the same code as the
 * one-thread import, and hands rows over in batches: to the main thread, which writes,
 * and what the index keys and the seal need to the keyed thread (sealWorker.ts). At most a few batches are in flight, so a big
 * file never piles up in memory.
 */
import { parentPort, workerData, type MessagePort } from 'node:worker_threads';
import type { MemberRow } from '../../common/match/schemas';
import { CsvChunkReader } from './csvRows';
import { fileChunks, headerIssues, validateRecord, type ImportIssue } from './importer';
import { memberValues } from './memberStore';
import type { SealRequest } from './sealWorker';

export interface WorkerBatch {
  type: 'batch';
  /** Its SSNs arrive sealed from the sealing thread under the same number. */
  seq: number;
  /** MEMBER_VALUES values per valid row (memberValues order), the SSN left out (null). */
  values: unknown[];
  rows: number;
  issues: ImportIssue[];
  read: number;
  invalid: number;
  headerBad: boolean;
}
export type WorkerMessage = WorkerBatch | { type: 'end'; empty: boolean; batches: number } | { type: 'error'; message: string };

const BATCH = 5_000;
const MAX_IN_FLIGHT = 4;
// No key here: the SSNs go in clear to the keyed thread, never to the main thread.
const { file, sealer } = workerData as { file: string; sealer: MessagePort };
let seq = 0;
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
    const n = seq++;
    const b = batch;
    sealer.postMessage({ seq: n, memberIds: b.memberIds, ssns: b.ssns, firstNames: b.firstNames, lastNames: b.lastNames, datesOfBirth: b.datesOfBirth } satisfies SealRequest);
    const message: WorkerBatch = { type: 'batch', seq: n, values: b.values, rows: b.memberIds.length, issues: b.issues, read: b.read, invalid: b.invalid, headerBad: b.headerBad };
    port.postMessage(message);
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
        const values = memberValues(row);
        values[9] = null;
        for (const x of values) batch.values.push(x);
        batch.memberIds.push(row.member_id);
        batch.ssns.push(row.ssn);
        batch.firstNames.push(row.first_name);
        batch.lastNames.push(row.last_name);
        batch.datesOfBirth.push(row.date_of_birth);
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
  port.postMessage({ type: 'end', empty: !headerChecked, batches: seq } satisfies WorkerMessage);
  sealer.close();
}

interface Pending {
  values: unknown[];
  memberIds: string[];
  ssns: (string | null)[];
  firstNames: string[];
  lastNames: string[];
  datesOfBirth: string[];
  issues: ImportIssue[];
  read: number;
  invalid: number;
  headerBad: boolean;
}

function fresh(): Pending {
  return { values: [], memberIds: [], ssns: [], firstNames: [], lastNames: [], datesOfBirth: [], issues: [], read: 0, invalid: 0, headerBad: false };
}

run().catch((error: unknown) => port.postMessage({ type: 'error', message: error instanceof Error ? error.message : String(error) } satisfies WorkerMessage));

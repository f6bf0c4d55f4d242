/**
 * The reading half of a parallel bulk import (importParallel.ts): runs in a worker
 * thread, reads the file, parses and validates every row with the same code as the
 * one-thread import and computes each member's index keys, then hands rows over in
 * batches while the main thread writes. At most a few batches are in flight, so a big
 * file never piles up in memory.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { memberKeys } from '../../common/match/blocking';
import type { MemberRow } from '../../common/match/schemas';
import { CsvChunkReader } from './csvRows';
import { fileChunks, headerIssues, validateRecord, type ImportIssue } from './importer';

export interface WorkerBatch {
  type: 'batch';
  rows: MemberRow[];
  keys: number[][];
  issues: ImportIssue[];
  read: number;
  invalid: number;
  headerBad: boolean;
}
export type WorkerMessage = WorkerBatch | { type: 'end'; empty: boolean } | { type: 'error'; message: string };

const BATCH = 5_000;
const MAX_IN_FLIGHT = 4;
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
  let batch: WorkerBatch = fresh();
  const flush = async () => {
    if (batch.read === 0 && batch.issues.length === 0 && !batch.headerBad) return;
    inFlight++;
    port.postMessage(batch);
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
        batch.rows.push(row);
        batch.keys.push(memberKeys({ firstName: row.first_name, lastName: row.last_name, dateOfBirth: row.date_of_birth, ssn: row.ssn }));
      }
      if (batch.read >= BATCH) await flush();
    }
  };
  for (const chunk of fileChunks(file)) await consume(reader.push(chunk));
  await consume(reader.end());
  await flush();
  port.postMessage({ type: 'end', empty: !headerChecked } satisfies WorkerMessage);
}

function fresh(): WorkerBatch {
  return { type: 'batch', rows: [], keys: [], issues: [], read: 0, invalid: 0, headerBad: false };
}

run().catch((error: unknown) => port.postMessage({ type: 'error', message: error instanceof Error ? error.message : String(error) } satisfies WorkerMessage));

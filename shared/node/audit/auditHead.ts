import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { writePrivateFile } from '../db/filePrivacy';

/**
 * The latest audit entry as recorded outside the database (issue 14 §9): its
 * sequence number and hash. A log that ends before it, or holds another entry at
 * its place, was truncated or rewritten, even if the chain inside the file was
 * recomputed. It lives with the desk key's store, not beside the database, so a
 * copy or a rewrite of the database folder does not carry it. The PostgreSQL
 * central store (issue 17) can keep each desk's head too: see AuditLog.head().
 */
export interface AuditHead {
  seq: number;
  hash: string;
}

export interface AuditHeadStore {
  /** Said in messages: where the head is kept. */
  readonly description: string;
  read(): AuditHead | null;
  write(head: AuditHead): void;
}

const HeadFile = z.object({ deskId: z.string(), seq: z.number().int().nonnegative(), hash: z.string().regex(/^[0-9a-f]{64}$/), at: z.string() });

/** One small JSON file per database (named by its desk id), written whole or not at all. */
export function fileHeadStore(folder: string, deskId: string, now: () => Date = () => new Date()): AuditHeadStore {
  if (!/^[A-Za-z0-9-]{8,64}$/.test(deskId)) throw new Error(`Not a desk id: ${deskId}`);
  const file = path.join(folder, 'audit-heads', `${deskId}.json`);
  return {
    description: file,
    read() {
      let text: string;
      try {
        text = fs.readFileSync(file, 'utf8');
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
        throw error;
      }
      const parsed = HeadFile.safeParse(JSON.parse(text));
      // A head that does not parse is no head: verify then says it is missing, it never passes silently.
      if (!parsed.success || parsed.data.deskId !== deskId) return null;
      return { seq: parsed.data.seq, hash: parsed.data.hash };
    },
    write(head) {
      writePrivateFile(file, JSON.stringify({ deskId, seq: head.seq, hash: head.hash, at: now().toISOString() }) + '\n');
    },
  };
}

/** A head kept in memory (tests of the chain itself). */
export function memoryHeadStore(): AuditHeadStore & { value: AuditHead | null } {
  const store = {
    description: 'memory',
    value: null as AuditHead | null,
    read: () => store.value,
    write: (h: AuditHead) => void (store.value = { ...h }),
  };
  return store;
}

/**
 * Whether this thread is running a request's handler right now, in shared memory, so
 * that an import's staging thread (match/stagingWorker.ts) can give way: it starts its
 * next write transaction only when no request is being served, and a request that
 * arrives during one waits for that one only. Without it SQLite's busy handler, which
 * sleeps 1, 2, 5 … 100 ms between tries, kept missing the gaps between the thread's
 * transactions (p99 335 ms at 200,000 members). One per thread, like the thread's loop.
 */
export const serving = new Int32Array(new SharedArrayBuffer(4));

/** Runs the synchronous part of a handler with the flag up (a handler's writes are synchronous). */
export function whileServing<T>(fn: () => T): T {
  Atomics.add(serving, 0, 1);
  try {
    return fn();
  } finally {
    Atomics.sub(serving, 0, 1);
    Atomics.notify(serving, 0);
  }
}

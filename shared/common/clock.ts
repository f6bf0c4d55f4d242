/**
 * The clock every service takes instead of calling `new Date()` itself, so that
 * timers, windows and audit times can be tested by moving time by hand.
 */
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

/**
 * A clock that only moves when told to; for tests, the CLI's `--now` and benchmarks.
 * Its time lives in shared memory, so a desk running on another thread reads the
 * very clock a test moves (`ManualClock.attach`).
 */
export class ManualClock implements Clock {
  readonly #ms: Float64Array;
  constructor(start: Date | string | SharedArrayBuffer) {
    if (start instanceof SharedArrayBuffer) {
      this.#ms = new Float64Array(start, 0, 1);
    } else {
      this.#ms = new Float64Array(new SharedArrayBuffer(8));
      this.#ms[0] = new Date(start).getTime();
    }
  }
  /** The same clock, seen from another thread. */
  static attach(memory: SharedArrayBuffer): ManualClock {
    return new ManualClock(memory);
  }
  get memory(): SharedArrayBuffer {
    return this.#ms.buffer as SharedArrayBuffer;
  }
  now(): Date {
    return new Date(this.#ms[0]!);
  }
  set(to: Date | string): void {
    this.#ms[0] = new Date(to).getTime();
  }
  advance(ms: number): void {
    this.#ms[0] = this.#ms[0]! + ms;
  }
}

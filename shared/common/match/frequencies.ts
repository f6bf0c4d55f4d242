import { nameLetters } from './normalize';

/**
 * How common a name is among the members in the cache: the "u" of an exact name
 * agreement (the chance that a stranger bears it) is that name's share, not one
 * average for every name. Agreeing on "Smith" (about 1 % of people) says far less
 * than agreeing on "Caudill", and agreeing on "James" (about 3 % of men) less than on
 * "Thaddeus" (issue 16 §1: look-alikes with a common name). Counts are per spelling
 * without punctuation (`nameLetters`), so "O'Brien" and "OBrien" count together.
 *
 * Small caches (a test, a pilot with a few hundred members) say little about name
 * frequencies, so each share is pulled toward the average share the flat model uses
 * (`uShare`) by PRIOR_MEMBERS pseudo-members: with a handful of members the weights
 * are today's flat ones; with a million they are the cache's own.
 */
export interface NameCounts {
  /** Members in the cache. */
  readonly members: number;
  /** Members whose first name (last name) has these letters, 0 when none. */
  first(letters: string): number;
  last(letters: string): number;
}

export const PRIOR_MEMBERS = 10_000;

/** The share a name of `count` members stands for, shrunk toward `average` for small caches. */
export function nameShare(counts: NameCounts | undefined, part: 'first' | 'last', name: string, average: number): number {
  if (!counts) return average;
  const letters = lettersOf(name);
  const count = part === 'first' ? counts.first(letters) : counts.last(letters);
  return (count + PRIOR_MEMBERS * average) / (counts.members + PRIOR_MEMBERS);
}

/** nameLetters, remembered per spelling: a lookup asks for the same few names again and again. */
const letterCache = new Map<string, string>();
function lettersOf(name: string): string {
  let v = letterCache.get(name);
  if (v === undefined) {
    if (letterCache.size > 100_000) letterCache.clear();
    v = nameLetters(name);
    letterCache.set(name, v);
  }
  return v;
}

/** Counts held in memory (tests, the in-memory index, and the cache's own copy of its table). */
export class NameCountTable implements NameCounts {
  readonly #first = new Map<string, number>();
  readonly #last = new Map<string, number>();
  #members = 0;

  get members(): number {
    return this.#members;
  }

  first(letters: string): number {
    return this.#first.get(letters) ?? 0;
  }

  last(letters: string): number {
    return this.#last.get(letters) ?? 0;
  }

  /** Adds (delta 1) or removes (delta −1) one member's names. */
  count(firstName: string, lastName: string, delta = 1): void {
    bump(this.#first, nameLetters(firstName), delta);
    bump(this.#last, nameLetters(lastName), delta);
    this.#members += delta;
  }

  /** Sets a stored count (loading the cache's table); `members` is set once with setMembers. */
  set(part: 'first' | 'last', letters: string, members: number): void {
    (part === 'first' ? this.#first : this.#last).set(letters, members);
  }

  setMembers(n: number): void {
    this.#members = n;
  }

  entries(part: 'first' | 'last'): IterableIterator<[string, number]> {
    return (part === 'first' ? this.#first : this.#last).entries();
  }
}

function bump(map: Map<string, number>, key: string, delta: number): void {
  const n = (map.get(key) ?? 0) + delta;
  if (n > 0) map.set(key, n);
  else map.delete(key);
}

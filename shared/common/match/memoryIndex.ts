import { memberKeys, queryKeys, unkeyedSsnKeyHash } from './blocking';
import { decide, type MatchDecision } from './decide';
import { NameCountTable } from './frequencies';
import type { MatchMember, MatchQuery } from './schemas';
import type { ScoringContext } from './scoring';

/**
 * The candidate index held in memory: the same blocking keys and name counts as the
 * SQLite cache, for unit tests and for the pure-layer accuracy checks. Lookups never
 * scan all members. It never reaches disk, so its SSN keys are unkeyed.
 */
export class MemoryMemberIndex {
  readonly #byKey = new Map<number, number[]>();
  readonly #members = new Map<number, MatchMember>();
  readonly counts = new NameCountTable();
  /** Today (YYYY-MM-DD) for ages in scoring; tests and the benchmark fix it. */
  today: string | undefined;

  constructor(today?: string) {
    this.today = today;
  }

  add(member: MatchMember): void {
    this.#members.set(member.id, member);
    this.counts.count(member.firstName, member.lastName);
    for (const k of memberKeys(member, unkeyedSsnKeyHash)) {
      const list = this.#byKey.get(k);
      if (list) list.push(member.id);
      else this.#byKey.set(k, [member.id]);
    }
  }

  get size(): number {
    return this.#members.size;
  }

  candidates(query: MatchQuery): MatchMember[] {
    const ids = new Set<number>();
    for (const k of queryKeys(query, unkeyedSsnKeyHash)) for (const id of this.#byKey.get(k) ?? []) ids.add(id);
    return [...ids].map((id) => this.#members.get(id)!);
  }

  context(): ScoringContext {
    return { counts: this.counts, today: this.today };
  }

  lookup(query: MatchQuery): MatchDecision {
    return decide(query, this.candidates(query), this.context());
  }
}

import { memberKeys, queryKeys, unkeyedSsnKeyHash } from './blocking';
import { decide, type MatchDecision } from './decide';
import type { MatchMember, MatchQuery } from './schemas';

/**
 * The candidate index held in memory: the same blocking keys as the SQLite cache, for
 * unit tests and for the pure-layer accuracy checks. Lookups never scan all members.
 * It never reaches disk, so its SSN keys are unkeyed.
 */
export class MemoryMemberIndex {
  readonly #byKey = new Map<number, number[]>();
  readonly #members = new Map<number, MatchMember>();

  add(member: MatchMember): void {
    this.#members.set(member.id, member);
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

  lookup(query: MatchQuery): MatchDecision {
    return decide(query, this.candidates(query));
  }
}

import { birthYear, dobVariants } from './dates';
import { hash53 } from './hash';
import { nicknamesOf } from './nicknames';
import { nameLetters, nameParts } from './normalize';
import { metaphoneCodes } from './phonetic';
import type { MatchQuery } from './schemas';

/**
 * Blocking keys: how a lookup finds its candidates through indexes instead of scanning
 * every member (issue 4 §2). Each member is filed under a handful of keys; a query
 * probes the keys it could share with the right member despite one slip:
 *
 *   key                               member files      query probes                      survives
 *   s:SSN                             its SSN           its SSN                           name, DOB, sex slips
 *   s4:last4:birth year               SSN last 4 + YOB  same                              name slips, DOB day/month slips
 *   dl:DOB:code(last-name part)       each part's code  DOB and every slip of it ×         first-name, SSN, sex slips,
 *                                                       codes of each last-name part      DOB slips, hyphenated names
 *   df:DOB:code(first name)           first name code   DOB and every slip × first code;  last-name change, SSN slips,
 *                                                       DOB × codes of every nickname     nicknames, DOB slips
 *   (the same two, crosswise)                           DOB × code of the first name as   first and last names swapped
 *                                                       a last name, and the other way
 *
 * "code" is the Double Metaphone code, so spelling variants that sound alike share a
 * key. The SSN keys are hashed with a keyed MAC the caller supplies (in the app an
 * HMAC-SHA-256 under the desk key, shared/node/security/ssnVault.ts): an unkeyed hash
 * of a 9-digit number is undone by trying all of them. The name and date keys use
 * cyrb53 (hash.ts). Keys are hashed to 32-bit integers so a (key, member) pair packs into
 * one 64-bit number for sorted bulk loading; with ~4 million keys for a million members
 * a probe meets a foreign key about once in a thousand — a collision only adds a
 * candidate, which scoring then turns away.
 * A query with no SSN skips the SSN keys. No key depends on sex, so a wrong sex never
 * hides anyone.
 */
export interface KeyedMember {
  firstName: string;
  lastName: string;
  dateOfBirth: string;
  ssn: string | null;
}

/** Codes per distinct name spelling: a million members share a few thousand names. */
const partsCache = new Map<string, string[]>();
const firstCache = new Map<string, string[]>();

function cached(cache: Map<string, string[]>, name: string, make: () => string[]): string[] {
  let v = cache.get(name);
  if (!v) {
    if (cache.size > 100_000) cache.clear();
    v = make();
    cache.set(name, v);
  }
  return v;
}

function codesOfParts(name: string, primaryOnly: boolean): string[] {
  return primaryOnly ? cached(partsCache, name, () => computeCodesOfParts(name, true)) : computeCodesOfParts(name, false);
}

function computeCodesOfParts(name: string, primaryOnly: boolean): string[] {
  const out = new Set<string>();
  const parts = nameParts(name);
  const whole = parts.join('');
  for (const word of parts.length > 1 ? [...parts, whole] : parts) {
    const codes = metaphoneCodes(word);
    if (primaryOnly) out.add(codes[0]!);
    else for (const c of codes) out.add(c);
  }
  out.delete('');
  return [...out];
}

function firstCode(name: string, primaryOnly: boolean): string[] {
  return primaryOnly ? cached(firstCache, name, () => computeFirstCode(name, true)) : computeFirstCode(name, false);
}

function computeFirstCode(name: string, primaryOnly: boolean): string[] {
  const letters = nameLetters(name);
  if (!letters) return [];
  const codes = metaphoneCodes(letters);
  return (primaryOnly ? [codes[0]!] : [...codes]).filter((c) => c !== '');
}

function ssnKeyStrings(ssn: string, dateOfBirth: string): [string, string] {
  return [`s:${ssn}`, `s4:${ssn.slice(-4)}:${birthYear(dateOfBirth)}`];
}

/** The keys one member is filed under (strings; hash with `hashKeys`). */
export function memberKeyStrings(m: KeyedMember): string[] {
  const keys: string[] = [];
  if (m.ssn) keys.push(...ssnKeyStrings(m.ssn, m.dateOfBirth));
  for (const c of codesOfParts(m.lastName, true)) keys.push(`dl:${m.dateOfBirth}:${c}`);
  for (const c of firstCode(m.firstName, true)) keys.push(`df:${m.dateOfBirth}:${c}`);
  return keys;
}

/** The keys a query probes. */
export function queryKeyStrings(q: Pick<MatchQuery, 'firstName' | 'lastName' | 'dateOfBirth' | 'ssn'>): string[] {
  const keys = new Set<string>();
  if (q.ssn) for (const k of ssnKeyStrings(q.ssn, q.dateOfBirth)) keys.add(k);
  const dates = [q.dateOfBirth, ...dobVariants(q.dateOfBirth)];
  const lastCodes = codesOfParts(q.lastName, false);
  const firstCodes = firstCode(q.firstName, false);
  for (const d of dates) {
    for (const c of lastCodes) keys.add(`dl:${d}:${c}`);
    for (const c of firstCodes) keys.add(`df:${d}:${c}`);
  }
  for (const nick of nicknamesOf(q.firstName)) {
    for (const c of firstCode(nick, false)) keys.add(`df:${q.dateOfBirth}:${c}`);
  }
  // First and last names given the wrong way round (issue 16): the member is filed under
  // its last name's code, which the query holds as its first name, and the other way.
  // Only the exact date: a swap and a date slip together are two mistakes.
  for (const c of codesOfParts(q.firstName, false)) keys.add(`dl:${q.dateOfBirth}:${c}`);
  for (const c of firstCode(q.lastName, false)) keys.add(`df:${q.dateOfBirth}:${c}`);
  return [...keys];
}

/** A keyed hash of an SSN key string to 32 bits (unsigned). */
export type SsnKeyHash = (key: string) => number;

/**
 * The unkeyed hash, for indexes that live in memory only (tests, accuracy runs); a key
 * that reaches disk must go through a keyed SsnKeyHash.
 */
export const unkeyedSsnKeyHash: SsnKeyHash = (k) => hash53(k) % 4294967296;

const isSsnKey = (k: string) => k.charCodeAt(0) === 115 /* s */ && (k.charCodeAt(1) === 58 /* : */ || k.startsWith('s4:'));

export function hashKeys(keys: readonly string[], ssnKeyHash: SsnKeyHash): number[] {
  return [...new Set(keys.map((k) => (isSsnKey(k) ? ssnKeyHash(k) : hash53(k) % 4294967296)))];
}

export const memberKeys = (m: KeyedMember, ssnKeyHash: SsnKeyHash): number[] => hashKeys(memberKeyStrings(m), ssnKeyHash);

/** A member's name and date keys alone: what can be computed without the key (the import's reading thread). */
export const nameKeys = (m: Omit<KeyedMember, 'ssn'>): number[] => hashKeys(memberKeyStrings({ ...m, ssn: null }), unkeyedSsnKeyHash);

/** A member's SSN keys alone, keyed: with `nameKeys`, the same set as `memberKeys`. */
export function ssnKeys(ssn: string, dateOfBirth: string, ssnKeyHash: SsnKeyHash): number[] {
  const [full, last4] = ssnKeyStrings(ssn, dateOfBirth);
  const a = ssnKeyHash(full);
  const b = ssnKeyHash(last4);
  return a === b ? [a] : [a, b];
}
export const queryKeys = (q: Pick<MatchQuery, 'firstName' | 'lastName' | 'dateOfBirth' | 'ssn'>, ssnKeyHash: SsnKeyHash): number[] => hashKeys(queryKeyStrings(q), ssnKeyHash);

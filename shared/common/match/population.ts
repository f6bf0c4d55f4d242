import { censusSurnames, censusSurnameShare, femaleGivenNames, maleGivenNames, type WeightedName } from './data/usNames';
import { nicknamesOf } from './nicknames';
import { isRealDate } from '../validation';
import { shiftDays, shiftYears } from './dates';
import type { MatchQuery, Sex } from './schemas';

/**
 * A synthetic member population with a fixed seed, for tests and the benchmark. Names
 * follow real US frequencies (SSA given names, Census surnames — data/usNames.ts) so
 * common surnames are common (Smith near 1 % of people, James near 3 % of men), plus a
 * long tail of rarer made-up surnames, surnames written with apostrophes or spaces
 * (O'Brien, De La Cruz) and two-part Hispanic surnames (Garcia Lopez). Every member
 * gets its own SSN (2 % have none), a birth date between 0 and 85 years before the
 * reference day, and belongs to a case of one to five people sharing a last name; some
 * cases hold twins (same last name and birth date, their own first names and SSNs).
 * With `duplicateShare`, that share of members is also filed a second time on a later
 * case with the same SSN and birth date (the same person on two cases, issue 12 §1),
 * under the same first name, a nickname or a typo of it.
 * Nothing here is a real person.
 */

/** mulberry32: small, fast, seeded PRNG (public domain). */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

class WeightedPicker {
  readonly #names: string[];
  readonly #cumulative: Float64Array;
  constructor(list: readonly WeightedName[]) {
    this.#names = list.map((n) => n.name);
    this.#cumulative = new Float64Array(list.length);
    let sum = 0;
    list.forEach((n, i) => {
      sum += n.count;
      this.#cumulative[i] = sum;
    });
  }
  pick(r: number): string {
    const target = r * this.#cumulative[this.#cumulative.length - 1]!;
    let lo = 0;
    let hi = this.#cumulative.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.#cumulative[mid]! < target) lo = mid + 1;
      else hi = mid;
    }
    return this.#names[lo]!;
  }
}

const tailStarts = [
  'Ash',
  'Bar',
  'Bel',
  'Black',
  'Brad',
  'Brook',
  'Bur',
  'Cal',
  'Car',
  'Chal',
  'Cran',
  'Dal',
  'Dun',
  'Elder',
  'Fair',
  'Farn',
  'Gar',
  'Gil',
  'Glad',
  'Hal',
  'Hart',
  'Hay',
  'Hol',
  'Kel',
  'Kings',
  'Lang',
  'Led',
  'Lind',
  'Mar',
  'Mel',
  'Mor',
  'Nor',
  'Oak',
  'Pem',
  'Pres',
  'Rad',
  'Red',
  'Rock',
  'Rus',
  'Sal',
  'Shel',
  'Stan',
  'Stock',
  'Sut',
  'Thorn',
  'Tre',
  'Wal',
  'War',
  'Wes',
  'Whit',
  'Win',
  'Wood',
  'Yar',
  'Zel',
];
const tailEnds = [
  'bury',
  'by',
  'cott',
  'dale',
  'den',
  'don',
  'field',
  'ford',
  'gate',
  'grove',
  'ham',
  'hurst',
  'ington',
  'ker',
  'land',
  'ley',
  'low',
  'man',
  'mont',
  'more',
  'ner',
  'ridge',
  'rick',
  'stead',
  'stone',
  'ton',
  'vale',
  'ville',
  'well',
  'wick',
  'win',
  'worth',
];

function surnameTail(): WeightedName[] {
  const census = new Set(censusSurnames.map((n) => n.name.toUpperCase()));
  const names: string[] = [];
  for (const s of tailStarts)
    for (const e of tailEnds) {
      const n = s + e;
      if (!census.has(n.toUpperCase())) names.push(n);
    }
  // Zipf-like weights over the tail, scaled so the tail carries the people the census
  // top list does not (about three quarters of the population).
  const censusTotal = censusSurnames.reduce((s, n) => s + n.count, 0);
  const tailTotal = (censusTotal / censusSurnameShare) * (1 - censusSurnameShare);
  const raw = names.map((_, i) => 1 / Math.pow(i + 10, 0.7));
  const rawSum = raw.reduce((a, b) => a + b, 0);
  return names.map((name, i) => ({ name, count: (raw[i]! / rawSum) * tailTotal }));
}

/**
 * Surnames written with an apostrophe, a space or a particle: the Census file lists
 * them without punctuation ("OBRIEN"), so their counts here are made up, of the order
 * of a surname ranked 500th to 1,500th in the Census list.
 */
const punctuatedSurnames: WeightedName[] = [
  ["O'Brien", 60_000],
  ["O'Connor", 55_000],
  ["O'Neal", 40_000],
  ["O'Neill", 35_000],
  ["O'Donnell", 30_000],
  ["O'Hara", 20_000],
  ["O'Keefe", 15_000],
  ["D'Angelo", 12_000],
  ['De La Cruz', 40_000],
  ['De Leon', 45_000],
  ['De Jesus', 40_000],
  ['Del Rio', 12_000],
  ['St. John', 15_000],
  ['St. Clair', 10_000],
  ['Van Dyke', 12_000],
  ['Le Blanc', 20_000],
  ['La Rue', 8_000],
  ['Mc Cormick', 5_000],
].map(([name, count]) => ({ name: name as string, count: count as number }));

/** Census surnames of Spanish origin: some people carry two of them with a space (Garcia Lopez). */
const hispanicSurnames = new Set(
  'Garcia Rodriguez Martinez Hernandez Lopez Gonzalez Perez Sanchez Ramirez Torres Flores Rivera Gomez Diaz Cruz Reyes Morales Gutierrez Ortiz Ramos Chavez Mendoza Ruiz Alvarez Castillo Jimenez Moreno Romero Herrera Medina Aguilar Vargas Castro Fernandez Guzman Mendez Munoz Salazar Garza Soto Vazquez Alvarado Delgado Pena Contreras Sandoval Guerrero Rios Estrada Ortega Nunez Valdez'.split(
    ' ',
  ),
);
const TWO_SURNAMES_SHARE = 0.25;

export interface SyntheticMember {
  memberId: string;
  caseNumber: string;
  applicationNumber: string | null;
  firstName: string;
  middleName: string | null;
  lastName: string;
  suffix: string | null;
  dateOfBirth: string;
  sex: Sex;
  ssn: string | null;
  headOfHousehold: boolean;
  caseStatus: string;
  applicationSubmittedOn: string | null;
  /** The other twin's member id, when this member is the second of twins. */
  twinOf: string | null;
  /** The member id of this person's first record, when this is their second record on another case. */
  sameAs: string | null;
}

export interface PopulationOptions {
  seed: number;
  /** Day the ages are counted back from (YYYY-MM-DD). */
  referenceDay?: string;
  /** Share of members filed a second time on a later case (0 by default). */
  duplicateShare?: number;
}

/** Chance that a member after the second of a case is the twin of the one before. */
const TWIN_SHARE = 0.06;

const SSN_SPACE = 799_999_999; // 100000000..899999999
const SSN_STEP = 104_729; // prime, coprime with SSN_SPACE: i → SSN is one-to-one

/** The i-th unique SSN; indices past the population size give people not in the cache. */
export function syntheticSsn(i: number): string {
  return String(100_000_000 + ((i * SSN_STEP + 12_345) % SSN_SPACE));
}

export class PopulationGenerator {
  readonly random: () => number;
  readonly #female = new WeightedPicker(femaleGivenNames);
  readonly #male = new WeightedPicker(maleGivenNames);
  readonly #surname = new WeightedPicker([...censusSurnames, ...punctuatedSurnames, ...surnameTail()]);
  readonly #hispanic = new WeightedPicker(censusSurnames.filter((n) => hispanicSurnames.has(n.name)));
  readonly #refYear: number;
  readonly #duplicateShare: number;
  /** Second records waiting for a later case: [case index it goes on, the first record]. */
  readonly #pendingCopies: [number, SyntheticMember][] = [];
  #personIndex = 0;
  #caseIndex = 0;

  constructor(options: PopulationOptions) {
    this.random = seededRandom(options.seed);
    this.#refYear = Number((options.referenceDay ?? '2026-01-01').slice(0, 4));
    this.#duplicateShare = options.duplicateShare ?? 0;
  }

  get referenceYear(): number {
    return this.#refYear;
  }

  int(n: number): number {
    return Math.floor(this.random() * n);
  }

  surname(): string {
    return this.#surname.pick(this.random());
  }

  /** A surname as a family carries it: sometimes two Spanish surnames with a space. */
  familySurname(): string {
    const last = this.surname();
    if (hispanicSurnames.has(last) && this.random() < TWO_SURNAMES_SHARE) {
      let second = this.#hispanic.pick(this.random());
      while (second === last) second = this.#hispanic.pick(this.random());
      return `${last} ${second}`;
    }
    return last;
  }

  /** One of the `top` most frequent given names of that sex (a look-alike's name). */
  commonGivenName(sex: Sex, top: number): string {
    const list = sex === 'F' ? femaleGivenNames : maleGivenNames;
    return list[this.int(Math.min(top, list.length))]!.name;
  }

  /** One of the `top` most frequent census surnames. */
  commonSurname(top: number): string {
    return censusSurnames[this.int(Math.min(top, censusSurnames.length))]!.name;
  }

  givenName(sex: Sex): string {
    const useFemale = sex === 'F' || (sex === 'U' && this.random() < 0.5);
    return (useFemale ? this.#female : this.#male).pick(this.random());
  }

  dateOfBirth(minAge = 0, maxAge = 85): string {
    for (;;) {
      const year = this.#refYear - 1 - minAge - this.int(maxAge - minAge + 1);
      const month = 1 + this.int(12);
      const day = 1 + this.int(31);
      const s = `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
      if (isRealDate(s)) return s;
    }
  }

  sex(): Sex {
    const r = this.random();
    return r < 0.002 ? 'U' : r < 0.501 ? 'F' : 'M';
  }

  /** A person with the population's distributions; `ssnIndex` picks a unique SSN. */
  person(ssnIndex: number, lastName?: string, minAge = 0, maxAge = 85) {
    const sex = this.sex();
    let last = lastName ?? this.familySurname();
    if (!lastName && sex === 'F' && this.random() < 0.03) last = `${last}-${this.surname()}`;
    return {
      firstName: this.givenName(sex),
      lastName: last,
      sex,
      dateOfBirth: this.dateOfBirth(minAge, maxAge),
      ssn: this.random() < 0.02 ? null : syntheticSsn(ssnIndex),
    };
  }

  /** The members of one case (1–5 people sharing a last name), numbered in order. */
  nextCase(): SyntheticMember[] {
    const caseNo = String(100_000_000 + this.#caseIndex++);
    const size = [1, 1, 1, 2, 2, 3, 3, 4, 5][this.int(9)]!;
    const statusRoll = this.random();
    const caseStatus = statusRoll < 0.7 ? 'Active' : statusRoll < 0.8 ? 'Pending' : statusRoll < 0.95 ? 'Discontinued' : 'Denied';
    const submitted = caseStatus === 'Pending' ? `${this.#refYear - 1}-12-${String(20 + this.int(10)).padStart(2, '0')}` : null;
    const appNo = caseStatus === 'Pending' ? String(200_000_000 + this.#caseIndex) : null;
    const out: SyntheticMember[] = [];
    let familyName: string | undefined;
    for (let k = 0; k < size; k++) {
      const index = this.#personIndex++;
      const p = k === 0 ? this.person(index, undefined, 18, 85) : this.person(index, familyName, 0, 85);
      if (k === 0) familyName = p.lastName;
      let twinOf: string | null = null;
      const previous = out[k - 1];
      if (k >= 2 && previous && !previous.twinOf && this.random() < TWIN_SHARE) {
        // The second of twins: the same birth date, a first name of their own.
        p.dateOfBirth = previous.dateOfBirth;
        while (p.firstName === previous.firstName) p.firstName = this.givenName(p.sex);
        twinOf = previous.memberId;
      }
      out.push({
        memberId: `M${String(index + 1).padStart(9, '0')}`,
        caseNumber: caseNo,
        applicationNumber: appNo,
        firstName: p.firstName,
        middleName: this.random() < 0.3 ? this.givenName(p.sex) : null,
        lastName: p.lastName,
        suffix: p.sex === 'M' && this.random() < 0.01 ? 'JR' : null,
        dateOfBirth: p.dateOfBirth,
        sex: p.sex,
        ssn: p.ssn,
        headOfHousehold: k === 0,
        caseStatus,
        applicationSubmittedOn: submitted,
        twinOf,
        sameAs: null,
      });
    }
    for (const m of out) {
      if (this.#duplicateShare > 0 && this.random() < this.#duplicateShare) this.#pendingCopies.push([this.#caseIndex + 1 + this.int(200), m]);
    }
    // Second records due on this case join it (a child also on the other parent's case, a record filed twice).
    for (let i = 0; i < this.#pendingCopies.length;) {
      const [due, first] = this.#pendingCopies[i]!;
      if (due > this.#caseIndex) {
        i++;
        continue;
      }
      this.#pendingCopies.splice(i, 1);
      const index = this.#personIndex++;
      const roll = this.random();
      const nicks = [...nicknamesOf(first.firstName)].filter((n) => n.length > 2);
      const firstName =
        roll < 0.6 || (roll < 0.8 && !nicks.length) ? first.firstName : roll < 0.8 ? titleCase(nicks[this.int(nicks.length)]!) : titleCase(typo(first.firstName, this.random));
      out.push({
        ...first,
        memberId: `M${String(index + 1).padStart(9, '0')}`,
        caseNumber: caseNo,
        applicationNumber: appNo,
        caseStatus,
        applicationSubmittedOn: submitted,
        firstName,
        headOfHousehold: false,
        twinOf: null,
        sameAs: first.memberId,
      });
    }
    return out;
  }

  /** `count` members (whole cases; the last case is cut to fit). */
  *members(count: number): Generator<SyntheticMember> {
    let made = 0;
    while (made < count) {
      for (const m of this.nextCase()) {
        if (made >= count) return;
        made++;
        yield m;
      }
    }
  }

  get membersMade(): number {
    return this.#personIndex;
  }
}

/**
 * Every kind of slip issue 4 §2 says a Partial match must survive, plus the controls,
 * and the harder ones of issue 16 §1: two mistakes at once, swapped names, a birth year
 * off with no SSN, married and compound names, punctuation, twins, one person on two
 * cases, someone else's SSN, and people who are not in the cache but look like someone
 * who is.
 */
export const errorKinds = [
  'exact',
  'nickname',
  'first-typo',
  'first-transposition',
  'last-typo',
  'last-transposition',
  'hyphenated-last',
  'changed-last',
  'dob-swap',
  'dob-digit',
  'ssn-digit',
  'ssn-swap',
  'missing-ssn',
  'wrong-sex',
  'absent',
  // issue 16
  'swapped-names',
  'dob-year-no-ssn',
  'nickname-dob-day',
  'last-typo-ssn-digit',
  'married-name',
  'married-name-no-ssn',
  'compound-last-part',
  'punctuated-last',
  'twin',
  'two-cases',
  'crossed-ssn',
  'namesake',
  'look-alike',
  // people who are not in the cache and give no SSN: what the no-SSN kinds above look like from outside
  'absent-no-ssn',
  'look-alike-no-ssn',
] as const;
export type ErrorKind = (typeof errorKinds)[number];

/** Kinds about people who are not in the cache: the right answer is No match. */
export const absentKinds: ReadonlySet<ErrorKind> = new Set<ErrorKind>(['absent', 'namesake', 'look-alike', 'absent-no-ssn', 'look-alike-no-ssn']);

export interface TestQuery {
  kind: ErrorKind;
  query: MatchQuery;
  /** The member the query is about; null for people not in the cache. */
  expectedMemberId: string | null;
  /** The same person's other record, for 'two-cases' (either may come first; neither may be Full). */
  otherRecordId: string | null;
}

/**
 * Whether `member` can carry a slip of `kind` at all: the bench and the tests draw the
 * rarer kinds (twins, second records, two-part names) from members that suit them.
 */
export function memberSuits(kind: ErrorKind, m: SyntheticMember, referenceYear = 2026): boolean {
  switch (kind) {
    case 'twin':
      return m.twinOf !== null;
    case 'two-cases':
      return m.sameAs !== null;
    case 'compound-last-part':
      return isTwoSurnames(m.lastName);
    case 'punctuated-last':
      return /['’. ]/.test(m.lastName);
    case 'married-name':
      return m.sex === 'F' && m.ssn !== null && Number(m.dateOfBirth.slice(0, 4)) <= referenceYear - 19;
    case 'married-name-no-ssn':
    case 'absent-no-ssn':
      return m.sex === 'F' && Number(m.dateOfBirth.slice(0, 4)) <= referenceYear - 19;
    case 'last-typo-ssn-digit':
    case 'crossed-ssn':
      return m.ssn !== null;
    default:
      return true;
  }
}

function isTwoSurnames(last: string): boolean {
  const parts = last.split(' ');
  return parts.length === 2 && parts.every((p) => hispanicSurnames.has(p));
}

const letters = 'abcdefghijklmnopqrstuvwxyz';

function typo(name: string, r: () => number): string {
  const s = name.toLowerCase();
  for (;;) {
    const i = 1 + Math.floor(r() * (s.length - 1)); // keep the first letter, as most typos do
    const op = Math.floor(r() * 3);
    const c = letters[Math.floor(r() * 26)]!;
    const out = op === 0 ? s.slice(0, i) + c + s.slice(i + 1) : op === 1 ? s.slice(0, i) + c + s.slice(i) : s.slice(0, i) + s.slice(i + 1);
    if (out !== s && out.length >= 2) return out;
  }
}

function transpose(name: string, r: () => number): string | null {
  const s = name.toLowerCase();
  const spots: number[] = [];
  for (let i = 0; i + 1 < s.length; i++) if (s[i] !== s[i + 1] && /[a-z]/.test(s[i]!) && /[a-z]/.test(s[i + 1]!)) spots.push(i);
  if (!spots.length) return null;
  const i = spots[Math.floor(r() * spots.length)]!;
  return s.slice(0, i) + s[i + 1] + s[i] + s.slice(i + 2);
}

/** Letter case and spacing the way people type: the matcher must ignore both. */
function messCase(s: string, r: () => number): string {
  const roll = r();
  if (roll < 0.3) return s.toLowerCase();
  if (roll < 0.5) return `  ${s.toUpperCase()} `;
  if (roll < 0.6) return ` ${s.replace(/ /g, '   ')}  `;
  return s;
}

/**
 * Makes one query of `kind` about `member` (or about a new person for 'absent'), or null
 * when this member cannot carry that slip (no SSN to mistype, a day above 12 to swap…).
 */
export function makeQuery(gen: PopulationGenerator, kind: ErrorKind, member: SyntheticMember, absentSsnIndex: number, other?: SyntheticMember): TestQuery | null {
  const r = gen.random;
  const lastBirthDay = `${gen.referenceYear - 1}-12-31`;
  let { firstName, lastName, dateOfBirth, sex } = member;
  let ssn = member.ssn;
  if (!memberSuits(kind, member, gen.referenceYear)) return null;
  switch (kind) {
    case 'exact':
      break;
    case 'nickname': {
      const nicks = [...nicknamesOf(firstName)].filter((n) => n.length > 2 && !n.includes('.'));
      if (!nicks.length) return null;
      firstName = nicks[Math.floor(r() * nicks.length)]!;
      break;
    }
    case 'first-typo':
      if (firstName.length < 4) return null;
      firstName = typo(firstName, r);
      break;
    case 'first-transposition': {
      const t = transpose(firstName, r);
      if (!t) return null;
      firstName = t;
      break;
    }
    case 'last-typo':
      if (lastName.length < 4 || lastName.includes('-')) return null;
      lastName = typo(lastName, r);
      break;
    case 'last-transposition': {
      if (lastName.includes('-')) return null;
      const t = transpose(lastName, r);
      if (!t) return null;
      lastName = t;
      break;
    }
    case 'hyphenated-last':
      lastName = lastName.includes('-') ? lastName.split('-')[Math.floor(r() * 2)]! : r() < 0.5 ? `${lastName}-${gen.surname()}` : `${gen.surname()}-${lastName}`;
      break;
    case 'changed-last': {
      let other = gen.surname();
      while (other === lastName) other = gen.surname();
      lastName = other;
      break;
    }
    case 'dob-swap': {
      const [y, m, d] = dateOfBirth.split('-');
      if (m === d || Number(d) > 12) return null;
      dateOfBirth = `${y}-${d}-${m}`;
      break;
    }
    case 'dob-digit': {
      for (let tries = 0; tries < 50; tries++) {
        const digits = dateOfBirth.replace(/-/g, '');
        const i = [2, 3, 4, 5, 6, 7][Math.floor(r() * 6)]!; // decade, year, month, day: the digits people slip on
        const c = String(Math.floor(r() * 10));
        if (c === digits[i]) continue;
        const v = digits.slice(0, i) + c + digits.slice(i + 1);
        const s = `${v.slice(0, 4)}-${v.slice(4, 6)}-${v.slice(6)}`;
        if (isRealDate(s) && s <= '2025-12-31') {
          dateOfBirth = s;
          break;
        }
      }
      if (dateOfBirth === member.dateOfBirth) return null;
      break;
    }
    case 'ssn-digit':
      if (!ssn) return null;
      ssn = oneDigitOff(ssn, r);
      break;
    case 'ssn-swap': {
      if (!ssn) return null;
      const t = transpose(
        ssn.replace(/\d/g, (d) => letters[Number(d)]!),
        r,
      );
      if (!t) return null;
      ssn = t.replace(/[a-j]/g, (c) => String(letters.indexOf(c)));
      break;
    }
    case 'missing-ssn':
      if (!ssn) return null;
      ssn = null;
      break;
    case 'wrong-sex':
      sex = sex === 'M' ? 'F' : 'M';
      break;
    case 'absent': {
      const p = gen.person(absentSsnIndex);
      return absentQuery(kind, { firstName: messCase(p.firstName, r), lastName: messCase(p.lastName, r), dateOfBirth: p.dateOfBirth, sex: p.sex, ssn: p.ssn });
    }
    case 'swapped-names':
      if (nameLettersOf(firstName) === nameLettersOf(lastName)) return null;
      [firstName, lastName] = [lastName, firstName];
      break;
    case 'dob-year-no-ssn': {
      const shifted = shiftYears(dateOfBirth, [-10, -1, 1, 10][gen.int(4)]!);
      if (!shifted || shifted > lastBirthDay) return null;
      dateOfBirth = shifted;
      ssn = null;
      break;
    }
    case 'nickname-dob-day': {
      const nicks = [...nicknamesOf(firstName)].filter((n) => n.length > 2 && !n.includes('.'));
      const day = shiftDays(dateOfBirth, r() < 0.5 ? -1 : 1);
      if (!nicks.length || !day || day > lastBirthDay) return null;
      firstName = nicks[Math.floor(r() * nicks.length)]!;
      dateOfBirth = day;
      break;
    }
    case 'last-typo-ssn-digit':
      if (lastName.length < 4 || /[-' ]/.test(lastName)) return null;
      lastName = typo(lastName, r);
      ssn = oneDigitOff(ssn!, r);
      break;
    case 'married-name':
    case 'married-name-no-ssn': {
      let other = gen.familySurname();
      while (nameLettersOf(other) === nameLettersOf(lastName)) other = gen.familySurname();
      lastName = other;
      if (kind === 'married-name-no-ssn') ssn = null;
      break;
    }
    case 'compound-last-part': {
      const parts = lastName.split(' ');
      lastName = r() < 0.75 ? parts[0]! : parts[1]!;
      break;
    }
    case 'punctuated-last': {
      const variants = new Set([
        lastName.replace(/['’. ]/g, ''),
        lastName
          .replace(/['’.]\s*/g, ' ')
          .replace(/\s+/g, ' ')
          .trim(),
        lastName.replace(/ /, ''),
      ]);
      const usable = [...variants].filter((v) => v.toUpperCase() !== lastName.toUpperCase());
      if (!usable.length) return null;
      lastName = usable[Math.floor(r() * usable.length)]!;
      break;
    }
    case 'twin':
      // The second of twins, asked about by their own details; half the callers give no SSN.
      if (r() < 0.5) ssn = null;
      break;
    case 'two-cases':
      return {
        kind,
        expectedMemberId: member.memberId,
        otherRecordId: member.sameAs,
        query: { firstName: messCase(firstName, r), lastName: messCase(lastName, r), dateOfBirth, sex, ssn },
      };
    case 'crossed-ssn':
      // Someone else's SSN on file: another member, of another case, with an SSN.
      if (!other || !other.ssn || other.caseNumber === member.caseNumber || other.ssn === member.ssn) return null;
      ssn = other.ssn;
      break;
    case 'namesake': {
      // Same first and last name, born 20 to 60 years apart, another SSN: a father and son, a stranger.
      const year = Number(dateOfBirth.slice(0, 4));
      const gap = 20 + gen.int(41);
      const candidates = [year - gap, year + gap].filter((y) => y >= gen.referenceYear - 86 && y <= gen.referenceYear - 1);
      if (!candidates.length) return null;
      const y = candidates[gen.int(candidates.length)]!;
      let dob = '';
      for (let tries = 0; tries < 20 && !isRealDate(dob); tries++) dob = `${y}-${String(1 + gen.int(12)).padStart(2, '0')}-${String(1 + gen.int(31)).padStart(2, '0')}`;
      if (!isRealDate(dob)) return null;
      return absentQuery(kind, { firstName: messCase(firstName, r), lastName: messCase(lastName, r), dateOfBirth: dob, sex, ssn: syntheticSsn(absentSsnIndex) });
    }
    case 'look-alike': {
      // A common first and last name (each among the 20 most frequent), any birth date, an SSN nobody has.
      const s = r() < 0.5 ? 'F' : 'M';
      return absentQuery(kind, {
        firstName: messCase(gen.commonGivenName(s, 20), r),
        lastName: messCase(gen.commonSurname(20), r),
        dateOfBirth: gen.dateOfBirth(),
        sex: s,
        ssn: syntheticSsn(absentSsnIndex),
      });
    }
    case 'absent-no-ssn': {
      // A woman who is not in the cache, born the same day as one who is and bearing her first
      // name, under her own last name, with no SSN: seen from the desk, exactly a married name
      // given without the SSN (the member is drawn from the same women as 'married-name-no-ssn').
      let own = gen.familySurname();
      while (nameLettersOf(own) === nameLettersOf(lastName)) own = gen.familySurname();
      return absentQuery(kind, { firstName: messCase(firstName, r), lastName: messCase(own, r), dateOfBirth, sex, ssn: null });
    }
    case 'look-alike-no-ssn': {
      // A common first and last name and any birth date, with no SSN: a stranger born a year,
      // ten years or a day from a namesake in the cache looks like a slip of the birth date.
      const s = r() < 0.5 ? 'F' : 'M';
      return absentQuery(kind, {
        firstName: messCase(gen.commonGivenName(s, 20), r),
        lastName: messCase(gen.commonSurname(20), r),
        dateOfBirth: gen.dateOfBirth(),
        sex: s,
        ssn: null,
      });
    }
  }
  return {
    kind,
    expectedMemberId: member.memberId,
    otherRecordId: null,
    query: { firstName: messCase(firstName, r), lastName: messCase(lastName, r), dateOfBirth, sex, ssn },
  };
}

function absentQuery(kind: ErrorKind, query: MatchQuery): TestQuery {
  return { kind, expectedMemberId: null, otherRecordId: null, query };
}

function oneDigitOff(ssn: string, r: () => number): string {
  const i = Math.floor(r() * 9);
  let c = String(Math.floor(r() * 10));
  while (c === ssn[i]) c = String(Math.floor(r() * 10));
  return ssn.slice(0, i) + c + ssn.slice(i + 1);
}

function nameLettersOf(s: string): string {
  return s.toUpperCase().replace(/[^A-Z]/g, '');
}

function titleCase(s: string): string {
  return s.toLowerCase().replace(/(^|[\s'-])([a-z])/g, (_m, sep: string, c: string) => sep + c.toUpperCase());
}

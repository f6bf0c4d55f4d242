import { nicknamesCsv } from './data/nicknames';
import { nameLetters } from './normalize';

/**
 * Nickname relation from the shipped table (data/nicknames.csv, Apache-2.0). Each line
 * is a name followed by its nicknames; the relation is made symmetric (Bill ↔ William)
 * but not transitive: "bill,…,robert" does not make William a nickname of Robert.
 */
const related = new Map<string, Set<string>>();

function link(a: string, b: string): void {
  if (!a || !b || a === b) return;
  let set = related.get(a);
  if (!set) related.set(a, (set = new Set()));
  set.add(b);
}

for (const line of nicknamesCsv.split(/\r?\n/)) {
  const names = line
    .split(',')
    .map((n) => nameLetters(n))
    .filter((n) => n.length > 1);
  const [head, ...rest] = names;
  if (!head) continue;
  for (const nick of rest) {
    link(head, nick);
    link(nick, head);
  }
}

/** Names related to `name` as nickname or formal name (letters only, upper case). */
export function nicknamesOf(name: string): ReadonlySet<string> {
  return related.get(nameLetters(name)) ?? emptySet;
}

export function areNicknames(a: string, b: string): boolean {
  const x = nameLetters(a);
  const y = nameLetters(b);
  return x !== y && (related.get(x)?.has(y) ?? false);
}

/** How many names the table knows (for the licence/data test). */
export function nicknameTableSize(): number {
  return related.size;
}

const emptySet: ReadonlySet<string> = new Set();

import { doubleMetaphone } from 'double-metaphone';
import { nameParts } from './normalize';

/**
 * Double Metaphone codes (primary and alternate) of a single word, cached: the same
 * few thousand names recur across a million members and ten thousand lookups.
 */
const cache = new Map<string, readonly string[]>();

export function metaphoneCodes(word: string): readonly string[] {
  let codes = cache.get(word);
  if (!codes) {
    const [primary, alternate] = doubleMetaphone(word);
    codes = primary === alternate || !alternate ? [primary] : [primary, alternate];
    if (cache.size > 200_000) cache.clear();
    cache.set(word, codes);
  }
  return codes;
}

/** Primary code of the whole name (its words joined), e.g. "Mary Ann" → code of MARYANN. */
export function primaryCode(name: string): string {
  const joined = nameParts(name).join('');
  return joined ? metaphoneCodes(joined)[0]! : '';
}

/** Whether any code of `a` equals any code of `b`. */
export function soundAlike(a: string, b: string): boolean {
  if (!a || !b) return false;
  const ca = metaphoneCodes(a);
  const cb = metaphoneCodes(b);
  return ca.some((x) => x !== '' && cb.includes(x));
}

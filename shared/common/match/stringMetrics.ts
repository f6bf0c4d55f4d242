/**
 * The two string metrics member matching uses to call a name a typo of another.
 * They were talisman's (unmaintained since 2019, CommonJS without types); these are
 * the textbook definitions, checked against talisman bit for bit before it was
 * removed and against reference values and a naive implementation in the tests.
 * Names are short, so the work is in avoiding allocation on the lookup path: the
 * buffers below are reused, which is safe because JavaScript runs one call at a time.
 */

let flagsA = new Uint8Array(64);
let flagsB = new Uint8Array(64);

function ensureFlags(n: number): void {
  if (flagsA.length < n) {
    flagsA = new Uint8Array(n * 2);
    flagsB = new Uint8Array(n * 2);
  }
}

/** Jaro similarity in [0, 1] (Jaro 1989): matches within half the longer length, half the out-of-order matches as transpositions. */
export function jaro(a: string, b: string): number {
  if (a === b) return 1;
  const la = a.length;
  const lb = b.length;
  if (la === 0 || lb === 0) return 0;
  const range = Math.max((Math.max(la, lb) >> 1) - 1, 0);
  ensureFlags(Math.max(la, lb));
  flagsA.fill(0, 0, la);
  flagsB.fill(0, 0, lb);
  let matches = 0;
  for (let i = 0; i < la; i++) {
    const lo = Math.max(0, i - range);
    const hi = Math.min(lb, i + range + 1);
    const c = a.charCodeAt(i);
    for (let j = lo; j < hi; j++) {
      if (flagsB[j] === 0 && b.charCodeAt(j) === c) {
        flagsA[i] = 1;
        flagsB[j] = 1;
        matches++;
        break;
      }
    }
  }
  if (matches === 0) return 0;
  let outOfOrder = 0;
  let k = 0;
  for (let i = 0; i < la; i++) {
    if (flagsA[i] === 0) continue;
    while (flagsB[k] === 0) k++;
    if (a.charCodeAt(i) !== b.charCodeAt(k)) outOfOrder++;
    k++;
  }
  const t = outOfOrder >> 1;
  return (matches / la + matches / lb + (matches - t) / matches) / 3;
}

/**
 * Jaro-Winkler similarity (Winkler 1990): Jaro boosted by a common prefix of up to 4
 * characters, scaling 0.1, only when Jaro is at least 0.7 — the usual parameters.
 */
export function jaroWinkler(a: string, b: string): number {
  if (a === b) return 1;
  const j = jaro(a, b);
  if (j < 0.7) return j;
  const limit = Math.min(a.length, b.length, 4);
  let prefix = 0;
  while (prefix < limit && a.charCodeAt(prefix) === b.charCodeAt(prefix)) prefix++;
  return j + prefix * 0.1 * (1 - j);
}

let rowPrev2 = new Int32Array(64);
let rowPrev = new Int32Array(64);
let rowCur = new Int32Array(64);

/**
 * Restricted Damerau-Levenshtein (optimal string alignment) distance: insertions,
 * deletions, substitutions and swaps of two neighbouring letters cost 1, no
 * substring edited twice. Returns Infinity as soon as the distance must exceed
 * `max`, which is all a typo test needs and keeps a lookup's cost bounded.
 */
export function osaDistanceWithin(max: number, a: string, b: string): number {
  if (a === b) return 0;
  // A common prefix and suffix never change the distance; trimming them leaves the part that differs.
  let end1 = a.length;
  let end2 = b.length;
  while (end1 > 0 && end2 > 0 && a.charCodeAt(end1 - 1) === b.charCodeAt(end2 - 1)) {
    end1--;
    end2--;
  }
  let start = 0;
  while (start < end1 && start < end2 && a.charCodeAt(start) === b.charCodeAt(start)) start++;
  const la = end1 - start;
  const lb = end2 - start;
  if (Math.abs(la - lb) > max) return Infinity;
  if (la === 0 || lb === 0) return Math.max(la, lb);
  if (rowCur.length < lb + 1) {
    rowPrev2 = new Int32Array((lb + 1) * 2);
    rowPrev = new Int32Array((lb + 1) * 2);
    rowCur = new Int32Array((lb + 1) * 2);
  }
  // Only cells within \`max\` of the diagonal can stay within \`max\`; the rest count as max + 1.
  const big = max + 1;
  for (let j = 0; j <= lb; j++) rowPrev[j] = j <= max ? j : big;
  for (let i = 1; i <= la; i++) {
    const lo = Math.max(1, i - max);
    const hi = Math.min(lb, i + max);
    rowCur[0] = i <= max ? i : big;
    if (lo > 1) rowCur[lo - 1] = big;
    let rowMin = lo === 1 ? rowCur[0] : big;
    const ca = a.charCodeAt(start + i - 1);
    const caPrev = i > 1 ? a.charCodeAt(start + i - 2) : -1;
    for (let j = lo; j <= hi; j++) {
      const cb = b.charCodeAt(start + j - 1);
      let d = rowPrev[j - 1]! + (ca === cb ? 0 : 1);
      const up = rowPrev[j]! + 1;
      if (up < d) d = up;
      const left = rowCur[j - 1]! + 1;
      if (left < d) d = left;
      if (j > 1 && ca === b.charCodeAt(start + j - 2) && caPrev === cb) {
        const swap = rowPrev2[j - 2]! + 1;
        if (swap < d) d = swap;
      }
      if (d > big) d = big;
      rowCur[j] = d;
      if (d < rowMin) rowMin = d;
    }
    if (hi < lb) rowCur[hi + 1] = big;
    if (rowMin > max) return Infinity;
    const t = rowPrev2;
    rowPrev2 = rowPrev;
    rowPrev = rowCur;
    rowCur = t;
  }
  const d = rowPrev[lb]!;
  return d > max ? Infinity : d;
}

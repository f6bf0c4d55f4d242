// talisman ships CommonJS without type declarations; these are the two metrics we use.
declare module 'talisman/metrics/jaro-winkler.js' {
  /** Jaro-Winkler similarity in [0, 1] (boost threshold 0.7, scaling 0.1). */
  const jaroWinkler: (a: string, b: string) => number;
  export default jaroWinkler;
}
declare module 'talisman/metrics/damerau-levenshtein.js' {
  /** Restricted Damerau-Levenshtein (optimal string alignment) edit distance. */
  const damerauLevenshtein: ((a: string, b: string) => number) & {
    /** The distance, or Infinity as soon as it must exceed `max`. */
    limited(max: number, a: string, b: string): number;
  };
  export default damerauLevenshtein;
}

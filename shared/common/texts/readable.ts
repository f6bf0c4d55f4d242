/**
 * Words a rep reads at a glance (issue 12.6): counts with the right plural, a headline
 * said once, and policy citations kept out of the sentence. The policy's references
 * ("(000)", "(003 §9.1)", "§7.4") matter to whoever checks the wording, never to the
 * caller: the screen keeps them in a tooltip or a data attribute, so nobody reads
 * "paren zero zero zero" aloud.
 */

/** "1 minute", "2 minutes", "0 minutes"; `many` defaults to `one` + "s". */
export function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}

/**
 * A reason that starts with its own headline ("Full match: every…" under the heading
 * "Full match") without the repeat, capitalised; any other reason as it is.
 */
export function withoutHeadline(reason: string, headline: string): string {
  for (const sep of [': ', '. ', ' — ']) {
    if (reason.toLowerCase().startsWith(`${headline.toLowerCase()}${sep}`)) {
      const rest = reason.slice(headline.length + sep.length);
      return rest.charAt(0).toLocaleUpperCase() + rest.slice(1);
    }
  }
  return reason;
}

/** One reference: a seed number with its lines or sections ("003 §9.1", "000:20-22", "seed 004"), or a bare section ("§7.5–7.6"). */
const SECTION = String.raw`§\s?\d+(?:\.\d+)*(?:\s?[–-]\s?\d+(?:\.\d+)*)?`;
const SEED = String.raw`(?:seeds?\s)?\d{3}(?::\d+(?:[–-]\d+)?)?(?:,?\s(?:${SECTION}))?`;
const REF = String.raw`(?:SBM Policy\s)?(?:${SEED}|${SECTION})(?:,\s(?:lines?\s)?\d+(?:[–-]\d+)?)*`;
const REFS = String.raw`${REF}(?:[,;]\s${REF})*`;
/** A parenthesis holding only references: " (000)", " (003 §9.1)", " (§7.4)". */
const CITATION_PAREN = new RegExp(String.raw`\s?\((?:${REFS})\)`, 'g');
/** References closing a parenthesis that says more: "(… adoption; §7.4)". */
const CITATION_TAIL = new RegExp(String.raw`[;,]\s(?:${REFS})(?=\))`, 'g');
/** A section named in the sentence: "§7.4 says…", "(seed 003 §8.5)" already gone. */
const CITATION_INLINE = new RegExp(String.raw`(?:(?:seeds?\s)?\d{3}\s)?${SECTION}`, 'g');

export interface Cited {
  /** The sentence as the rep reads it. */
  text: string;
  /** The references taken out of it, in order, as they were written. */
  sources: string[];
}

/**
 * Takes the policy references out of a sentence: whole parentheses of references go, a
 * section named inside the sentence becomes "the policy". `sources` keeps each one for a
 * tooltip or a data attribute.
 */
export function splitCitations(text: string): Cited {
  const sources: string[] = [];
  const keep = (m: string) => {
    sources.push(
      m
        .trim()
        .replace(/^[;,]\s*/, '')
        .replace(/^\(|\)$/g, ''),
    );
    return '';
  };
  let out = text.replace(CITATION_PAREN, keep).replace(CITATION_TAIL, keep);
  out = out.replace(CITATION_INLINE, (m) => {
    sources.push(m.trim());
    return 'the policy';
  });
  // "… (the policy)" left by an inline reference inside parentheses reads oddly: dropped.
  out = out.replace(/\s?\(the policy\)/g, '').replace(/\s+([.,;:])/g, '$1');
  return { text: out, sources };
}

/** A seed number or section mark in words in use ("(000, 001)", "000:20", "§7.4"): those belong in a text's source. */
export const INTERNAL_CODE = /\(\d{3}[^)]*\)|\b\d{3}:\d+|§/;

/** What a text looks like on screen: no seed numbers, no section marks. */
export const CODE_ON_SCREEN = /§|\(\d{3}\)/;

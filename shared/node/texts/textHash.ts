import { createHash } from 'node:crypto';
import type { RenderedText, TextUse } from '../../common/texts/catalogue';

/** SHA-256 of exactly the words shown, for the record of the act they were read in. */
export function textSha256(rendered: Pick<RenderedText, 'text'>): string {
  return createHash('sha256').update(rendered.text, 'utf8').digest('hex');
}

/** What is recorded beside the act: which text, which version, which language, which words. */
export function textUse(rendered: RenderedText): TextUse {
  return { id: rendered.id, version: rendered.version, locale: rendered.locale, sha256: textSha256(rendered) };
}

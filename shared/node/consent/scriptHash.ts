import { createHash } from 'node:crypto';
import type { RenderedScript } from '../../common/consent/scripts';

/** SHA-256 of exactly the text the rep was shown, for the consent record. */
export function scriptSha256(rendered: RenderedScript): string {
  return createHash('sha256').update(rendered.text, 'utf8').digest('hex');
}

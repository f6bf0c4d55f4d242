import { splitCitations } from '../../../shared/common/texts/readable';
import { useStrings } from '../i18n';

/**
 * A sentence without its policy references ("(000)", "§7.4"): the rep reads it, maybe aloud;
 * the references stay in the tooltip and in data-source for whoever checks the wording.
 */
export function Cited({ text }: { text: string }) {
  const t = useStrings('shell');
  const c = splitCitations(text);
  if (!c.sources.length) return <>{text}</>;
  const source = c.sources.join('; ');
  return (
    <span title={t('cited.source', { source })} data-source={source}>
      {c.text}
    </span>
  );
}

/** The same, where only a string fits (a field's hint). */
export const uncited = (text: string): string => splitCitations(text).text;

import { useStrings } from '../i18n';

/** What an area will hold, until its feature lands. */
export function Placeholder({ items }: { items: string[] }) {
  const t = useStrings('shell');
  return (
    <div className="placeholder">
      <p>{t('placeholder.intro')}</p>
      <ul>
        {items.map((i) => (
          <li key={i}>{i}</li>
        ))}
      </ul>
    </div>
  );
}

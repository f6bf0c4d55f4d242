import { useEffect, useRef, useState } from 'react';
import type { DeskErrorShape } from '../../../shared/common/errors';
import { useStrings } from '../i18n';

interface Link {
  id: string;
  label: string;
}

/** The fields shown in error near the summary (its form, else the section it sits in), in reading order. */
function invalidFields(summary: HTMLElement): Link[] {
  const scope = summary.closest('form') ?? summary.parentElement;
  if (!scope) return [];
  const links: Link[] = [];
  for (const field of scope.querySelectorAll<HTMLElement>('.field--invalid')) {
    const control = field.querySelector<HTMLElement>('input, select, textarea');
    const label = field.querySelector('.field__label');
    if (!control?.id || !label) continue;
    // The label without its "(required)" mark: the link names the field, the field says the rest.
    const name = [...label.childNodes]
      .filter((n) => !(n instanceof HTMLElement && n.classList.contains('field__required')))
      .map((n) => n.textContent ?? '')
      .join('')
      .trim();
    // Named by its field only: the field's own error says what to fix, once.
    links.push({ id: control.id, label: name });
  }
  return links;
}

/**
 * The message of a refused request, above the form. It takes focus so a
 * keyboard user lands on what went wrong; the fields show their own errors,
 * and with several, each is listed as a link that takes focus to its field.
 */
export function FormError({ error }: { error: DeskErrorShape | null | undefined }) {
  const t = useStrings('shell');
  const ref = useRef<HTMLDivElement>(null);
  const [links, setLinks] = useState<Link[]>([]);
  useEffect(() => {
    if (!error) return setLinks([]);
    // The fields render their errors in the same commit, so they are in the page by now.
    if (ref.current) setLinks(invalidFields(ref.current));
    ref.current?.focus();
  }, [error]);
  if (!error) return null;
  const fields = error.fieldErrors ? Object.keys(error.fieldErrors).length : 0;
  return (
    <div ref={ref} className="notice notice--error" role="alert" tabIndex={-1} data-testid="form-error">
      {fields > 1 ? (
        <strong>{t('formError.fields', { count: fields })}</strong>
      ) : (
        <strong {...(error.source ? { title: t('cited.source', { source: error.source }), 'data-source': error.source } : {})}>{error.message}</strong>
      )}
      {fields > 1 ? <span> {t('formError.eachSays')}</span> : null}
      {links.length > 0 ? (
        <ul className="form-error__links" aria-label={t('formError.links')}>
          {links.map((l) => (
            <li key={l.id}>
              <a
                href={`#${l.id}`}
                onClick={(e) => {
                  e.preventDefault();
                  const field = document.getElementById(l.id);
                  field?.focus();
                  field?.scrollIntoView({ block: 'center' });
                }}
              >
                {l.label}
              </a>
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}

/** The error for one field, by its path in the request. */
export function fieldError(error: DeskErrorShape | null | undefined, field: string): string | undefined {
  return error?.fieldErrors?.[field];
}

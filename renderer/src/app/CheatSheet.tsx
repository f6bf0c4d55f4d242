import { useEffect, useRef } from 'react';
import { useShortcutList } from './shortcuts';
import { useStrings } from '../i18n';

/** The `?` sheet: every registered shortcut, grouped, read from the live registry. */
export function CheatSheet({ open, onClose }: { open: boolean; onClose: () => void }) {
  const t = useStrings('shell');
  const ref = useRef<HTMLDialogElement>(null);
  const list = useShortcutList();
  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (open && !dialog.open) dialog.showModal();
    if (!open && dialog.open) dialog.close();
  }, [open]);
  const groups = new Map<string, typeof list>();
  for (const s of list) groups.set(s.group, [...(groups.get(s.group) ?? []), s]);
  return (
    <dialog ref={ref} className="dialog" aria-labelledby="cheatsheet-title" onClose={onClose} data-testid="cheatsheet">
      <div className="dialog__head">
        <h2 id="cheatsheet-title">{t('keys.sheetTitle')}</h2>
        <button type="button" className="button button--quiet" onClick={onClose}>
          {t('keys.close')} <kbd>{t('keys.esc')}</kbd>
        </button>
      </div>
      {[...groups.entries()].map(([group, items]) => (
        <section key={group} className="cheatsheet__group" aria-label={group}>
          <h3>{group}</h3>
          <table className="cheatsheet__table">
            <tbody>
              {items.map((s) => (
                <tr key={s.id}>
                  <th scope="row">
                    <kbd>{s.keys}</kbd>
                    {s.keyNames ? <span className="cheatsheet__keynames"> ({s.keyNames})</span> : null}
                  </th>
                  <td>{s.description}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      ))}
    </dialog>
  );
}

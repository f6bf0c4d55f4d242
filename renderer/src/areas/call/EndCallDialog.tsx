import { useEffect, useRef, type KeyboardEvent } from 'react';
import type { UnfinishedWork } from '../../../../shared/common/calls/contract';
import { useStrings } from '../../i18n';

/**
 * Asked before a call with half-done work ends (issue 12.3): each item and what ending
 * does to it. Keyboard-first: "Keep the call" has focus, so a stray Enter ends nothing;
 * Tab stays inside; Escape keeps the call; focus goes back where it was.
 */
export function EndCallDialog({ items, onEnd, onKeep }: { items: UnfinishedWork[]; onEnd: () => void; onKeep: () => void }) {
  const t = useStrings('call');
  const dialog = useRef<HTMLDialogElement>(null);
  const keep = useRef<HTMLButtonElement>(null);

  useEffect(() => {
    const d = dialog.current;
    const back = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    if (d && !d.open) d.showModal();
    keep.current?.focus();
    return () => {
      if (d?.open) d.close();
      // Only where it was when the call goes on; an ended call moves focus to wrap-up itself.
      if (back?.isConnected && document.activeElement === document.body) back.focus();
    };
  }, []);

  // showModal makes the page inert, but Tab can still leave for the browser's own chrome: keep it in here.
  const trap = (e: KeyboardEvent<HTMLDialogElement>) => {
    if (e.key !== 'Tab') return;
    const focusable = [...(dialog.current?.querySelectorAll<HTMLElement>('button:not([disabled])') ?? [])];
    const first = focusable[0];
    const last = focusable.at(-1);
    if (!first || !last) return;
    if (e.shiftKey && document.activeElement === first) {
      e.preventDefault();
      last.focus();
    } else if (!e.shiftKey && document.activeElement === last) {
      e.preventDefault();
      first.focus();
    }
  };

  return (
    <dialog
      ref={dialog}
      className="dialog"
      role="alertdialog"
      aria-modal="true"
      aria-labelledby="endcall-title"
      aria-describedby="endcall-body"
      data-testid="end-call-dialog"
      onKeyDown={trap}
      onCancel={(e) => {
        e.preventDefault();
        onKeep();
      }}
    >
      <h2 id="endcall-title">{t('endCall.title')}</h2>
      <div id="endcall-body">
        <p>{t('endCall.body')}</p>
        <ul className="endcall__items">
          {items.map((i) => (
            <li key={`${i.kind}:${i.what}`} data-testid={`unfinished-${i.kind}`}>
              <strong>{t('endCall.kind', { kind: t(`endCall.kinds.${i.kind}`) })}</strong> {i.what} {i.then}
            </li>
          ))}
        </ul>
      </div>
      <div className="actions">
        <button ref={keep} type="button" className="button button--primary" onClick={onKeep}>
          {t('endCall.keep')} <kbd>{t('endCall.keepKey')}</kbd>
        </button>
        <button type="button" className="button button--danger" onClick={onEnd}>
          {t('endCall.end')}
        </button>
      </div>
    </dialog>
  );
}

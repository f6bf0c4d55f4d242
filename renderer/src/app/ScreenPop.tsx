import { useLabels } from './useLabels';
import { useEffect, useRef, useState } from 'react';
import { type ScreenPopOffer } from '../../../shared/common/calls/screenPop';
import type { DeskErrorShape } from '../../../shared/common/errors';
import type { AreaId } from '../areas/registry';
import { handOffLookup } from '../areas/match/handoff';
import { useDeskEvent, useInvoke } from '../ipc/desk';
import { useAnnounce } from '../ui/Announcer';
import { FormError } from '../ui/FormError';
import { useStrings } from '../i18n';

/**
 * An incoming call from the softphone (a kynect-desk: link, issue 12.9): the rep takes
 * it (Enter) or lets it go (Escape). Nothing is recorded before that; taking it starts
 * the call with what the link said and shows the member lookup of its case.
 */
export function ScreenPopDialog({ go }: { go: (area: AreaId) => void }) {
  const t = useStrings('shell');
  const l = useLabels();
  const invoke = useInvoke();
  const announce = useAnnounce();
  const [offer, setOffer] = useState<ScreenPopOffer | null>(null);
  const [error, setError] = useState<DeskErrorShape | null>(null);
  const [busy, setBusy] = useState(false);
  const dialog = useRef<HTMLDialogElement>(null);
  const take = useRef<HTMLButtonElement>(null);

  // The pending pop is asked for once at start; a change pushed meanwhile is newer than that
  // answer (the two travel apart, over HTTP and the event stream), so the answer must not undo it.
  const changed = useRef(false);
  useEffect(() => {
    void invoke('app:screenPop.pending', {}).then((r) => {
      if (r.ok && !changed.current) setOffer(r.value);
    });
  }, [invoke]);
  useDeskEvent('app:screenPop.changed', (next) => {
    changed.current = true;
    setOffer(next);
    setError(null);
  });

  useEffect(() => {
    const d = dialog.current;
    if (!d) return;
    if (offer && !d.open) {
      d.showModal();
      take.current?.focus();
    } else if (!offer && d.open) d.close();
  }, [offer]);

  if (!offer) return <dialog ref={dialog} className="dialog" aria-hidden="true" hidden />;

  const accept = async () => {
    setBusy(true);
    const r = await invoke('app:screenPop.accept', { offerId: offer.id });
    setBusy(false);
    if (!r.ok) {
      setError(r.error);
      return;
    }
    const words = l.offer(offer);
    setOffer(null);
    if (r.value.lookup && offer.caseNumber) {
      handOffLookup({ caseNumber: offer.caseNumber, result: r.value.lookup });
      announce(t('pop.startedWithLookup', { offer: words, caseNumber: offer.caseNumber, level: r.value.lookup.levelText }));
      go('match');
    } else {
      announce(t('pop.started', { offer: words }));
      go('call');
    }
  };
  const letGo = async () => {
    await invoke('app:screenPop.dismiss', { offerId: offer.id });
    setOffer(null);
    announce(t('pop.letGo'));
  };

  return (
    <dialog
      ref={dialog}
      className="dialog"
      role="alertdialog"
      aria-labelledby="screenpop-title"
      aria-describedby="screenpop-body"
      data-testid="screen-pop"
      onCancel={(e) => {
        e.preventDefault();
        void letGo();
      }}
    >
      <h2 id="screenpop-title">{t('pop.title')}</h2>
      <p id="screenpop-body">{t(offer.caseNumber ? 'pop.bodyWithCase' : 'pop.body', { offer: l.offer(offer) })}</p>
      <FormError error={error} />
      <div className="actions">
        <button ref={take} type="button" className="button button--primary" disabled={busy} onClick={() => void accept()}>
          {t('pop.take')}
        </button>
        <button type="button" className="button" onClick={() => void letGo()}>
          {t('pop.notNow')} <kbd>{t('keys.esc')}</kbd>
        </button>
      </div>
    </dialog>
  );
}

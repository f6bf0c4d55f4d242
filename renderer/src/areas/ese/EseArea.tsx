import { useLayoutEffect, useRef, useState } from 'react';
import type { EseDraft } from '../../../../shared/common/ese';
import { useCall } from '../call/callStore';
import { draftKeyFor, IntakeForm } from './IntakeForm';
import { MailSettingsPanel } from './MailSettingsPanel';
import { OutboxPanel } from './OutboxPanel';
import { useStrings } from '../../i18n';
import './ese.css';

type View = 'intake' | 'outbox' | 'settings';
const views: View[] = ['intake', 'outbox', 'settings'];

/** Exceptional Special Enrollment (SBM Policy §7.4–7.6, §9.1): take the request, forward it, follow it. */
export function EseArea() {
  const t = useStrings('ese');
  const [view, setView] = useState<View>('intake');
  const [refresh, setRefresh] = useState(0);
  const draftKey = draftKeyFor(useCall().call?.id);
  // An intake typed with no call open, carried into the call it started (the form remounts on the call's key).
  const carry = useRef<Partial<EseDraft> | null>(null);
  // The form remounts when the call it belongs to arrives or changes (a call opened while the
  // rep was already in a field, or the window learning of the open call just after it showed):
  // the rep stays in the same field of the new form, never on the page.
  const wrapper = useRef<HTMLDivElement>(null);
  const lastField = useRef<string | null>(null);
  useLayoutEffect(() => {
    const name = lastField.current;
    if (!name || (document.activeElement && document.activeElement !== document.body)) return;
    wrapper.current?.querySelector<HTMLElement>(`[name="${CSS.escape(name)}"]`)?.focus();
  }, [draftKey]);
  return (
    <div
      className="ese"
      ref={wrapper}
      onFocus={(e) => {
        lastField.current = e.target instanceof HTMLElement ? e.target.getAttribute('name') : null;
      }}
    >
      <nav aria-label={t('sections.label')} className="ese-tabs">
        {views.map((v) => (
          <button key={v} type="button" className={`button${view === v ? ' button--primary' : ''}`} aria-pressed={view === v} onClick={() => setView(v)}>
            {t(`sections.${v}`)}
          </button>
        ))}
      </nav>
      {view === 'intake' ? <IntakeForm key={draftKey} draftKey={draftKey} carry={carry} onForwarded={() => setRefresh((n) => n + 1)} /> : null}
      {view === 'outbox' ? <OutboxPanel refreshKey={refresh} /> : null}
      {view === 'settings' ? <MailSettingsPanel /> : null}
    </div>
  );
}

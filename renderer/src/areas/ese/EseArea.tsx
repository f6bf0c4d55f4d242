import { useRef, useState } from 'react';
import type { EseDraft } from '../../../../shared/common/ese';
import { useCall } from '../call/callStore';
import { draftKeyFor, IntakeForm } from './IntakeForm';
import { MailSettingsPanel } from './MailSettingsPanel';
import { OutboxPanel } from './OutboxPanel';
import './ese.css';

type View = 'intake' | 'outbox' | 'settings';
const views: { id: View; label: string }[] = [
  { id: 'intake', label: 'New intake' },
  { id: 'outbox', label: 'Forwarded and outbox' },
  { id: 'settings', label: 'Mail settings' },
];

/** Exceptional Special Enrollment (SBM Policy §7.4–7.6, §9.1): take the request, forward it, follow it. */
export function EseArea() {
  const [view, setView] = useState<View>('intake');
  const [refresh, setRefresh] = useState(0);
  const draftKey = draftKeyFor(useCall().call?.id);
  // An intake typed with no call open, carried into the call it started (the form remounts on the call's key).
  const carry = useRef<Partial<EseDraft> | null>(null);
  return (
    <div className="ese">
      <nav aria-label="ESE sections" className="ese-tabs">
        {views.map((v) => (
          <button key={v.id} type="button" className={`button${view === v.id ? ' button--primary' : ''}`} aria-pressed={view === v.id} onClick={() => setView(v.id)}>
            {v.label}
          </button>
        ))}
      </nav>
      {view === 'intake' ? <IntakeForm key={draftKey} draftKey={draftKey} carry={carry} onForwarded={() => setRefresh((n) => n + 1)} /> : null}
      {view === 'outbox' ? <OutboxPanel refreshKey={refresh} /> : null}
      {view === 'settings' ? <MailSettingsPanel /> : null}
    </div>
  );
}

import { useCallback, useEffect, useRef, useState } from 'react';
import type { CentralStatus } from '../../../shared/common/central/contract';
import type { AppStatus } from '../../../shared/common/foundation/contract';
import { useDeskEvent, useInvoke } from '../ipc/desk';
import { operatorRoleLabels } from '../../../shared/common/foundation/operator';
import { useAnnounce } from '../ui/Announcer';
import { copyText } from '../ui/clipboard';
import { downloadText } from '../ui/download';
import { FollowUpsPill } from '../areas/call/FollowUps';

function useOnline(): boolean {
  const [online, setOnline] = useState(() => navigator.onLine);
  const announce = useAnnounce();
  useEffect(() => {
    const up = () => {
      setOnline(true);
      announce('Back online. Queued email will be sent.');
    };
    const down = () => {
      setOnline(false);
      announce('Offline. Everything but sending email still works.');
    };
    window.addEventListener('online', up);
    window.addEventListener('offline', down);
    return () => {
      window.removeEventListener('online', up);
      window.removeEventListener('offline', down);
    };
  }, [announce]);
  return online;
}

/** For a support ticket: versions, database health, outbox, recent log lines — nothing about residents. */
function CopyDiagnostics() {
  const invoke = useInvoke();
  const announce = useAnnounce();
  const copy = async () => {
    const r = await invoke('app:diagnostics.get', {});
    if (!r.ok) return announce(`Diagnostics could not be gathered: ${r.error.message}`);
    if (await copyText(r.value.text)) announce('Diagnostics copied: paste them into the support ticket.');
    else {
      downloadText(r.value.fileName, r.value.text, 'text/plain');
      announce(`Copying is not allowed here; the diagnostics were saved as ${r.value.fileName}.`);
    }
  };
  return (
    <button type="button" className="button button--quiet statusbar__button" onClick={() => void copy()}>
      Copy diagnostics
    </button>
  );
}

const hhmm = (iso: string) => new Date(iso).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' });

/** What the central-store pill says; the words carry the state, the colour only repeats it. */
export function centralText(s: CentralStatus): string {
  switch (s.state) {
    case 'standalone':
      return '';
    case 'synced':
      return 'Central: synced';
    case 'waiting':
      return `Central: ${s.waiting} waiting`;
    case 'offline':
      return `Central: offline since ${s.offlineSince ? hhmm(s.offlineSince) : '?'}${s.waiting ? `, ${s.waiting} waiting` : ''}`;
    case 'refused':
      return `Central: refused${s.waiting ? `, ${s.waiting} waiting` : ''}`;
  }
}

/** Where this desk stands with the central store (nothing at all on a stand-alone desk). */
function CentralPill() {
  const invoke = useInvoke();
  const announce = useAnnounce();
  const [s, setS] = useState<CentralStatus | null>(null);
  const last = useRef<string | null>(null);
  // An event that arrives before the first answer is newer than it: the answer must not overwrite it.
  const heard = useRef(false);
  useEffect(() => {
    void invoke('app:central.status', {}).then((r) => r.ok && !heard.current && setS(r.value));
  }, [invoke]);
  useDeskEvent('app:central.changed', (next) => {
    heard.current = true;
    setS(next);
  });
  // The state is announced when it changes; the waiting count ticks silently.
  useEffect(() => {
    if (!s) return;
    if (last.current !== null && last.current !== s.state) {
      if (s.state === 'offline') announce('The central store cannot be reached. Keep working: records wait on this desk.');
      else if (s.state === 'refused') announce(`The central store refused this desk: ${s.why ?? ''}`);
      else if (s.state === 'synced') announce('Central store: synced.');
    }
    last.current = s.state;
  }, [s, announce]);
  if (!s || s.state === 'standalone') return null;
  const tone = s.state === 'synced' ? 'ok' : s.state === 'refused' ? 'bad' : 'warn';
  return (
    <span className={`status-pill status-pill--${tone}`} data-testid="central-status" title={s.why ?? s.server ?? undefined}>
      <span aria-hidden="true">{s.state === 'synced' ? '●' : s.state === 'refused' ? '▲' : '○'} </span>
      {centralText(s)}
      {s.state === 'refused' && s.why ? <span className="status-pill__why">: {s.why}</span> : null}
    </span>
  );
}

/** ESE messages not yet at the mailbox (issue 12.4): waiting, and failed ones said at once. */
function EsePill() {
  const invoke = useInvoke();
  const announce = useAnnounce();
  const [c, setC] = useState<{ waiting: number; failed: number } | null>(null);
  const lastFailed = useRef<number | null>(null);
  const load = useCallback(() => void invoke('app:ese.outbox.counts', {}).then((r) => r.ok && setC(r.value)), [invoke]);
  useEffect(load, [load]);
  useDeskEvent('app:ese.outbox.changed', load);
  useEffect(() => {
    if (!c) return;
    if (lastFailed.current !== null && c.failed > lastFailed.current) announce('An ESE message failed to send: see ESE intake, Forwarded and outbox.', 'assertive');
    lastFailed.current = c.failed;
  }, [c, announce]);
  if (!c || (c.waiting === 0 && c.failed === 0)) return null;
  const parts = [c.waiting ? `${c.waiting} waiting` : '', c.failed ? `${c.failed} failed` : ''].filter(Boolean).join(', ');
  return (
    <span className={`status-pill ${c.failed ? 'status-pill--bad' : 'status-pill--warn'}`} data-testid="ese-status">
      <span aria-hidden="true">{c.failed ? '▲' : '○'} </span>
      ESE email: {parts}
    </span>
  );
}

/** Database state, network state and who is signed in — in words, not colours alone. */
export function StatusBar({ status }: { status: AppStatus | null }) {
  const online = useOnline();
  const db = status?.database;
  return (
    <footer className="statusbar" data-testid="statusbar">
      <span className={`status-pill ${db?.state === 'ready' ? 'status-pill--ok' : 'status-pill--bad'}`} title={db?.path}>
        <span aria-hidden="true">{db?.state === 'ready' ? '●' : '▲'} </span>
        {db ? (db.state === 'ready' ? `Database ready (schema ${db.schemaVersion})` : `Database problem: ${db.message ?? 'unknown'}`) : 'Database: connecting…'}
      </span>
      <span className={`status-pill ${online ? 'status-pill--ok' : 'status-pill--warn'}`}>
        <span aria-hidden="true">{online ? '●' : '○'} </span>
        {online ? 'Online' : 'Offline — email waits in the outbox'}
      </span>
      <CentralPill />
      <EsePill />
      <FollowUpsPill />
      <span className="statusbar__spacer" />
      {status?.operator ? (
        <span className="status-pill">
          Signed in: <strong>{status.operator.name}</strong> · {operatorRoleLabels[status.operator.role]}
        </span>
      ) : null}
      <span className="status-pill status-pill--quiet">
        kynect Desk {status?.appVersion ?? ''}
        {status?.host === 'web' ? ' · browser harness' : ''}
      </span>
      <CopyDiagnostics />
    </footer>
  );
}

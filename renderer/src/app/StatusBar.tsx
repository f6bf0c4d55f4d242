import { useCallback, useEffect, useRef, useState } from 'react';
import { useLabels } from './useLabels';
import type { TFunction } from 'i18next';
import type { CentralStatus } from '../../../shared/common/central/contract';
import type { AppStatus } from '../../../shared/common/foundation/contract';
import { useDeskEvent, useInvoke } from '../ipc/desk';
import { useAnnounce } from '../ui/Announcer';
import { copyText } from '../ui/clipboard';
import { downloadText } from '../ui/download';
import { FollowUpsPill } from '../areas/call/FollowUps';
import { useStrings } from '../i18n';

function useOnline(): boolean {
  const t = useStrings('shell');
  const [online, setOnline] = useState(() => navigator.onLine);
  const announce = useAnnounce();
  useEffect(() => {
    const up = () => {
      setOnline(true);
      announce(t('status.backOnline'));
    };
    const down = () => {
      setOnline(false);
      announce(t('status.wentOffline'));
    };
    window.addEventListener('online', up);
    window.addEventListener('offline', down);
    return () => {
      window.removeEventListener('online', up);
      window.removeEventListener('offline', down);
    };
  }, [announce, t]);
  return online;
}

/** For a support ticket: versions, database health, outbox, recent log lines — nothing about residents. */
function CopyDiagnostics() {
  const t = useStrings('shell');
  const invoke = useInvoke();
  const announce = useAnnounce();
  const copy = async () => {
    const r = await invoke('app:diagnostics.get', {});
    if (!r.ok) return announce(t('status.diagnosticsFailed', { message: r.error.message }));
    if (await copyText(r.value.text)) announce(t('status.diagnosticsCopied'));
    else {
      downloadText(r.value.fileName, r.value.text, 'text/plain');
      announce(t('status.diagnosticsSaved', { file: r.value.fileName }));
    }
  };
  return (
    <button type="button" className="button button--quiet statusbar__button" onClick={() => void copy()}>
      {t('status.copyDiagnostics')}
    </button>
  );
}

/** What the central-store pill says; the words carry the state, the colour only repeats it. */
export function centralText(s: CentralStatus, t: TFunction<'shell'>): string {
  switch (s.state) {
    case 'standalone':
      return '';
    case 'synced':
      return t('status.centralSynced');
    case 'waiting':
      return t('status.centralWaiting', { waiting: s.waiting });
    case 'offline': {
      const since = s.offlineSince ? t('status.centralSince', { at: s.offlineSince }) : '?';
      return s.waiting ? t('status.centralOfflineWaiting', { since, waiting: s.waiting }) : t('status.centralOffline', { since });
    }
    case 'refused':
      return s.waiting ? t('status.centralRefusedWaiting', { waiting: s.waiting }) : t('status.centralRefused');
  }
}

/** Where this desk stands with the central store (nothing at all on a stand-alone desk). */
function CentralPill() {
  const t = useStrings('shell');
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
      if (s.state === 'offline') announce(t('status.centralUnreachable'));
      else if (s.state === 'refused') announce(t('status.centralRefusedAnnounce', { why: s.why ?? '' }));
      else if (s.state === 'synced') announce(t('status.centralSyncedAnnounce'));
    }
    last.current = s.state;
  }, [s, announce, t]);
  if (!s || s.state === 'standalone') return null;
  const tone = s.state === 'synced' ? 'ok' : s.state === 'refused' ? 'bad' : 'warn';
  return (
    <span className={`status-pill status-pill--${tone}`} data-testid="central-status" title={s.why ?? s.server ?? undefined}>
      <span aria-hidden="true">{s.state === 'synced' ? '●' : s.state === 'refused' ? '▲' : '○'} </span>
      {centralText(s, t)}
      {s.state === 'refused' && s.why ? <span className="status-pill__why statusbar__detail">: {s.why}</span> : null}
    </span>
  );
}

/** ESE messages not yet at the mailbox (issue 12.4): waiting, and failed ones said at once. */
function EsePill() {
  const t = useStrings('shell');
  const invoke = useInvoke();
  const announce = useAnnounce();
  const [c, setC] = useState<{ waiting: number; failed: number } | null>(null);
  const lastFailed = useRef<number | null>(null);
  const load = useCallback(() => void invoke('app:ese.outbox.counts', {}).then((r) => r.ok && setC(r.value)), [invoke]);
  useEffect(load, [load]);
  useDeskEvent('app:ese.outbox.changed', load);
  useEffect(() => {
    if (!c) return;
    if (lastFailed.current !== null && c.failed > lastFailed.current) announce(t('status.eseFailedAnnounce'), 'assertive');
    lastFailed.current = c.failed;
  }, [c, announce, t]);
  if (!c || (c.waiting === 0 && c.failed === 0)) return null;
  const words = !c.failed
    ? t('status.eseWaiting', { waiting: c.waiting })
    : c.waiting
      ? t('status.eseWaitingFailed', { waiting: c.waiting, failed: c.failed })
      : t('status.eseFailed', { failed: c.failed });
  return (
    <span className={`status-pill ${c.failed ? 'status-pill--bad' : 'status-pill--warn'}`} data-testid="ese-status">
      <span aria-hidden="true">{c.failed ? '▲' : '○'} </span>
      {words}
    </span>
  );
}

/** Database state, network state and who is signed in — in words, not colours alone. */
export function StatusBar({ status }: { status: AppStatus | null }) {
  const t = useStrings('shell');
  const l = useLabels();
  const online = useOnline();
  const db = status?.database;
  return (
    <footer className="statusbar" data-testid="statusbar">
      <span className={`status-pill ${db?.state === 'ready' ? 'status-pill--ok' : 'status-pill--bad'}`} title={db?.path}>
        <span aria-hidden="true">{db?.state === 'ready' ? '●' : '▲'} </span>
        {db ? (
          db.state === 'ready' ? (
            <>
              {t('status.databaseReady')}
              <span className="statusbar__detail"> ({t('status.databaseSchema', { version: db.schemaVersion })})</span>
            </>
          ) : (
            t('status.databaseProblem', { message: db.message ?? t('status.databaseUnknown') })
          )
        ) : (
          t('status.databaseConnecting')
        )}
      </span>
      <span className={`status-pill ${online ? 'status-pill--ok' : 'status-pill--warn'}`}>
        <span aria-hidden="true">{online ? '●' : '○'} </span>
        {online ? t('status.online') : t('status.offline')}
      </span>
      <CentralPill />
      <EsePill />
      <FollowUpsPill />
      <span className="statusbar__spacer" />
      {status?.operator ? (
        <span className="status-pill statusbar__who" title={`${t('status.signedIn')} ${status.operator.name} · ${l.role(status.operator.role)}`}>
          {t('status.signedIn')} <strong>{status.operator.name}</strong> · {l.role(status.operator.role)}
        </span>
      ) : null}
      <span className="status-pill status-pill--quiet statusbar__detail">
        {t('status.version', { version: status?.appVersion ?? '' })}
        {status?.host === 'web' ? ` · ${t('status.browserHarness')}` : ''}
      </span>
      <CopyDiagnostics />
    </footer>
  );
}

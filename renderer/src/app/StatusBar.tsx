import { useEffect, useState } from 'react';
import type { AppStatus } from '../../../shared/common/foundation/contract';
import { operatorRoleLabels } from '../../../shared/common/foundation/operator';
import { useInvoke } from '../ipc/desk';
import { useAnnounce } from '../ui/Announcer';
import { copyText } from '../ui/clipboard';
import { downloadText } from '../ui/download';

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
      <span className="statusbar__spacer" />
      {status?.operator ? (
        <span className="status-pill">
          Signed in: <strong>{status.operator.name}</strong> · {operatorRoleLabels[status.operator.role]}
        </span>
      ) : null}
      <span className="status-pill status-pill--quiet">kynect Desk {status?.appVersion ?? ''}{status?.host === 'web' ? ' · browser harness' : ''}</span>
      <CopyDiagnostics />
    </footer>
  );
}

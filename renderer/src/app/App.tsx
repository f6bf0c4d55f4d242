import { useEffect, useState } from 'react';
import type { AppStatus } from '../../../shared/common/foundation/contract';
import type { Operator } from '../../../shared/common/foundation/operator';
import { useDeskEvent, useInvoke } from '../ipc/desk';
import { useFocusKeeper } from './focusKeeper';
import { IdleLockGate } from './lock';
import { OperatorSetup } from './OperatorSetup';
import { Shell } from './Shell';
import { useStrings } from '../i18n';

const pageRoot = () => document.getElementById('root') ?? document.body;

/** Loads who is at the desk; the first start asks for a profile before anything else. */
export function App() {
  const t = useStrings('shell');
  const invoke = useInvoke();
  const [status, setStatus] = useState<AppStatus | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  // Set when the first-start form signs someone in, so the shell takes focus from the form that went away.
  const [justSignedIn, setJustSignedIn] = useState(false);
  useFocusKeeper(pageRoot);

  useEffect(() => {
    void invoke('app:status.get', {}).then((r) => {
      if (r.ok) setStatus(r.value);
      else setFailure(r.error.message);
    });
  }, [invoke]);
  useDeskEvent('app:status.changed', setStatus);

  if (failure) {
    return (
      <main className="setup" id="main">
        <div className="card notice notice--error" role="alert">
          <h1>{t('app.cannotStart')}</h1>
          <p>{failure}</p>
        </div>
      </main>
    );
  }
  if (!status) {
    return (
      <main className="setup" id="main" aria-busy="true">
        <p className="muted">{t('app.opening')}</p>
      </main>
    );
  }
  const onOperator = (op: Operator) => setStatus((s) => (s ? { ...s, operator: op } : s));
  if (!status.operator)
    return (
      <OperatorSetup
        onSaved={(op) => {
          setJustSignedIn(true);
          onOperator(op);
        }}
      />
    );
  return (
    <IdleLockGate>
      <Shell status={status} operator={status.operator} onOperatorChanged={onOperator} focusOnMount={justSignedIn} />
    </IdleLockGate>
  );
}

import { useEffect, useRef, useState, type FormEvent, type KeyboardEvent, type ReactNode } from 'react';
import { useLabels } from './useLabels';
import type { DeskErrorShape } from '../../../shared/common/errors';
import { operatorRoles, type Operator, type OperatorRole } from '../../../shared/common/foundation/operator';
import { useInvoke } from '../ipc/desk';
import { useAnnounce } from '../ui/Announcer';
import { TextField, SelectField } from '../ui/Field';
import { FormError, fieldError } from '../ui/FormError';
import { useStrings } from '../i18n';

/** First start: who uses this desk, and in which role (the role decides where the desk opens). */
export function OperatorSetup({
  current,
  onSaved,
  onCancel,
  children,
}: {
  current?: Operator | null;
  onSaved: (op: Operator) => void;
  onCancel?: () => void;
  children?: ReactNode;
}) {
  const t = useStrings('shell');
  const l = useLabels();
  const invoke = useInvoke();
  const announce = useAnnounce();
  const [name, setName] = useState(current?.name ?? '');
  const [role, setRole] = useState<OperatorRole | ''>(current?.role ?? '');
  const [pin, setPin] = useState('');
  const [error, setError] = useState<DeskErrorShape | null>(null);
  const [busy, setBusy] = useState(false);
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    heading.current?.focus();
    if (!current) document.body.dataset.ready = 'setup';
  }, [current]);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    // An empty PIN while editing means "keep the one I have".
    const result = await invoke('app:operator.save', { name, role: role as OperatorRole, ...(pin || !current ? { pin } : {}) });
    setBusy(false);
    if (!result.ok) {
      setError(result.error);
      return;
    }
    setError(null);
    setPin('');
    announce(t('profile.signedIn', { name: result.value.name, role: l.role(result.value.role) }));
    onSaved(result.value);
  };

  // The profile page stands in for a dialog over the shell: Escape cancels it like one.
  const onKeyDown = (e: KeyboardEvent<HTMLElement>) => {
    if (e.key === 'Escape' && onCancel && !e.defaultPrevented) {
      e.preventDefault();
      onCancel();
    }
  };

  return (
    <main className="setup" id="main" onKeyDown={onKeyDown}>
      <form className="card setup__card" onSubmit={submit} noValidate aria-labelledby="setup-title">
        <h1 id="setup-title" ref={heading} tabIndex={-1}>
          {current ? t('profile.titleEdit') : t('profile.titleNew')}
        </h1>
        <p className="muted">{current ? t('profile.introEdit') : t('profile.introNew')}</p>
        <FormError error={error} />
        <TextField label={t('profile.name')} required autoComplete="name" value={name} onChange={(e) => setName(e.target.value)} error={fieldError(error, 'name')} />
        <SelectField label={t('profile.role')} required value={role} onChange={(e) => setRole(e.target.value as OperatorRole | '')} error={fieldError(error, 'role')}>
          <option value="">{t('profile.choose')}</option>
          {operatorRoles.map((r) => (
            <option key={r} value={r}>
              {l.role(r)}
            </option>
          ))}
        </SelectField>
        <TextField
          label={current ? t('profile.pinEdit') : t('profile.pinNew')}
          hint={t('profile.pinHint')}
          required={!current}
          type="password"
          inputMode="numeric"
          autoComplete="off"
          value={pin}
          onChange={(e) => setPin(e.target.value)}
          error={fieldError(error, 'pin')}
        />
        <div className="actions">
          <button type="submit" className="button button--primary" disabled={busy}>
            {current ? t('profile.save') : t('profile.start')}
          </button>
          {onCancel ? (
            <button type="button" className="button" onClick={onCancel} aria-keyshortcuts="Escape">
              {t('profile.cancel')} <kbd>{t('keys.esc')}</kbd>
            </button>
          ) : null}
        </div>
      </form>
      {children}
    </main>
  );
}

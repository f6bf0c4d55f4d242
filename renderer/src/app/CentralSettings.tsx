import { useEffect, useState, type FormEvent } from 'react';
import type { CentralSettingsView } from '../../../shared/common/central/contract';
import type { DeskErrorShape } from '../../../shared/common/errors';
import { useInvoke } from '../ipc/desk';
import { useAnnounce } from '../ui/Announcer';
import { SelectField, TextField } from '../ui/Field';
import { FormError, fieldError } from '../ui/FormError';
import { useStrings } from '../i18n';

interface Form {
  host: string;
  port: string;
  database: string;
  user: string;
  sslMode: 'verify-full' | 'disable';
  caFile: string;
  deskName: string;
}

const empty: Form = { host: '', port: '5432', database: '', user: '', sslMode: 'verify-full', caFile: '', deskName: '' };

/**
 * The contact center's central store (issue 17 §1): where this desk sends its records
 * and gets its members. Empty means stand-alone, as kynect Desk always worked.
 */
export function CentralSettingsPanel() {
  const t = useStrings('shell');
  const invoke = useInvoke();
  const announce = useAnnounce();
  const [view, setView] = useState<CentralSettingsView | null>(null);
  const [form, setForm] = useState<Form>(empty);
  const [password, setPassword] = useState('');
  const [centerKey, setCenterKey] = useState('');
  const [error, setError] = useState<DeskErrorShape | null>(null);

  const show = (v: CentralSettingsView) => {
    setView(v);
    const c = v.connection;
    setForm(c ? { host: c.host, port: String(c.port), database: c.database, user: c.user, sslMode: c.sslMode, caFile: c.caFile ?? '', deskName: c.deskName ?? '' } : empty);
  };
  useEffect(() => {
    void invoke('app:central.settings.get', {}).then((r) => r.ok && show(r.value));
  }, [invoke]);

  if (!view) return <p>{t('central.loading')}</p>;
  const bind = (key: keyof Form) => ({
    value: form[key],
    onChange: (e: { target: { value: string } }) => setForm({ ...form, [key]: e.target.value }),
    error: fieldError(error, `connection.${key}`) ?? fieldError(error, key),
  });

  async function save(connection: Form | null, e?: FormEvent) {
    e?.preventDefault();
    const c = connection && {
      host: connection.host,
      port: connection.port,
      database: connection.database,
      user: connection.user,
      sslMode: connection.sslMode,
      ...(connection.caFile ? { caFile: connection.caFile } : {}),
      ...(connection.deskName ? { deskName: connection.deskName } : {}),
    };
    const r = await invoke('app:central.settings.save', { connection: c, ...(password ? { password } : {}), ...(centerKey ? { centerKey } : {}) });
    if (!r.ok) {
      setError(r.error);
      return;
    }
    setError(null);
    setPassword('');
    setCenterKey('');
    show(r.value);
    announce(connection ? t('central.saved') : t('central.standalone'));
  }

  if (view.fromEnvironment) {
    return (
      <section className="card setup__card central-card" aria-labelledby="central-title">
        <h2 id="central-title">{t('central.title')}</h2>
        <p data-testid="central-from-env">{t('central.fromEnvironment')}</p>
      </section>
    );
  }

  return (
    <form className="card setup__card central-card" noValidate onSubmit={(e) => void save(form, e)} aria-labelledby="central-title">
      <h2 id="central-title">{t('central.title')}</h2>
      <p className="muted">{t('central.intro')}</p>
      <FormError error={error} />
      <div className="form-grid">
        <TextField label={t('central.server')} autoComplete="off" {...bind('host')} />
        <TextField label={t('central.port')} inputMode="numeric" autoComplete="off" {...bind('port')} />
        <TextField label={t('central.database')} autoComplete="off" {...bind('database')} />
        <TextField label={t('central.login')} autoComplete="off" {...bind('user')} />
        <SelectField label={t('central.tls')} {...bind('sslMode')}>
          <option value="verify-full">{t('central.tlsVerify')}</option>
          <option value="disable">{t('central.tlsNone')}</option>
        </SelectField>
        <TextField label={t('central.caFile')} hint={t('central.caFileHint')} autoComplete="off" {...bind('caFile')} />
        <TextField label={t('central.deskName')} hint={t('central.deskNameHint')} autoComplete="off" {...bind('deskName')} />
      </div>
      <SecretField
        label={t('central.password')}
        state={view.password}
        storedHint={t('central.passwordStored')}
        emptyHint={t('central.passwordEmpty')}
        value={password}
        onChange={setPassword}
        error={fieldError(error, 'password')}
      />
      <SecretField
        label={t('central.centerKey')}
        state={view.centerKey}
        storedHint={t('central.centerKeyStored')}
        emptyHint={t('central.centerKeyEmpty')}
        value={centerKey}
        onChange={setCenterKey}
        error={fieldError(error, 'centerKey')}
      />
      <div className="actions">
        <button type="submit" className="button button--primary">
          {t('central.save')}
        </button>
        {view.connection ? (
          <button type="button" className="button" onClick={() => void save(null)}>
            {t('central.makeStandalone')}
          </button>
        ) : null}
      </div>
    </form>
  );
}

/** A secret the host keeps (typed here, never shown back), or where it comes from when the host cannot keep it. */
function SecretField(p: {
  label: string;
  state: { source: string; present: boolean; writable: boolean };
  storedHint: string;
  emptyHint: string;
  value: string;
  onChange: (v: string) => void;
  error: string | undefined;
}) {
  const t = useStrings('shell');
  if (!p.state.writable) return <p>{t(p.state.present ? 'central.secretSet' : 'central.secretNotSet', { what: p.label, source: p.state.source })}</p>;
  return (
    <TextField
      label={p.label}
      type="password"
      autoComplete="off"
      hint={p.state.present ? p.storedHint : p.emptyHint}
      value={p.value}
      onChange={(e) => p.onChange(e.target.value)}
      error={p.error}
    />
  );
}

import { useEffect, useState, type FormEvent } from 'react';
import type { CentralSettingsView } from '../../../shared/common/central/contract';
import type { DeskErrorShape } from '../../../shared/common/errors';
import { useInvoke } from '../ipc/desk';
import { useAnnounce } from '../ui/Announcer';
import { SelectField, TextField } from '../ui/Field';
import { FormError, fieldError } from '../ui/FormError';

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

  if (!view) return <p>Loading central store settings…</p>;
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
    announce(connection ? 'Central store settings saved. This desk will sync with it.' : 'This desk is stand-alone now: nothing is sent to a central store.');
  }

  if (view.fromEnvironment) {
    return (
      <section className="card setup__card central-card" aria-labelledby="central-title">
        <h2 id="central-title">Central store</h2>
        <p data-testid="central-from-env">This desk's central store is set by the environment (KYNECT_CENTRAL_URL); change it there and restart.</p>
      </section>
    );
  }

  return (
    <form className="card setup__card central-card" noValidate onSubmit={(e) => void save(form, e)} aria-labelledby="central-title">
      <h2 id="central-title">Central store</h2>
      <p className="muted">
        The contact center's PostgreSQL server keeps every desk's records and hands down the member extract. Leave it empty to keep this desk stand-alone. Everything works offline;
        records wait here until the server is back.
      </p>
      <FormError error={error} />
      <div className="form-grid">
        <TextField label="Server" autoComplete="off" {...bind('host')} />
        <TextField label="Port" inputMode="numeric" autoComplete="off" {...bind('port')} />
        <TextField label="Database" autoComplete="off" {...bind('database')} />
        <TextField label="Login" autoComplete="off" {...bind('user')} />
        <SelectField label="TLS" {...bind('sslMode')}>
          <option value="verify-full">Verify the server's certificate and name (verify-full)</option>
          <option value="disable">None (this machine only)</option>
        </SelectField>
        <TextField label="CA certificate file" hint="PEM; blank: the system's CAs" autoComplete="off" {...bind('caFile')} />
        <TextField label="Desk name" hint="Blank: this computer's name" autoComplete="off" {...bind('deskName')} />
      </div>
      <SecretField
        label="Password"
        state={view.password}
        what="Password"
        storedHint="A password is stored. Type a new one to change it."
        emptyHint="No password stored."
        value={password}
        onChange={setPassword}
        error={fieldError(error, 'password')}
      />
      <SecretField
        label="Contact-center key"
        state={view.centerKey}
        what="Contact-center key"
        storedHint="A key is stored. Paste a new one (base64) to change it."
        emptyHint="Opens the SSNs in the member extract; your supervisor gives it to you."
        value={centerKey}
        onChange={setCenterKey}
        error={fieldError(error, 'centerKey')}
      />
      <div className="actions">
        <button type="submit" className="button button--primary">
          Save central store settings
        </button>
        {view.connection ? (
          <button type="button" className="button" onClick={() => void save(null)}>
            Make this desk stand-alone
          </button>
        ) : null}
      </div>
    </form>
  );
}

/** A secret the host keeps (typed here, never shown back), or where it comes from when the host cannot keep it. */
function SecretField(p: {
  label: string;
  what: string;
  state: { source: string; present: boolean; writable: boolean };
  storedHint: string;
  emptyHint: string;
  value: string;
  onChange: (v: string) => void;
  error: string | undefined;
}) {
  if (!p.state.writable) {
    return (
      <p>
        {p.what}: from the {p.state.source} ({p.state.present ? 'set' : 'not set'}).
      </p>
    );
  }
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

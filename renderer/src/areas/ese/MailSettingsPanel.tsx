import { useEffect, useState, type FormEvent } from 'react';
import { smtpSecurityLabels, smtpSecurityModes } from '../../../../shared/common/ese';
import type { MailSettingsView } from '../../../../shared/common/ese/contract';
import type { DeskErrorShape } from '../../../../shared/common/errors';
import { useInvoke } from '../../ipc/desk';
import { useAnnounce } from '../../ui/Announcer';
import { SelectField, TextField } from '../../ui/Field';
import { FormError, fieldError } from '../../ui/FormError';

type Editable = Omit<MailSettingsView, 'password' | 'port'> & { port: string };

export function MailSettingsPanel() {
  const invoke = useInvoke();
  const announce = useAnnounce();
  const [view, setView] = useState<MailSettingsView | null>(null);
  const [form, setForm] = useState<Editable | null>(null);
  const [tested, setTested] = useState<{ ok: boolean; text: string } | null>(null);
  const [password, setPassword] = useState('');
  const [error, setError] = useState<DeskErrorShape | null>(null);

  useEffect(() => {
    void invoke('app:ese.settings.get', {}).then((r) => {
      if (!r.ok) return;
      setView(r.value);
      const { password: _p, ...rest } = r.value;
      setForm({ ...rest, port: String(rest.port) });
    });
  }, [invoke]);

  if (!form || !view) return <p>Loading mail settings…</p>;
  const bind = (key: keyof Editable) => ({
    value: form[key],
    onChange: (e: { target: { value: string } }) => setForm({ ...form, [key]: e.target.value }),
    error: fieldError(error, key),
  });

  async function save(e: FormEvent) {
    e.preventDefault();
    const r = await invoke('app:ese.settings.save', { settings: form, ...(password ? { password } : {}) });
    if (!r.ok) {
      setError(r.error);
      return;
    }
    setError(null);
    setPassword('');
    setView(r.value);
    announce('Mail settings saved.');
  }

  // To the sender address with the saved settings: save first, then try them.
  async function test() {
    const r = await invoke('app:ese.settings.test', {});
    const next = r.ok ? { ok: true, text: r.value.message } : { ok: false, text: r.error.message };
    setTested(next);
    announce(next.text, next.ok ? 'polite' : 'assertive');
  }

  return (
    <form noValidate onSubmit={(e) => void save(e)} aria-labelledby="ese-settings-title">
      <h2 id="ese-settings-title">Mail settings</h2>
      <p>Leave the server blank to keep messages in the outbox; they can be exported as .eml and sent by hand.</p>
      <FormError error={error} />
      <div className="form-grid">
        <TextField label="SMTP server" hint="Blank: no server" autoComplete="off" {...bind('host')} />
        <TextField label="Port" inputMode="numeric" autoComplete="off" {...bind('port')} />
        <SelectField label="Security" {...bind('security')}>
          {smtpSecurityModes.map((m) => (
            <option key={m} value={m}>
              {smtpSecurityLabels[m]}
            </option>
          ))}
        </SelectField>
        <TextField label="User" autoComplete="off" {...bind('user')} />
        <TextField label="Sender address" autoComplete="off" {...bind('sender')} />
        <TextField label="ESE mailbox" hint="Where ESE intakes go, as the ESE policy names it" autoComplete="off" {...bind('eseMailbox')} />
      </div>
      {view.password.writable ? (
        <TextField
          label="Password"
          type="password"
          autoComplete="off"
          hint={view.password.present ? 'A password is stored. Type a new one to change it.' : 'No password stored.'}
          value={password}
          onChange={(e) => setPassword(e.target.value)}
          error={fieldError(error, 'password')}
        />
      ) : (
        <p data-testid="ese-password-source">
          Password: from the {view.password.source} ({view.password.present ? 'set' : 'not set'}).
        </p>
      )}
      <div className="actions">
        <button type="submit" className="button button--primary">
          Save mail settings
        </button>
        <button type="button" className="button" onClick={() => void test()} aria-describedby={tested ? 'ese-test-result' : undefined}>
          Send a test message
        </button>
      </div>
      {tested ? (
        <p id="ese-test-result" className={tested.ok ? 'muted' : 'field__error'} data-testid="ese-test-result">
          {tested.text}
        </p>
      ) : null}
    </form>
  );
}

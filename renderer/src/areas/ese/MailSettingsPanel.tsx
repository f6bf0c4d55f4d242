import { useEffect, useState, type FormEvent } from 'react';
import { useLabels } from '../../app/useLabels';
import { smtpSecurityModes } from '../../../../shared/common/ese';
import type { MailSettingsView } from '../../../../shared/common/ese/contract';
import type { DeskErrorShape } from '../../../../shared/common/errors';
import { useInvoke } from '../../ipc/desk';
import { useAnnounce } from '../../ui/Announcer';
import { SelectField, TextField } from '../../ui/Field';
import { FormError, fieldError } from '../../ui/FormError';
import { useStrings } from '../../i18n';

type Editable = Omit<MailSettingsView, 'password' | 'port'> & { port: string };

export function MailSettingsPanel() {
  const t = useStrings('ese');
  const l = useLabels();
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

  if (!form || !view) return <p>{t('mail.loading')}</p>;
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
    announce(t('mail.saved'));
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
      <h2 id="ese-settings-title">{t('mail.title')}</h2>
      <p>{t('mail.intro')}</p>
      <FormError error={error} />
      <div className="form-grid">
        <TextField label={t('mail.host')} hint={t('mail.hostHint')} autoComplete="off" {...bind('host')} />
        <TextField label={t('mail.port')} inputMode="numeric" autoComplete="off" {...bind('port')} />
        <SelectField label={t('mail.security')} {...bind('security')}>
          {smtpSecurityModes.map((m) => (
            <option key={m} value={m}>
              {l.smtpSecurity(m)}
            </option>
          ))}
        </SelectField>
        <TextField label={t('mail.user')} autoComplete="off" {...bind('user')} />
        <TextField label={t('mail.sender')} autoComplete="off" {...bind('sender')} />
        <TextField label={t('mail.mailbox')} hint={t('mail.mailboxHint')} autoComplete="off" {...bind('eseMailbox')} />
      </div>
      {view.password.writable ? (
        <TextField
          label={t('mail.password')}
          type="password"
          autoComplete="off"
          hint={t(view.password.present ? 'mail.passwordStored' : 'mail.passwordNone')}
          value={password}
          onChange={(e) => setPassword(e.target.value)}
          error={fieldError(error, 'password')}
        />
      ) : (
        <p data-testid="ese-password-source">{t(view.password.present ? 'mail.passwordFromSet' : 'mail.passwordFromNotSet', { source: view.password.source })}</p>
      )}
      <div className="actions">
        <button type="submit" className="button button--primary">
          {t('mail.save')}
        </button>
        <button type="button" className="button" onClick={() => void test()} aria-describedby={tested ? 'ese-test-result' : undefined}>
          {t('mail.test')}
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

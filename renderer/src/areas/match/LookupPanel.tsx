import { useEffect, useRef, useState, type FormEvent } from 'react';
import type { DeskErrorShape } from '../../../../shared/common/errors';
import type { LookupResult } from '../../../../shared/common/match/contract';
import { useInvoke } from '../../ipc/desk';
import { useAnnounce } from '../../ui/Announcer';
import { SelectField, TextField } from '../../ui/Field';
import { DateField } from '../../ui/DateField';
import { FormError, fieldError } from '../../ui/FormError';
import { takeLookupHandoff } from './handoff';
import { Results } from './Results';
import { useStrings } from '../../i18n';

const empty = { firstName: '', lastName: '', sex: '', dateOfBirth: '', ssn: '', caseNumber: '', applicationNumber: '' };
type Form = typeof empty;

/**
 * The Request Case Access fields (seed 001). The search runs in main (off this
 * thread), so typing never waits for it; an answer that arrives after a newer search
 * was started is dropped.
 */
export function LookupPanel() {
  const t = useStrings('match');
  const invoke = useInvoke();
  const announce = useAnnounce();
  const [form, setForm] = useState<Form>(empty);
  const [error, setError] = useState<DeskErrorShape | null>(null);
  const [result, setResult] = useState<LookupResult | null>(null);
  const [busy, setBusy] = useState(false);
  const seq = useRef(0);

  // Arriving from a screen pop: its case lookup already ran in main; show it as if searched here.
  useEffect(() => {
    const handoff = takeLookupHandoff();
    if (!handoff) return;
    setForm({ ...empty, caseNumber: handoff.caseNumber });
    setResult(handoff.result);
  }, []);

  const set = (k: keyof Form) => (e: { target: { value: string } }) => setForm((f) => ({ ...f, [k]: e.target.value }));

  async function submit(e: FormEvent) {
    e.preventDefault();
    const mine = ++seq.current;
    setBusy(true);
    const request = {
      firstName: form.firstName,
      lastName: form.lastName,
      sex: form.sex,
      dateOfBirth: form.dateOfBirth,
      ssn: form.ssn || null,
      caseNumber: form.caseNumber || null,
      applicationNumber: form.applicationNumber || null,
    };
    const r = await invoke('app:match.lookup', request);
    if (mine !== seq.current) return;
    setBusy(false);
    if (!r.ok) {
      // FormError is an alert and takes focus: it is read once, so nothing else announces it.
      setError(r.error);
      setResult(null);
      return;
    }
    setError(null);
    setResult(r.value);
    const n = r.value.candidates.length;
    announce(n ? t('lookup.foundRecords', { level: r.value.levelText, count: n }) : t('lookup.found', { level: r.value.levelText }));
  }

  function clear() {
    seq.current++;
    setForm(empty);
    setError(null);
    setResult(null);
    setBusy(false);
    document.querySelector<HTMLInputElement>('.match input[name="firstName"]')?.focus();
  }

  return (
    <section aria-labelledby="match-lookup-title" className="card">
      <h2 id="match-lookup-title">{t('lookup.title')}</h2>
      <p className="muted">{t('lookup.intro')}</p>
      <FormError error={error} />
      <form onSubmit={submit} noValidate aria-describedby="match-lookup-title">
        <div className="form-grid">
          <TextField label={t('lookup.firstName')} name="firstName" autoComplete="off" value={form.firstName} onChange={set('firstName')} error={fieldError(error, 'firstName')} />
          <TextField label={t('lookup.lastName')} name="lastName" autoComplete="off" value={form.lastName} onChange={set('lastName')} error={fieldError(error, 'lastName')} />
          <SelectField label={t('lookup.sex')} name="sex" value={form.sex} onChange={set('sex')} error={fieldError(error, 'sex')}>
            <option value="">{t('lookup.choose')}</option>
            <option value="F">{t('lookup.sexOptions.F')}</option>
            <option value="M">{t('lookup.sexOptions.M')}</option>
            <option value="U">{t('lookup.sexOptions.U')}</option>
          </SelectField>
          <DateField label={t('lookup.dateOfBirth')} name="dateOfBirth" value={form.dateOfBirth} onChange={set('dateOfBirth')} error={fieldError(error, 'dateOfBirth')} />
          <TextField
            label={t('lookup.ssn')}
            name="ssn"
            hint={t('lookup.ssnHint')}
            type="password"
            autoComplete="off"
            inputMode="numeric"
            value={form.ssn}
            onChange={set('ssn')}
            error={fieldError(error, 'ssn')}
          />
          <TextField
            label={t('lookup.caseNumber')}
            name="caseNumber"
            autoComplete="off"
            value={form.caseNumber}
            onChange={set('caseNumber')}
            error={fieldError(error, 'caseNumber')}
          />
          <TextField
            label={t('lookup.applicationNumber')}
            name="applicationNumber"
            autoComplete="off"
            value={form.applicationNumber}
            onChange={set('applicationNumber')}
            error={fieldError(error, 'applicationNumber')}
          />
        </div>
        <div className="actions">
          <button type="submit" className="button button--primary">
            {t(busy ? 'lookup.searching' : 'lookup.search')}
          </button>
          <button type="button" className="button button--quiet" onClick={clear} data-lookup-clear="" aria-keyshortcuts="Alt+C">
            {t('lookup.clear')} <kbd>Alt+C</kbd>
          </button>
        </div>
      </form>
      {result ? <Results result={result} /> : null}
    </section>
  );
}

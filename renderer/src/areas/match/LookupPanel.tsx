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

const empty = { firstName: '', lastName: '', sex: '', dateOfBirth: '', ssn: '', caseNumber: '', applicationNumber: '' };
type Form = typeof empty;

/**
 * The Request Case Access fields (seed 001). The search runs in main (off this
 * thread), so typing never waits for it; an answer that arrives after a newer search
 * was started is dropped.
 */
export function LookupPanel() {
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
    announce(`${r.value.levelText}${n ? `: ${n} record${n === 1 ? '' : 's'}` : ''}.`);
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
      <h2 id="match-lookup-title">Look up a member</h2>
      <p className="muted">First name, last name, sex and date of birth are required — or a case or application number alone. Enter the name as on the Social Security card.</p>
      <FormError error={error} />
      <form onSubmit={submit} noValidate aria-describedby="match-lookup-title">
        <div className="form-grid">
          <TextField label="First name" name="firstName" autoComplete="off" value={form.firstName} onChange={set('firstName')} error={fieldError(error, 'firstName')} />
          <TextField label="Last name" name="lastName" autoComplete="off" value={form.lastName} onChange={set('lastName')} error={fieldError(error, 'lastName')} />
          <SelectField label="Sex" name="sex" value={form.sex} onChange={set('sex')} error={fieldError(error, 'sex')}>
            <option value="">Choose…</option>
            <option value="F">Female (F)</option>
            <option value="M">Male (M)</option>
            <option value="U">Unknown (U)</option>
          </SelectField>
          <DateField label="Date of birth" name="dateOfBirth" value={form.dateOfBirth} onChange={set('dateOfBirth')} error={fieldError(error, 'dateOfBirth')} />
          <TextField
            label="Social Security number (optional)"
            name="ssn"
            hint="9 digits; hidden as you type"
            type="password"
            autoComplete="off"
            inputMode="numeric"
            value={form.ssn}
            onChange={set('ssn')}
            error={fieldError(error, 'ssn')}
          />
          <TextField
            label="Case number (optional)"
            name="caseNumber"
            autoComplete="off"
            value={form.caseNumber}
            onChange={set('caseNumber')}
            error={fieldError(error, 'caseNumber')}
          />
          <TextField
            label="Application number (optional)"
            name="applicationNumber"
            autoComplete="off"
            value={form.applicationNumber}
            onChange={set('applicationNumber')}
            error={fieldError(error, 'applicationNumber')}
          />
        </div>
        <div className="actions">
          <button type="submit" className="button button--primary">
            {busy ? 'Searching…' : 'Search'}
          </button>
          <button type="button" className="button button--quiet" onClick={clear} data-lookup-clear="" aria-keyshortcuts="Alt+C">
            Clear <kbd>Alt+C</kbd>
          </button>
        </div>
      </form>
      {result ? <Results result={result} /> : null}
    </section>
  );
}

import { useEffect, useRef, useState, type FormEvent } from 'react';
import type { SessionView } from '../../../../shared/common/association/contract';
import type { DeskErrorShape } from '../../../../shared/common/errors';
import { SelectField, TextField } from '../../ui/Field';
import { fieldError } from '../../ui/FormError';
import type { Act } from './AssociationArea';

type StepProps = { session: SessionView; act: Act; error?: DeskErrorShape | null };

/** Each step's heading takes focus when the step appears, so keyboard and screen-reader users land on it. */
function useStepFocus() {
  const ref = useRef<HTMLHeadingElement>(null);
  useEffect(() => ref.current?.focus(), []);
  return ref;
}

export function AgentStep({ session, act, error }: StepProps) {
  const heading = useStepFocus();
  const [name, setName] = useState('');
  const [agentId, setAgentId] = useState('');
  const [agency, setAgency] = useState('');
  const [training, setTraining] = useState<'' | 'yes' | 'no'>('');
  const submit = (e: FormEvent) => {
    e.preventDefault();
    void act(
      'app:association.agent',
      { sessionId: session.id, agent: { name, agentId, agency, trainingDone: (training === '' ? undefined : training === 'yes') as boolean } },
      (v) => (v.step === 'ended' ? 'Stopped: the Agent has not completed MyPurpose training.' : 'Step 2: is the client on the line?'),
    );
  };
  return (
    <form className="card" onSubmit={submit} noValidate aria-labelledby="agent-title">
      <h2 id="agent-title" ref={heading} tabIndex={-1}>
        1. The Agent
      </h2>
      <div className="form-grid">
        <TextField label="Agent name" required value={name} onChange={(e) => setName(e.target.value)} error={fieldError(error, 'agent.name')} />
        <TextField label="Agent id or NPN" required value={agentId} onChange={(e) => setAgentId(e.target.value)} error={fieldError(error, 'agent.agentId')} />
        <TextField label="Agency" required value={agency} onChange={(e) => setAgency(e.target.value)} error={fieldError(error, 'agent.agency')} />
      </div>
      <SelectField
        label="Has the Agent completed Agent training on MyPurpose?"
        required
        value={training}
        onChange={(e) => setTraining(e.target.value as '' | 'yes' | 'no')}
        error={fieldError(error, 'agent.trainingDone')}
      >
        <option value="">Choose…</option>
        <option value="yes">Yes, training completed</option>
        <option value="no">No, not yet</option>
      </SelectField>
      <div className="actions">
        <button type="submit" className="button button--primary">
          Continue
        </button>
      </div>
    </form>
  );
}

export function ClientOnLineStep({ session, act }: StepProps) {
  const heading = useStepFocus();
  return (
    <section className="card" aria-labelledby="online-title">
      <h2 id="online-title" ref={heading} tabIndex={-1}>
        2. Is the client on the line?
      </h2>
      <p>
        {session.agent?.name} may be associated only while the client is on this call. Join the client to the call (three-way) before you go on.
      </p>
      <div className="actions">
        <button type="button" className="button button--primary" onClick={() => void act('app:association.clientOnLine', { sessionId: session.id, onLine: true }, () => 'Client on the line. Step 3: look the client up.')}>
          Yes, the client is on the line
        </button>
        <button type="button" className="button" onClick={() => void act('app:association.clientOnLine', { sessionId: session.id, onLine: false }, () => 'The client is not on the line: association ended, alternatives shown.')}>
          No, the client is not on the line
        </button>
      </div>
    </section>
  );
}

export function ClientStep({ session, act, error }: StepProps) {
  const heading = useStepFocus();
  const [f, setF] = useState({ firstName: '', lastName: '', sex: '', dateOfBirth: '', ssn: '', caseNumber: '', applicationNumber: '' });
  const set = (k: keyof typeof f) => (e: { target: { value: string } }) => setF((x) => ({ ...x, [k]: e.target.value }));
  const submit = (e: FormEvent) => {
    e.preventDefault();
    void act('app:association.identify', { sessionId: session.id, client: f }, (v) => `${v.lookup?.levelText ?? 'Looked up'}. Step 4: the situation.`);
  };
  const err = (k: string) => fieldError(error, `client.${k}`);
  return (
    <form className="card" onSubmit={submit} noValidate aria-labelledby="client-title">
      <h2 id="client-title" ref={heading} tabIndex={-1}>
        3. The client (Request Case Access fields)
      </h2>
      <div className="form-grid">
        <TextField label="First name" required value={f.firstName} onChange={set('firstName')} error={err('firstName')} />
        <TextField label="Last name" required value={f.lastName} onChange={set('lastName')} error={err('lastName')} />
        <SelectField label="Sex" required value={f.sex} onChange={set('sex')} error={err('sex')}>
          <option value="">Choose…</option>
          <option value="F">Female</option>
          <option value="M">Male</option>
          <option value="U">Unknown</option>
        </SelectField>
        <TextField label="Date of birth" hint="YYYY-MM-DD" required value={f.dateOfBirth} onChange={set('dateOfBirth')} error={err('dateOfBirth')} />
        <TextField label="SSN (optional)" hint="9 digits; never shown again" type="password" autoComplete="off" inputMode="numeric" value={f.ssn} onChange={set('ssn')} error={err('ssn')} />
        <TextField label="Case number (optional)" value={f.caseNumber} onChange={set('caseNumber')} error={err('caseNumber')} />
        <TextField label="Application number (optional)" value={f.applicationNumber} onChange={set('applicationNumber')} error={err('applicationNumber')} />
      </div>
      <div className="actions">
        <button type="submit" className="button button--primary">
          Look up the client
        </button>
      </div>
    </form>
  );
}

export function SituationStep({ session, act, error }: StepProps) {
  const heading = useStepFocus();
  const lookup = session.lookup;
  const cases = [...new Set((lookup?.candidates ?? []).map((c) => c.caseNumber))];
  const [situation, setSituation] = useState('');
  const [caseNumber, setCaseNumber] = useState(session.client?.matchedCaseNumber ?? cases[0] ?? '');
  const submit = (e: FormEvent) => {
    e.preventDefault();
    void act(
      'app:association.situation',
      { sessionId: session.id, situation: (situation || undefined) as 'new-applicant', ...(situation !== 'new-applicant' && caseNumber ? { caseNumber } : {}) },
      (v) => (v.step === 'consent' ? 'Associate here. Step 5: consent.' : 'New applicant: guidance shown.'),
    );
  };
  return (
    <form className="card" onSubmit={submit} noValidate aria-labelledby="situation-title">
      <h2 id="situation-title" ref={heading} tabIndex={-1}>
        4. The client's situation
      </h2>
      {lookup ? (
        <div className={`notice ${lookup.level === 'none' ? 'notice--info' : lookup.level === 'full' ? 'notice--ok' : 'notice--warn'}`} data-testid="assoc-match">
          <strong>{lookup.levelText}.</strong> {lookup.reason}
          {cases.length ? ` Case${cases.length > 1 ? 's' : ''}: ${cases.join(', ')}.` : ''}
        </div>
      ) : null}
      <p>Ask the client: are you (or were you) enrolled through HealthCare.gov? Do you have a benefits application or a DCBS case?</p>
      <SelectField label="Situation" required value={situation} onChange={(e) => setSituation(e.target.value)} error={fieldError(error, 'situation')}>
        <option value="">Choose…</option>
        <option value="healthcare-gov-enrollment">Current or previous enrollment through HealthCare.gov</option>
        <option value="existing-application-or-case">Existing benefits application or DCBS case</option>
        <option value="new-applicant">New applicant: neither</option>
      </SelectField>
      {situation && situation !== 'new-applicant' ? (
        <TextField
          label="Case to associate with"
          hint={cases.length ? `Found by the lookup: ${cases.join(', ')}` : 'The lookup found no case: enter the case number the client gives.'}
          required
          value={caseNumber}
          onChange={(e) => setCaseNumber(e.target.value)}
          error={fieldError(error, 'caseNumber')}
        />
      ) : null}
      <div className="actions">
        <button type="submit" className="button button--primary">
          Continue
        </button>
      </div>
    </form>
  );
}

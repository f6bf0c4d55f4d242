import { useEffect, useRef, type FormEvent } from 'react';
import { Cited } from '../../ui/Cited';
import { withoutHeadline } from '../../../../shared/common/texts/readable';
import type { SessionView } from '../../../../shared/common/association/contract';
import type { DeskErrorShape } from '../../../../shared/common/errors';
import { SelectField, TextField } from '../../ui/Field';
import { DateField } from '../../ui/DateField';
import { fieldError } from '../../ui/FormError';
import type { Act } from './act';
import { useStepDraft } from './stepDraft';

const SSN_ONLY = ['ssn'] as const;

type StepProps = { session: SessionView; act: Act; error?: DeskErrorShape | null };

/** Each step's heading takes focus when the step appears, so keyboard and screen-reader users land on it. */
function useStepFocus() {
  const ref = useRef<HTMLHeadingElement>(null);
  useEffect(() => ref.current?.focus(), []);
  return ref;
}

export function AgentStep({ session, act, error }: StepProps) {
  const heading = useStepFocus();
  const [draft, setDraft] = useStepDraft(session.id, 'agent', { name: '', agentId: '', agency: '', training: '' });
  const { name, agentId, agency } = draft;
  const training = draft.training as '' | 'yes' | 'no';
  const setName = (name: string) => setDraft({ name });
  const setAgentId = (agentId: string) => setDraft({ agentId });
  const setAgency = (agency: string) => setDraft({ agency });
  const setTraining = (training: '' | 'yes' | 'no') => setDraft({ training });
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
      <p>{session.agent?.name} may be associated only while the client is on this call. Join the client to the call (three-way) before you go on.</p>
      <div className="actions">
        <button
          type="button"
          className="button button--primary"
          onClick={() => void act('app:association.clientOnLine', { sessionId: session.id, onLine: true }, () => 'Client on the line. Step 3: look the client up.')}
        >
          Yes, the client is on the line
        </button>
        <button
          type="button"
          className="button"
          onClick={() =>
            void act('app:association.clientOnLine', { sessionId: session.id, onLine: false }, () => 'The client is not on the line: association ended, alternatives shown.')
          }
        >
          No, the client is not on the line
        </button>
      </div>
    </section>
  );
}

export function ClientStep({ session, act, error }: StepProps) {
  const heading = useStepFocus();
  // The SSN is never kept: after a reload the rep asks for it again.
  const [f, setF] = useStepDraft(session.id, 'client', { firstName: '', lastName: '', sex: '', dateOfBirth: '', ssn: '', caseNumber: '', applicationNumber: '' }, SSN_ONLY);
  const set = (k: keyof typeof f) => (e: { target: { value: string } }) => setF({ [k]: e.target.value });
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
        <DateField label="Date of birth" required value={f.dateOfBirth} onChange={set('dateOfBirth')} error={err('dateOfBirth')} />
        <TextField
          label="SSN (optional)"
          hint="9 digits; never shown again"
          type="password"
          autoComplete="off"
          inputMode="numeric"
          value={f.ssn}
          onChange={set('ssn')}
          error={err('ssn')}
        />
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

type Certainty = NonNullable<SessionView['certainty']>;
type Option = Extract<Certainty, { kind: 'choose' }>['options'][number];

/** Who is already on a case, as the rep reads it out: "Ann Hale of Bluegrass Benefits (NPN…) since 2026-01-05". */
function agentList(agents: { agentName: string; agentId: string; agency?: string | null; since?: string; associatedOn?: string }[]): string {
  return agents.map((a) => `${a.agentName}${a.agency ? ` of ${a.agency}` : ''} (${a.agentId}) since ${a.since ?? a.associatedOn}`).join('; ');
}

/**
 * d. The situation, and the case: the Agent is associated only with a case identified
 * with certainty (issue 11 §1). When the client may be on more than one case, or the
 * match is Partial, each case is shown with the reason and the client's own case or
 * application number confirms one; a case whose member does not agree with the client's
 * name and date of birth cannot be chosen (003 §9: a caseworker resolves it).
 */
export function SituationStep({ session, act, error }: StepProps) {
  const heading = useStepFocus();
  const certainty = session.certainty;
  const [draft, setDraft] = useStepDraft(session.id, 'situation', { situation: '', chosen: '', clientNumber: '', otherAgents: '' });
  const { situation, chosen, clientNumber, otherAgents } = draft;
  const setSituation = (situation: string) => setDraft({ situation });
  const setChosen = (chosen: string) => setDraft({ chosen });
  const setClientNumber = (clientNumber: string) => setDraft({ clientNumber });
  const setOtherAgents = (otherAgents: string) => setDraft({ otherAgents });
  const options: Option[] = certainty?.kind === 'choose' ? certainty.options : [];
  const matched = session.client?.matchedCaseNumber ?? null;
  // Agents already on the case that would be associated: the certain one, or the one chosen.
  const agents = matched ? session.caseAgents : (options.find((o) => o.caseNumber === chosen)?.agents ?? []);
  const existing = situation !== '' && situation !== 'new-applicant';
  const submit = (e: FormEvent) => {
    e.preventDefault();
    void act(
      'app:association.situation',
      {
        sessionId: session.id,
        situation: (situation || undefined) as 'new-applicant',
        ...(existing && !matched && chosen ? { choice: { caseNumber: chosen, clientNumber } } : {}),
        ...(existing && otherAgents ? { otherAgents: otherAgents as 'replacing' } : {}),
      },
      (v) =>
        v.step === 'consent'
          ? 'Associate with this case. Step 5: consent.'
          : v.end?.reason === 'already-associated'
            ? 'The Agent is already on this case: nothing to record.'
            : 'New applicant: guidance shown.',
    );
  };
  const notCertain = () =>
    void act('app:association.caseNotCertain', { sessionId: session.id }, () => 'No case identified with certainty: no association. The alternatives are shown.');
  const again = () => void act('app:association.lookupAgain', { sessionId: session.id }, () => 'Step 3: look the client up again.');
  return (
    <form className="card" onSubmit={submit} noValidate aria-labelledby="situation-title">
      <h2 id="situation-title" ref={heading} tabIndex={-1}>
        4. The client's situation
      </h2>
      {certainty ? (
        <div className={`notice ${certainty.kind === 'certain' ? 'notice--ok' : certainty.kind === 'choose' ? 'notice--warn' : 'notice--info'}`} data-testid="assoc-match">
          <p>
            <strong>{session.lookup?.levelText}.</strong> <Cited text={withoutHeadline(certainty.because, session.lookup?.levelText ?? '')} />
          </p>
          {certainty.kind === 'certain' && certainty.alsoOn.length ? (
            <p>The client’s details also appear on {certainty.alsoOn.map((o) => `case ${o.caseNumber} (${o.memberName}: ${o.reason.replace(/\.$/, '')})`).join('; ')}.</p>
          ) : null}
        </div>
      ) : null}

      {options.length ? (
        <fieldset className="assoc-cases" aria-describedby={fieldError(error, 'choice.caseNumber') ? 'assoc-cases-error' : undefined}>
          <legend className="field__label">Which case does the client confirm? Ask for the case or application number on a kynect notice.</legend>
          {options.map((o) => (
            <label key={o.caseNumber} className={`assoc-case${o.confirmable ? '' : ' assoc-case--no'}`}>
              <input type="radio" name="assoc-case" value={o.caseNumber} checked={chosen === o.caseNumber} disabled={!o.confirmable} onChange={() => setChosen(o.caseNumber)} />
              <span>
                <strong>Case {o.caseNumber}</strong>
                {o.memberName ? ` · ${o.memberName}` : ''}: {o.reason}
                {o.applicationNumbers.length ? <span className="muted"> Applications: {o.applicationNumbers.join(', ')}.</span> : null}
                {o.agents.length ? <span className="muted"> Agents: {agentList(o.agents)}.</span> : null}
                {!o.confirmable ? <span className="assoc-case__why"> Cannot be chosen: the client’s first name, last name and date of birth do not all agree with it.</span> : null}
              </span>
            </label>
          ))}
          {fieldError(error, 'choice.caseNumber') ? (
            <div id="assoc-cases-error" className="field__error">
              <span aria-hidden="true">⚠ </span>
              {fieldError(error, 'choice.caseNumber')}
            </div>
          ) : null}
          <TextField
            label="Case or application number the client reads out"
            hint="It has to be the chosen case's number or one of its application numbers."
            autoComplete="off"
            value={clientNumber}
            onChange={(e) => setClientNumber(e.target.value)}
            error={fieldError(error, 'choice.clientNumber')}
          />
        </fieldset>
      ) : null}

      {agents.length ? (
        <SelectField
          label={`Already on this case: ${agentList(agents)}. Is the client replacing them?`}
          value={otherAgents}
          onChange={(e) => setOtherAgents(e.target.value)}
          error={fieldError(error, 'otherAgents')}
        >
          <option value="">Choose…</option>
          <option value="replacing">Yes, the new Agent replaces them</option>
          <option value="keeping">No, the client keeps them as well</option>
        </SelectField>
      ) : null}

      <p>Ask the client: are you (or were you) enrolled through HealthCare.gov? Do you have a benefits application or a DCBS case?</p>
      <SelectField label="Situation" required value={situation} onChange={(e) => setSituation(e.target.value)} error={fieldError(error, 'situation')}>
        <option value="">Choose…</option>
        <option value="healthcare-gov-enrollment">Current or previous enrollment through HealthCare.gov</option>
        <option value="existing-application-or-case">Existing benefits application or DCBS case</option>
        <option value="new-applicant">New applicant: neither</option>
      </SelectField>
      <div className="actions">
        <button type="submit" className="button button--primary">
          Continue
        </button>
        <button type="button" className="button" onClick={again}>
          Look the client up again
        </button>
        {!matched ? (
          <button type="button" className="button" onClick={notCertain}>
            The client cannot confirm a case
          </button>
        ) : null}
      </div>
    </form>
  );
}

import { useEffect, useRef, type FormEvent } from 'react';
import { Cited } from '../../ui/Cited';
import { withoutHeadline } from '../../../../shared/common/texts/readable';
import type { SessionView } from '../../../../shared/common/association/contract';
import type { DeskErrorShape } from '../../../../shared/common/errors';
import { useStrings } from '../../i18n';
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
  const t = useStrings('association');
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
      (v) => t(v.step === 'ended' ? 'agent.stopped' : 'agent.next'),
    );
  };
  return (
    <form className="card" onSubmit={submit} noValidate aria-labelledby="agent-title">
      <h2 id="agent-title" ref={heading} tabIndex={-1}>
        {t('agent.title')}
      </h2>
      <div className="form-grid">
        <TextField label={t('agent.name')} required value={name} onChange={(e) => setName(e.target.value)} error={fieldError(error, 'agent.name')} />
        <TextField label={t('agent.agentId')} required value={agentId} onChange={(e) => setAgentId(e.target.value)} error={fieldError(error, 'agent.agentId')} />
        <TextField label={t('agent.agency')} required value={agency} onChange={(e) => setAgency(e.target.value)} error={fieldError(error, 'agent.agency')} />
      </div>
      <SelectField
        label={t('agent.training')}
        required
        value={training}
        onChange={(e) => setTraining(e.target.value as '' | 'yes' | 'no')}
        error={fieldError(error, 'agent.trainingDone')}
      >
        <option value="">{t('choose')}</option>
        <option value="yes">{t('agent.trainingYes')}</option>
        <option value="no">{t('agent.trainingNo')}</option>
      </SelectField>
      <div className="actions">
        <button type="submit" className="button button--primary">
          {t('continue')}
        </button>
      </div>
    </form>
  );
}

export function ClientOnLineStep({ session, act }: StepProps) {
  const t = useStrings('association');
  const heading = useStepFocus();
  return (
    <section className="card" aria-labelledby="online-title">
      <h2 id="online-title" ref={heading} tabIndex={-1}>
        {t('onLine.title')}
      </h2>
      <p>{t('onLine.body', { agent: session.agent?.name ?? '' })}</p>
      <div className="actions">
        <button
          type="button"
          className="button button--primary"
          onClick={() => void act('app:association.clientOnLine', { sessionId: session.id, onLine: true }, () => t('onLine.yesSaid'))}
        >
          {t('onLine.yes')}
        </button>
        <button type="button" className="button" onClick={() => void act('app:association.clientOnLine', { sessionId: session.id, onLine: false }, () => t('onLine.noSaid'))}>
          {t('onLine.no')}
        </button>
      </div>
    </section>
  );
}

export function ClientStep({ session, act, error }: StepProps) {
  const t = useStrings('association');
  const heading = useStepFocus();
  // The SSN is never kept: after a reload the rep asks for it again.
  const [f, setF] = useStepDraft(session.id, 'client', { firstName: '', lastName: '', sex: '', dateOfBirth: '', ssn: '', caseNumber: '', applicationNumber: '' }, SSN_ONLY);
  const set = (k: keyof typeof f) => (e: { target: { value: string } }) => setF({ [k]: e.target.value });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    void act('app:association.identify', { sessionId: session.id, client: f }, (v) => t('client.next', { level: v.lookup?.levelText ?? t('client.lookedUp') }));
  };
  const err = (k: string) => fieldError(error, `client.${k}`);
  return (
    <form className="card" onSubmit={submit} noValidate aria-labelledby="client-title">
      <h2 id="client-title" ref={heading} tabIndex={-1}>
        {t('client.title')}
      </h2>
      <div className="form-grid">
        <TextField label={t('client.firstName')} required value={f.firstName} onChange={set('firstName')} error={err('firstName')} />
        <TextField label={t('client.lastName')} required value={f.lastName} onChange={set('lastName')} error={err('lastName')} />
        <SelectField label={t('client.sex')} required value={f.sex} onChange={set('sex')} error={err('sex')}>
          <option value="">{t('choose')}</option>
          <option value="F">{t('client.female')}</option>
          <option value="M">{t('client.male')}</option>
          <option value="U">{t('client.unknown')}</option>
        </SelectField>
        <DateField label={t('client.dateOfBirth')} required value={f.dateOfBirth} onChange={set('dateOfBirth')} error={err('dateOfBirth')} />
        <TextField
          label={t('client.ssn')}
          hint={t('client.ssnHint')}
          type="password"
          autoComplete="off"
          inputMode="numeric"
          value={f.ssn}
          onChange={set('ssn')}
          error={err('ssn')}
        />
        <TextField label={t('client.caseNumber')} value={f.caseNumber} onChange={set('caseNumber')} error={err('caseNumber')} />
        <TextField label={t('client.applicationNumber')} value={f.applicationNumber} onChange={set('applicationNumber')} error={err('applicationNumber')} />
      </div>
      <div className="actions">
        <button type="submit" className="button button--primary">
          {t('client.submit')}
        </button>
      </div>
    </form>
  );
}

type Certainty = NonNullable<SessionView['certainty']>;
type Option = Extract<Certainty, { kind: 'choose' }>['options'][number];

type Strings = ReturnType<typeof useStrings<'association'>>;

/** Who is already on a case, as the rep reads it out: "Ann Hale of Bluegrass Benefits (NPN…) since 2026-01-05". */
function agentList(t: Strings, agents: { agentName: string; agentId: string; agency?: string | null; since?: string; associatedOn?: string }[]): string {
  return agents
    .map((a) => {
      const words = { name: a.agentName, id: a.agentId, since: a.since ?? a.associatedOn ?? '' };
      return a.agency ? t('situation.agentWithAgency', { ...words, agency: a.agency }) : t('situation.agentAlone', words);
    })
    .join(t('situation.listSeparator'));
}

/**
 * d. The situation, and the case: the Agent is associated only with a case identified
 * with certainty (issue 11 §1). When the client may be on more than one case, or the
 * match is Partial, each case is shown with the reason and the client's own case or
 * application number confirms one; a case whose member does not agree with the client's
 * name and date of birth cannot be chosen (003 §9: a caseworker resolves it).
 */
export function SituationStep({ session, act, error }: StepProps) {
  const t = useStrings('association');
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
      (v) => t(v.step === 'consent' ? 'situation.toConsent' : v.end?.reason === 'already-associated' ? 'situation.alreadyAssociated' : 'situation.newApplicantSaid'),
    );
  };
  const notCertain = () => void act('app:association.caseNotCertain', { sessionId: session.id }, () => t('situation.notCertainSaid'));
  const again = () => void act('app:association.lookupAgain', { sessionId: session.id }, () => t('situation.againSaid'));
  return (
    <form className="card" onSubmit={submit} noValidate aria-labelledby="situation-title">
      <h2 id="situation-title" ref={heading} tabIndex={-1}>
        {t('situation.title')}
      </h2>
      {certainty ? (
        <div className={`notice ${certainty.kind === 'certain' ? 'notice--ok' : certainty.kind === 'choose' ? 'notice--warn' : 'notice--info'}`} data-testid="assoc-match">
          <p>
            <strong>{t('situation.level', { level: session.lookup?.levelText ?? '' })}</strong> <Cited text={withoutHeadline(certainty.because, session.lookup?.levelText ?? '')} />
          </p>
          {certainty.kind === 'certain' && certainty.alsoOn.length ? (
            <p>
              {t('situation.alsoOn', {
                cases: certainty.alsoOn
                  .map((o) => t('situation.alsoOnCase', { caseNumber: o.caseNumber, member: o.memberName ?? '', reason: o.reason.replace(/\.$/, '') }))
                  .join(t('situation.listSeparator')),
              })}
            </p>
          ) : null}
        </div>
      ) : null}

      {options.length ? (
        <fieldset className="assoc-cases" aria-describedby={fieldError(error, 'choice.caseNumber') ? 'assoc-cases-error' : undefined}>
          <legend className="field__label">{t('situation.casesLegend')}</legend>
          {options.map((o) => (
            <label key={o.caseNumber} className={`assoc-case${o.confirmable ? '' : ' assoc-case--no'}`}>
              <input type="radio" name="assoc-case" value={o.caseNumber} checked={chosen === o.caseNumber} disabled={!o.confirmable} onChange={() => setChosen(o.caseNumber)} />
              <span>
                <strong>{t('situation.case', { caseNumber: o.caseNumber })}</strong>
                {o.memberName ? t('situation.caseMember', { name: o.memberName }) : ''}
                {t('situation.caseReason', { reason: o.reason })}
                {o.applicationNumbers.length ? <span className="muted">{t('situation.applications', { list: o.applicationNumbers.join(', ') })}</span> : null}
                {o.agents.length ? <span className="muted">{t('situation.agents', { list: agentList(t, o.agents) })}</span> : null}
                {!o.confirmable ? <span className="assoc-case__why">{t('situation.cannotChoose')}</span> : null}
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
            label={t('situation.clientNumber')}
            hint={t('situation.clientNumberHint')}
            autoComplete="off"
            value={clientNumber}
            onChange={(e) => setClientNumber(e.target.value)}
            error={fieldError(error, 'choice.clientNumber')}
          />
        </fieldset>
      ) : null}

      {agents.length ? (
        <SelectField
          label={t('situation.replacing', { agents: agentList(t, agents) })}
          value={otherAgents}
          onChange={(e) => setOtherAgents(e.target.value)}
          error={fieldError(error, 'otherAgents')}
        >
          <option value="">{t('choose')}</option>
          <option value="replacing">{t('situation.replacingYes')}</option>
          <option value="keeping">{t('situation.replacingNo')}</option>
        </SelectField>
      ) : null}

      <p>{t('situation.ask')}</p>
      <SelectField
        label={t('situation.situation')}
        required
        value={situation}
        onChange={(e) => setSituation(e.target.value)}
        error={fieldError(error, 'situation')}
        errorSource={error?.source}
      >
        <option value="">{t('choose')}</option>
        <option value="healthcare-gov-enrollment">{t('situation.healthcareGov')}</option>
        <option value="existing-application-or-case">{t('situation.existing')}</option>
        <option value="new-applicant">{t('situation.newApplicant')}</option>
      </SelectField>
      <div className="actions">
        <button type="submit" className="button button--primary">
          {t('continue')}
        </button>
        <button type="button" className="button" onClick={again}>
          {t('situation.again')}
        </button>
        {!matched ? (
          <button type="button" className="button" onClick={notCertain}>
            {t('situation.cannotConfirm')}
          </button>
        ) : null}
      </div>
    </form>
  );
}

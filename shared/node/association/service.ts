import { randomUUID } from 'node:crypto';
import { format } from 'date-fns';
import * as wizard from '../../common/association/wizard';
import { caseCertainty, confirmChoice, type CaseCertainty } from '../../common/association/certainty';
import type { CaseAgent, ConsentView, SessionView } from '../../common/association/contract';
import * as consent from '../../common/consent/machine';
import { buildConsentRecord, ConsentRecord, toFhirConsent, wordingText } from '../../common/consent/record';
import { renderScript, type Locale } from '../../common/consent/scripts';
import type { ConsentScriptStore } from '../consent/scriptStore';
import { DeskError } from '../../common/errors';
import type { LookupRequest } from '../../common/match/schemas';
import type { LookupResult } from '../../common/match/contract';
import { scriptSha256 } from '../consent/scriptHash';
import type { TextUse } from '../../common/texts/catalogue';
import { textSha256, textUse } from '../texts/textHash';
import type { DeskCore } from '../host/deskCore';
import { refused } from './refused';
import type { LookupService } from '../match/lookupService';
import type { CallService } from '../calls/callService';
import type { UnfinishedWork } from '../../common/calls/contract';
import { canBeThreeWay } from '../../common/calls/callerTypes';
import type { AssociationFacts } from '../../common/calls/facts';

/** The part of the desk the association session uses, and no more. */
type AssociationCore = Pick<DeskCore, 'audit' | 'callActivity' | 'clock' | 'db' | 'events' | 'log' | 'operators'>;

interface Row {
  id: string;
  operator_id: number | null;
  call_id: string | null;
  status: 'open' | 'ended';
  wizard_json: string;
  lookup_json: string | null;
  consent_json: string | null;
  consent_meta: string | null;
  created_at: string;
  revision: number;
}

/** What main keeps beside the consent state: the script values, so the text can be shown again exactly. */
interface ConsentMeta {
  values: Record<string, string>;
  recordId: string | null;
  /** Where the prior requests were counted (issue 17 §5); absent on a stand-alone desk. */
  requestsCounted?: RequestScope;
}

/** all-desks: this desk's requests plus the central store's count of the others'; this-desk: the central store could not be asked. */
type RequestScope = 'all-desks' | 'this-desk';

/** The central store's count of requests other desks sent (central/service.ts); null when it cannot be asked now. */
export interface RequestsElsewhere {
  configured(): boolean;
  requestsElsewhere(caseNumber: string, agentId: string): number | null;
  prefetchRequestsElsewhere(caseNumber: string, agentId: string): Promise<number | null>;
}

interface Session {
  id: string;
  operatorId: number | null;
  callId: string | null;
  status: 'open' | 'ended';
  wizard: wizard.WizardState;
  lookup: LookupResult | null;
  consent: consent.ConsentState | null;
  meta: ConsentMeta | null;
  createdAt: string;
  revision: number;
  /** A caller text shown in this step (not the end's): recorded with the step, never stored on the session. */
  said?: TextUse;
}

/**
 * Three-way association calls and consent (000, 001, 002), owned by main: the
 * wizard and the consent machine are pure (common/), this service persists
 * every step at once, pushes it to every window, writes the consent record and
 * the association, and puts each step on the call's timeline.
 */
export class AssociationService {
  constructor(
    private readonly core: AssociationCore,
    private readonly lookupService: LookupService,
    private readonly calls: CallService,
    private readonly scripts: ConsentScriptStore,
    private readonly elsewhere?: RequestsElsewhere,
  ) {}

  /**
   * An association happens inside a call (issue 5): the open call, or a new
   * three-way call when the rep starts one with none open. A call in wrap-up
   * is over for the caller, so it cannot take an association.
   */
  #callForAssociation(): string {
    const open = this.calls.current().call;
    // The Agent called; the call becomes three-way when the rep confirms the client is on the line.
    if (!open) return this.calls.start({ callerType: 'agent' }).call!.id;
    if (open.state === 'wrap_up') throw new DeskError('refused', 'This call is in wrap-up. Complete it, then start the association in a new call.');
    return open.id;
  }

  /** Ends an open association whose call is over; true when it did. */
  #endIfCallEnded(id: string): boolean {
    const s = this.#load(id);
    if (s.status !== 'open' || this.#callGoesOn(s)) return false;
    this.core.db.transaction(() => this.#abandon(id, 'call-ended'))();
    return true;
  }

  /** True while the session's call still has the caller on the line (active or on hold). */
  #callGoesOn(s: Session): boolean {
    if (!s.callId) return true;
    const open = this.calls.current().call;
    return open?.id === s.callId && (open.state === 'active' || open.state === 'on_hold');
  }

  #now(): Date {
    return this.core.clock.now();
  }

  /** The call's language: what the rep reads to the Agent and the client follows it (issue 13). */
  #language(): Locale {
    return this.core.callActivity.language() ?? 'en';
  }

  #load(id: string): Session {
    const row = this.core.db.prepare('SELECT * FROM association_session WHERE id = ?').get(id) as Row | undefined;
    if (!row) throw DeskError.atField('sessionId', 'There is no such association; start a new one.', 'not_found');
    return {
      id: row.id,
      operatorId: row.operator_id,
      callId: row.call_id,
      status: row.status,
      wizard: JSON.parse(row.wizard_json) as wizard.WizardState,
      lookup: row.lookup_json ? (JSON.parse(row.lookup_json) as LookupResult) : null,
      consent: row.consent_json ? (JSON.parse(row.consent_json) as consent.ConsentState) : null,
      meta: row.consent_meta ? (JSON.parse(row.consent_meta) as ConsentMeta) : null,
      createdAt: row.created_at,
      revision: row.revision,
    };
  }

  #open(id: string): Session {
    const s = this.#load(id);
    if (s.status !== 'open' && s.wizard.end?.reason === 'call-ended') throw DeskError.atField('sessionId', ENDED_WITH_CALL, 'refused');
    if (s.status !== 'open') throw DeskError.atField('sessionId', 'This association has ended; start a new one.', 'refused');
    return s;
  }

  /** Persists, puts new timeline lines on the call, audits the step, pushes the view. */
  #save(s: Session, action: string, before: number, forward = true): SessionView {
    const said = this.#sealEndText(s) ?? s.said ?? null;
    for (const line of forward ? s.wizard.timeline.slice(before) : []) {
      const details = { step: line.step, association: associationFacts(s), ...(said ? { text: said } : {}) };
      const callId = this.core.callActivity.record({ kind: 'association', summary: line.summary, refId: s.id, details });
      if (callId && !s.callId) s.callId = callId;
    }
    s.status = s.wizard.step === 'ended' ? 'ended' : 'open';
    this.core.db
      .prepare(
        `UPDATE association_session SET call_id = ?, status = ?, wizard_json = ?, lookup_json = ?, consent_json = ?, consent_meta = ?, updated_at = ?, revision = revision + 1 WHERE id = ?`,
      )
      .run(
        s.callId,
        s.status,
        JSON.stringify(s.wizard),
        s.lookup ? JSON.stringify(s.lookup) : null,
        s.consent ? JSON.stringify(s.consent) : null,
        s.meta ? JSON.stringify(s.meta) : null,
        this.#now().toISOString(),
        s.id,
      );
    s.revision += 1;
    this.core.audit.append({ action: `association.${action}`, subject: `association:${s.id}`, details: { step: s.wizard.step, ...(said ? { text: said } : {}) } });
    const view = this.view(s);
    this.core.events.publish('app:association.changed', view);
    return view;
  }

  /**
   * The caller text the association just ended with gets the SHA-256 of its words, once, so
   * the session, the call's timeline and the audit log say which words were read, in which
   * language (issue 13). Returns it when it was sealed now.
   */
  #sealEndText(s: Session): TextUse | null {
    const end = s.wizard.end;
    if (!end?.text || end.text.sha256) return null;
    const sealed: TextUse = { ...end.text, sha256: textSha256({ text: end.guidance.join('\n') }) };
    s.wizard = { ...s.wizard, end: { ...end, text: sealed } };
    return sealed;
  }

  #step(id: string, action: string, f: (s: Session) => void, forward = true): SessionView {
    // Outside the step's transaction, so the ending stays when the step is refused.
    if (this.#endIfCallEnded(id)) {
      throw DeskError.atField('sessionId', ENDED_WITH_CALL, 'refused');
    }
    return this.core.db.transaction(() => {
      const s = this.#open(id);
      const before = s.wizard.timeline.length;
      const attempts = s.consent?.attempts ?? [];
      f(s);
      this.#attemptsChanged(s, attempts);
      return this.#save(s, action, before, forward);
    })();
  }

  /**
   * Every electronic request and how it ended goes on the association's timeline (and so
   * the call's, and the call's export), and its outcome on consent_request, so a later
   * association for the same client and Agent knows how the last of the 3 ended.
   */
  #attemptsChanged(s: Session, before: consent.ElectronicAttempt[]): void {
    if (!s.consent) return;
    // Kept settled, so a request that ran out is written once, not again at every step.
    const settled = (s.consent = consent.settle(s.consent, this.#now()));
    for (const a of settled.attempts) {
      const was = before.find((b) => b.number === a.number);
      if (!was) {
        s.wizard = wizard.note(
          s.wizard,
          new Date(a.sentAt),
          `Electronic consent request ${a.number} of ${consent.MAX_ELECTRONIC_REQUESTS} sent by the Agent from Agent Portal; the client has 90 seconds`,
        );
      }
      if (a.outcome !== 'pending' && was?.outcome !== a.outcome) {
        s.wizard = wizard.note(s.wizard, new Date(a.resolvedAt ?? this.#now()), `Electronic consent request ${a.number}: ${consent.electronicOutcomeText[a.outcome]}`);
        this.core.db.prepare('UPDATE consent_request SET outcome = ? WHERE session_id = ? AND sent_at = ?').run(a.outcome, s.id, a.sentAt);
      }
    }
  }

  start(): SessionView {
    const callId = this.#callForAssociation();
    const now = this.#now().toISOString();
    const id = randomUUID();
    return this.core.db.transaction(() => {
      // One association at a time per desk: an abandoned one ends (and its pending request expires).
      for (const open of this.core.db.prepare("SELECT id FROM association_session WHERE status = 'open'").pluck().all() as string[]) this.#abandon(open, 'restarted');
      this.core.db
        .prepare(`INSERT INTO association_session (id, operator_id, call_id, status, wizard_json, created_at, updated_at) VALUES (?, ?, ?, 'open', ?, ?, ?)`)
        .run(id, this.core.operators.current()?.id ?? null, callId, JSON.stringify(wizard.startWizard()), now, now);
      const s = this.#load(id);
      return this.#save(s, 'started', 0);
    })();
  }

  #abandon(id: string, why: 'call-ended' | 'restarted'): void {
    const s = this.#load(id);
    const before = s.wizard.timeline.length;
    const attempts = s.consent?.attempts ?? [];
    if (s.consent) s.consent = consent.abandonPending(s.consent, this.#now());
    this.#attemptsChanged(s, attempts);
    s.wizard = wizard.stopped(s.wizard, why, this.#now());
    this.#save(s, why === 'call-ended' ? 'ended_with_call' : 'abandoned', before);
  }

  #openIn(callId: string): Session | null {
    const id = this.core.db.prepare("SELECT id FROM association_session WHERE status = 'open' AND call_id = ?").pluck().get(callId) as string | undefined;
    return id ? this.#load(id) : null;
  }

  /** The call has ended: its open association ends now, with that reason (the call service calls this). */
  endForCall(callId: string): void {
    const s = this.#openIn(callId);
    if (s) this.core.db.transaction(() => this.#abandon(s.id, 'call-ended'))();
  }

  /** What ending this call would stop: the association, or its consent when that step is reached. */
  unfinishedIn(callId: string): UnfinishedWork[] {
    const s = this.#openIn(callId);
    if (!s) return [];
    const agent = s.wizard.agent?.name ? ` of ${s.wizard.agent.name}` : '';
    const client = s.wizard.client ? ` with ${s.wizard.client.firstName} ${s.wizard.client.lastName}` : '';
    if (s.wizard.step === 'consent' || s.wizard.step === 'confirm') {
      const c = s.consent ? consent.settle(s.consent, this.#now()) : null;
      const waiting = c ? consent.pendingAttempt(c, this.#now()) : null;
      const detail =
        s.wizard.step === 'confirm'
          ? 'consent given, the association not yet recorded'
          : waiting
            ? `electronic request ${waiting.number} of ${consent.MAX_ELECTRONIC_REQUESTS} waiting for the client`
            : c?.verbal
              ? 'verbal consent being read'
              : 'not yet given';
      return [
        {
          kind: 'consent',
          what: `Consent for the association${agent}${client}: ${detail}.`,
          then: `It ends with the call: no association is recorded${waiting ? ', the waiting request expires' : ''}, and the call's timeline says the call ended before consent was completed.`,
        },
      ];
    }
    return [
      {
        kind: 'association',
        what: `The association${agent}${client}${stepNumber[s.wizard.step] ? `, at step ${stepNumber[s.wizard.step]}` : ''}.`,
        then: 'It ends with the call: no Agent is recorded on a case, and the timeline says the call ended before consent was asked.',
      },
    ];
  }

  current(): SessionView | null {
    const id = this.core.db.prepare("SELECT id FROM association_session WHERE status = 'open' ORDER BY updated_at DESC LIMIT 1").pluck().get() as string | undefined;
    if (id) this.#endIfCallEnded(id);
    if (id && this.#ranOut(id)) {
      // Seen as run out: saved, put on the timeline and pushed, so every window and the call bar agree.
      return this.#step(id, 'consent_no_response', () => undefined);
    }
    if (id) return this.get(id);
    // In wrap-up, the association that ended with the call still says why, wherever the rep looks from.
    const callId = this.calls.current().call?.id;
    const ended = callId
      ? (this.core.db
          .prepare(
            "SELECT id FROM association_session WHERE call_id = ? AND status = 'ended' AND json_extract(wizard_json, '$.end.reason') = 'call-ended' ORDER BY updated_at DESC LIMIT 1",
          )
          .pluck()
          .get(callId) as string | undefined)
      : undefined;
    return ended ? this.get(ended) : null;
  }

  /** A request stored as waiting whose 90 seconds are over. */
  #ranOut(id: string): boolean {
    const s = this.#load(id);
    if (s.status !== 'open' || !s.consent) return false;
    return s.consent.attempts.at(-1)?.outcome === 'pending' && !consent.pendingAttempt(s.consent, this.#now());
  }

  get(id: string): SessionView {
    const s = this.#load(id);
    // A request whose 90 seconds ran out shows as "did not respond" as soon as anyone looks.
    if (s.consent && s.status === 'open') s.consent = consent.settle(s.consent, this.#now());
    return this.view(s);
  }

  agent(id: string, agent: wizard.AgentInfo): SessionView {
    const language = this.#language();
    return this.#step(id, 'agent', (s) => (s.wizard = refused(() => wizard.submitAgent(s.wizard, agent, this.#now(), language))));
  }

  clientOnLine(id: string, onLine: boolean): SessionView {
    // The call itself turns three-way (its bar reads "with the client on the line"), and its
    // "Client joined" line stands on the timeline instead of the wizard's own, said once.
    const call = this.calls.current().call;
    const joins = onLine && call !== null && call.id === this.#load(id).callId && !call.clientOnLine && canBeThreeWay(call.callerType);
    const language = this.core.callActivity.language() ?? 'en';
    const view = this.#step(id, 'client_on_line', (s) => (s.wizard = refused(() => wizard.confirmClientOnLine(s.wizard, onLine, this.#now(), language))), !joins);
    if (joins) this.calls.command(call.id, { type: 'client_joined' });
    return view;
  }

  identify(id: string, query: LookupRequest): SessionView {
    return this.#step(id, 'client_identified', (s) => {
      if (s.wizard.step !== 'client') throw new DeskError('refused', `This is the "${s.wizard.step}" step.`);
      // The wizard's "Client looked up" line is this lookup's one line on the call's timeline (issue 12.2).
      const result = this.lookupService.lookup(query, { onTimeline: false });
      const certainty = caseCertainty(result, { caseNumber: query.caseNumber ?? null, applicationNumber: query.applicationNumber ?? null });
      s.lookup = result;
      s.wizard = refused(() =>
        wizard.identifyClient(
          s.wizard,
          {
            firstName: query.firstName,
            lastName: query.lastName,
            sex: query.sex.toUpperCase() as 'M' | 'F' | 'U',
            dateOfBirth: query.dateOfBirth,
            caseNumber: query.caseNumber ?? null,
            applicationNumber: query.applicationNumber ?? null,
            matchLevel: result.level,
            matchedCaseNumber: certainty.kind === 'certain' ? certainty.caseNumber : null,
            caseConfirmedBy: certainty.kind === 'certain' ? (query.caseNumber || query.applicationNumber ? 'client-number' : 'full-match') : null,
          },
          this.#now(),
        ),
      );
    });
  }

  lookupAgain(id: string): SessionView {
    return this.#step(id, 'lookup_again', (s) => {
      s.wizard = refused(() => wizard.lookupAgain(s.wizard, this.#now()));
      s.lookup = null;
    });
  }

  #certainty(s: Session): CaseCertainty | null {
    const c = s.wizard.client;
    return c && s.lookup ? caseCertainty(s.lookup, { caseNumber: c.caseNumber, applicationNumber: c.applicationNumber }) : null;
  }

  /** Agents on a case: the cache's associations (imported or recorded here), with the agency when this desk recorded it. */
  #caseAgents(caseNumber: string): CaseAgent[] {
    const rows = this.core.db
      .prepare(
        `SELECT m.agent_id AS agentId, m.agent_name AS agentName, m.associated_on AS since,
                (SELECT a.agency FROM agent_association a WHERE a.case_number = m.case_number AND a.agent_id = m.agent_id ORDER BY a.created_at DESC LIMIT 1) AS agency
           FROM match_association m WHERE m.case_number = ? ORDER BY m.associated_on, m.agent_id`,
      )
      .all(caseNumber) as CaseAgent[];
    return rows;
  }

  /** The Agent ids as typed and as imported may differ in case and spacing ("NPN 1234567"). */
  #sameAgent(a: string, b: string): boolean {
    const n = (x: string) => x.replace(/[\s-]/g, '').toUpperCase();
    return n(a) === n(b);
  }

  /**
   * d. The situation. An existing case is associated only when identified with certainty
   * (certainty.ts): a Full match with no other case sharing the identity or SSN, or the case
   * the rep chose and the client's own number confirmed. An Agent already on the case is not
   * recorded again; other Agents on it are shown and the client's answer recorded.
   */
  situation(id: string, situation: wizard.Situation, choice?: { caseNumber: string; clientNumber: string }, otherAgents?: 'replacing' | 'keeping'): SessionView {
    return this.#step(id, 'situation', (s) => {
      if (s.wizard.step !== 'situation') throw new DeskError('refused', `This is the "${s.wizard.step}" step.`);
      const certainty = this.#certainty(s);
      const now = this.#now();
      if (situation === 'new-applicant') {
        const options = certainty?.kind === 'choose' ? certainty.options : [];
        const lookup = { exactOnCase: options.some((o) => o.exact), possible: options.length > 0 };
        s.wizard = refused(() => wizard.chooseSituation(s.wizard, situation, now, lookup, this.#language()), 'situation');
        return;
      }
      if (!s.wizard.client?.matchedCaseNumber) {
        if (!certainty || certainty.kind === 'none') {
          throw DeskError.atField(
            'situation',
            `${certainty?.because ?? 'The client has not been looked up.'} The Agent is associated only with a case identified with certainty.`,
            'refused',
          );
        }
        if (!choice) throw DeskError.atField('choice.caseNumber', `${certainty.kind === 'choose' ? certainty.because : ''} Choose the case the client confirms.`.trim(), 'refused');
        const confirmed = confirmChoice(certainty, choice);
        if (!confirmed.ok) throw DeskError.atField(`choice.${confirmed.field}`, confirmed.message, 'refused');
        s.wizard = wizard.confirmCase(s.wizard, confirmed.option.caseNumber, now);
      }
      const caseNumber = wizard.caseOf(s.wizard);
      const agents = this.#caseAgents(caseNumber);
      const me = agents.find((a) => this.#sameAgent(a.agentId, s.wizard.agent!.agentId));
      if (me) {
        s.wizard = wizard.alreadyAssociated(s.wizard, caseNumber, me.since, now, this.#language());
        return;
      }
      if (agents.length) {
        if (!otherAgents) {
          throw DeskError.atField('otherAgents', `Case ${caseNumber} already has ${agents.map(agentWords).join('; ')}: ask the client whether they are replacing them.`, 'refused');
        }
        s.wizard = wizard.otherAgentsAnswered(s.wizard, agents.map(agentWords), otherAgents, now);
      }
      s.wizard = refused(() => wizard.chooseSituation(s.wizard, situation, now), 'situation');
      // Consent comes next: ask the central store now, so its count is there when consent starts.
      if (s.wizard.step === 'consent' && s.wizard.agent) void this.elsewhere?.prefetchRequestsElsewhere(wizard.caseOf(s.wizard), s.wizard.agent.agentId);
    });
  }

  /** The client cannot confirm a case: no association, with the alternatives of 000. */
  caseNotCertain(id: string): SessionView {
    return this.#step(id, 'case_not_certain', (s) => {
      const certainty = this.#certainty(s);
      if (s.wizard.client?.matchedCaseNumber) throw new DeskError('refused', `Case ${s.wizard.client.matchedCaseNumber} is identified with certainty: go on with the situation.`);
      const why = certainty && certainty.kind !== 'certain' ? certainty.why : 'not-looked-up';
      s.wizard = refused(() => wizard.caseNotCertain(s.wizard, why, this.#now(), this.#language()));
    });
  }

  /**
   * Requests already sent to this client for this Agent in other associations while access is not
   * processed (001:72), and how the last ended: this desk's, plus other desks' when the central store
   * could be asked (never waits for it).
   */
  #prior(caseNumber: string, agentId: string, sessionId: string): { count: number; last: consent.ElectronicOutcome | null; scope: RequestScope | undefined } {
    const rows = this.core.db
      .prepare('SELECT outcome FROM consent_request WHERE case_number = ? AND agent_id = ? AND processed = 0 AND session_id <> ? ORDER BY sent_at')
      .pluck()
      .all(caseNumber, agentId, sessionId) as (consent.ElectronicOutcome | null)[];
    const local = { count: rows.length, last: rows.at(-1) ?? null };
    if (!this.elsewhere?.configured()) return { ...local, scope: undefined };
    const others = this.elsewhere.requestsElsewhere(caseNumber, agentId);
    return others === null ? { ...local, scope: 'this-desk' } : { ...local, count: local.count + others, scope: 'all-desks' };
  }

  /** Asks the central store in the background; a count that arrives after consent started is taken in if consent is still open. */
  #countElsewhere(sessionId: string, caseNumber: string, agentId: string): void {
    if (!this.elsewhere?.configured()) return;
    void this.elsewhere.prefetchRequestsElsewhere(caseNumber, agentId).then(
      (others) => {
        if (others === null) return;
        const s = this.#load(sessionId);
        if (s.status !== 'open' || !s.consent || s.consent.status !== 'open' || s.meta?.requestsCounted === 'all-desks') return;
        const prior = this.#prior(caseNumber, agentId, sessionId);
        this.#step(sessionId, 'consent_counted', (x) => {
          x.consent = { ...x.consent!, priorRequests: Math.max(x.consent!.priorRequests, prior.count) };
          x.meta = { ...x.meta!, requestsCounted: prior.scope };
        });
      },
      (error: unknown) => this.core.log.warn('could not count consent requests across desks', { error }),
    );
  }

  consentStart(id: string, contact: consent.ClientContact): SessionView {
    return this.#step(id, 'consent_started', (s) => {
      if (s.wizard.step !== 'consent') throw new DeskError('refused', 'Consent comes after the situation step.');
      if (s.consent && (s.consent.attempts.length || s.consent.verbal)) throw new DeskError('refused', 'Consent is already under way for this association.');
      const caseNumber = wizard.caseOf(s.wizard);
      const op = this.core.operators.current();
      const c = s.wizard.client!;
      const prior = this.#prior(caseNumber, s.wizard.agent!.agentId, s.id);
      s.consent = consent.startConsent({ contact, priorRequests: prior.count, priorLastOutcome: prior.last });
      s.meta = {
        values: {
          clientName: `${c.firstName} ${c.lastName}`,
          agentName: s.wizard.agent!.name,
          agencyName: s.wizard.agent!.agency,
          repName: op?.name ?? 'the kynect Contact Center',
        },
        recordId: null,
        ...(prior.scope ? { requestsCounted: prior.scope } : {}),
      };
      if (prior.scope === 'this-desk') this.#countElsewhere(s.id, caseNumber, s.wizard.agent!.agentId);
      // No electronic method, or not known to the system: the next steps the rep reads, recorded as read.
      const next = consent.agentPortalNextStepsText(contact, this.#language());
      if (next) {
        s.wizard = wizard.note(s.wizard, this.#now(), `${contactWords[contact]}: Agent Portal shows the Agent next steps`);
        s.said = textUse(next);
      }
    });
  }

  #consent(s: Session): consent.ConsentState {
    if (!s.consent) throw new DeskError('refused', 'Start consent first: say how the client can be reached.');
    return s.consent;
  }

  consentRequest(id: string): SessionView {
    return this.#step(id, 'consent_requested', (s) => {
      const now = this.#now();
      s.consent = refused(() => consent.requestElectronic(this.#consent(s), now));
      this.core.db
        .prepare('INSERT INTO consent_request (case_number, agent_id, session_id, sent_at) VALUES (?, ?, ?, ?)')
        .run(wizard.caseOf(s.wizard), s.wizard.agent!.agentId, s.id, now.toISOString());
    });
  }

  consentOutcome(id: string, outcome: 'accepted' | 'declined' | 'technical-failure'): SessionView {
    return this.#step(id, `consent_${outcome.replace('-', '_')}`, (s) => {
      s.consent = refused(() => consent.recordElectronicOutcome(this.#consent(s), outcome, this.#now()));
      this.#decideIfDone(s);
    });
  }

  /** The Agent says they went to another Agent Portal screen: the pending request expired (001:79). */
  consentAgentLeft(id: string): SessionView {
    return this.#step(id, 'consent_agent_left_screen', (s) => (s.consent = refused(() => consent.agentLeftScreen(this.#consent(s), this.#now()))));
  }

  /** Consent cannot go on in this call (no request left, nothing triggers verbal consent, or Agent Portal's next steps apply). */
  consentEnd(id: string): SessionView {
    return this.#step(id, 'consent_not_possible', (s) => {
      const blocked = consent.consentBlocked(this.#consent(s), this.#now());
      if (!blocked) throw new DeskError('refused', 'Consent can still be given in this call: an electronic request or verbal consent is possible.');
      s.wizard = refused(() => wizard.consentNotPossible(s.wizard, blocked.needs, this.#now(), this.#language()));
    });
  }

  verbalStart(id: string, locale: Locale): SessionView {
    return this.#step(id, 'verbal_started', (s) => {
      const script = this.scripts.inForce('agent-association', locale);
      const rendered = renderScript(script, s.meta!.values);
      s.consent = refused(() =>
        consent.startVerbal(
          this.#consent(s),
          { id: script.id, version: script.version, locale, textSha256: scriptSha256(rendered), acknowledgmentIds: rendered.acknowledgments.map((a) => a.id) },
          this.#now(),
        ),
      );
    });
  }

  verbalRead(id: string, ackId: string): SessionView {
    return this.#step(id, 'verbal_read', (s) => (s.consent = refused(() => consent.markRead(this.#consent(s), ackId, this.#now()), 'ackId')));
  }

  verbalAnswer(id: string, ackId: string, answer: consent.Answer): SessionView {
    return this.#step(id, 'verbal_answer', (s) => (s.consent = refused(() => consent.recordAnswer(this.#consent(s), ackId, answer, this.#now()), 'ackId')));
  }

  verbalAccept(id: string): SessionView {
    return this.#step(id, 'verbal_accepted', (s) => {
      s.consent = refused(() => consent.acceptVerbal(this.#consent(s), this.#now()));
      this.#decideIfDone(s);
    });
  }

  consentRefuse(id: string, reason: string): SessionView {
    return this.#step(id, 'consent_refused', (s) => {
      const c = this.#consent(s);
      const now = this.#now();
      s.consent = c.verbal
        ? refused(() => consent.refuseVerbal(c, reason, now))
        : {
            ...consent.abandonPending(c, now),
            status: 'refused',
            method: c.attempts.length ? 'electronic' : 'verbal',
            decidedAt: now.toISOString(),
            refusal: reason.trim() || 'The client refused consent.',
          };
      this.#decideIfDone(s);
    });
  }

  /** A decided consent becomes an append-only record and moves the wizard on. */
  #decideIfDone(s: Session): void {
    const c = s.consent!;
    if (c.status === 'open') return;
    const now = this.#now();
    const op = this.core.operators.current();
    // Electronic consent reads no script: its record's words are the in-force script's, in the call's language (issue 13).
    const script = c.verbal ? this.scripts.find('agent-association', c.verbal.locale, c.verbal.scriptVersion) : this.scripts.inForce('agent-association', this.#language());
    const rendered = renderScript(script, s.meta!.values);
    const client = s.wizard.client!;
    const record = buildConsentRecord(c, {
      id: randomUUID(),
      kind: 'agent-association',
      client: { name: `${client.firstName} ${client.lastName}`, caseNumber: client.matchedCaseNumber, applicationNumber: client.applicationNumber },
      agent: { name: s.wizard.agent!.name, agentId: s.wizard.agent!.agentId, agency: s.wizard.agent!.agency },
      organization: null,
      rep: { operatorId: op?.id ?? 0, name: op?.name ?? 'unknown operator' },
      callId: s.callId,
      script,
      acknowledgmentTexts: Object.fromEntries(rendered.acknowledgments.map((a) => [a.id, a.text])),
      wordingSha256: textSha256({ text: wordingText(script) }),
      createdAt: now.toISOString(),
    });
    this.core.db
      .prepare('INSERT INTO consent_record (id, session_id, call_id, outcome, record_json, created_at) VALUES (?, ?, ?, ?, ?, ?)')
      .run(record.id, s.id, s.callId, record.outcome, JSON.stringify(record), record.createdAt);
    s.meta = { ...s.meta!, recordId: record.id };
    this.core.callActivity.record({
      kind: 'consent.record',
      summary: consentLine(record),
      refId: record.id,
      details: { method: record.method, outcome: record.outcome, ...(record.wording ? { wording: record.wording } : {}) },
    });
    this.core.audit.append({ action: `consent.${record.outcome}`, subject: `consent:${record.id}`, details: { method: record.method, attempts: record.attempts.length } });
    s.wizard = wizard.consentDecided(s.wizard, record.outcome, record.id, record.method, now, this.#language());
  }

  /** Records the association in the cache (and for member-match lookups) and returns the confirmation. */
  confirm(id: string): SessionView {
    return this.#step(id, 'associated', (s) => {
      const now = this.#now();
      if (s.wizard.step !== 'confirm' || !s.meta?.recordId) throw new DeskError('refused', 'The association is recorded only after consent is accepted.');
      const caseNumber = wizard.caseOf(s.wizard);
      const agent = s.wizard.agent!;
      // Recorded meanwhile (another window, an import): never a second row for the same Agent and case.
      const already = this.#caseAgents(caseNumber).find((a) => this.#sameAgent(a.agentId, agent.agentId));
      if (already) {
        s.wizard = wizard.alreadyAssociated(s.wizard, caseNumber, already.since, now, this.#language());
        this.#fillCall(s.callId, caseNumber, agent.name);
        return;
      }
      const day = format(now, 'yyyy-MM-dd');
      this.core.db
        .prepare(
          `INSERT INTO agent_association (id, agent_id, agent_name, agency, case_number, associated_on, operator_id, call_id, consent_record_id, created_at)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        )
        .run(randomUUID(), agent.agentId, agent.name, agent.agency, caseNumber, day, this.core.operators.current()?.id ?? null, s.callId, s.meta.recordId, now.toISOString());
      this.core.db
        .prepare(
          `INSERT INTO match_association (agent_id, case_number, agent_name, associated_on, imported_at) VALUES (?, ?, ?, ?, ?)
           ON CONFLICT (case_number, agent_id) DO UPDATE SET agent_name = excluded.agent_name, associated_on = excluded.associated_on`,
        )
        .run(agent.agentId, caseNumber, agent.name, day, now.toISOString());
      // Access is processed: the 3-request count starts again for this pair.
      this.core.db.prepare('UPDATE consent_request SET processed = 1 WHERE case_number = ? AND agent_id = ?').run(caseNumber, agent.agentId);
      s.wizard = refused(() => wizard.associated(s.wizard, now, this.core.callActivity.language() ?? 'en'));
      this.#fillCall(s.callId, caseNumber, agent.name);
    });
  }

  /**
   * What the association learned becomes the call's (issue 12, point 2): without it
   * `call list --case` finds nothing and the history shows a blank case. Only blanks are
   * filled, so what the rep typed into the call bar is never overwritten.
   */
  #fillCall(callId: string | null, caseNumber: string, agentName: string): void {
    const call = this.calls.current().call;
    if (!callId || call?.id !== callId || call.state === 'closed') return;
    const changes: { caseNumber?: string; callerName?: string } = {};
    if (!call.caseNumber) changes.caseNumber = caseNumber;
    if (!call.callerName && call.callerType === 'agent') changes.callerName = agentName;
    if (Object.keys(changes).length > 0) this.calls.command(callId, { type: 'update_details', changes });
  }

  records(limit: number) {
    const rows = this.core.db.prepare('SELECT record_json FROM consent_record ORDER BY created_at DESC, rowid DESC LIMIT ?').pluck().all(limit) as string[];
    return rows.map((json) => {
      const r = ConsentRecord.parse(JSON.parse(json));
      return {
        id: r.id,
        createdAt: r.createdAt,
        outcome: r.outcome,
        method: r.method,
        clientName: r.client.name,
        agentName: r.agent?.name ?? null,
        organization: r.organization,
        caseNumber: r.client.caseNumber,
        callId: r.callId,
      };
    });
  }

  recordFhir(recordId: string): { fileName: string; json: string } {
    const json = this.core.db.prepare('SELECT record_json FROM consent_record WHERE id = ?').pluck().get(recordId) as string | undefined;
    if (!json) throw DeskError.atField('recordId', 'There is no consent record with that id.', 'not_found');
    const record = ConsentRecord.parse(JSON.parse(json));
    this.core.audit.append({ action: 'consent.exported', subject: `consent:${record.id}`, details: { format: 'fhir-r4' } });
    return { fileName: `consent-${record.id}.fhir.json`, json: JSON.stringify(toFhirConsent(record), null, 2) };
  }

  view(s: Session): SessionView {
    const now = this.#now();
    const c = s.consent;
    let consentView: ConsentView | null = null;
    if (c) {
      const allowed = consent.electronicAllowed(c, now);
      const trigger = consent.verbalTrigger(c, now);
      const v = c.verbal;
      const rendered = v ? renderScript(this.scripts.find('agent-association', v.locale, v.scriptVersion), s.meta!.values) : null;
      const nextSteps = c.status === 'open' ? consent.agentPortalNextStepsText(c.contact, this.#language()) : null;
      consentView = {
        status: c.status,
        method: c.method,
        contact: c.contact,
        requestsUsed: consent.requestsUsed(c),
        maxRequests: consent.MAX_ELECTRONIC_REQUESTS,
        requestsCounted: s.meta?.requestsCounted ?? null,
        attempts: c.attempts,
        pending: consent.pendingAttempt(c, now),
        electronic: { allowed: allowed.allowed, reason: allowed.allowed ? null : allowed.reason },
        verbalTrigger: trigger,
        verbalTriggerText: trigger ? consent.verbalTriggerText[trigger] : null,
        blocked: consent.consentBlocked(c, now),
        nextSteps: nextSteps?.lines ?? null,
        nextStepsLocale: nextSteps?.locale ?? null,
        verbal:
          v && rendered
            ? {
                scriptId: v.scriptId,
                version: v.scriptVersion,
                locale: v.locale,
                title: rendered.title,
                intro: rendered.intro,
                closing: rendered.closing,
                textSha256: v.textSha256,
                acknowledgments: v.acknowledgments.map((a) => ({
                  id: a.id,
                  text: rendered.acknowledgments.find((r) => r.id === a.id)?.text ?? '',
                  readAt: a.readAt,
                  answer: a.answer,
                })),
              }
            : null,
        canAccept: consent.canAcceptVerbal(c),
        refusal: c.refusal,
        recordId: s.meta?.recordId ?? null,
      };
    }
    const w = s.wizard;
    return {
      id: s.id,
      status: s.status,
      callId: s.callId,
      step: w.step,
      agent: w.agent,
      clientOnLine: w.clientOnLine,
      client: w.client
        ? {
            firstName: w.client.firstName,
            lastName: w.client.lastName,
            matchLevel: w.client.matchLevel,
            matchedCaseNumber: w.client.matchedCaseNumber,
            caseConfirmedBy: w.client.caseConfirmedBy ?? null,
          }
        : null,
      situation: w.situation,
      end: w.end,
      timeline: w.timeline,
      lookup: s.lookup,
      certainty: this.#certainty(s),
      caseAgents: w.client?.matchedCaseNumber ? this.#caseAgents(w.client.matchedCaseNumber) : [],
      consent: consentView,
      revision: s.revision,
      serverNow: now.toISOString(),
    };
  }
}

function agentWords(a: CaseAgent): string {
  return `${a.agentName}${a.agency ? ` of ${a.agency}` : ''} (${a.agentId}) since ${a.since}`;
}

const ENDED_WITH_CALL = 'The call ended, so this association ended with it (a pending consent request expired). Start a new one in the next call.';

const stepNumber: Partial<Record<wizard.WizardStep, string>> = {
  agent: '1, the Agent',
  'client-on-line': '2, the client on the line',
  client: '3, the client',
  situation: "4, the client's situation",
};

const localeWords: Record<Locale, string> = { en: 'English', es: 'Spanish' };

const contactWords: Partial<Record<consent.ClientContact, string>> = {
  'no-electronic-method': 'The client has no electronic communication method',
  'unknown-to-system': 'The client is not known to the system',
};

/** What the call learns from the association (its notes templates and wrap-up suggestion read it): no resident's name, no SSN. */
function associationFacts(s: Session): AssociationFacts {
  const w = s.wizard;
  const f: AssociationFacts = {};
  if (w.agent) Object.assign(f, { agentName: w.agent.name, agentNpn: w.agent.agentId });
  if (w.clientOnLine !== null) f.clientOnLine = w.clientOnLine;
  if (w.client) {
    f.matchLevel = w.client.matchLevel;
    if (w.client.matchedCaseNumber) f.caseNumber = w.client.matchedCaseNumber;
  }
  if (s.consent?.method) f.consentMethod = s.consent.method;
  if (s.consent?.status === 'accepted' || s.consent?.status === 'refused') f.consentOutcome = s.consent.status;
  if (w.step === 'ended' && w.end) f.outcome = w.end.reason;
  return f;
}

/** The consent's line on the call timeline (and so in the call's export): method, script language and version, every electronic request. */
function consentLine(record: ConsentRecord): string {
  const how = record.script ? `verbal, ${localeWords[record.script.locale]} script v${record.script.version}` : record.method;
  const tries = record.attempts.length ? `; electronic requests: ${record.attempts.map((a) => `${a.number} ${consent.electronicOutcomeText[a.outcome]}`).join(', ')}` : '';
  return `Consent ${record.outcome} (${how}) for Agent ${record.agent!.name}${tries}`;
}

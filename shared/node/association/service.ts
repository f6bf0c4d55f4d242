import { randomUUID } from 'node:crypto';
import { format } from 'date-fns';
import * as wizard from '../../common/association/wizard';
import type { ConsentView, SessionView } from '../../common/association/contract';
import * as consent from '../../common/consent/machine';
import { buildConsentRecord, ConsentRecord, toFhirConsent } from '../../common/consent/record';
import { findScript, renderScript, type Locale } from '../../common/consent/scripts';
import { DeskError } from '../../common/errors';
import type { LookupRequest } from '../../common/match/schemas';
import type { LookupResult } from '../../common/match/contract';
import { scriptSha256 } from '../consent/scriptHash';
import type { DeskCore } from '../host/desk';
import { refused } from './refused';
import type { LookupService } from '../match/lookupService';
import type { CallService } from '../calls/callService';
import { canBeThreeWay } from '../../common/calls/callerTypes';

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
}


/**
 * Three-way association calls and consent (000, 001, 002), owned by main: the
 * wizard and the consent machine are pure (common/), this service persists
 * every step at once, pushes it to every window, writes the consent record and
 * the association, and puts each step on the call's timeline.
 */
export class AssociationService {
  constructor(
    private readonly core: DeskCore,
    private readonly lookupService: LookupService,
    private readonly calls: CallService,
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
    this.core.db.transaction(() => this.#abandon(id, 'The call ended before the association was recorded.'))();
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
    if (s.status !== 'open') throw DeskError.atField('sessionId', 'This association has ended; start a new one.', 'refused');
    return s;
  }

  /** Persists, puts new timeline lines on the call, audits the step, pushes the view. */
  #save(s: Session, action: string, before: number, forward = true): SessionView {
    for (const line of forward ? s.wizard.timeline.slice(before) : []) {
      const callId = this.core.callActivity.record({ kind: 'association', summary: line.summary, refId: s.id });
      if (callId && !s.callId) s.callId = callId;
    }
    s.status = s.wizard.step === 'ended' ? 'ended' : 'open';
    this.core.db
      .prepare(
        `UPDATE association_session SET call_id = ?, status = ?, wizard_json = ?, lookup_json = ?, consent_json = ?, consent_meta = ?, updated_at = ?, revision = revision + 1 WHERE id = ?`,
      )
      .run(s.callId, s.status, JSON.stringify(s.wizard), s.lookup ? JSON.stringify(s.lookup) : null, s.consent ? JSON.stringify(s.consent) : null, s.meta ? JSON.stringify(s.meta) : null, this.#now().toISOString(), s.id);
    s.revision += 1;
    this.core.audit.append({ action: `association.${action}`, subject: `association:${s.id}`, details: { step: s.wizard.step } });
    const view = this.view(s);
    this.core.events.publish('app:association.changed', view);
    return view;
  }

  #step(id: string, action: string, f: (s: Session) => void, forward = true): SessionView {
    // Outside the step's transaction, so the ending stays when the step is refused.
    if (this.#endIfCallEnded(id)) {
      throw DeskError.atField('sessionId', 'The call ended, so this association ended with it (a pending consent request expired). Start a new one in the next call.', 'refused');
    }
    return this.core.db.transaction(() => {
      const s = this.#open(id);
      const before = s.wizard.timeline.length;
      f(s);
      return this.#save(s, action, before, forward);
    })();
  }

  start(): SessionView {
    const callId = this.#callForAssociation();
    const now = this.#now().toISOString();
    const id = randomUUID();
    return this.core.db.transaction(() => {
      // One association at a time per desk: an abandoned one ends (and its pending request expires).
      for (const open of this.core.db.prepare("SELECT id FROM association_session WHERE status = 'open'").pluck().all() as string[]) this.#abandon(open);
      this.core.db
        .prepare(`INSERT INTO association_session (id, operator_id, call_id, status, wizard_json, created_at, updated_at) VALUES (?, ?, ?, 'open', ?, ?, ?)`)
        .run(id, this.core.operators.current()?.id ?? null, callId, JSON.stringify(wizard.startWizard()), now, now);
      const s = this.#load(id);
      return this.#save(s, 'started', 0);
    })();
  }

  #abandon(id: string, why = 'Abandoned: a new association was started.'): void {
    const s = this.#load(id);
    if (s.consent) s.consent = consent.leaveScreen(s.consent, this.#now());
    s.wizard = { ...s.wizard, step: 'ended', end: s.wizard.end ?? { reason: 'consent-refused', guidance: [why] } };
    this.#save(s, 'abandoned', s.wizard.timeline.length);
  }

  current(): SessionView | null {
    const id = this.core.db.prepare("SELECT id FROM association_session WHERE status = 'open' ORDER BY updated_at DESC LIMIT 1").pluck().get() as string | undefined;
    if (id) this.#endIfCallEnded(id);
    return id ? this.get(id) : null;
  }

  get(id: string): SessionView {
    const s = this.#load(id);
    // A request whose 90 seconds ran out shows as "did not respond" as soon as anyone looks.
    if (s.consent && s.status === 'open') s.consent = consent.settle(s.consent, this.#now());
    return this.view(s);
  }

  agent(id: string, agent: wizard.AgentInfo): SessionView {
    return this.#step(id, 'agent', (s) => (s.wizard = refused(() => wizard.submitAgent(s.wizard, agent, this.#now()))));
  }

  clientOnLine(id: string, onLine: boolean): SessionView {
    // The call itself turns three-way (its bar reads "with the client on the line"), and its
    // "Client joined" line stands on the timeline instead of the wizard's own, said once.
    const call = this.calls.current().call;
    const joins = onLine && call !== null && call.id === this.#load(id).callId && !call.clientOnLine && canBeThreeWay(call.callerType);
    const view = this.#step(id, 'client_on_line', (s) => (s.wizard = refused(() => wizard.confirmClientOnLine(s.wizard, onLine, this.#now()))), !joins);
    if (joins) this.calls.command(call.id, { type: 'client_joined' });
    return view;
  }

  identify(id: string, query: LookupRequest): SessionView {
    return this.#step(id, 'client_identified', (s) => {
      if (s.wizard.step !== 'client') throw new DeskError('refused', `This is the "${s.wizard.step}" step.`);
      const result = this.lookupService.lookup(query);
      const cases = [...new Set(result.candidates.map((c) => c.caseNumber))];
      const matched = result.level === 'full' && cases.length === 1 ? cases[0]! : query.caseNumber && cases.includes(query.caseNumber) ? query.caseNumber : null;
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
            matchedCaseNumber: matched,
          },
          this.#now(),
        ),
      );
    });
  }

  situation(id: string, situation: wizard.Situation, caseNumber: string | undefined): SessionView {
    return this.#step(id, 'situation', (s) => {
      if (caseNumber && s.wizard.client) {
        const known = new Set((s.lookup?.candidates ?? []).map((c) => c.caseNumber));
        if (!known.has(caseNumber) && s.wizard.client.caseNumber !== caseNumber) {
          throw DeskError.atField('caseNumber', 'Choose one of the cases the lookup found, or the case number the client gave.', 'refused');
        }
        s.wizard = { ...s.wizard, client: { ...s.wizard.client, matchedCaseNumber: caseNumber } };
      }
      s.wizard = refused(() => wizard.chooseSituation(s.wizard, situation, this.#now()), situation === 'new-applicant' ? 'situation' : 'caseNumber');
      // Consent comes next: ask the central store now, so its count is there when consent starts.
      if (s.wizard.step === 'consent' && s.wizard.agent) void this.elsewhere?.prefetchRequestsElsewhere(wizard.caseOf(s.wizard), s.wizard.agent.agentId);
    });
  }

  /** This desk's requests for the pair, plus other desks' when the central store could be asked (never waits for it). */
  #priorRequests(caseNumber: string, agentId: string, sessionId: string): { count: number; scope: RequestScope | undefined } {
    const local = this.core.db
      .prepare('SELECT count(*) FROM consent_request WHERE case_number = ? AND agent_id = ? AND processed = 0 AND session_id <> ?')
      .pluck()
      .get(caseNumber, agentId, sessionId) as number;
    if (!this.elsewhere?.configured()) return { count: local, scope: undefined };
    const others = this.elsewhere.requestsElsewhere(caseNumber, agentId);
    return others === null ? { count: local, scope: 'this-desk' } : { count: local + others, scope: 'all-desks' };
  }

  /** Asks the central store in the background; a count that arrives after consent started is taken in if consent is still open. */
  #countElsewhere(sessionId: string, caseNumber: string, agentId: string): void {
    if (!this.elsewhere?.configured()) return;
    void this.elsewhere.prefetchRequestsElsewhere(caseNumber, agentId).then((others) => {
      if (others === null) return;
      const s = this.#load(sessionId);
      if (s.status !== 'open' || !s.consent || s.consent.status !== 'open' || s.meta?.requestsCounted === 'all-desks') return;
      const prior = this.#priorRequests(caseNumber, agentId, sessionId);
      this.#step(sessionId, 'consent_counted', (x) => {
        x.consent = { ...x.consent!, priorRequests: Math.max(x.consent!.priorRequests, prior.count) };
        x.meta = { ...x.meta!, requestsCounted: prior.scope };
      });
    }, (error: unknown) => this.core.log.warn('could not count consent requests across desks', { error }));
  }

  consentStart(id: string, contact: consent.ClientContact): SessionView {
    return this.#step(id, 'consent_started', (s) => {
      if (s.wizard.step !== 'consent') throw new DeskError('refused', 'Consent comes after the situation step.');
      if (s.consent && s.consent.attempts.length) throw new DeskError('refused', 'Consent is already under way for this association.');
      const caseNumber = wizard.caseOf(s.wizard);
      const op = this.core.operators.current();
      const c = s.wizard.client!;
      const prior = this.#priorRequests(caseNumber, s.wizard.agent!.agentId, s.id);
      s.consent = consent.startConsent({ contact, priorRequests: prior.count });
      s.meta = {
        values: { clientName: `${c.firstName} ${c.lastName}`, agentName: s.wizard.agent!.name, agencyName: s.wizard.agent!.agency, repName: op?.name ?? 'the kynect Contact Center' },
        recordId: null,
        ...(prior.scope ? { requestsCounted: prior.scope } : {}),
      };
      if (prior.scope === 'this-desk') this.#countElsewhere(s.id, caseNumber, s.wizard.agent!.agentId);
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

  consentLeave(id: string): SessionView {
    const s = this.#load(id);
    if (s.status !== 'open' || !s.consent || !consent.pendingAttempt(s.consent, this.#now())) return this.get(id);
    return this.#step(id, 'consent_left_screen', (x) => (x.consent = consent.leaveScreen(this.#consent(x), this.#now())));
  }

  verbalStart(id: string, locale: Locale): SessionView {
    return this.#step(id, 'verbal_started', (s) => {
      const script = findScript('agent-association', locale);
      const rendered = renderScript(script, s.meta!.values);
      s.consent = refused(() =>
        consent.startVerbal(
          this.#consent(s),
          { id: script.id, version: script.version, locale, textSha256: scriptSha256(rendered), acknowledgmentIds: script.acknowledgments.map((a) => a.id) },
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
        : { ...consent.leaveScreen(c, now), status: 'refused', method: c.attempts.length ? 'electronic' : 'verbal', decidedAt: now.toISOString(), refusal: reason.trim() || 'The client refused consent.' };
      this.#decideIfDone(s);
    });
  }

  /** A decided consent becomes an append-only record and moves the wizard on. */
  #decideIfDone(s: Session): void {
    const c = s.consent!;
    if (c.status === 'open') return;
    const now = this.#now();
    const op = this.core.operators.current();
    const locale = c.verbal?.locale ?? 'en';
    const script = findScript('agent-association', locale, c.verbal?.scriptVersion);
    const rendered = renderScript(script, s.meta!.values);
    const client = s.wizard.client!;
    const record = buildConsentRecord(c, {
      id: randomUUID(),
      kind: 'agent-association',
      client: { name: `${client.firstName} ${client.lastName}`, caseNumber: client.matchedCaseNumber ?? client.caseNumber, applicationNumber: client.applicationNumber },
      agent: { name: s.wizard.agent!.name, agentId: s.wizard.agent!.agentId, agency: s.wizard.agent!.agency },
      organization: null,
      rep: { operatorId: op?.id ?? 0, name: op?.name ?? 'unknown operator' },
      callId: s.callId,
      script,
      acknowledgmentTexts: Object.fromEntries(rendered.acknowledgments.map((a) => [a.id, a.text])),
      createdAt: now.toISOString(),
    });
    this.core.db
      .prepare('INSERT INTO consent_record (id, session_id, call_id, outcome, record_json, created_at) VALUES (?, ?, ?, ?, ?, ?)')
      .run(record.id, s.id, s.callId, record.outcome, JSON.stringify(record), record.createdAt);
    s.meta = { ...s.meta!, recordId: record.id };
    this.core.callActivity.record({ kind: 'consent.record', summary: `Consent ${record.outcome} (${record.method}) for Agent ${record.agent!.name}`, refId: record.id });
    this.core.audit.append({ action: `consent.${record.outcome}`, subject: `consent:${record.id}`, details: { method: record.method, attempts: record.attempts.length } });
    s.wizard = wizard.consentDecided(s.wizard, record.outcome, record.id, record.method, now);
  }

  /** Records the association in the cache (and for member-match lookups) and returns the confirmation. */
  confirm(id: string): SessionView {
    return this.#step(id, 'associated', (s) => {
      const now = this.#now();
      if (s.wizard.step !== 'confirm' || !s.meta?.recordId) throw new DeskError('refused', 'The association is recorded only after consent is accepted.');
      const caseNumber = wizard.caseOf(s.wizard);
      const agent = s.wizard.agent!;
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
      s.wizard = refused(() => wizard.associated(s.wizard, now));
    });
  }

  records(limit: number) {
    const rows = this.core.db.prepare('SELECT record_json FROM consent_record ORDER BY created_at DESC, rowid DESC LIMIT ?').pluck().all(limit) as string[];
    return rows.map((json) => {
      const r = ConsentRecord.parse(JSON.parse(json));
      return { id: r.id, createdAt: r.createdAt, outcome: r.outcome, method: r.method, clientName: r.client.name, agentName: r.agent?.name ?? null, organization: r.organization, caseNumber: r.client.caseNumber, callId: r.callId };
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
      const rendered = v ? renderScript(findScript(v.scriptId as 'agent-association', v.locale, v.scriptVersion), s.meta!.values) : null;
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
                acknowledgments: v.acknowledgments.map((a) => ({ id: a.id, text: rendered.acknowledgments.find((r) => r.id === a.id)?.text ?? '', readAt: a.readAt, answer: a.answer })),
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
      client: w.client ? { firstName: w.client.firstName, lastName: w.client.lastName, matchLevel: w.client.matchLevel, matchedCaseNumber: w.client.matchedCaseNumber } : null,
      situation: w.situation,
      end: w.end,
      timeline: w.timeline,
      lookup: s.lookup,
      consent: consentView,
      revision: s.revision,
      serverNow: now.toISOString(),
    };
  }
}

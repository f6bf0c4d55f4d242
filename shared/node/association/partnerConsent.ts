import { randomUUID } from 'node:crypto';
import type { z } from 'zod';
import type { PartnerConsentInput, PartnerConsentView } from '../../common/association/partnerContract';
import { DeskError } from '../../common/errors';
import * as consent from '../../common/consent/machine';
import { buildConsentRecord, wordingText } from '../../common/consent/record';
import { textSha256 } from '../texts/textHash';
import { identifierLabels } from '../../common/association/partnerContract';
import { renderScript, type ScriptCondition } from '../../common/consent/scripts';
import type { ConsentScriptStore } from '../consent/scriptStore';
import type { CallService } from '../calls/callService';
import type { UnfinishedWork } from '../../common/calls/contract';
import { scriptSha256 } from '../consent/scriptHash';
import type { DeskCore } from '../host/deskCore';
import { refused } from './refused';

/** The part of the desk the partner-access consent uses, and no more. */
type PartnerConsentCore = Pick<DeskCore, 'audit' | 'callActivity' | 'clock' | 'db' | 'events' | 'operators'>;

/**
 * kynect resources partner access (issue 6, seed 002 Q22, Q37–Q42): a community partner
 * organization asks to view a resident's full record, and the resident, on the phone,
 * tells the rep they consent. The rep reads the versioned script; each acknowledgment
 * is marked read and answered; Accept only when all are agreed. The decision is an
 * append-only consent record (FHIR-exportable, like an Agent's), and a line on the
 * call's timeline. Verbal from the start: telling the rep is one of the ways 002 allows,
 * the others (email, text) being requests the partner sends itself.
 */
const SCRIPT = 'kynect-resources-partner-access';
const ENDED_WITH_CALL = 'Set aside: the call ended before consent was completed.';

type Input = z.output<typeof PartnerConsentInput>;
interface Row {
  id: string;
  call_id: string | null;
  status: 'open' | 'accepted' | 'refused' | 'abandoned';
  input_json: string;
  consent_json: string;
  record_id: string | null;
  revision: number;
  created_at: string;
}

export class PartnerConsentService {
  constructor(
    private readonly core: PartnerConsentCore,
    private readonly calls: CallService,
    private readonly scripts: ConsentScriptStore,
  ) {}

  #values(input: Input): Record<string, string> {
    return { organizationName: input.organization, clientName: input.clientName };
  }

  /** "Opt Out" is for residents with kynect resources accounts (002 Q41); the others hear what an account needs (Q40). Inputs from before 0.x have no answer: they read as having one, as v1 said. */
  #conditions(input: Input): ScriptCondition[] {
    return [input.hasAccount === false ? 'resident-has-no-account' : 'resident-has-account'];
  }

  #script(input: Input, version?: number) {
    return version === undefined ? this.scripts.inForce(SCRIPT, input.locale) : this.scripts.find(SCRIPT, input.locale, version);
  }

  #rendered(input: Input, version?: number) {
    return renderScript(this.#script(input, version), this.#values(input), this.#conditions(input));
  }

  /** The open call, or a new one with the resident: the consent is given on the phone. */
  #callId(): string {
    const open = this.calls.current().call;
    if (!open) return this.calls.start({ callerType: 'resident' }).call!.id;
    if (open.state === 'wrap_up') throw new DeskError('refused', 'This call is in wrap-up. Complete it, then take the consent in a new call.');
    return open.id;
  }

  start(input: Input): PartnerConsentView {
    const callId = this.#callId();
    const now = this.core.clock.now();
    const script = this.#script(input);
    const rendered = this.#rendered(input, script.version);
    const state = refused(() =>
      consent.startChosenVerbal(
        { id: script.id, version: script.version, locale: script.locale, textSha256: scriptSha256(rendered), acknowledgmentIds: rendered.acknowledgments.map((a) => a.id) },
        now,
      ),
    );
    const identified = input.identifiers.map((k) => identifierLabels[k].toLowerCase()).join(', ');
    const id = randomUUID();
    return this.core.db.transaction(() => {
      // One at a time per desk, as with associations: an unfinished one is set aside without a record.
      for (const open of this.core.db.prepare("SELECT id FROM partner_consent WHERE status = 'open'").pluck().all() as string[]) {
        this.core.db.prepare("UPDATE partner_consent SET status = 'abandoned', updated_at = ?, revision = revision + 1 WHERE id = ?").run(now.toISOString(), open);
        this.core.audit.append({ action: 'partner_consent.abandoned', subject: `partner-consent:${open}` });
      }
      this.core.db
        .prepare(`INSERT INTO partner_consent (id, operator_id, call_id, status, input_json, consent_json, created_at, updated_at) VALUES (?, ?, ?, 'open', ?, ?, ?, ?)`)
        .run(id, this.core.operators.current()?.id ?? null, callId, JSON.stringify(input), JSON.stringify(state), now.toISOString(), now.toISOString());
      this.core.callActivity.record({
        kind: 'consent.record',
        summary: `kynect resources consent for ${input.organization}: ${input.locale === 'es' ? 'Spanish' : 'English'} script v${script.version} read; resident identified by ${identified}; ${input.hasAccount ? 'has' : 'no'} kynect resources account`,
        refId: id,
      });
      this.core.audit.append({
        action: 'partner_consent.started',
        subject: `partner-consent:${id}`,
        details: { locale: input.locale, scriptVersion: script.version, identifiers: input.identifiers, hasAccount: input.hasAccount },
      });
      return this.#publish(id);
    })();
  }

  #openIn(callId: string): Row | null {
    return (this.core.db.prepare("SELECT * FROM partner_consent WHERE status = 'open' AND call_id = ?").get(callId) as Row | undefined) ?? null;
  }

  /** A partner consent being read in this call: the resident must be on the line to finish it. */
  unfinishedIn(callId: string): UnfinishedWork[] {
    const row = this.#openIn(callId);
    if (!row) return [];
    const input = JSON.parse(row.input_json) as Input;
    const acks = (JSON.parse(row.consent_json) as consent.ConsentState).verbal?.acknowledgments ?? [];
    const agreed = acks.filter((a) => a.answer === 'agree').length;
    return [
      {
        kind: 'partner-consent',
        what: `kynect resources consent for ${input.organization}: ${agreed} of ${acks.length} statements agreed, not yet accepted.`,
        then: 'It is set aside with the call: no consent is recorded, and the partner has no access. Take it again in a new call with the resident.',
      },
    ];
  }

  /** The call ended: the resident is no longer on the line, so the consent cannot be finished. */
  endForCall(callId: string): void {
    const row = this.#openIn(callId);
    if (!row) return;
    const state = { ...(JSON.parse(row.consent_json) as consent.ConsentState), refusal: ENDED_WITH_CALL };
    this.core.db.transaction(() => {
      this.core.db
        .prepare("UPDATE partner_consent SET status = 'abandoned', consent_json = ?, updated_at = ?, revision = revision + 1 WHERE id = ?")
        .run(JSON.stringify(state), this.core.clock.now().toISOString(), row.id);
      this.core.callActivity.record({ kind: 'consent.record', summary: 'kynect resources consent set aside: the call ended before consent was completed', refId: row.id });
      this.core.audit.append({ action: 'partner_consent.ended_with_call', subject: `partner-consent:${row.id}` });
    })();
    this.#publish(row.id);
  }

  current(): PartnerConsentView | null {
    const id = this.core.db.prepare("SELECT id FROM partner_consent WHERE status = 'open' ORDER BY updated_at DESC LIMIT 1").pluck().get() as string | undefined;
    return id ? this.view(id) : null;
  }

  read(id: string, ackId: string): PartnerConsentView {
    return this.#step(id, 'read', (s) => consent.markRead(s, ackId, this.core.clock.now()), 'ackId');
  }

  answer(id: string, ackId: string, answer: consent.Answer): PartnerConsentView {
    return this.#step(id, 'answered', (s) => consent.recordAnswer(s, ackId, answer, this.core.clock.now()), 'ackId');
  }

  accept(id: string): PartnerConsentView {
    return this.#step(id, 'accepted', (s) => consent.acceptVerbal(s, this.core.clock.now()));
  }

  refuse(id: string, reason: string): PartnerConsentView {
    return this.#step(id, 'refused', (s) => consent.refuseVerbal(s, reason || 'The resident did not give consent.', this.core.clock.now()));
  }

  #load(id: string): Row {
    const row = this.core.db.prepare('SELECT * FROM partner_consent WHERE id = ?').get(id) as Row | undefined;
    if (!row) throw DeskError.atField('consentId', 'There is no such consent; start a new one.', 'not_found');
    return row;
  }

  #step(id: string, action: string, f: (s: consent.ConsentState) => consent.ConsentState, field?: string): PartnerConsentView {
    return this.core.db.transaction(() => {
      const row = this.#load(id);
      if (row.status !== 'open') throw DeskError.atField('consentId', 'This consent is already decided; start a new one.', 'refused');
      const next = refused(() => f(JSON.parse(row.consent_json) as consent.ConsentState), field);
      const now = this.core.clock.now().toISOString();
      let recordId: string | null = null;
      if (next.status !== 'open') recordId = this.#record(row, next);
      this.core.db
        .prepare('UPDATE partner_consent SET status = ?, consent_json = ?, record_id = ?, updated_at = ?, revision = revision + 1 WHERE id = ?')
        .run(next.status, JSON.stringify(next), recordId, now, id);
      if (next.status === 'open') this.core.audit.append({ action: `partner_consent.${action}`, subject: `partner-consent:${id}` });
      return this.#publish(id);
    })();
  }

  /** The decided consent as an append-only consent record, on the call's timeline and in the audit log. */
  #record(row: Row, state: consent.ConsentState): string {
    const input = JSON.parse(row.input_json) as Input;
    const rendered = this.#rendered(input, state.verbal?.scriptVersion);
    const op = this.core.operators.current();
    const script = this.#script(input, state.verbal?.scriptVersion);
    const record = buildConsentRecord(state, {
      id: randomUUID(),
      kind: SCRIPT,
      client: { name: input.clientName, caseNumber: input.caseNumber || null, applicationNumber: null },
      agent: null,
      organization: input.organization,
      rep: { operatorId: op?.id ?? 0, name: op?.name ?? 'unknown operator' },
      callId: row.call_id,
      script,
      acknowledgmentTexts: Object.fromEntries(rendered.acknowledgments.map((a) => [a.id, a.text])),
      wordingSha256: textSha256({ text: wordingText(script) }),
      createdAt: this.core.clock.now().toISOString(),
    });
    this.core.db
      .prepare('INSERT INTO consent_record (id, session_id, call_id, outcome, record_json, created_at) VALUES (?, NULL, ?, ?, ?, ?)')
      .run(record.id, row.call_id, record.outcome, JSON.stringify(record), record.createdAt);
    this.core.callActivity.record({
      kind: 'consent.record',
      summary: `kynect resources consent ${record.outcome} (verbal, ${input.locale === 'es' ? 'Spanish' : 'English'} script v${record.script?.version ?? '?'}) for ${input.organization}`,
      refId: record.id,
    });
    this.core.audit.append({ action: `consent.${record.outcome}`, subject: `consent:${record.id}`, details: { method: 'verbal', kind: SCRIPT, partnerConsent: row.id } });
    return record.id;
  }

  #publish(id: string): PartnerConsentView {
    const view = this.view(id);
    this.core.events.publish('app:partner.changed', view);
    return view;
  }

  view(id: string): PartnerConsentView {
    const row = this.#load(id);
    const input = JSON.parse(row.input_json) as Input;
    const state = JSON.parse(row.consent_json) as consent.ConsentState;
    const verbal = state.verbal!;
    const rendered = this.#rendered(input, verbal.scriptVersion);
    const script = this.#script(input, verbal.scriptVersion);
    const texts = new Map(rendered.acknowledgments.map((a) => [a.id, a.text]));
    return {
      id: row.id,
      status: row.status === 'abandoned' ? 'refused' : row.status,
      callId: row.call_id,
      organization: input.organization,
      clientName: input.clientName,
      caseNumber: input.caseNumber || null,
      locale: input.locale,
      identifiers: input.identifiers ?? [],
      hasAccount: input.hasAccount ?? true,
      script: {
        id: script.id,
        version: script.version,
        title: rendered.title,
        intro: rendered.intro,
        closing: rendered.closing,
        textSha256: verbal.textSha256,
        acknowledgments: verbal.acknowledgments.map((a) => ({ id: a.id, text: texts.get(a.id) ?? '', readAt: a.readAt, answer: a.answer })),
      },
      revoke: script.revoke,
      canAccept: consent.canAcceptVerbal(state),
      refusal: row.status === 'abandoned' ? (state.refusal === ENDED_WITH_CALL ? ENDED_WITH_CALL : 'Set aside: a new partner consent was started.') : state.refusal,
      recordId: row.record_id,
      revision: row.revision,
    };
  }
}

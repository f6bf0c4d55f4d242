import type { UnfinishedWork } from '../../common/calls/contract';
import { randomUUID } from 'node:crypto';
import { DeskError } from '../../common/errors';
import {
  EseDraft,
  EseMailSettings,
  LEGACY_CLOSING_SCRIPT,
  circumstanceLabel,
  closingScript,
  closingScriptLocale,
  defaultEseMailSettings,
  eseMessageId,
  eseReference,
  eseWindow,
  parseEseIntake,
  renderClosingScript,
} from '../../common/ese';
import type { FlushResult, IntakeDetail, IntakeRow, MailSettingsView } from '../../common/ese/contract';
import { operatorRoleLabels } from '../../common/foundation/operator';
import { maskWithCount } from '../../common/privacy/ssnText';
import { stripUnsafeChars } from '../../common/privacy/unsafeText';
import { fieldErrorsOf } from '../../common/validation';
import type { DeskCore } from '../host/deskCore';
import { textUse } from '../texts/textHash';
import { buildEml, composeEseMail, eseBody } from './compose';
import { OutboxDelivery } from './delivery';
import { envSecretSource, type SecretSource } from './secrets';
import { EseStore, type IntakeRecord, type ListFilter } from './store';
import { deskTimeZone } from '../host/timeZone';
import { calendarDayIn } from '../../common/localTime';

/** The part of the desk the ESE intake uses, and no more. */
type EseCore = Pick<DeskCore, 'audit' | 'callActivity' | 'clock' | 'db' | 'env' | 'events' | 'log' | 'onClose' | 'onStart' | 'operators' | 'settings'>;

const SETTINGS_KEY = 'ese.mail';

/** Draft fields that hold what a rep typed in words (not a number, a date or a choice). */
const DRAFT_TEXT_FIELDS = ['firstName', 'lastName', 'language', 'circumstanceOther', 'narrative', 'documentsOther'] as const;

export function cleanDraft(draft: EseDraft): { draft: EseDraft; masked: string[] } {
  const out: EseDraft = { ...draft };
  const masked: string[] = [];
  for (const field of DRAFT_TEXT_FIELDS) {
    const value = draft[field];
    if (typeof value !== 'string') continue;
    const r = maskWithCount(stripUnsafeChars(value), { keep: [draft.caseNumber] });
    if (r.masked) masked.push(field);
    out[field] = r.text;
  }
  return { draft: out, masked };
}

/**
 * ESE intake and forwarding (003 §7.4–7.6, §9.1): drafts, submit (intake and its
 * outbox message in one transaction), the list, resend and export, settings,
 * and the delivery worker that runs in main and the harness.
 */
export class EseService {
  readonly store: EseStore;
  readonly delivery: OutboxDelivery;
  readonly #core: EseCore;
  #secrets: SecretSource;

  constructor(core: EseCore) {
    this.#core = core;
    this.store = new EseStore(core.db);
    this.#secrets = envSecretSource(core.env);
    this.delivery = new OutboxDelivery({ core, store: this.store, settings: () => this.mailSettings(), secrets: () => this.#secrets });
    core.onStart(() => this.delivery.start());
    core.onClose(() => this.delivery.stop());
  }

  /** Electron main installs a safeStorage-backed source here. */
  useSecretSource(source: SecretSource): void {
    this.#secrets = source;
  }

  today(): string {
    return calendarDayIn(this.#core.clock.now(), deskTimeZone(this.#core.env));
  }

  // ── drafts ────────────────────────────────────────────────────────────

  /** A draft typed in this call and not forwarded: ending the call keeps it, and says where. */
  unfinishedIn(callId: string): UnfinishedWork[] {
    const row = this.store.getDraft(`call:${callId}`);
    const parsed = row ? EseDraft.safeParse(row.draft) : null;
    if (!parsed?.success) return [];
    const d = parsed.data;
    const typed = Object.values(d).some((v) => (typeof v === 'string' ? v.trim() !== '' : Array.isArray(v) ? v.length > 0 : typeof v === 'boolean' ? v : false));
    if (!typed) return [];
    const who = [d.firstName, d.lastName]
      .map((x) => x?.trim() ?? '')
      .filter(Boolean)
      .join(' ');
    return [
      {
        kind: 'ese-draft',
        what: `An ESE intake draft${who ? ` for ${who}` : ''}, not forwarded.`,
        then: 'It is kept with this call: forward it in ESE intake (Alt+3) before you complete wrap-up. Nothing is sent by itself.',
      },
    ];
  }
  getDraft(key: string): { draft: EseDraft | null; updatedAt: string | null; today: string } {
    const row = this.store.getDraft(key);
    const parsed = row ? EseDraft.safeParse(row.draft) : null;
    // A draft holds a resident's details: opening one is a view of sensitive data.
    if (parsed?.success) this.#core.audit.append({ action: 'ese.draft.opened', subject: `ese-draft:${key}` });
    return { draft: parsed?.success ? parsed.data : null, updatedAt: row?.updatedAt ?? null, today: this.today() };
  }

  /**
   * A draft is whatever was typed so far, so it cannot be refused; instead every full
   * SSN in its free text is masked before it is stored (issue 14 §1), and the form is
   * told which fields changed so it can show the rep why.
   */
  saveDraft(key: string, draft: EseDraft): { updatedAt: string; draft: EseDraft; masked: string[] } {
    const now = this.#core.clock.now().toISOString();
    const clean = cleanDraft(draft);
    this.store.saveDraft(key, clean.draft, now);
    if (clean.masked.length) this.#core.audit.append({ action: 'ese.draft.ssn_masked', subject: `ese-draft:${key}`, details: { fields: clean.masked } });
    return { updatedAt: now, draft: clean.draft, masked: clean.masked };
  }

  discardDraft(key: string): { discarded: boolean } {
    const discarded = this.store.deleteDraft(key);
    if (discarded) this.#core.audit.append({ action: 'ese.draft.discarded', subject: `ese-draft:${key}` });
    return { discarded };
  }

  // ── submit ────────────────────────────────────────────────────────────
  submit(req: { intakeId?: string | undefined; draftKey?: string | undefined; intake: unknown }): IntakeDetail & { created: boolean } {
    const core = this.#core;
    const intake = parseEseIntake(req.intake, this.today());
    const id = req.intakeId ?? randomUUID();
    const existing = this.store.get(id);
    if (existing) return { ...this.#detail(existing), created: false };

    const now = core.clock.now();
    const op = core.operators.current();
    const settings = this.mailSettings();
    const submitted = {
      id,
      reference: eseReference(id),
      intake,
      submittedAt: now.toISOString(),
      submittedOn: calendarDayIn(now, deskTimeZone(core.env)),
      timeZone: deskTimeZone(core.env),
      forwardedBy: op ? `${op.name} (${operatorRoleLabels[op.role]})` : 'kynect Desk',
      messageId: eseMessageId(id, settings.sender),
      callId: null as string | null,
      operatorId: op?.id ?? null,
    };
    core.db.transaction(() => {
      this.store.insertIntake(submitted, now.toISOString());
      if (req.draftKey) this.store.deleteDraft(req.draftKey);
      // The closing script is read in the call's language (issue 13), and which words were read is kept with the intake.
      const locale = closingScriptLocale(core.callActivity.language(), intake.language);
      const closingText = textUse(renderClosingScript({ residentFirstName: intake.firstName, reference: submitted.reference }, locale));
      this.store.setClosingText(id, closingText);
      const callId = core.callActivity.record({
        kind: 'ese.intake',
        summary: `ESE request ${submitted.reference} forwarded for committee review: ${circumstanceLabel(intake.circumstance)}`,
        refId: id,
        details: { reference: submitted.reference, circumstance: intake.circumstance, closingText },
      });
      if (callId) core.db.prepare('UPDATE ese_intake SET call_id = ? WHERE id = ?').run(callId, id);
      core.audit.append({
        action: 'ese.intake.submitted',
        subject: `ese:${id}`,
        details: { reference: submitted.reference, circumstance: intake.circumstance, messageId: submitted.messageId, callId, closingText },
      });
      core.audit.append({ action: 'ese.outbox.queued', subject: `ese:${id}`, details: { reference: submitted.reference, messageId: submitted.messageId } });
    })();
    core.events.publish('app:ese.outbox.changed', { id, reference: submitted.reference, state: 'queued', lastError: null });
    const result = { ...this.#detail(this.store.get(id)!), created: true };
    this.#kick();
    return result;
  }

  // ── list, view, resend, export ───────────────────────────────────────
  list(filter: ListFilter): IntakeRow[] {
    const rows = this.store.list(filter).map((r) => this.#row(r));
    this.#core.audit.append({ action: 'ese.intake.listed', details: { count: rows.length, state: filter.state ?? null, searched: Boolean(filter.search) } });
    return rows;
  }

  get(id: string): IntakeDetail {
    const record = this.#require(id);
    this.#core.audit.append({ action: 'ese.intake.viewed', subject: `ese:${id}`, details: { reference: record.reference } });
    return this.#detail(record);
  }

  resend(id: string): IntakeRow {
    const core = this.#core;
    const record = this.#require(id);
    if (record.outbox.state === 'sent')
      throw new DeskError('refused', `${record.reference} was already forwarded on ${record.outbox.sentAt}. Export the .eml if KHBE asks for a copy.`);
    if (record.outbox.state === 'sending') throw new DeskError('conflict', `${record.reference} is being sent right now.`);
    const now = core.clock.now().toISOString();
    core.db.transaction(() => {
      if (!this.store.transition(id, ['failed', 'queued'], 'queued', now, { nextAttemptAt: now }))
        throw new DeskError('conflict', `${record.reference} changed while you were looking at it; look again.`);
      core.audit.append({
        action: 'ese.outbox.resend_requested',
        subject: `ese:${id}`,
        details: { reference: record.reference, from: record.outbox.state, messageId: record.messageId },
      });
    })();
    core.events.publish('app:ese.outbox.changed', { id, reference: record.reference, state: 'queued', lastError: record.outbox.lastError });
    const row = this.#row(this.store.get(id)!);
    this.#kick();
    return row;
  }

  async exportEml(id: string): Promise<{ filename: string; eml: string }> {
    const record = this.#require(id);
    const eml = await buildEml(await composeEseMail(record, this.mailSettings(), record.outbox.state === 'sent' ? record.outbox.recipients : undefined));
    this.#core.audit.append({ action: 'ese.outbox.exported', subject: `ese:${id}`, details: { reference: record.reference, messageId: record.messageId } });
    return { filename: `${record.reference}.eml`, eml: eml.toString('utf8') };
  }

  flush(): Promise<FlushResult> {
    return this.delivery.flush();
  }

  // ── settings ─────────────────────────────────────────────────────────
  mailSettings(): EseMailSettings {
    return this.#core.settings.get(SETTINGS_KEY, EseMailSettings, defaultEseMailSettings);
  }

  settingsView(): MailSettingsView {
    return {
      ...this.mailSettings(),
      password: { source: this.#secrets.description, present: Boolean(this.#secrets.smtpPassword()), writable: Boolean(this.#secrets.setSmtpPassword) },
    };
  }

  /** Sends a test message with the saved settings; the answer says where it went or why it did not. */
  async testSettings(): Promise<{ to: string; message: string }> {
    const settings = this.mailSettings();
    if (!settings.host) throw new DeskError('refused', 'No SMTP server is saved: fill in the server, save, then send a test.');
    const r = await this.delivery.testSend(settings);
    this.#core.audit.append({ action: 'ese.settings.tested', details: { ok: r.ok } });
    if (!r.ok) throw new DeskError('refused', `The test message was not sent. ${r.reason}`);
    return { to: r.to, message: `Test message sent to ${r.to} through ${settings.host}:${settings.port}.` };
  }

  saveSettings(req: { settings: unknown; password?: string | undefined }): MailSettingsView {
    const parsed = EseMailSettings.safeParse(req.settings);
    if (!parsed.success) throw new DeskError('invalid_request', 'Some mail settings need fixing.', fieldErrorsOf(parsed.error));
    if (req.password !== undefined && req.password !== '') {
      if (!this.#secrets.setSmtpPassword) throw DeskError.atField('password', `Here the password comes from the ${this.#secrets.description}; set it there and restart.`);
      this.#secrets.setSmtpPassword(req.password);
    }
    const before = this.mailSettings();
    this.#core.settings.set(SETTINGS_KEY, EseMailSettings, parsed.data);
    const changed = (Object.keys(parsed.data) as (keyof EseMailSettings)[]).filter((k) => parsed.data[k] !== before[k]);
    this.#core.audit.append({ action: 'ese.settings.changed', details: { changed, passwordChanged: Boolean(req.password) } });
    return this.settingsView();
  }

  /** Try at once rather than at the next tick; a failure is recorded on the row, never thrown at the form. */
  #kick(): void {
    void this.delivery.tick().catch((error: unknown) => this.#core.log.error('ESE delivery tick failed', { error }));
  }

  #require(id: string): IntakeRecord {
    const record = this.store.get(id);
    if (!record) throw new DeskError('not_found', 'There is no ESE intake with that id.');
    return record;
  }

  #row(r: IntakeRecord): IntakeRow {
    return {
      id: r.id,
      reference: r.reference,
      residentName: `${r.intake.firstName} ${r.intake.lastName}`,
      circumstance: r.intake.circumstance,
      legacyDireNeed: r.intake.direNeed === true,
      submittedAt: r.submittedAt,
      callId: r.callId,
      outbox: r.outbox,
    };
  }

  /** The closing script in the words the intake was read with: its own version and language, else the English of before. */
  #closing(r: IntakeRecord): Pick<IntakeDetail, 'closingScript' | 'closingScriptLocale'> {
    const { locale, version } = r.closingText ?? LEGACY_CLOSING_SCRIPT;
    return { closingScript: closingScript({ residentFirstName: r.intake.firstName, reference: r.reference }, locale, version), closingScriptLocale: locale };
  }

  #detail(r: IntakeRecord): IntakeDetail {
    return {
      ...this.#row(r),
      intake: { ...r.intake },
      window: eseWindow(r.intake.knownDate, r.submittedOn),
      body: eseBody(r),
      ...this.#closing(r),
    };
  }
}

import nodemailer, { type Mail } from 'nodemailer';
import type { SMTPTransportOptions, SMTPSentMessageInfo } from 'nodemailer/lib/smtp-transport';
import { MAX_ATTEMPTS, eseRecipients, retryDelayMs, type EseMailSettings } from '../../common/ese';
import type { FlushResult, OutboxState } from '../../common/ese/contract';
import type { DeskCore } from '../host/deskCore';
import { composeEseMail } from './compose';
import type { SecretSource } from './secrets';
import type { EseStore } from './store';

/** The part of the desk ESE delivery uses, and no more. */
type DeliveryCore = Pick<DeskCore, 'audit' | 'clock' | 'db' | 'events' | 'log'>;

/**
 * A 'sending' row untouched for this long belongs to a process that died after
 * handing the message to SMTP; it is sent again with the same Message-ID. Longer
 * than every transport timeout below, so a live sender is never overtaken.
 */
export const SENDING_LEASE_MS = 2 * 60_000;
const TICK_MS = 5_000;

export type DeliveryOutcome = 'sent' | 'retry' | 'failed' | 'busy' | 'skipped';

export interface DeliveryDeps {
  core: DeliveryCore;
  store: EseStore;
  settings(): EseMailSettings;
  secrets(): SecretSource;
}

/** Permanent SMTP answers (5xx) and bad credentials will not get better by waiting. */
function classify(error: unknown): { permanent: boolean; reason: string } {
  const e = error as { responseCode?: number; response?: string; code?: string; message?: string; permanentLocal?: boolean };
  if (e.permanentLocal) return { permanent: true, reason: e.message ?? 'kynect Desk could not build the message.' };
  if (typeof e.responseCode === 'number') {
    const text = (e.response ?? e.message ?? '').replace(/\s+/g, ' ').trim().slice(0, 300);
    return { permanent: e.responseCode >= 500, reason: `The mail server refused the message: ${text}` };
  }
  if (e.code === 'EAUTH') return { permanent: true, reason: `The mail server did not accept the user name or password (${e.message ?? 'EAUTH'}).` };
  const code = e.code ? ` (${e.code})` : '';
  return { permanent: false, reason: `Could not reach the mail server${code}: ${(e.message ?? String(error)).slice(0, 200)}` };
}

/**
 * The outbox worker. Each message: claim it ('sending', one more attempt) and
 * commit that BEFORE talking to SMTP, send, then mark 'sent'. A crash in between
 * leaves 'sending'; after the lease it is sent again with the same Message-ID,
 * so the ESE mailbox sees a duplicate it can recognise, never a lost request.
 */
export class OutboxDelivery {
  readonly #d: DeliveryDeps;
  #timer: NodeJS.Timeout | undefined;
  #running: Promise<unknown> | null = null;
  readonly #inFlight = new Set<string>();

  constructor(deps: DeliveryDeps) {
    this.#d = deps;
  }

  start(intervalMs = TICK_MS): void {
    if (this.#timer) return;
    this.#timer = setInterval(() => void this.tick(), intervalMs);
    this.#timer.unref();
    void this.tick();
  }

  stop(): void {
    clearInterval(this.#timer);
    this.#timer = undefined;
  }

  /** Sends what is due; overlapping ticks wait for the one running. */
  async tick(): Promise<FlushResult> {
    return this.#run(false);
  }

  /** Tries every waiting message now, ignoring back-off (CLI `outbox flush`, the outbox's button). */
  async flush(): Promise<FlushResult> {
    return this.#run(true);
  }

  async #run(all: boolean): Promise<FlushResult> {
    while (this.#running) await this.#running.catch(() => undefined);
    const p = this.#pass(all);
    this.#running = p;
    try {
      return await p;
    } finally {
      this.#running = null;
    }
  }

  async #pass(all: boolean): Promise<FlushResult> {
    const result: FlushResult = { attempted: 0, sent: 0, queued: 0, failed: 0, skipped: null };
    const settings = this.#d.settings();
    if (!settings.host) {
      // Said with the count and what to do, so "Send now" never answers with silence (issue 12.4).
      const waiting = this.#d.store.countWaiting();
      result.skipped = `No SMTP server is configured, so nothing was sent: ${waiting === 1 ? '1 message waits' : `${waiting} messages wait`} in the outbox. Set the server in Mail settings, or export a message as .eml.`;
      return result;
    }
    const now = this.#d.core.clock.now();
    const ids = this.#d.store.due(now.toISOString(), new Date(now.getTime() - SENDING_LEASE_MS).toISOString(), all);
    if (!ids.length) {
      if (all) result.skipped = 'Nothing was waiting to be sent: every message is sent or has failed (a failed one is sent again with its Resend).';
      return result;
    }
    const transport = this.#transport(settings);
    try {
      for (const id of ids) {
        const outcome = await this.deliver(id, settings, transport);
        if (outcome === 'busy' || outcome === 'skipped') continue;
        result.attempted++;
        if (outcome === 'sent') result.sent++;
        else if (outcome === 'retry') result.queued++;
        else result.failed++;
      }
    } finally {
      transport.close();
    }
    return result;
  }

  #transport(s: EseMailSettings) {
    const password = this.#d.secrets().smtpPassword();
    const options: SMTPTransportOptions = {
      host: s.host,
      port: s.port,
      secure: s.security === 'tls',
      requireTLS: s.security === 'starttls',
      ignoreTLS: s.security === 'none',
      connectionTimeout: 20_000,
      greetingTimeout: 15_000,
      socketTimeout: 60_000,
      ...(s.user ? { auth: { user: s.user, pass: password ?? '' } } : {}),
    };
    return nodemailer.createTransport(options);
  }

  /**
   * A short message through the saved server to the desk's own sender address, never to
   * the ESE mailbox (a test there would reach the committee): it proves host, port,
   * security and login before a real intake depends on them (issue 12.4).
   */
  async testSend(settings: EseMailSettings): Promise<{ ok: true; to: string } | { ok: false; to: string; reason: string }> {
    const to = settings.sender;
    const transport = this.#transport(settings);
    try {
      await transport.sendMail({
        from: settings.sender,
        to,
        subject: 'kynect Desk mail test',
        text: 'This test message was sent from kynect Desk mail settings. It holds no resident details; you can delete it.',
      });
      return { ok: true, to };
    } catch (error) {
      return { ok: false, to, reason: classify(error).reason };
    } finally {
      transport.close();
    }
  }

  /** One attempt at one message. */
  async deliver(id: string, settings: EseMailSettings, transport: Mail<SMTPSentMessageInfo, SMTPTransportOptions>): Promise<DeliveryOutcome> {
    if (this.#inFlight.has(id)) return 'busy';
    const { core, store } = this.#d;
    const record = store.get(id);
    if (!record) return 'skipped';
    const recipients = eseRecipients(settings);
    const at = () => core.clock.now().toISOString();
    const now = core.clock.now();
    const claimed = core.db.transaction(() => {
      const c = store.claim(id, now.toISOString(), new Date(now.getTime() - SENDING_LEASE_MS).toISOString(), recipients);
      if (c)
        core.audit.append({
          action: c.resumed ? 'ese.outbox.resumed' : 'ese.outbox.sending',
          subject: `ese:${id}`,
          details: { reference: record.reference, messageId: record.messageId, attempt: record.outbox.attempts + 1 },
        });
      return c;
    })();
    if (!claimed) return 'busy';
    this.#inFlight.add(id);
    this.#publish(id, record.reference, 'sending', null);
    try {
      let mail: Awaited<ReturnType<typeof composeEseMail>>;
      try {
        mail = await composeEseMail(record, settings);
      } catch (error) {
        // Not the server's fault and not going to improve by waiting: a person has to look.
        throw Object.assign(new Error(`kynect Desk could not build the message: ${error instanceof Error ? error.message : String(error)}`), { permanentLocal: true });
      }
      const info = await transport.sendMail(mail);
      const sentAt = at();
      core.db.transaction(() => {
        store.transition(id, ['sending'], 'sent', sentAt, { sentAt, lastError: null, nextAttemptAt: null });
        core.audit.append({
          action: 'ese.outbox.sent',
          subject: `ese:${id}`,
          details: { reference: record.reference, messageId: record.messageId, recipients, response: String(info.response ?? '').slice(0, 200) },
        });
      })();
      this.#publish(id, record.reference, 'sent', null);
      return 'sent';
    } catch (error) {
      const { permanent, reason } = classify(error);
      const attempts = record.outbox.attempts + 1;
      const giveUp = permanent || attempts >= MAX_ATTEMPTS;
      const when = core.clock.now();
      const state: OutboxState = giveUp ? 'failed' : 'queued';
      const next = giveUp ? null : new Date(when.getTime() + retryDelayMs(attempts)).toISOString();
      core.db.transaction(() => {
        store.transition(id, ['sending'], state, when.toISOString(), { lastError: reason, nextAttemptAt: next });
        core.audit.append({
          action: giveUp ? 'ese.outbox.failed' : 'ese.outbox.retry_scheduled',
          subject: `ese:${id}`,
          details: { reference: record.reference, messageId: record.messageId, attempt: attempts, nextAttemptAt: next, error: reason },
        });
      })();
      core.log.warn('ESE message not sent', { reference: record.reference, permanent, reason });
      this.#publish(id, record.reference, state, reason);
      return giveUp ? 'failed' : 'retry';
    } finally {
      this.#inFlight.delete(id);
    }
  }

  #publish(id: string, reference: string, state: OutboxState, lastError: string | null): void {
    this.#d.core.events.publish('app:ese.outbox.changed', { id, reference, state, lastError });
  }
}

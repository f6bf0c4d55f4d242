/**
 * This desk and the contact center's central store (issue 17): the connection, the
 * sync worker (records up, members and associations down), where the desk stands for
 * the status bar, the cross-desk consent-request count, and `central verify`.
 *
 * Nothing in a rep's work waits for it: records are written locally (and queued by
 * the SQLite triggers of migration 0009) whatever the network does; the worker runs
 * in the background of the app and the harness (desk.onStart), never in a one-shot
 * CLI command other than `central sync`.
 */
import os from 'node:os';
import { randomUUID } from 'node:crypto';
import type pg from 'pg';
import { z } from 'zod';
import type { CentralSettingsView, CentralStatus } from '../../common/central/contract';
import { DeskError } from '../../common/errors';
import { fieldErrorsOf } from '../../common/validation';
import { APP_VERSION } from '../../common/version';
import type { DeskCore } from '../host/deskCore';
import type { MemberStore } from '../match/memberStore';
import { parseDeskKey } from '../security/ssnVault';
import { CenterKey } from './centerKey';
import { CENTRAL_URL_ENV, CentralConnection, classifyFailure, configFromSettings, configFromUrl, openClient, urlLabel, type CentralFailure } from './connection';
import { pullAssociations, pullMembers, type PullReport } from './memberPull';
import { pushBatch, SyncOutbox } from './outbox';
import { assertCentralVersion } from './schema';
import { envCentralSecrets, type CentralSecrets } from './secrets';

/** The part of the desk the central store link uses, and no more. */
type CentralCore = Pick<DeskCore, 'audit' | 'clock' | 'db' | 'env' | 'events' | 'log' | 'nativeBinding' | 'onClose' | 'onStart' | 'settings'>;

export const CONNECTION_SETTING = 'central.connection';
export const DESK_ID_SETTING = 'central.deskId';
const DeskId = z.string().uuid();

export interface SyncTiming {
  /** How often the outbox is looked at while connected (a local, indexed query). */
  pollMs: number;
  /** How often members and associations are pulled. */
  pullMs: number;
  /** First wait after the server is lost; doubles up to backoffMaxMs. */
  backoffMs: number;
  backoffMaxMs: number;
  /** Wait after a refusal (a person has to act; the desk keeps asking, slowly). */
  refusedMs: number;
}

/** After a local write, how soon the worker looks (lets the writer's transaction and its neighbours finish first). */
const KICK_MS = 20;

const defaultTiming: SyncTiming = { pollMs: 250, pullMs: 10_000, backoffMs: 1_000, backoffMaxMs: 60_000, refusedMs: 30_000 };

function timingFromEnv(env: NodeJS.ProcessEnv): SyncTiming {
  const n = (name: string, fallback: number) => {
    const v = Number(env[name]);
    return Number.isFinite(v) && v > 0 ? v : fallback;
  };
  return {
    pollMs: n('KYNECT_CENTRAL_POLL_MS', defaultTiming.pollMs),
    pullMs: n('KYNECT_CENTRAL_PULL_MS', defaultTiming.pullMs),
    backoffMs: n('KYNECT_CENTRAL_BACKOFF_MS', defaultTiming.backoffMs),
    backoffMaxMs: n('KYNECT_CENTRAL_BACKOFF_MAX_MS', defaultTiming.backoffMaxMs),
    refusedMs: n('KYNECT_CENTRAL_REFUSED_MS', defaultTiming.refusedMs),
  };
}

export interface SyncReport {
  status: CentralStatus;
  pushed: number;
  inserted: number;
  pull: PullReport | null;
}

export interface CentralVerification {
  ok: boolean;
  deskId: string;
  local: { ok: boolean; entries: number; head: { seq: number; hash: string }; firstBroken: { seq: number; reason: string } | null };
  central: { entries: number; head: { seq: number; hash: string } | null; linked: boolean };
  compared: number;
  firstMismatch: { seq: number; local: string | null; central: string } | null;
  waiting: number;
  problems: string[];
}

interface Resolved {
  config: pg.ClientConfig;
  label: string;
  deskName: string;
}

export class CentralService {
  readonly outbox: SyncOutbox;
  readonly #core: CentralCore;
  readonly #store: MemberStore;
  #secrets: CentralSecrets;
  readonly #timing: SyncTiming;
  #client: pg.Client | null = null;
  #clientKey = '';
  #failure: (CentralFailure & { since: string }) | null = null;
  #contacted = false;
  #lastPushAt: string | null = null;
  #lastPullAt: string | null = null;
  #nextPullAt = 0;
  #timer: NodeJS.Timeout | undefined;
  #running = false;
  #stopped = false;
  #backoff = 0;
  #lastPublished = '';
  #dueAt = 0;
  #again = false;
  #busy: Promise<unknown> = Promise.resolve();
  #closed = false;
  #oneShot = false;
  /** Aborted when the desk closes: a staged first pull's thread stops at its next page. */
  readonly #stopping = new AbortController();
  readonly #elsewhere = new Map<string, { count: number; at: number }>();

  constructor(core: CentralCore, store: MemberStore) {
    this.#core = core;
    this.#store = store;
    this.outbox = new SyncOutbox(core.db);
    this.#secrets = envCentralSecrets(core.env);
    this.#timing = timingFromEnv(core.env);
    core.onStart(() => this.start());
    // Whatever a rep does publishes an event once its transaction is done: push soon after, not at the next poll.
    const unsubscribe = core.events.subscribe((name) => {
      if (name !== 'app:central.changed' && name !== 'app:lock.changed') this.#kick();
    });
    core.onClose(unsubscribe);
    core.onClose(() => {
      this.#closed = true;
      this.#stopping.abort();
      this.stop();
    });
  }

  /** Electron main installs a safeStorage-backed source here. */
  useSecrets(secrets: CentralSecrets): void {
    this.#secrets = secrets;
  }

  // ── configuration ─────────────────────────────────────────────────────
  #connection(): CentralConnection | null {
    return this.#core.settings.get(CONNECTION_SETTING, CentralConnection.nullable(), null);
  }

  /** null: stand-alone. */
  resolve(): Resolved | null {
    const url = this.#core.env[CENTRAL_URL_ENV];
    if (url) {
      const config = configFromUrl(url, this.#secrets.password());
      return { config, label: urlLabel(config), deskName: this.#core.env.KYNECT_CENTRAL_DESK_NAME || os.hostname() };
    }
    const c = this.#connection();
    if (!c) return null;
    const config = configFromSettings(c, this.#secrets.password());
    return { config, label: urlLabel(config), deskName: c.deskName ?? os.hostname() };
  }

  configured(): boolean {
    return Boolean(this.#core.env[CENTRAL_URL_ENV]) || this.#connection() !== null;
  }

  deskId(): string {
    const id = this.#core.settings.get(DESK_ID_SETTING, DeskId.nullable(), null);
    if (id) return id;
    const made = randomUUID();
    this.#core.settings.set(DESK_ID_SETTING, DeskId, made);
    return made;
  }

  centerKey(): CenterKey | null {
    const key = this.#secrets.centerKey();
    if (!key) return null;
    try {
      return new CenterKey(key);
    } finally {
      key.fill(0);
    }
  }

  settingsView(): CentralSettingsView {
    const c = this.#connection();
    return {
      connection: c,
      fromEnvironment: Boolean(this.#core.env[CENTRAL_URL_ENV]),
      password: { source: this.#secrets.description, present: Boolean(this.#secrets.password()), writable: Boolean(this.#secrets.setPassword) },
      centerKey: { source: this.#secrets.keyDescription, present: Boolean(this.#secrets.centerKey()), writable: Boolean(this.#secrets.setCenterKey) },
    };
  }

  saveSettings(req: { connection: unknown; password?: string | undefined; centerKey?: string | undefined }): CentralSettingsView {
    let connection: CentralConnection | null = null;
    if (req.connection !== null) {
      const parsed = CentralConnection.safeParse(req.connection);
      if (!parsed.success) throw new DeskError('invalid_request', 'Some central store settings need fixing.', fieldErrorsOf(parsed.error));
      connection = parsed.data;
    }
    if (req.password) {
      if (!this.#secrets.setPassword) throw DeskError.atField('password', `Here the password comes from the ${this.#secrets.description}; set it there and restart.`);
      this.#secrets.setPassword(req.password);
    }
    if (req.centerKey) {
      if (!this.#secrets.setCenterKey)
        throw DeskError.atField('centerKey', `Here the contact-center key comes from the ${this.#secrets.keyDescription}; set it there and restart.`);
      let key: Buffer;
      try {
        key = parseDeskKey(req.centerKey, 'the form');
      } catch (error) {
        throw DeskError.atField('centerKey', error instanceof Error ? error.message : String(error));
      }
      this.#secrets.setCenterKey(key);
    }
    this.#core.settings.set(CONNECTION_SETTING, CentralConnection.nullable(), connection);
    this.#core.audit.append({
      action: 'central.settings.changed',
      details: {
        connected: connection !== null,
        host: connection?.host ?? null,
        sslMode: connection?.sslMode ?? null,
        passwordChanged: Boolean(req.password),
        centerKeyChanged: Boolean(req.centerKey),
      },
    });
    this.#dropClient();
    this.#failure = null;
    this.#contacted = false;
    this.#nextPullAt = 0;
    this.#publish();
    this.#schedule(0);
    return this.settingsView();
  }

  // ── status ────────────────────────────────────────────────────────────
  status(): CentralStatus {
    const resolved = this.#safeResolve();
    const waiting = this.outbox.waitingCount();
    const base = { waiting, lastPushAt: this.#lastPushAt, lastPullAt: this.#lastPullAt, server: resolved && 'label' in resolved ? resolved.label : null };
    if (!this.configured()) return { ...base, state: 'standalone', offlineSince: null, why: null };
    if (resolved && 'failure' in resolved) return { ...base, state: 'refused', offlineSince: null, why: resolved.failure };
    const f = this.#failure;
    if (f?.kind === 'refused') return { ...base, state: 'refused', offlineSince: null, why: f.why };
    if (f?.kind === 'offline') return { ...base, state: 'offline', offlineSince: f.since, why: f.why };
    if (!this.#contacted) return { ...base, state: 'waiting', offlineSince: null, why: 'Connecting to the central store…' };
    return { ...base, state: waiting > 0 ? 'waiting' : 'synced', offlineSince: null, why: null };
  }

  #safeResolve(): Resolved | { failure: string } | null {
    try {
      return this.resolve();
    } catch (error) {
      return { failure: error instanceof Error ? error.message : String(error) };
    }
  }

  #publish(): void {
    if (this.#closed) return;
    const s = this.status();
    const key = JSON.stringify([s.state, s.waiting, s.offlineSince, s.why]);
    if (key === this.#lastPublished) return;
    this.#lastPublished = key;
    this.#core.events.publish('app:central.changed', s);
  }

  // ── the worker ────────────────────────────────────────────────────────
  start(): void {
    this.#stopped = false;
    this.#schedule(0);
  }

  stop(): void {
    this.#stopped = true;
    clearTimeout(this.#timer);
    this.#timer = undefined;
    this.#dropClient();
  }

  #schedule(ms: number): void {
    if (this.#stopped) return;
    clearTimeout(this.#timer);
    this.#dueAt = Date.now() + ms;
    this.#timer = setTimeout(() => void this.#tick(), ms);
    this.#timer.unref();
  }

  /** A local write happened: push in a moment, unless the server is away or refusing (then its back-off stands). */
  #kick(): void {
    if (!this.#timer || this.#stopped || this.#failure || !this.#contacted) return;
    if (this.#dueAt > Date.now() + KICK_MS) this.#schedule(KICK_MS);
  }

  async #tick(): Promise<void> {
    if (this.#stopped) return;
    if (this.#running) {
      this.#again = true;
      return;
    }
    this.#running = true;
    this.#again = false;
    let next = this.#timing.pollMs;
    try {
      if (!this.configured()) {
        next = 5_000;
      } else {
        const pull = Date.now() >= this.#nextPullAt;
        if (this.outbox.hasWaiting() || pull || !this.#contacted) {
          await this.#exclusive(() => this.#cycle(pull, false));
        }
        next = this.#failure ? this.#failureDelay() : this.#again ? KICK_MS : this.#timing.pollMs;
      }
    } catch (error) {
      this.#core.log.error('central sync tick failed', { error });
    } finally {
      this.#running = false;
      this.#publish();
      this.#schedule(next);
    }
  }

  #failureDelay(): number {
    if (this.#failure?.kind === 'refused') return this.#timing.refusedMs;
    const ms = Math.min(this.#timing.backoffMaxMs, this.#timing.backoffMs * 2 ** this.#backoff);
    this.#backoff = Math.min(this.#backoff + 1, 30);
    return Math.round(ms * (0.8 + Math.random() * 0.4));
  }

  /** One client, one conversation at a time: a push's transaction never interleaves with a lookup. */
  #exclusive<T>(fn: () => Promise<T>): Promise<T> {
    const run = this.#busy.then(fn, fn);
    this.#busy = run.catch(() => undefined);
    return run;
  }

  async #client_(): Promise<pg.Client> {
    const resolved = this.resolve();
    if (!resolved) throw new DeskError('refused', 'No central store is configured.');
    const key = JSON.stringify(resolved.config);
    if (this.#client && this.#clientKey === key) return this.#client;
    this.#dropClient();
    const client = await openClient(resolved.config);
    try {
      await assertCentralVersion(client);
      const deskId = this.deskId();
      await client.query('INSERT INTO desk (desk_id, name, app_version) VALUES ($1, $2, $3) ON CONFLICT (desk_id) DO NOTHING', [deskId, resolved.deskName, APP_VERSION]);
      const owner = await client.query<{ mine: boolean }>('SELECT login = session_user AS mine FROM desk WHERE desk_id = $1', [deskId]);
      if (!owner.rows[0]?.mine) throw new DeskError('refused', `This desk's id (${deskId}) is registered centrally to another login; records from it would be refused.`);
    } catch (error) {
      await client.end().catch(() => undefined);
      throw error;
    }
    client.on('error', () => this.#dropClient());
    this.#client = client;
    this.#clientKey = key;
    return client;
  }

  #dropClient(): void {
    const c = this.#client;
    this.#client = null;
    if (c) void c.end().catch(() => undefined);
  }

  /** Push everything waiting (in batches), then pull when due. Never throws: failures become the status. */
  async #cycle(pull: boolean, all: boolean): Promise<{ pushed: number; inserted: number; pull: PullReport | null }> {
    const out = { pushed: 0, inserted: 0, pull: null as PullReport | null };
    try {
      const client = await this.#client_();
      await this.#pushAll(client, out);
      if (pull) {
        // Pushed rows are kept a week (for a look afterwards), then only the records themselves.
        this.outbox.prune(new Date(this.#core.clock.now().getTime() - 7 * 24 * 3_600_000).toISOString());
        out.pull = await this.#pull(client, all);
        this.#lastPullAt = this.#core.clock.now().toISOString();
        this.#nextPullAt = Date.now() + this.#timing.pullMs;
        // Applying a pull can itself write records (the desk key bound on first use is audited).
        await this.#pushAll(client, out);
      }
      this.#ok();
    } catch (error) {
      this.#fail(error);
    }
    return out;
  }

  async #pushAll(client: pg.Client, out: { pushed: number; inserted: number }): Promise<void> {
    const deskId = this.deskId();
    for (;;) {
      if (this.#stopped && !this.#oneShot) return;
      const rows = this.outbox.next();
      if (!rows.length) return;
      out.inserted += await pushBatch(client, deskId, rows);
      this.outbox.markPushed(rows, this.#core.clock.now().toISOString());
      out.pushed += rows.length;
      this.#lastPushAt = this.#core.clock.now().toISOString();
      this.#ok();
      this.#publish();
    }
  }

  async #pull(client: pg.Client, all: boolean): Promise<PullReport> {
    const associations = await pullAssociations(this.#core, this.#store, client, all);
    const config = this.resolve()?.config;
    const members = await pullMembers(this.#core, this.#store, client, () => this.centerKey(), all, {
      ...(config ? { config } : {}),
      ...(this.#core.nativeBinding ? { nativeBinding: this.#core.nativeBinding } : {}),
      signal: this.#stopping.signal,
    });
    return { associations, members };
  }

  #ok(): void {
    if (this.#failure) this.#core.log.info('central store reachable again', { after: this.#failure.why });
    this.#failure = null;
    this.#contacted = true;
    this.#backoff = 0;
  }

  #fail(error: unknown): void {
    const f = classifyFailure(error);
    this.#dropClient();
    const since = this.#failure?.kind === f.kind ? this.#failure.since : this.#core.clock.now().toISOString();
    if (this.#failure?.why !== f.why) this.#core.log.warn('central store: ' + f.kind, { why: f.why });
    this.#failure = { ...f, since };
  }

  /** `central sync`: push all, pull all, now. */
  async syncNow(): Promise<SyncReport> {
    if (!this.configured()) return { status: this.status(), pushed: 0, inserted: 0, pull: null };
    this.#oneShot = true;
    const r = await this.#exclusive(() => this.#cycle(true, true));
    this.#publish();
    return { ...r, status: this.status() };
  }

  // ── rules that span desks ─────────────────────────────────────────────
  /**
   * Electronic consent requests other desks sent for this pair, as last fetched (at
   * most a minute old), or null when this desk only knows its own (stand-alone,
   * offline, or not fetched yet). Never waits for the network; `prefetch` does.
   */
  requestsElsewhere(caseNumber: string, agentId: string): number | null {
    const hit = this.#elsewhere.get(`${caseNumber}\u0000${agentId}`);
    if (!hit || Date.now() - hit.at > 60_000 || this.status().state === 'offline' || this.status().state === 'refused') return null;
    return hit.count;
  }

  /** Asks the central store (in the background) how many requests other desks sent for this pair. */
  async prefetchRequestsElsewhere(caseNumber: string, agentId: string): Promise<number | null> {
    if (this.#closed || !this.configured() || this.#failure) return null;
    // A count fetched before this moment may miss a request sent meanwhile: forget it until the answer is in.
    this.#elsewhere.delete(`${caseNumber}\u0000${agentId}`);
    try {
      return await this.#exclusive(async () => {
        const client = await this.#client_();
        const r = await client.query<{ n: number }>('SELECT kd_requests_elsewhere($1, $2, $3) AS n', [this.deskId(), caseNumber, agentId]);
        const count = r.rows[0]?.n ?? 0;
        this.#elsewhere.set(`${caseNumber}\u0000${agentId}`, { count, at: Date.now() });
        return count;
      });
    } catch (error) {
      if (this.#closed) return null;
      this.#fail(error);
      this.#publish();
      return null;
    }
  }

  // ── central verify ─────────────────────────────────────────────────────
  /**
   * Compares this desk's audit chain with the copy the central store holds: the local
   * chain must verify, every entry the store holds must be the same entry here, and
   * the local head must not be behind the store's. A chain rewritten here (even with
   * fresh hashes) no longer matches what was pushed before.
   */
  async verify(): Promise<CentralVerification> {
    const deskId = this.deskId();
    const local = this.#core.audit.verify();
    const head = this.#core.audit.head();
    const problems: string[] = [];
    if (!local.ok) problems.push(`The local audit chain is broken at entry ${local.firstBroken.seq}: ${local.firstBroken.reason}.`);
    const hashAt = this.#core.db.prepare('SELECT hash FROM audit_log WHERE seq = ?').pluck();
    let entries = 0;
    let compared = 0;
    let firstMismatch: CentralVerification['firstMismatch'] = null;
    let centralHead: { seq: number; hash: string } | null = null;
    let linked = true;
    let prev: { seq: number; hash: string } | null = null;
    await this.#exclusive(async () => {
      const client = await this.#client_();
      for (let after = 0; ;) {
        const page = await client.query<{ seq: string; prev_hash: string; hash: string }>('SELECT seq, prev_hash, hash FROM kd_audit_chain($1, $2, 5000)', [deskId, after]);
        if (!page.rows.length) break;
        for (const row of page.rows) {
          const seq = Number(row.seq);
          entries++;
          if (prev && (prev.seq !== seq - 1 || prev.hash !== row.prev_hash)) linked = false;
          prev = { seq, hash: row.hash };
          const mine = (hashAt.get(seq) as string | undefined) ?? null;
          compared++;
          if (mine !== row.hash && !firstMismatch) firstMismatch = { seq, local: mine, central: row.hash };
          after = seq;
        }
        centralHead = prev;
      }
    });
    if (!linked) problems.push('The chain the central store holds for this desk has a gap or a broken link.');
    if (firstMismatch) {
      const m = firstMismatch as NonNullable<CentralVerification['firstMismatch']>;
      problems.push(
        m.local === null
          ? `Entry ${m.seq} is in the central store but missing here: the local chain was cut back.`
          : `Entry ${m.seq} here differs from the one pushed to the central store: the local chain was rewritten.`,
      );
    }
    const ch = centralHead as { seq: number; hash: string } | null;
    if (ch && ch.seq > head.seq) problems.push(`The central store holds entries up to ${ch.seq}, this desk only up to ${head.seq}.`);
    return {
      ok: problems.length === 0,
      deskId,
      local: { ok: local.ok, entries: local.entries, head, firstBroken: local.ok ? null : local.firstBroken },
      central: { entries, head: ch, linked },
      compared,
      firstMismatch,
      waiting: this.outbox.waitingCount(),
      problems,
    };
  }
}

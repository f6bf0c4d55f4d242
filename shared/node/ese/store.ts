import type { EseIntake, LegacyDireNeed } from '../../common/ese';
import type { OutboxState } from '../../common/ese/contract';
import type { TextUse } from '../../common/texts/catalogue';
import type { Database } from '../db/database';
import type { SubmittedIntake } from './sections';

export interface IntakeRecord extends SubmittedIntake {
  callId: string | null;
  /** The closing script it was read with (migration 0017); null for intakes taken before. */
  closingText: TextUse | null;
  operatorId: number | null;
  outbox: OutboxRecord;
}

export interface OutboxRecord {
  state: OutboxState;
  attempts: number;
  nextAttemptAt: string | null;
  lastError: string | null;
  sentAt: string | null;
  messageId: string;
  recipients: string[];
}

interface Row {
  id: string;
  reference: string;
  intake_json: string;
  submitted_at: string;
  submitted_on: string;
  forwarded_by: string;
  call_id: string | null;
  operator_id: number | null;
  message_id: string;
  state: OutboxState;
  attempts: number;
  next_attempt_at: string | null;
  last_error: string | null;
  sent_at: string | null;
  recipients_json: string;
  closing_text_json: string | null;
  time_zone: string | null;
}

const SELECT = `
  SELECT i.id, i.reference, i.intake_json, i.submitted_at, i.submitted_on, i.forwarded_by, i.call_id, i.operator_id, i.closing_text_json, i.time_zone,
         o.message_id, o.state, o.attempts, o.next_attempt_at, o.last_error, o.sent_at, o.recipients_json
    FROM ese_intake i JOIN outbox_message o ON o.intake_id = i.id`;

function toRecord(r: Row): IntakeRecord {
  return {
    id: r.id,
    reference: r.reference,
    intake: JSON.parse(r.intake_json) as EseIntake & LegacyDireNeed,
    submittedAt: r.submitted_at,
    submittedOn: r.submitted_on,
    timeZone: r.time_zone ?? undefined,
    forwardedBy: r.forwarded_by,
    callRef: r.call_id ? `call ${r.call_id}` : undefined,
    callId: r.call_id,
    operatorId: r.operator_id,
    closingText: r.closing_text_json ? (JSON.parse(r.closing_text_json) as TextUse) : null,
    messageId: r.message_id,
    outbox: {
      state: r.state,
      attempts: r.attempts,
      nextAttemptAt: r.next_attempt_at,
      lastError: r.last_error,
      sentAt: r.sent_at,
      messageId: r.message_id,
      recipients: JSON.parse(r.recipients_json) as string[],
    },
  };
}

export interface ListFilter {
  state?: OutboxState | undefined;
  search?: string | undefined;
  limit: number;
}

/** SQL for ESE intakes, drafts and their outbox rows. Callers own transactions. */
export class EseStore {
  constructor(private readonly db: Database) {}

  insertIntake(s: SubmittedIntake & { callId: string | null; operatorId: number | null }, now: string): void {
    const i = s.intake;
    this.db
      .prepare(
        `INSERT INTO ese_intake (id, reference, intake_json, resident_name, circumstance, dire_need, submitted_at, submitted_on, operator_id, forwarded_by, call_id, time_zone)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      // dire_need: 1 only on intakes flagged before migration 0011; Dire Need is not an ESE route (003 §9.1).
      .run(
        s.id,
        s.reference,
        JSON.stringify(i),
        `${i.firstName} ${i.lastName}`,
        i.circumstance,
        0,
        s.submittedAt,
        s.submittedOn,
        s.operatorId,
        s.forwardedBy,
        s.callId,
        s.timeZone ?? null,
      );
    this.db
      .prepare(
        `INSERT INTO outbox_message (intake_id, message_id, state, attempts, next_attempt_at, created_at, updated_at)
         VALUES (?, ?, 'queued', 0, ?, ?, ?)`,
      )
      .run(s.id, s.messageId, now, now, now);
  }

  /** Which closing script the intake was read with, written once at submit. */
  setClosingText(id: string, use: TextUse): void {
    this.db.prepare('UPDATE ese_intake SET closing_text_json = ? WHERE id = ? AND closing_text_json IS NULL').run(JSON.stringify(use), id);
  }

  get(id: string): IntakeRecord | null {
    const row = this.db.prepare(`${SELECT} WHERE i.id = ?`).get(id) as Row | undefined;
    return row ? toRecord(row) : null;
  }

  list(f: ListFilter): IntakeRecord[] {
    const where: string[] = [];
    const args: unknown[] = [];
    if (f.state) {
      where.push('o.state = ?');
      args.push(f.state);
    }
    if (f.search) {
      where.push(`(i.reference LIKE ? ESCAPE '\\' OR i.resident_name LIKE ? ESCAPE '\\')`);
      const like = `%${f.search.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
      args.push(like, like);
    }
    const sql = `${SELECT} ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY i.submitted_at DESC, i.id LIMIT ?`;
    return (this.db.prepare(sql).all(...args, f.limit) as Row[]).map(toRecord);
  }

  /**
   * Messages a worker should try: queued and due (or all queued, for a flush),
   * and 'sending' rows whose sender stopped touching them before `staleBefore`
   * — a process that died between handing the message to SMTP and marking it.
   */
  due(now: string, staleBefore: string, includeNotDue: boolean): string[] {
    return this.db
      .prepare(
        // Oldest first; an intake flagged Dire Need before migration 0011 still goes before the others it waited with.
        `SELECT o.intake_id FROM outbox_message o JOIN ese_intake i ON i.id = o.intake_id
          WHERE (o.state = 'sending' AND o.updated_at <= ?)
             OR (o.state = 'queued' AND (? OR o.next_attempt_at IS NULL OR o.next_attempt_at <= ?))
          ORDER BY i.dire_need DESC, o.created_at, o.id`,
      )
      .pluck()
      .all(staleBefore, includeNotDue ? 1 : 0, now) as string[];
  }

  /** Takes a message for sending (one more attempt); false when someone else has it or it is done. */
  claim(id: string, now: string, staleBefore: string, recipients: string[]): { resumed: boolean } | null {
    const prev = this.db.prepare('SELECT state FROM outbox_message WHERE intake_id = ?').pluck().get(id) as OutboxState | undefined;
    const info = this.db
      .prepare(
        `UPDATE outbox_message SET state = 'sending', attempts = attempts + 1, updated_at = ?, recipients_json = ?
          WHERE intake_id = ? AND (state = 'queued' OR (state = 'sending' AND updated_at <= ?))`,
      )
      .run(now, JSON.stringify(recipients), id, staleBefore);
    return info.changes === 1 ? { resumed: prev === 'sending' } : null;
  }

  /** Compare-and-set on state, so two workers (app and CLI flush) never both claim one message. */
  transition(
    id: string,
    from: readonly OutboxState[],
    to: OutboxState,
    now: string,
    patch: { attemptsDelta?: number; nextAttemptAt?: string | null; lastError?: string | null; sentAt?: string | null; recipients?: string[] } = {},
  ): boolean {
    const placeholders = from.map(() => '?').join(', ');
    const info = this.db
      .prepare(
        `UPDATE outbox_message
            SET state = ?, attempts = attempts + ?, updated_at = ?,
                next_attempt_at = CASE WHEN ? THEN ? ELSE next_attempt_at END,
                last_error      = CASE WHEN ? THEN ? ELSE last_error END,
                sent_at         = CASE WHEN ? THEN ? ELSE sent_at END,
                recipients_json = CASE WHEN ? THEN ? ELSE recipients_json END
          WHERE intake_id = ? AND state IN (${placeholders})`,
      )
      .run(
        to,
        patch.attemptsDelta ?? 0,
        now,
        patch.nextAttemptAt !== undefined ? 1 : 0,
        patch.nextAttemptAt ?? null,
        patch.lastError !== undefined ? 1 : 0,
        patch.lastError ?? null,
        patch.sentAt !== undefined ? 1 : 0,
        patch.sentAt ?? null,
        patch.recipients !== undefined ? 1 : 0,
        JSON.stringify(patch.recipients ?? []),
        id,
        ...from,
      );
    return info.changes === 1;
  }

  /** Messages not yet sent nor failed. */
  countWaiting(): number {
    return this.db.prepare("SELECT count(*) FROM outbox_message WHERE state IN ('queued', 'sending')").pluck().get() as number;
  }

  countFailed(): number {
    return this.db.prepare("SELECT count(*) FROM outbox_message WHERE state = 'failed'").pluck().get() as number;
  }

  getDraft(key: string): { draft: unknown; updatedAt: string } | null {
    const row = this.db.prepare('SELECT draft_json, updated_at FROM ese_draft WHERE key = ?').get(key) as { draft_json: string; updated_at: string } | undefined;
    if (!row) return null;
    try {
      return { draft: JSON.parse(row.draft_json), updatedAt: row.updated_at };
    } catch {
      return null;
    }
  }

  saveDraft(key: string, draft: unknown, now: string): void {
    this.db
      .prepare(
        `INSERT INTO ese_draft (key, draft_json, updated_at) VALUES (?, ?, ?)
         ON CONFLICT (key) DO UPDATE SET draft_json = excluded.draft_json, updated_at = excluded.updated_at`,
      )
      .run(key, JSON.stringify(draft), now);
  }

  deleteDraft(key: string): boolean {
    return this.db.prepare('DELETE FROM ese_draft WHERE key = ?').run(key).changes === 1;
  }

  countIntakes(): number {
    return this.db.prepare('SELECT count(*) FROM ese_intake').pluck().get() as number;
  }
}

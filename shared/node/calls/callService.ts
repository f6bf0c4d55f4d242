/**
 * Call sessions owned by main: every change is one transaction (event row,
 * current row, timeline line, audit entry) and is then pushed to every window.
 * The renderer never keeps call state of its own beyond what it is typing.
 */
import { randomUUID } from 'node:crypto';
import { format } from 'date-fns';
import { callLanguageLabels, type CallLanguage } from '../../common/calls/language';
import { z } from 'zod';
import { DeskError } from '../../common/errors';
import { parseUnknown } from '../../common/validation';
import type { CallSnapshot, UnfinishedWork } from '../../common/calls/contract';
import type { RequestOf } from '../../common/ipc/contract';
import { DISPOSITIONS_SETTING, DispositionList, defaultDispositions, dispositionLabel } from '../../common/calls/dispositions';
import { appendSnippet, cleanNotes, NOTES_MAX, NotesText } from '../../common/calls/notes';
import { assertCanStart, CallEvent, decide, evolve, replay, startCall, type CallCommand, type CallSession } from '../../common/calls/session';
import { ActivityRecordInput, callEventKind, describeCallEvent, TimelineEntry, type TimelineKind } from '../../common/calls/timeline';
import { callSummaryText, type CallListItem, type CallView } from '../../common/calls/view';
import type { DeskCore } from '../host/deskCore';
import type { ActivityRecord, CallActivity } from '../host/callActivity';
import { deskTimeZone } from '../host/timeZone';
import { calendarDayIn } from '../../common/localTime';
import { daysBetween, type FollowUp, type FollowUpCount, type FollowUpList } from '../../common/calls/followUps';

/** The part of the desk the call session uses, and no more. */
type CallCore = Pick<DeskCore, 'audit' | 'clock' | 'db' | 'env' | 'events' | 'log' | 'operators' | 'settings'>;

interface CallRow {
  id: string;
  operator_id: number;
  state: CallSession['state'];
  caller_type: CallSession['callerType'];
  caller_name: string | null;
  callback_number: string | null;
  case_number: string | null;
  client_on_line: 0 | 1;
  started_at: string;
  ended_at: string | null;
  closed_at: string | null;
  disposition: string | null;
  /** JSON array of codes besides the primary one (migration 0022). */
  additional_dispositions: string;
  follow_up_date: string | null;
  notes: string;
  notes_saved_at: string | null;
  notes_revision: number;
  recovered_at: string | null;
  language: CallLanguage;
}

/** Commands a channel maps to. */
export type CallCommandName = 'hold' | 'resume' | 'client_joined' | 'client_left' | 'end';

/** A feature's half-done work in a call, and what ending the call does to it. */
export type UnfinishedSource = (callId: string) => UnfinishedWork[];

export class CallService implements CallActivity {
  constructor(private readonly core: CallCore) {}

  readonly #unfinished: UnfinishedSource[] = [];
  readonly #whenEnded: ((callId: string) => void)[] = [];

  /** A feature names its half-done work so ending the call can ask first (issue 12.3). */
  useUnfinished(source: UnfinishedSource): void {
    this.#unfinished.push(source);
  }

  /** A feature settles its work when the call ends, at once and with the right reason, not when next looked at. */
  whenEnded(fn: (callId: string) => void): void {
    this.#whenEnded.push(fn);
  }

  unfinished(callId: string): UnfinishedWork[] {
    const operatorId = this.#operatorId();
    const row = this.#row(callId);
    if (row.operator_id !== operatorId) throw new DeskError('refused', 'That call belongs to another operator.');
    if (row.state !== 'active' && row.state !== 'on_hold') return [];
    return this.#unfinished.flatMap((source) => source(callId));
  }

  // ---- reading -------------------------------------------------------------

  #operatorId(): number {
    const op = this.core.operators.current();
    if (!op) throw new DeskError('refused', 'Create your operator profile before taking calls.');
    return op.id;
  }

  #openRow(operatorId: number): CallRow | undefined {
    return this.core.db.prepare("SELECT * FROM call WHERE operator_id = ? AND state <> 'closed'").get(operatorId) as CallRow | undefined;
  }

  #row(callId: string): CallRow {
    const row = this.core.db.prepare('SELECT * FROM call WHERE id = ?').get(callId) as CallRow | undefined;
    if (!row) throw new DeskError('not_found', 'There is no such call.');
    return row;
  }

  #events(callId: string): CallEvent[] {
    const rows = this.core.db.prepare('SELECT data_json FROM call_event WHERE call_id = ? ORDER BY seq').pluck().all(callId) as string[];
    return rows.map((json) => parseUnknown(CallEvent, JSON.parse(json), 'stored call event'));
  }

  #timeline(callId: string): TimelineEntry[] {
    const rows = this.core.db.prepare('SELECT id, call_id, at, kind, summary, ref_id, details_json FROM call_timeline WHERE call_id = ? ORDER BY id').all(callId) as {
      id: number;
      call_id: string;
      at: string;
      kind: string;
      summary: string;
      ref_id: string | null;
      details_json: string | null;
    }[];
    return rows.map((r) =>
      parseUnknown(
        TimelineEntry,
        { id: r.id, callId: r.call_id, at: r.at, kind: r.kind, summary: r.summary, refId: r.ref_id, details: r.details_json ? (JSON.parse(r.details_json) as unknown) : null },
        'stored timeline entry',
      ),
    );
  }

  #view(row: CallRow): CallView {
    const events = this.#events(row.id);
    const session = replay(events);
    const operatorName = (this.core.db.prepare('SELECT name FROM operator WHERE id = ?').pluck().get(row.operator_id) as string | undefined) ?? '';
    return {
      ...session,
      id: row.id,
      operatorId: row.operator_id,
      operatorName,
      events,
      timeline: this.#timeline(row.id),
      notes: row.notes,
      notesSavedAt: row.notes_saved_at,
      notesRevision: row.notes_revision,
      recoveredAt: row.recovered_at,
      language: row.language,
    };
  }

  #snapshot(call: CallView | null): CallSnapshot {
    return { call, serverNow: this.core.clock.now().toISOString() };
  }

  /** The open call's state and start, nothing about who is on it (for the lock screen). */
  openCallSummary(): { state: 'active' | 'on_hold' | 'wrap_up'; startedAt: string } | null {
    const op = this.core.operators.current();
    const row = op ? this.#openRow(op.id) : undefined;
    if (!row || row.state === 'closed') return null;
    return { state: row.state, startedAt: row.started_at };
  }

  /** The operator's open call, or null. */
  current(): CallSnapshot {
    const op = this.core.operators.current();
    const row = op ? this.#openRow(op.id) : undefined;
    return this.#snapshot(row ? this.#view(row) : null);
  }

  #publish(): CallSnapshot {
    const snap = this.current();
    this.core.events.publish('app:call.changed', snap);
    return snap;
  }

  dispositions(): DispositionList {
    return this.core.settings.get(DISPOSITIONS_SETTING, DispositionList, defaultDispositions);
  }

  saveDispositions(list: z.input<typeof DispositionList>): DispositionList {
    const op = this.core.operators.current();
    if (op?.role !== 'supervisor') throw new DeskError('refused', 'Only a supervisor can change the disposition list.');
    const saved = this.core.db.transaction(() => {
      const value = this.core.settings.set(DISPOSITIONS_SETTING, DispositionList, list);
      this.core.audit.append({ action: 'call.dispositions_changed', details: { codes: value.map((d) => d.code) } });
      return value;
    })();
    return saved;
  }

  // ---- writing -------------------------------------------------------------

  #appendEvent(callId: string, before: CallSession | null, event: CallEvent): CallSession {
    const after = evolve(before, event);
    const seq = ((this.core.db.prepare('SELECT MAX(seq) FROM call_event WHERE call_id = ?').pluck().get(callId) as number | null) ?? 0) + 1;
    this.core.db.prepare('INSERT INTO call_event (call_id, seq, at, type, data_json) VALUES (?, ?, ?, ?, ?)').run(callId, seq, event.at, event.type, JSON.stringify(event));
    this.core.db
      .prepare(
        `UPDATE call SET state = ?, caller_type = ?, caller_name = ?, callback_number = ?, case_number = ?, client_on_line = ?,
           ended_at = ?, closed_at = ?, disposition = ?, additional_dispositions = ?, follow_up_date = ? WHERE id = ?`,
      )
      .run(
        after.state,
        after.callerType,
        after.callerName,
        after.callbackNumber,
        after.caseNumber,
        after.clientOnLine ? 1 : 0,
        after.endedAt,
        after.closedAt,
        after.disposition,
        JSON.stringify(after.additionalDispositions),
        after.followUpDate,
        callId,
      );
    const list = this.dispositions();
    this.#addTimeline(
      callId,
      event.at,
      callEventKind(event.type),
      describeCallEvent(event, (c) => dispositionLabel(list, c)),
      null,
      null,
    );
    // Audit holds what changed, never the caller's name or numbers.
    const details: Record<string, unknown> = { state: after.state };
    if (event.type === 'started') details.callerType = event.callerType;
    if (event.type === 'closed')
      Object.assign(details, { disposition: event.disposition, additionalDispositions: event.additionalDispositions ?? [], followUp: event.followUpDate !== null });
    if (event.type === 'details_changed') details.fields = Object.keys(event.changes);
    this.core.audit.append({ action: `call.${event.type}`, subject: `call:${callId}`, details });
    return after;
  }

  #addTimeline(callId: string, at: string, kind: TimelineKind, summary: string, refId: string | null, details: Record<string, unknown> | null): number {
    const r = this.core.db
      .prepare('INSERT INTO call_timeline (call_id, at, kind, summary, ref_id, details_json) VALUES (?, ?, ?, ?, ?, ?)')
      .run(callId, at, kind, cleanNotes(summary).text, refId, details ? JSON.stringify(details) : null);
    return Number(r.lastInsertRowid);
  }

  start(input: unknown): CallSnapshot {
    const operatorId = this.#operatorId();
    this.core.db
      .transaction(() => {
        const open = this.#openRow(operatorId);
        assertCanStart(open ? { state: open.state } : null);
        const event = startCall(input, this.core.clock.now());
        const id = randomUUID();
        this.core.db.prepare('INSERT INTO call (id, operator_id, state, caller_type, started_at) VALUES (?, ?, ?, ?, ?)').run(id, operatorId, 'active', event.callerType, event.at);
        this.#appendEvent(id, null, event);
      })
      .immediate();
    return this.#publish();
  }

  /** Runs a command on the operator's open call; `callId` guards against acting on a call another window already replaced. */
  #onOpen(callId: string, run: (row: CallRow, session: CallSession) => void): CallSnapshot {
    const operatorId = this.#operatorId();
    this.core.db
      .transaction(() => {
        const row = this.#row(callId);
        if (row.operator_id !== operatorId) throw new DeskError('refused', 'That call belongs to another operator.');
        run(row, replay(this.#events(callId)));
      })
      .immediate();
    return this.#publish();
  }

  command(callId: string, command: CallCommand): CallSnapshot {
    const snap = this.#onOpen(callId, (_row, session) => {
      const now = this.core.clock.now();
      const dispositions = this.dispositions();
      const event = decide(session, command, now, { dispositionCodes: dispositions.map((d) => d.code), dispositions, today: this.today() });
      this.#appendEvent(callId, session, event);
    });
    if (command.type === 'close') this.#publishFollowUps();
    if (command.type !== 'end' || !this.#whenEnded.length) return snap;
    for (const fn of this.#whenEnded) {
      try {
        fn(callId);
      } catch (error) {
        // The call has ended either way; the feature settles its work when it is next looked at.
        this.core.log.warn('a feature could not settle its work at the end of a call', { error });
      }
    }
    // Their endings went on the timeline: the answer shows them.
    return this.current();
  }

  /**
   * Write-through autosave. The window names the revision its text was typed on:
   * snippets other areas appended since then are kept after its text (rebased, each
   * once), and a save repeated or arriving late with the same text changes nothing.
   * Another window's save since then is overwritten: the last writer's text is what
   * its rep sees.
   */
  saveNotes(callId: string, notes: string, baseRevision: number): { savedAt: string; notes: string; revision: number; ssnMasked: number } {
    const typed = parseUnknown(NotesText, notes, 'notes');
    const savedAt = this.core.clock.now().toISOString();
    let saved = typed;
    let revision = 0;
    let ssnMasked = 0;
    this.#onOpen(callId, (row) => {
      if (row.state === 'closed') throw new DeskError('refused', 'This call is closed; its notes can only be viewed.');
      if (!Number.isInteger(baseRevision) || baseRevision < 0 || baseRevision > row.notes_revision) {
        throw DeskError.atField(
          'baseRevision',
          `These notes are at revision ${row.notes_revision}; a save cannot be based on revision ${baseRevision}. Reload the call.`,
          'conflict',
        );
      }
      // The database never holds a full SSN (issue 14 §1): masked here, and the editor tells the rep why.
      const clean = cleanNotes(typed, [row.case_number]);
      ssnMasked = clean.ssnMasked;
      saved = clean.text;
      const appended = this.core.db
        .prepare('SELECT snippet FROM call_notes_append WHERE call_id = ? AND revision > ? ORDER BY revision')
        .pluck()
        .all(callId, baseRevision) as string[];
      for (const snippet of appended) saved = appendSnippet(saved, snippet);
      if (saved.length > NOTES_MAX) throw DeskError.atField('notes', `Notes are at most ${NOTES_MAX.toLocaleString('en-US')} characters.`);
      if (saved === row.notes) {
        revision = row.notes_revision;
        return;
      }
      revision = row.notes_revision + 1;
      this.core.db.prepare('UPDATE call SET notes = ?, notes_saved_at = ?, notes_revision = ? WHERE id = ?').run(saved, savedAt, revision, callId);
    });
    if (ssnMasked) this.core.audit.append({ action: 'call.notes.ssn_masked', subject: `call:${callId}`, details: { count: ssnMasked } });
    return { savedAt, notes: saved, revision, ssnMasked };
  }

  /**
   * Appends a snippet to the notes as a new revision, remembered so a save typed on an older
   * revision keeps it; its SSNs masked first, as the rep's own typing is. Inside a transaction.
   */
  #appendToNotes(row: CallRow, snippet: string, at: string): boolean {
    const clean = cleanNotes(snippet, [row.case_number]).text;
    const next = appendSnippet(row.notes, clean);
    if (next === row.notes || next.length > NOTES_MAX) return false;
    const revision = row.notes_revision + 1;
    this.core.db.prepare('UPDATE call SET notes = ?, notes_saved_at = ?, notes_revision = ? WHERE id = ?').run(next, at, revision, row.id);
    this.core.db.prepare('INSERT INTO call_notes_append (call_id, revision, snippet) VALUES (?, ?, ?)').run(row.id, revision, clean);
    return true;
  }

  /** A snippet from another area, appended to the open call's notes and put on its timeline. */
  appendNote(snippet: string): CallSnapshot {
    const operatorId = this.#operatorId();
    const row = this.#openRow(operatorId);
    if (!row) throw new DeskError('refused', 'Start a call first: notes belong to a call.');
    return this.#onOpen(row.id, (r) => {
      if (appendSnippet(r.notes, cleanNotes(snippet, [r.case_number]).text).length > NOTES_MAX)
        throw new DeskError('refused', `The notes would be longer than ${NOTES_MAX.toLocaleString('en-US')} characters.`);
      const at = this.core.clock.now().toISOString();
      this.#appendToNotes(r, snippet, at);
      const firstLine = snippet.trim().split('\n')[0]!.slice(0, 200);
      this.#addTimeline(r.id, at, 'note', `Added to notes: ${firstLine}`, null, null);
    });
  }

  /**
   * The call's language. Allowed until the call closes (a rep may learn during
   * wrap-up that the ESE closing script must be read in Spanish). Audited and put
   * on the timeline: which language a script was read in matters to consent.
   */
  setLanguage(callId: string, language: CallLanguage): CallSnapshot {
    return this.#onOpen(callId, (row) => {
      if (row.state === 'closed') throw new DeskError('refused', 'This call is closed; it can only be viewed.');
      if (row.language === language) return;
      const at = this.core.clock.now().toISOString();
      this.core.db.prepare('UPDATE call SET language = ? WHERE id = ?').run(language, callId);
      this.#addTimeline(callId, at, 'call.language', `Call language: ${callLanguageLabels[language]}`, null, { from: row.language, to: language });
      this.core.audit.append({ action: 'call.language_changed', subject: `call:${callId}`, details: { from: row.language, to: language } });
    });
  }

  dismissRecovery(callId: string): CallSnapshot {
    return this.#onOpen(callId, () => {
      this.core.db.prepare('UPDATE call SET recovered_at = NULL WHERE id = ?').run(callId);
    });
  }

  /**
   * At start of the app (not of a one-shot CLI command): a call still open was
   * interrupted by a crash, a kill or a shutdown. It is marked recovered so the
   * rep sees a banner, and the event goes on its timeline.
   */
  recoverOpenCalls(): string[] {
    const rows = this.core.db.prepare("SELECT * FROM call WHERE state <> 'closed'").all() as CallRow[];
    const recovered: string[] = [];
    for (const row of rows) {
      this.core.db
        .transaction(() => {
          const session = replay(this.#events(row.id));
          const event = decide(session, { type: 'recover' }, this.core.clock.now());
          this.#appendEvent(row.id, session, event);
          this.core.db.prepare('UPDATE call SET recovered_at = ? WHERE id = ?').run(event.at, row.id);
        })
        .immediate();
      recovered.push(row.id);
    }
    if (recovered.length) this.#publish();
    return recovered;
  }

  // ---- activity from other features -----------------------------------------

  language(): CallLanguage | null {
    const op = this.core.operators.current();
    return (op ? this.#openRow(op.id)?.language : undefined) ?? null;
  }

  record(entry: ActivityRecord): string | null {
    const parsed = parseUnknown(ActivityRecordInput, entry, 'timeline record');
    const op = this.core.operators.current();
    const row = op ? this.#openRow(op.id) : undefined;
    // Work done in wrap-up still belongs to the call; with no open call there is nowhere to put it.
    if (!row) return null;
    const inOuter = this.core.db.inTransaction;
    this.core.db
      .transaction(() => {
        const at = this.core.clock.now().toISOString();
        this.#addTimeline(row.id, at, parsed.kind, parsed.summary, parsed.refId ?? null, parsed.details ?? null);
        // Closed calls are read-only; full notes keep what the rep wrote rather than fail the feature's work.
        if (parsed.notes && row.state !== 'closed') this.#appendToNotes(row, parsed.notes, at);
      })
      .immediate();
    if (!inOuter) this.#publish();
    else {
      // Recorded inside the caller's transaction: push once it has committed (or rolled back), so windows never show a line that was undone.
      setImmediate(() => {
        try {
          this.#publish();
        } catch (error) {
          this.core.log.warn('could not push the call after a timeline record', { error });
        }
      });
    }
    return row.id;
  }

  // ---- follow-ups (issue 12 §4) ------------------------------------------------

  /** Today on the desk's calendar, in its time zone (not the machine's, nor UTC). */
  today(): string {
    return calendarDayIn(this.core.clock.now(), deskTimeZone(this.core.env));
  }

  #dueRows(operatorId: number, today: string): (CallRow & { follow_up_date: string })[] {
    return this.core.db
      .prepare(
        `SELECT c.* FROM call c LEFT JOIN call_follow_up_done d ON d.call_id = c.id
          WHERE c.operator_id = ? AND c.state = 'closed' AND c.follow_up_date IS NOT NULL AND c.follow_up_date <= ? AND d.call_id IS NULL
          ORDER BY c.follow_up_date, c.closed_at`,
      )
      .all(operatorId, today) as (CallRow & { follow_up_date: string })[];
  }

  /** How many of this operator's follow-ups are due today or overdue: no one's details, so not audited (the status bar asks often). */
  followUpCount(): FollowUpCount {
    const op = this.core.operators.current();
    const today = this.today();
    if (!op) return { today, due: 0, overdue: 0 };
    const rows = this.#dueRows(op.id, today);
    return { today, due: rows.length, overdue: rows.filter((r) => r.follow_up_date < today).length };
  }

  #publishFollowUps(): void {
    this.core.events.publish('app:call.followUps.changed', this.followUpCount());
  }

  /** This operator's follow-ups due on or before today and not done, oldest first. The list shows callers: the view is audited. */
  followUps(): FollowUpList {
    const operatorId = this.#operatorId();
    const today = this.today();
    const zone = deskTimeZone(this.core.env);
    const items: FollowUp[] = this.#dueRows(operatorId, today).map((r) => ({
      callId: r.id,
      followUpDate: r.follow_up_date,
      daysOverdue: Math.max(0, daysBetween(r.follow_up_date, today)),
      callerType: r.caller_type,
      callerName: r.caller_name,
      callbackNumber: r.callback_number,
      caseNumber: r.case_number,
      disposition: r.disposition,
      startedAt: r.started_at,
      callDay: calendarDayIn(new Date(r.started_at), zone),
    }));
    this.core.audit.append({ action: 'call.follow_ups_listed', details: { today, results: items.length } });
    return { today, items };
  }

  /** The operator's own follow-up that is due (or overdue) and not done, or a reason a rep can act on. */
  #dueFollowUp(operatorId: number, callId: string): CallRow & { follow_up_date: string } {
    const row = this.#row(callId);
    if (row.operator_id !== operatorId) throw new DeskError('refused', 'That follow-up belongs to another operator.');
    if (row.state !== 'closed' || !row.follow_up_date) throw new DeskError('refused', 'That call has no follow-up.');
    if (this.core.db.prepare('SELECT 1 FROM call_follow_up_done WHERE call_id = ?').get(callId)) throw new DeskError('refused', 'That follow-up is already done.');
    return { ...row, follow_up_date: row.follow_up_date };
  }

  /** Marks a follow-up done: it leaves the reminders. A state change, audited. */
  markFollowUpDone(callId: string): FollowUpList {
    const operatorId = this.#operatorId();
    this.core.db
      .transaction(() => {
        const row = this.#dueFollowUp(operatorId, callId);
        const at = this.core.clock.now().toISOString();
        this.core.db.prepare('INSERT INTO call_follow_up_done (call_id, done_at, done_by) VALUES (?, ?, ?)').run(callId, at, operatorId);
        this.core.audit.append({
          action: 'call.follow_up_done',
          subject: `call:${callId}`,
          details: { followUpDate: row.follow_up_date, early: row.follow_up_date > this.today() },
        });
      })
      .immediate();
    this.#publishFollowUps();
    return this.followUps();
  }

  /**
   * Starts the follow-up call: the earlier call's caller type, name, callback and case,
   * and a timeline line saying which call it follows. The reminder stays until marked done.
   */
  startFollowUp(callId: string): CallSnapshot {
    const operatorId = this.#operatorId();
    const row = this.#dueFollowUp(operatorId, callId);
    const snap = this.start({
      callerType: row.caller_type,
      callerName: row.caller_name ?? undefined,
      callbackNumber: row.callback_number ?? undefined,
      caseNumber: row.case_number ?? undefined,
    });
    const day = calendarDayIn(new Date(row.started_at), deskTimeZone(this.core.env));
    this.record({ kind: 'note', summary: `Follow-up of the call of ${day} (follow-up date ${row.follow_up_date})`, refId: `call:${callId}` });
    this.core.audit.append({ action: 'call.follow_up_started', subject: `call:${callId}`, details: { newCall: snap.call?.id ?? null } });
    return this.current();
  }

  // ---- history ---------------------------------------------------------------

  search(query: RequestOf<'app:call.history.search'>): CallListItem[] {
    const where: string[] = [];
    const args: unknown[] = [];
    // Dates are the operator's calendar days; stored instants are UTC, so compare against local-day bounds.
    if (query.from) {
      where.push('c.started_at >= ?');
      args.push(new Date(`${query.from}T00:00:00`).toISOString());
    }
    if (query.to) {
      where.push('c.started_at < ?');
      const end = new Date(`${query.to}T00:00:00`);
      end.setDate(end.getDate() + 1);
      args.push(end.toISOString());
    }
    if (query.caller) {
      const digits = query.caller.replace(/\D/g, '');
      where.push(`(c.caller_name LIKE ? ESCAPE '\\'${digits.length >= 3 ? " OR c.callback_number LIKE ? ESCAPE '\\'" : ''})`);
      args.push(`%${escapeLike(query.caller)}%`);
      if (digits.length >= 3) args.push(`%${digits}%`);
    }
    if (query.caseNumber) {
      where.push('c.case_number = ?');
      args.push(query.caseNumber);
    }
    if (query.disposition) {
      // A call closed with several codes is found by any of them.
      where.push('(c.disposition = ? OR EXISTS (SELECT 1 FROM json_each(c.additional_dispositions) WHERE value = ?))');
      args.push(query.disposition, query.disposition);
    }
    if (query.callerType) {
      where.push('c.caller_type = ?');
      args.push(query.callerType);
    }
    const sql = `SELECT c.*, o.name AS operator_name FROM call c JOIN operator o ON o.id = c.operator_id
      ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY c.started_at DESC LIMIT ?`;
    args.push(query.limit ?? 100);
    const rows = this.core.db.prepare(sql).all(...args) as (CallRow & { operator_name: string })[];
    this.core.audit.append({ action: 'call.history_searched', details: { filters: Object.keys(query).filter((k) => k !== 'limit'), results: rows.length } });
    return rows.map((r) => ({
      id: r.id,
      state: r.state,
      callerType: r.caller_type,
      callerName: r.caller_name,
      caseNumber: r.case_number,
      startedAt: r.started_at,
      endedAt: r.ended_at,
      closedAt: r.closed_at,
      disposition: r.disposition,
      additionalDispositions: parseUnknown(z.array(z.string()), JSON.parse(r.additional_dispositions), 'stored additional dispositions'),
      followUpDate: r.follow_up_date,
      operatorName: r.operator_name,
    }));
  }

  /** A past call, read-only. Viewing it is audited: it can hold a resident's details. */
  view(callId: string): CallSnapshot {
    this.#operatorId();
    const call = this.#view(this.#row(callId));
    this.core.audit.append({ action: 'call.viewed', subject: `call:${callId}` });
    return this.#snapshot(call);
  }

  exportText(callId: string): { text: string; fileName: string } {
    this.#operatorId();
    const call = this.#view(this.#row(callId));
    const text = callSummaryText(call, this.dispositions(), this.core.clock.now());
    this.core.audit.append({ action: 'call.exported', subject: `call:${callId}` });
    return { text, fileName: `call-${format(new Date(call.startedAt), 'yyyyMMdd-HHmm')}-${callId.slice(0, 8)}.txt` };
  }
}

function escapeLike(s: string): string {
  return s.replace(/[\\%_]/g, (c) => `\\${c}`);
}

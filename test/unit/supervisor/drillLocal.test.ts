import { parse } from 'csv-parse/sync';
import { afterEach, describe, expect, it } from 'vitest';
import { ManualClock } from '../../../shared/common/clock';
import type { DayFigures } from '../../../shared/common/supervisor/contract';
import { figureTable, type DrillList, type DrillRequest, type ExportFile } from '../../../shared/common/supervisor/drill';
import type { Desk } from '../../../shared/node/host/desk';
import { testKeyEnv } from '../../helpers/deskKey';
import { HOSTILE_NAME, seedSupervisorData } from '../../helpers/supervisorSeed';
import { openTestDesk } from '../../helpers/temp';

// Thursday 3 December 2026, 10:00 in Kentucky's Eastern zone (UTC-5 in December).
const NOW = new Date('2026-12-03T15:00:00.000Z');
const open: { close(): void }[] = [];
afterEach(() => open.splice(0).forEach((d) => d.close()));

function desk(role: 'rep' | 'supervisor' = 'supervisor') {
  const t = openTestDesk({ clock: new ManualClock(NOW.toISOString()), env: { ...testKeyEnv, KYNECT_CENTRAL_DESK_NAME: 'Desk here', KYNECT_TIME_ZONE: 'America/New_York' } });
  open.push(t);
  t.desk.operators.save({ name: role === 'supervisor' ? 'Sam Supervisor' : 'Rita Rep', role, pin: '2468' });
  seedSupervisorData(t.desk.db, NOW);
  return t.desk;
}

async function ok<T>(d: Desk, channel: 'app:supervisor.figures' | 'app:supervisor.drill' | 'app:supervisor.export', request: unknown): Promise<T> {
  const r = await d.router.dispatch(channel, request, { via: 'test' });
  if (!r.ok) throw new Error(`${channel}: ${JSON.stringify(r.error)}`);
  return r.value as T;
}

const cellsOf = (text: string): string[][] => parse(text, { record_delimiter: '\r\n' });
const sorted = <T>(rows: T[]) => [...rows].sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)));
const windows = { today: ['2026-12-03T05:00:00.000Z', NOW.toISOString()], week: ['2026-11-30T05:00:00.000Z', NOW.toISOString()] } as const;

describe('supervisor figures and drill-down on this desk only (stand-alone)', () => {
  for (const period of ['today', 'week'] as const) {
    it(`gives the charts the numbers plain SQL counts, ${period}`, async () => {
      const d = desk();
      const f = await ok<DayFigures>(d, 'app:supervisor.figures', { period });
      const range = windows[period];
      // Hours counted by SQLite itself, shifted to Eastern Standard Time: independent of the service's Intl path.
      const hours = d.db
        .prepare(
          `SELECT strftime('%Y-%m-%dT%H:00', started_at, '-5 hours') AS hour, caller_type AS callerType, count(*) AS calls
             FROM call WHERE state = 'closed' AND started_at >= ? AND started_at < ? GROUP BY 1, 2 ORDER BY 1, 2`,
        )
        .all(...range);
      expect(hours.length).toBeGreaterThan(4);
      expect(f.callsPerHour).toEqual(hours);
      const mix = d.db.prepare(`SELECT disposition, count(*) AS calls FROM call WHERE state = 'closed' AND started_at >= ? AND started_at < ? GROUP BY 1`).all(...range) as {
        disposition: string;
        calls: number;
      }[];
      expect(sorted(f.dispositions.map((x) => ({ disposition: x.disposition, calls: x.calls })))).toEqual(sorted(mix));
      const ese = d.db
        .prepare(`SELECT m.state, count(*) AS intakes FROM ese_intake i JOIN outbox_message m ON m.intake_id = i.id WHERE i.submitted_at >= ? AND i.submitted_at < ? GROUP BY 1`)
        .all(...range) as { state: string; intakes: number }[];
      const eseByState = new Map<string, number>();
      for (const r of f.eseByState) eseByState.set(r.state, (eseByState.get(r.state) ?? 0) + r.intakes);
      expect(Object.fromEntries(eseByState)).toEqual(Object.fromEntries(ese.map((r) => [r.state, r.intakes])));
      const consent = d.db
        .prepare(`SELECT json_extract(record_json, '$.method') AS method, outcome, count(*) AS records FROM consent_record WHERE created_at >= ? AND created_at < ? GROUP BY 1, 2`)
        .all(...range);
      expect(sorted(f.consentMix)).toEqual(sorted(consent));
      expect(f.consentMix.length).toBeGreaterThan(1);

      // Every bar and segment lists exactly as many rows as it says.
      const requests: [DrillRequest, number][] = [
        ...f.callsPerHour.map((r) => [{ figure: 'callsPerHour', period, hour: r.hour, callerType: r.callerType }, r.calls] as [DrillRequest, number]),
        ...f.dispositions.map((r) => [{ figure: 'dispositions', period, disposition: r.disposition }, r.calls] as [DrillRequest, number]),
        ...f.eseByState.map((r) => [{ figure: 'eseByState', period, state: r.state, age: r.age }, r.intakes] as [DrillRequest, number]),
        ...f.consentMix.map((r) => [{ figure: 'consentMix', period, method: r.method, outcome: r.outcome }, r.records] as [DrillRequest, number]),
      ];
      for (const [req, n] of requests) {
        const list = await ok<DrillList>(d, 'app:supervisor.drill', req);
        expect(list, JSON.stringify(req)).toMatchObject({ scope: 'desk', truncated: false });
        expect(list.rows, JSON.stringify(req)).toHaveLength(n);
      }
      const audited = d.db.prepare("SELECT count(*) FROM audit_log WHERE action = 'supervisor.drill_viewed'").pluck().get();
      expect(audited).toBe(requests.length);
    });
  }

  it('the week holds today and the days before it; the per-hour table sums to the disposition mix', async () => {
    const d = desk();
    const today = await ok<DayFigures>(d, 'app:supervisor.figures', { period: 'today' });
    const week = await ok<DayFigures>(d, 'app:supervisor.figures', { period: 'week' });
    const sum = (f: DayFigures) => f.callsPerHour.reduce((s, r) => s + r.calls, 0);
    expect(sum(week)).toBeGreaterThan(sum(today));
    expect(sum(today)).toBe(today.dispositions.reduce((s, r) => s + r.calls, 0));
    const table = figureTable(today, 'callsPerHour', 'today', { dispositions: [] });
    expect(table.rows.reduce((s, r) => s + Number(r[2]), 0)).toBe(sum(today));
    expect(table.summary).toMatch(new RegExp(`^${sum(today)} closed calls today`));
  });

  it('never shows an SSN in a list, and shows the caller as the call history does', async () => {
    const d = desk();
    const week = await ok<DayFigures>(d, 'app:supervisor.figures', { period: 'week' });
    const all = (
      await Promise.all(week.dispositions.map((x) => ok<DrillList>(d, 'app:supervisor.drill', { figure: 'dispositions', period: 'week', disposition: x.disposition })))
    ).flatMap((l) => l.rows);
    expect(JSON.stringify(all)).not.toContain('123-45-6789');
    expect(all.find((r) => r.callerName?.startsWith('Ana Ruiz'))?.callerName).toBe('Ana Ruiz ***-**-6789');
    expect(all[0]).toMatchObject({ deskName: 'Desk here', operatorName: 'Sam Supervisor' });
  });

  it('exports a drill-down list as CSV with formulas neutralised, and as PDF, each audited', async () => {
    const d = desk();
    const today = await ok<DayFigures>(d, 'app:supervisor.figures', { period: 'today' });
    const first = today.callsPerHour.at(-1)!; // the latest hour holds call 0, whose caller name is a formula
    const drill = { figure: 'callsPerHour', period: 'today', hour: first.hour, callerType: first.callerType } as const;
    const csv = await ok<ExportFile>(d, 'app:supervisor.export', { format: 'csv', source: { kind: 'drill', drill } });
    expect(csv).toMatchObject({ mimeType: 'text/csv', encoding: 'utf8', rows: first.calls });
    expect(csv.fileName).toMatch(/^kynect-supervisor-callsPerHour-calls-today-20261203-1000\.csv$/);
    const cells = cellsOf(csv.data);
    expect(cells[0]).toEqual(['Started', 'Desk', 'Operator', 'Caller', 'Case number', 'Disposition', 'Handle time (m:ss)', 'Detail']);
    expect(cells).toHaveLength(first.calls + 1);
    expect(csv.data).toContain(`"Resident / client: ${HOSTILE_NAME.replace(/"/g, '""')}"`);
    for (const row of cells) for (const c of row) expect(c).not.toMatch(/^[=+\-@\t\r]/);

    // A cell that is itself the formula (not led by the caller type) gets the apostrophe.
    const pdf = await ok<ExportFile>(d, 'app:supervisor.export', { format: 'pdf', source: { kind: 'figure', figure: 'dispositions', period: 'week' } });
    expect(pdf).toMatchObject({ mimeType: 'application/pdf', encoding: 'base64' });
    expect(Buffer.from(pdf.data, 'base64').subarray(0, 5).toString()).toBe('%PDF-');
    const exports = d.db.prepare("SELECT details FROM audit_log WHERE action = 'supervisor.exported' ORDER BY seq").pluck().all() as string[];
    expect(exports.map((x) => JSON.parse(x) as Record<string, unknown>)).toEqual([
      expect.objectContaining({ scope: 'desk', format: 'csv', figure: 'callsPerHour', rows: first.calls }),
      expect.objectContaining({ scope: 'desk', format: 'pdf', figure: 'dispositions', period: 'week' }),
    ]);
  });

  it('neutralises a formula that begins a cell of a figure export', async () => {
    const d = desk();
    // A disposition code cannot start with "=", but its label is a supervisor's free text.
    const r = await d.router.dispatch(
      'app:call.dispositions.save',
      {
        dispositions: [
          { code: 'resolved', label: '=cmd|" /C calc"!A0' },
          { code: 'transferred', label: '@SUM(A1)' },
          { code: 'callback_needed', label: '+1 call back' },
        ],
      },
      { via: 'test' },
    );
    expect(r.ok).toBe(true);
    const csv = await ok<ExportFile>(d, 'app:supervisor.export', { format: 'csv', source: { kind: 'figure', figure: 'handleTime', period: 'week' } });
    expect(csv.data).toContain(`"'=cmd|"" /C calc""!A0"`);
    expect(csv.data).toContain(`"'@SUM(A1)"`);
    expect(csv.data).toContain(`"'+1 call back"`);
    for (const row of cellsOf(csv.data)) for (const c of row) expect(c).not.toMatch(/^[=+\-@\t\r]/);
  });

  it('prints names as typed in the PDF: the ESE PDF’s embedded DejaVu typeface, not WinAnsi Helvetica', async () => {
    const d = desk();
    d.db.prepare("UPDATE call SET caller_name = 'Nguyễn Thị Hương' WHERE caller_name = 'Caller 3'").run();
    const week = await ok<DayFigures>(d, 'app:supervisor.figures', { period: 'week' });
    const pdf = await ok<ExportFile>(d, 'app:supervisor.export', {
      format: 'pdf',
      source: { kind: 'drill', drill: { figure: 'dispositions', period: 'week', disposition: week.dispositions[0]!.disposition } },
    });
    const bytes = Buffer.from(pdf.data, 'base64').toString('latin1');
    expect(bytes).toMatch(/\/BaseFont \/[A-Z]{6}\+DejaVuSans/);
    expect(bytes).not.toContain('Helvetica');
    expect(pdf.rows).toBe(week.dispositions[0]!.calls);
  });

  it('refuses a rep before reading or writing anything', async () => {
    const d = desk('rep');
    const drill = await d.router.dispatch('app:supervisor.drill', { figure: 'dispositions', period: 'today', disposition: 'resolved' }, { via: 'test' });
    expect(drill).toMatchObject({ ok: false, error: { code: 'refused' } });
    const exp = await d.router.dispatch('app:supervisor.export', { format: 'csv', source: { kind: 'figure', figure: 'dispositions', period: 'today' } }, { via: 'test' });
    expect(exp).toMatchObject({ ok: false, error: { code: 'refused' } });
    expect(d.db.prepare("SELECT count(*) FROM audit_log WHERE action LIKE 'supervisor.%'").pluck().get()).toBe(0);
  });
});

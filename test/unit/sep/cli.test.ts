import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCliProcess } from '../../helpers/cli';
import { makeTempDir, removeTempDir } from '../../helpers/temp';

const dir = makeTempDir();
afterAll(() => removeTempDir(dir));
const db = path.join(dir, 'desk.sqlite3');
const cli = (...args: string[]) => runCliProcess([...args, '--db', db]);

describe('sep CLI (child process)', () => {
  it('sep search "<words>" --json ranks the right event first', () => {
    const r = cli('sep', 'search', 'got married', '--json');
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout) as { results: { id: string }[] };
    expect(out.results[0]?.id).toBe('marriage');
  });

  it('sep calc --json prints one object in the issue shape', () => {
    const r = cli('sep', 'calc', '--event', 'loss-of-mec', '--event-date', '2026-03-31', '--selection-date', '2026-04-10', '--json', '--now', '2026-04-10T12:00:00');
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual({
      event: 'loss-of-mec',
      verdict: 'sep',
      window: { start: '2026-01-30', end: '2026-05-30' },
      withinWindow: true,
      coverageEffectiveDate: '2026-05-01',
      ifGranted: null,
      determinedBy: 'rule',
      pends: true,
      documentsDueBy: '2026-05-10',
      documentation: ['Notice of loss/termination from prior carrier.'],
      documentationText: 'Notice of loss/termination from prior carrier. (new enrollees only) *Enrollment will pend',
      explanation: expect.stringContaining('1st of the month after plan selection'),
      whatToSay: [],
      warnings: [expect.stringContaining('30 calendar days')],
    });
  });

  it('takes the options: existing enrollee, first of month, HRA without notice', () => {
    const a = JSON.parse(cli('sep', 'calc', '--event', 'birth', '--event-date', '2026-04-10', '--selection-date', '2026-04-20', '--first-of-month', '--json').stdout);
    expect(a.coverageEffectiveDate).toBe('2026-05-01');
    const b = JSON.parse(cli('sep', 'calc', '--event', 'marriage', '--event-date', '2026-04-10', '--selection-date', '2026-04-20', '--existing-enrollee', '--json').stdout);
    expect([b.pends, b.documentsDueBy, b.documentation]).toEqual([false, null, []]);
    const c = JSON.parse(cli('sep', 'calc', '--event', 'ichra-qsehra', '--event-date', '2026-07-15', '--selection-date', '2026-07-20', '--hra-no-notice', '--json').stdout);
    expect([c.withinWindow, c.coverageEffectiveDate]).toEqual([true, '2026-08-01']);
    const d = JSON.parse(cli('sep', 'calc', '--event', 'exchange-error', '--event-date', '2026-07-15', '--selection-date', '2026-07-20', '--json').stdout);
    expect([d.verdict, d.withinWindow, d.coverageEffectiveDate, d.determinedBy]).toEqual(['ese', null, null, 'committee']);
  });

  it('refuses an unknown event id and an impossible date on stderr with a non-zero exit', () => {
    const unknown = cli('sep', 'calc', '--event', 'won-lottery', '--event-date', '2026-03-01');
    expect(unknown.code).not.toBe(0);
    expect(unknown.stdout).toBe('');
    expect(unknown.stderr).toContain('There is no qualifying event with that id');
    const day = cli('sep', 'calc', '--event', 'birth', '--event-date', '2027-02-29');
    expect(day.code).not.toBe(0);
    expect(day.stderr).toContain('Event date: That day does not exist');
    const missing = cli('sep', 'calc', '--event', 'birth');
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('--event-date is required');
  });
});

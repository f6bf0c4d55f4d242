import { afterEach, describe, expect, it } from 'vitest';
import { sepRuleBook } from '../../../shared/common/sep/ruleBook';
import type { SepRuleSet } from '../../../shared/common/sep/schema';
import { SepService, ftsTerms } from '../../../shared/node/sep/sepService';
import { openDesk } from '../../../shared/node/host/desk';
import { silentLogger } from '../../../shared/node/log';
import { openTestDesk } from '../../helpers/temp';

const open: { close(): void }[] = [];
afterEach(() => open.splice(0).forEach((d) => d.close()));
const desk = () => {
  const t = openTestDesk();
  open.push(t);
  return t;
};

describe('SEP rule book search (FTS5)', () => {
  // What callers say → the event a rep should open first (seed 003 §7.3–7.4 examples, seed 004 rows).
  const everyday: [string, string][] = [
    ['lost my job', 'loss-of-esi'],
    ['had a baby', 'birth'],
    ['got married', 'marriage'],
    ['moved', 'permanent-move'],
    ['divorce', 'loses-dependent'],
    ['turned 26', 'loss-of-mec'],
    ['got out of jail', 'permanent-move'],
    ['citizenship', 'gains-citizenship-lawful-presence'],
    ['I just had a new baby', 'birth'],
    ['my employer dropped coverage', 'loss-of-esi'],
    ['adopted', 'adoption-foster-court-order'],
    ['ichra', 'ichra-qsehra'],
    ['native american', 'indian-status'],
    ['never got the letter', 'untimely-notice'],
  ];
  it.each(everyday)('"%s" finds %s first', (words, id) => {
    const { desk: d } = desk();
    const hits = d.services.sep.search(words).results.map((r) => r.id);
    expect(hits[0]).toBe(id);
  });

  it('"divorce" also finds the loss of coverage it can cause', () => {
    const { desk: d } = desk();
    expect(
      d.services.sep
        .search('divorce')
        .results.map((r) => r.id)
        .slice(0, 3),
    ).toContain('loss-of-mec');
  });

  it('finds words as they are typed (prefixes) and ignores FTS syntax in the input', () => {
    const { desk: d } = desk();
    expect(d.services.sep.search('marr').results[0]?.id).toBe('marriage');
    expect(d.services.sep.search('citiz').results[0]?.id).toBe('gains-citizenship-lawful-presence');
    expect(d.services.sep.search('"NEAR(job* AND) OR -').results.length).toBeGreaterThan(0);
    expect(ftsTerms('the "lost" AND* job')).toEqual(['"lost"*', '"job"*']);
    expect(ftsTerms('the a')).toEqual(['"the"*', '"a"*']);
  });

  it('lists the whole book in table order for an empty query and nothing for nonsense', () => {
    const { desk: d } = desk();
    const all = d.services.sep.search('', 50).results.map((r) => r.id);
    expect(all).toEqual(sepRuleBook.rules.map((r) => r.id));
    expect(d.services.sep.search('zzqxj').results).toEqual([]);
  });
});

describe('SEP rule book loading', () => {
  it('loads the bundle into SQLite once, and again only when the version changes', () => {
    const t = desk();
    const sep = t.desk.services.sep;
    expect(sep.ensureLoaded(sepRuleBook)).toEqual({ version: sepRuleBook.version, loaded: false });
    const count = () => t.desk.db.prepare('SELECT count(*) FROM sep_rule').pluck().get();
    expect(count()).toBe(25);
    const next: SepRuleSet = {
      ...sepRuleBook,
      version: '2027.1',
      sourceTable: 'Special Enrollment table (2027 edition)',
      rules: sepRuleBook.rules.map((r) => (r.id === 'marriage' ? { ...r, title: 'Marriage (2027 table)' } : r)),
    };
    expect(sep.ensureLoaded(next)).toEqual({ version: '2027.1', loaded: true });
    expect(count()).toBe(25);
    expect(t.desk.db.prepare('SELECT version FROM sep_rule_set').pluck().get()).toBe('2027.1');
    // The new rows are what the next service instance reads and searches.
    const fresh = new SepService({ db: t.desk.db, clock: t.desk.clock, audit: t.desk.audit, callActivity: t.desk.callActivity }, next);
    expect(fresh.get('marriage').rule.title).toBe('Marriage (2027 table)');
    // The bundle names its table and when it was loaded, not plan years (issue 11 §11).
    expect(fresh.get('marriage')).toMatchObject({ sourceTable: 'Special Enrollment table (2027 edition)', loadedAt: t.desk.clock.now().toISOString() });
    expect(fresh.search('2027 table').results[0]?.id).toBe('marriage');
    expect(fresh.search('', 50).results).toHaveLength(25);
  });

  it('keeps the old book whole when a bad bundle is offered', () => {
    const t = desk();
    const bad = { ...sepRuleBook, version: '2027.1', rules: sepRuleBook.rules.slice(2) };
    expect(() => t.desk.services.sep.ensureLoaded(bad)).toThrow();
    expect(t.desk.db.prepare('SELECT version FROM sep_rule_set').pluck().get()).toBe(sepRuleBook.version);
    expect(t.desk.db.prepare('SELECT count(*) FROM sep_rule').pluck().get()).toBe(25);
  });

  it('reopening the same file does not reload', () => {
    const t = desk();
    const before = t.desk.db.prepare('SELECT loaded_at FROM sep_rule_set').pluck().get();
    t.clock.advance(60_000);
    t.desk.close(); // one desk at a time on a file (issue 14 §8)
    const again = openDesk({ dbPath: t.desk.dbPath, host: 'cli', log: silentLogger, env: {}, clock: t.clock });
    expect(again.db.prepare('SELECT loaded_at FROM sep_rule_set').pluck().get()).toBe(before);
    again.close();
  });
});

describe('SEP channels', () => {
  it('calc uses the desk clock as today and answers in the issue shape', async () => {
    const t = desk();
    t.clock.set('2026-05-16T15:00:00'); // local noon-ish: the 16th everywhere on this machine
    const r = await t.desk.router.dispatch('app:sep.calc', { eventId: 'permanent-move', eventDate: '2026-05-01' }, { via: 'test' });
    expect(r).toMatchObject({ ok: true, value: { event: 'permanent-move', coverageEffectiveDate: '2026-07-01', window: { start: '2026-05-01', end: '2026-06-30' } } });
    if (r.ok)
      expect(Object.keys(r.value as object).sort()).toEqual([
        'coverageEffectiveDate',
        'determinedBy',
        'documentation',
        'documentationText',
        'documentsDueBy',
        'event',
        'explanation',
        'ifGranted',
        'pends',
        'verdict',
        'warnings',
        'whatToSay',
        'window',
        'withinWindow',
      ]);
  });

  it('refuses an impossible date at its field and an unknown event', async () => {
    const t = desk();
    const bad = await t.desk.router.dispatch('app:sep.calc', { eventId: 'birth', eventDate: '2026-02-30' }, { via: 'test' });
    expect(bad).toMatchObject({ ok: false, error: { code: 'invalid_request', fieldErrors: { eventDate: 'That day does not exist.' } } });
    const unknown = await t.desk.router.dispatch('app:sep.get', { id: 'lottery' }, { via: 'test' });
    expect(unknown).toMatchObject({ ok: false, error: { fieldErrors: { id: expect.stringContaining('no qualifying event') } } });
    const extra = await t.desk.router.dispatch('app:sep.search', { query: 'x', sneaky: 1 }, { via: 'test' });
    expect(extra.ok).toBe(false);
  });

  it('copySummary puts one line on the active call’s timeline and the paragraph in its notes, and audits it', async () => {
    const t = desk();
    t.desk.operators.save({ name: 'Dana Rep', role: 'rep', pin: '2468' });
    const started = await t.desk.router.dispatch('app:call.start', { callerType: 'resident' }, { via: 'test' });
    expect(started.ok).toBe(true);
    const r = await t.desk.router.dispatch('app:sep.copySummary', { eventId: 'marriage', eventDate: '2026-06-20', selectionDate: '2026-06-25' }, { via: 'test' });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    const v = r.value as { summary: string; callId: string };
    expect(v.summary).toContain('Coverage effective 2026-07-01');
    const call = t.desk.services.calls.current().call!;
    expect(v.callId).toBe(call.id);
    const line = call.timeline.find((e) => e.kind === 'sep.summary')!;
    expect(line.summary).toBe('SEP Marriage: event 2026-06-20, coverage effective 2026-07-01.');
    expect(call.notes).toContain(v.summary);
    const audit = t.desk.db.prepare("SELECT subject FROM audit_log WHERE action = 'sep.summary.copied'").pluck().all();
    expect(audit).toEqual(['sep-event:marriage']);
  });

  it('copySummary works with no call: nothing to attach to, the summary is still given', async () => {
    const t = desk();
    const r = await t.desk.router.dispatch('app:sep.copySummary', { eventId: 'permanent-move', eventDate: '2026-05-01', selectionDate: '2026-05-15' }, { via: 'test' });
    expect(r).toMatchObject({ ok: true, value: { callId: null, summary: expect.stringContaining('Coverage effective 2026-06-01') } });
  });
});

describe('migration 0006', () => {
  it('creates the rule tables and a porter/prefix FTS5 index ranked by bm25', () => {
    const { desk: d } = desk();
    const sql = d.db.prepare("SELECT sql FROM sqlite_schema WHERE name = 'sep_rule_fts'").pluck().get() as string;
    expect(sql).toContain('fts5');
    expect(sql).toContain('porter');
    expect(sql).toContain('prefix');
    const ranked = d.db.prepare("SELECT id, bm25(sep_rule_fts) AS score FROM sep_rule_fts WHERE sep_rule_fts MATCH 'marri*' ORDER BY score").all() as {
      id: string;
      score: number;
    }[];
    expect(ranked[0]?.id).toBe('marriage');
    expect(d.dbInfo().tables.map((t) => t.name)).toEqual(expect.arrayContaining(['sep_rule', 'sep_rule_set']));
  });
});

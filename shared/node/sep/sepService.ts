/**
 * The SEP rule book on the desk's database: loads the versioned bundle into
 * SQLite (once per version), searches it with FTS5, and runs the calculator
 * with the desk's clock as "today".
 */
import { format } from 'date-fns';
import type { Clock } from '../../common/clock';
import { DeskError } from '../../common/errors';
import { calculateSep, type SepCalcResult } from '../../common/sep/calculator';
import { sepSummaryText } from '../../common/texts/sepSummary';
import { textUse } from '../texts/textHash';
import type { SepRuleView, SepSearchHit, SepSearchResponse, SepSummaryResponse } from '../../common/sep/contract';
import { sepRuleBook } from '../../common/sep/ruleBook';
import { categoryTitles, type SepRule, SepRuleSet } from '../../common/sep/schema';
import type { AuditLog } from '../audit/auditLog';
import type { Database } from '../db/database';
import type { CallActivity } from '../host/callActivity';
import type { Logger } from '../log';

/** Words that carry no meaning for finding an event ("I lost my job" → lost job). */
const STOP = new Set([
  'a',
  'an',
  'the',
  'my',
  'i',
  'im',
  'me',
  'we',
  'our',
  'and',
  'or',
  'of',
  'to',
  'in',
  'on',
  'for',
  'is',
  'was',
  'has',
  'have',
  'it',
  'be',
  'just',
  'from',
  'at',
  'with',
  'he',
  'she',
  'they',
  'their',
  'his',
  'her',
  // Spanish ("perdí mi trabajo" → perdi trabajo): without these, "mi" and "de" prefix-match
  // "misconduct" and "denied" and outrank the event the caller named (issue 13.2).
  'mi',
  'mis',
  'tu',
  'su',
  'sus',
  'de',
  'del',
  'el',
  'la',
  'las',
  'los',
  'lo',
  'le',
  'les',
  'un',
  'una',
  'unos',
  'unas',
  'y',
  'e',
  'o',
  'u',
  'que',
  'se',
  'te',
  'nos',
  'yo',
  'en',
  'con',
  'por',
  'para',
  'al',
  'es',
  'ya',
  'muy',
]);

/** Caller's words → FTS5 prefix terms; quoting each term keeps FTS5 syntax (AND, NEAR, ", *) out of user input. */
export function ftsTerms(query: string): string[] {
  const words =
    query
      .toLowerCase()
      .normalize('NFKD')
      .replace(/[\u0300-\u036f]/g, '')
      .match(/[a-z0-9]+/g) ?? [];
  const kept = words.filter((w) => !STOP.has(w));
  return [...new Set(kept.length ? kept : words)].slice(0, 12).map((w) => `"${w}"*`);
}

// Title and the callers' own words (English or Spanish) count most; documentation least.
const RANK = 'bm25(sep_rule_fts, 0, 10.0, 8.0, 3.0, 2.0, 1.0, 8.0)';

export interface SepDeps {
  db: Database;
  clock: Clock;
  audit: AuditLog;
  callActivity: CallActivity;
  log?: Logger;
}

export class SepService {
  #deps: SepDeps;
  #set: SepRuleSet;
  #byId = new Map<string, SepRule>();
  #loadedAt = '';
  #search;
  #all;

  constructor(deps: SepDeps, bundle: SepRuleSet = sepRuleBook) {
    this.#deps = deps;
    this.ensureLoaded(bundle);
    this.#set = this.#readOrRebuild(bundle);
    for (const r of this.#set.rules) this.#byId.set(r.id, r);
    this.#search = deps.db.prepare(`SELECT r.rule_json FROM sep_rule_fts f JOIN sep_rule r ON r.id = f.id WHERE sep_rule_fts MATCH ? ORDER BY ${RANK}, r.position LIMIT ?`);
    this.#all = deps.db.prepare('SELECT rule_json FROM sep_rule ORDER BY position LIMIT ?');
  }

  get ruleSet(): SepRuleSet {
    return this.#set;
  }

  /** Upserts the bundle when its version differs from the one in the database; one transaction, so a crash leaves the old book whole. */
  ensureLoaded(bundle: SepRuleSet): { version: string; loaded: boolean } {
    // Reference data, not an operator's action: it is not audited (the version is in sep_rule_set).
    const { db, clock } = this.#deps;
    const current = db.prepare('SELECT version FROM sep_rule_set WHERE id = 1').pluck().get() as string | undefined;
    if (current === bundle.version) return { version: current, loaded: false };
    const set = SepRuleSet.parse(bundle);
    db.transaction(() => {
      db.prepare('DELETE FROM sep_rule_fts').run();
      db.prepare('DELETE FROM sep_rule').run();
      const row = db.prepare('INSERT INTO sep_rule (id, position, title, category, determined_by, pends, rule_json) VALUES (?, ?, ?, ?, ?, ?, ?)');
      const fts = db.prepare('INSERT INTO sep_rule_fts (id, title, caller_words, examples, description, documentation, caller_words_es) VALUES (?, ?, ?, ?, ?, ?, ?)');
      set.rules.forEach((r, i) => {
        row.run(r.id, i, r.title, r.category, r.determinedBy, r.pends ? 1 : 0, JSON.stringify(r));
        fts.run(
          r.id,
          `${r.title} ${r.id.replaceAll('-', ' ')}`,
          r.callerWords.join(' | '),
          r.examples.join(' | '),
          r.description,
          r.documentation.items.join(' '),
          r.callerWordsEs.join(' | '),
        );
      });
      db.prepare(
        `INSERT INTO sep_rule_set (id, version, source_table, source, loaded_at) VALUES (1, ?, ?, ?, ?)
         ON CONFLICT (id) DO UPDATE SET version = excluded.version, source_table = excluded.source_table, source = excluded.source, loaded_at = excluded.loaded_at`,
      ).run(set.version, set.sourceTable, set.source, clock.now().toISOString());
    }).immediate();
    return { version: set.version, loaded: true };
  }

  /**
   * The rows are a cache of the bundle shipped with the app: rows that no longer
   * parse (a flipped byte on disk) are made again from it rather than taking every
   * command down with a raw validation dump (issue 14 §6).
   */
  #readOrRebuild(bundle: SepRuleSet): SepRuleSet {
    try {
      return this.#readSet();
    } catch (error) {
      this.#deps.log?.warn('the SEP rule rows were damaged; rebuilt from the bundle', { error: error instanceof Error ? error.name : 'error' });
      this.#deps.db.prepare('DELETE FROM sep_rule_set').run();
      this.ensureLoaded(bundle);
      this.#deps.audit.append({ action: 'sep.rules.rebuilt', details: { version: bundle.version, reason: 'stored rows did not parse' } });
      return this.#readSet();
    }
  }

  #readSet(): SepRuleSet {
    const { db } = this.#deps;
    const meta = db.prepare('SELECT version, source_table, source, loaded_at FROM sep_rule_set WHERE id = 1').get() as {
      version: string;
      source_table: string;
      source: string;
      loaded_at: string;
    };
    const rules = (db.prepare('SELECT rule_json FROM sep_rule ORDER BY position').pluck().all() as string[]).map((j) => JSON.parse(j) as unknown);
    this.#loadedAt = meta.loaded_at;
    return SepRuleSet.parse({ version: meta.version, sourceTable: meta.source_table, source: meta.source, rules });
  }

  #hit(json: string): SepSearchHit {
    const r = this.#byId.get((JSON.parse(json) as { id: string }).id)!;
    return { id: r.id, title: r.title, category: r.category, categoryTitle: categoryTitles[r.category], determinedBy: r.determinedBy, description: r.description };
  }

  search(query: string, limit = 25): SepSearchResponse {
    const terms = ftsTerms(query);
    let rows: string[];
    if (!terms.length) rows = this.#all.pluck().all(limit) as string[];
    else {
      // Every word first ("got married" should not match every "got"); any word when that finds nothing.
      rows = this.#search.pluck().all(terms.join(' AND '), limit) as string[];
      if (!rows.length && terms.length > 1) rows = this.#search.pluck().all(terms.join(' OR '), limit) as string[];
    }
    return { ruleSetVersion: this.#set.version, results: rows.map((j) => this.#hit(j)) };
  }

  get(id: string): SepRuleView {
    const rule = this.#byId.get(id);
    if (!rule) throw DeskError.atField('id', `There is no qualifying event "${id}".`, 'not_found');
    return { ruleSetVersion: this.#set.version, sourceTable: this.#set.sourceTable, loadedAt: this.#loadedAt, rule };
  }

  today(): string {
    return format(this.#deps.clock.now(), 'yyyy-MM-dd');
  }

  calc(input: unknown): SepCalcResult {
    return calculateSep(this.#set, input, this.today());
  }

  /** The paragraph a rep pastes into notes; also put on the active call's timeline and in the audit log (no personal data in it). */
  copySummary(input: { eventId: string; eventDate: string; selectionDate?: string | undefined }): SepSummaryResponse {
    const result = this.calc(input);
    const rule = this.#byId.get(result.event)!;
    // Read or sent to the consumer, so in the call's language (issue 13); the timeline line below is the rep's and stays English.
    const locale = this.#deps.callActivity.language() ?? 'en';
    const text = sepSummaryText(rule, result, { eventDate: input.eventDate, selectionDate: input.selectionDate ?? this.today() }, locale);
    const summary = text.paragraph;
    const used = textUse(text.rendered);
    // The timeline takes one readable line; the paragraph goes into the call notes (issue 3: "and into the call notes").
    const line =
      result.verdict === 'ese'
        ? `SEP ${rule.title}: an Exceptional Special Enrollment, requested in writing to KHBE; the committee decides.`
        : result.verdict === 'no-sep'
          ? `SEP ${rule.title}: event ${input.eventDate}, no Special Enrollment Period on this date.`
          : `SEP ${rule.title}: event ${input.eventDate}, coverage effective ${result.coverageEffectiveDate}.`;
    const callId = this.#deps.callActivity.record({
      kind: 'sep.summary',
      summary: line,
      refId: rule.id,
      details: { ruleSetVersion: this.#set.version, text: used },
      notes: summary,
    });
    this.#deps.audit.append({ action: 'sep.summary.copied', subject: `sep-event:${rule.id}`, details: { callId, ruleSetVersion: this.#set.version, text: used } });
    return { summary, locale, result, callId };
  }
}

import { createHash } from 'node:crypto';
import { format } from 'date-fns';
import type { ScriptVersionSummary } from '../../common/consent/contract';
import { ConsentScriptSchema, ScriptLibrary, builtInScripts, locales, type ConsentScript, type Locale, type ScriptId } from '../../common/consent/scripts';
import { DeskError } from '../../common/errors';
import { fieldErrorsOf } from '../../common/validation';
import type { DeskCore } from '../host/deskCore';

/** The part of the desk the script store uses, and no more. */
type ScriptStoreCore = Pick<DeskCore, 'audit' | 'clock' | 'db' | 'operators'>;

interface Row {
  script_json: string;
  loaded_at: string;
}

const sha256 = (s: string) => createHash('sha256').update(s, 'utf8').digest('hex');
/** The hash of a script version as data (key order fixed by the schema): shown in lists, kept in the audit log. */
export const scriptVersionSha256 = (s: ConsentScript) => sha256(JSON.stringify(ConsentScriptSchema.parse(s)));

/**
 * The consent scripts a desk reads: the built-in, seed-backed versions and the versions a
 * supervisor loaded (consent_script, migration 0010). A version is never changed once it
 * exists — the table refuses updates and deletes — so a record's id, version and locale
 * always lead back to the words it was read from.
 */
export class ConsentScriptStore {
  #library: ScriptLibrary | null = null;
  readonly #loadedAt = new Map<string, string>();

  constructor(private readonly core: ScriptStoreCore) {}

  #key(s: Pick<ConsentScript, 'id' | 'version' | 'locale'>): string {
    return `${s.id}/${s.version}/${s.locale}`;
  }

  library(): ScriptLibrary {
    if (this.#library) return this.#library;
    const rows = this.core.db.prepare('SELECT script_json, loaded_at FROM consent_script').all() as Row[];
    const loaded = rows.map((r) => {
      const s = ConsentScriptSchema.parse(JSON.parse(r.script_json));
      this.#loadedAt.set(this.#key(s), r.loaded_at);
      return s;
    });
    // A version a supervisor loaded before the same number shipped built in stays the one this
    // desk reads (its records were read from it): the built-in of that id, version and locale gives way.
    const mine = new Set(loaded.map((s) => this.#key(s)));
    this.#library = new ScriptLibrary([...builtInScripts.filter((s) => !mine.has(this.#key(s))), ...loaded]);
    return this.#library;
  }

  today(): string {
    return format(this.core.clock.now(), 'yyyy-MM-dd');
  }

  /** The version read for a new consent today. */
  inForce(id: ScriptId, locale: Locale): ConsentScript {
    return this.library().find(id, locale, { on: this.today() });
  }

  /** A given version (a consent in progress or a record keeps reading the one it started with). */
  find(id: ScriptId, locale: Locale, version: number): ConsentScript {
    return this.library().find(id, locale, { version });
  }

  list(): ScriptVersionSummary[] {
    const lib = this.library();
    const today = this.today();
    return lib.all.map((s) => {
      const loadedAt = this.#loadedAt.get(this.#key(s)) ?? null;
      return {
        id: s.id,
        version: s.version,
        locale: s.locale,
        effectiveFrom: s.effectiveFrom,
        title: s.title,
        origin: loadedAt ? 'loaded' : 'built-in',
        inForce: lib.find(s.id, s.locale, { on: today }).version === s.version,
        sha256: scriptVersionSha256(s),
        loadedAt,
        source: s.source,
      };
    });
  }

  /**
   * Loads one new version, in every language the desk offers, in one transaction. Refused:
   * anything that is not a valid script (at its field), a version that already exists or is
   * not above the highest, a language missing, or acknowledgments that differ between
   * languages (the Spanish would then not say what the English says). Supervisors only.
   */
  load(raw: unknown[]): ScriptVersionSummary[] {
    const op = this.core.operators.current();
    if (op?.role !== 'supervisor') throw new DeskError('refused', 'Only a supervisor can load a consent script version.');
    const errors: Record<string, string> = {};
    const scripts: ConsentScript[] = [];
    raw.forEach((r, i) => {
      const parsed = ConsentScriptSchema.safeParse(r);
      if (parsed.success) scripts.push(parsed.data);
      else for (const [k, v] of Object.entries(fieldErrorsOf(parsed.error))) errors[`scripts.${i}${k === '_' ? '' : `.${k}`}`] = v;
    });
    if (Object.keys(errors).length) throw new DeskError('invalid_request', 'The script file has answers that need fixing.', errors);
    const first = scripts[0]!;
    const refuse = (path: string, message: string): never => {
      throw DeskError.atField(path, message, 'refused');
    };
    scripts.forEach((s, i) => {
      if (s.id !== first.id || s.version !== first.version) refuse(`scripts.${i}.version`, 'Load one script version at a time: every entry has the same id and version.');
      if (s.effectiveFrom !== first.effectiveFrom) refuse(`scripts.${i}.effectiveFrom`, 'Every language of a version takes effect on the same day.');
      const ids = (x: ConsentScript) => x.acknowledgments.map((a) => `${a.id}:${a.onlyIf ?? ''}`).join(',');
      if (ids(s) !== ids(first)) refuse(`scripts.${i}.acknowledgments`, `The ${s.locale} text must have the same acknowledgments, in the same order, as the ${first.locale} text.`);
    });
    const given = scripts.map((s) => s.locale);
    for (const l of locales)
      if (!given.includes(l)) refuse('scripts', `Give the ${l === 'es' ? 'Spanish (es)' : 'English (en)'} text too: a version is read in every language the desk offers.`);
    if (new Set(given).size !== given.length) refuse('scripts', 'Each language appears once.');
    const lib = this.library();
    const existing = lib.all.filter((s) => s.id === first.id);
    if (existing.some((s) => s.version === first.version))
      refuse('scripts.0.version', `${first.id} v${first.version} already exists and is never edited: load the new wording as v${Math.max(...existing.map((s) => s.version)) + 1}.`);
    const highest = Math.max(0, ...existing.map((s) => s.version));
    if (first.version < highest) refuse('scripts.0.version', `Versions only go up: the highest ${first.id} version is ${highest}.`);

    const now = this.core.clock.now().toISOString();
    this.core.db.transaction(() => {
      const insert = this.core.db.prepare(
        'INSERT INTO consent_script (script_id, version, locale, effective_from, script_json, script_sha256, loaded_at, loaded_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
      );
      for (const s of scripts) insert.run(s.id, s.version, s.locale, s.effectiveFrom, JSON.stringify(s), scriptVersionSha256(s), now, op.id);
      this.core.audit.append({
        action: 'consent.script.loaded',
        subject: `consent-script:${first.id}:v${first.version}`,
        details: { effectiveFrom: first.effectiveFrom, locales: given, sha256: Object.fromEntries(scripts.map((s) => [s.locale, scriptVersionSha256(s)])) },
      });
    })();
    this.#library = null;
    return this.list().filter((s) => s.id === first.id && s.version === first.version);
  }
}

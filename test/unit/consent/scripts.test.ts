import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { wordingText } from '../../../shared/common/consent/record';
import {
  applicableAcknowledgments,
  builtInScripts,
  findScript,
  renderScript,
  scriptWordingProblems,
  type ConsentScript,
  type Locale,
  type ScriptId,
} from '../../../shared/common/consent/scripts';
import { scriptVersionSha256 } from '../../../shared/node/consent/scriptStore';
import { scriptSha256 } from '../../../shared/node/consent/scriptHash';
import { runCli as cli } from '../../../shared/node/cli/main';
import { dispatcher } from '../../helpers/dispatch';
import { openTestDesk } from '../../helpers/temp';

const values = { clientName: 'John Doe', agentName: 'Maria West', agencyName: 'Bluegrass Benefits', repName: 'Dana Rep', organizationName: 'Hope Center' };

describe('consent scripts (built-in, seed-backed)', () => {
  it('ship agent association and kynect resources partner access, each in English and Spanish, with the same acknowledgments', () => {
    for (const id of ['agent-association', 'kynect-resources-partner-access'] as const) {
      const en = findScript(id, 'en');
      const es = findScript(id, 'es');
      expect(en.version).toBe(3);
      expect(es.version).toBe(en.version);
      expect(es.acknowledgments.map((a) => [a.id, a.onlyIf])).toEqual(en.acknowledgments.map((a) => [a.id, a.onlyIf]));
    }
    expect(new Set(builtInScripts.map((s) => `${s.id}/${s.version}/${s.locale}`)).size).toBe(builtInScripts.length);
  });

  it('agent association v2 keeps only what the seeds support: the client is themselves (000:20), permission for the Agent to serve as an Agent (001:103), Agents may assist (000:22)', () => {
    for (const locale of ['en', 'es'] as const) {
      const text = renderScript(findScript('agent-association', locale), values).text;
      expect(text).not.toMatch(/act for|en nombre de/); // the client speaks for themselves (000:20)
      expect(text).not.toMatch(/remove|quitar|1-855-459-6328/i); // no seed says how a client removes an Agent
    }
    const en = renderScript(findScript('agent-association', 'en'), values);
    expect(en.acknowledgments.map((a) => a.text)).toEqual([
      'You confirm that you are John Doe and that you are on this call yourself.',
      'You give permission for Maria West to serve as an Agent on your case.',
      'You understand that once Maria West is associated with your case, Maria West may assist you as applicable.',
    ]);
    expect(en.intro).toContain('I will read 3 statements');
    expect(renderScript(findScript('agent-association', 'es'), values).intro).toContain('Maria West, de Bluegrass Benefits, está en la línea');
  });

  it('keep version 1 for the records read from it, with its words unchanged', () => {
    const v1 = renderScript(findScript('agent-association', 'en', 1), values);
    expect(v1.acknowledgments).toHaveLength(4);
    expect(v1.text).toContain('or that you may act for John Doe');
  });

  it('fill every placeholder and refuse to render with one missing', () => {
    const r = renderScript(findScript('agent-association', 'en'), values);
    expect(r.text).not.toMatch(/\{[a-zA-Z]+\}/);
    expect(r.intro).toContain('Maria West of Bluegrass Benefits is on the line');
    expect(() => renderScript(findScript('agent-association', 'en'), { clientName: 'John Doe' })).toThrow(/\{repName\}, \{agentName\}, \{agencyName\}/);
    expect(() => renderScript(findScript('agent-association', 'es'), { ...values, agentName: '  ' })).toThrow(/\{agentName\}/);
  });

  it('partner access: "Opt Out" and "Remove" only to a resident with a kynect resources account (002 Q38, Q41); without one, what an account needs (Q40)', () => {
    const script = findScript('kynect-resources-partner-access', 'en');
    const withAccount = renderScript(script, values, ['resident-has-account']);
    expect(withAccount.text).toContain('by selecting "Remove" on the "Privacy Settings" page');
    expect(withAccount.text).toContain('"Opt Out"');
    expect(withAccount.text).not.toContain('an account needs an email address and internet access');
    const without = renderScript(script, values, ['resident-has-no-account']);
    expect(without.text).toContain('an account needs an email address and internet access');
    expect(without.text).not.toContain('you can select "Opt Out"');
    expect(withAccount.acknowledgments).toHaveLength(4);
    expect(applicableAcknowledgments(script, ['resident-has-no-account']).map((a) => a.id)).toEqual(['view', 'verbal', 'no-account', 'identity']);
    // Consent may be given by email, text or verbal acknowledgment (Q22, Q42): never "by telling me".
    expect(withAccount.text).toContain('"Request Consent" email or text');
    expect(withAccount.text).not.toContain('telling me');
    const es = renderScript(findScript('kynect-resources-partner-access', 'es'), values, ['resident-has-account']).text;
    expect(es).toContain('"Privacy Settings"');
    expect(es).toContain('Usted confirma que es John Doe.');
  });

  it('hash exactly the text shown: any change of name, locale, wording or statements read changes the SHA-256', () => {
    const en = renderScript(findScript('agent-association', 'en'), values);
    expect(scriptSha256(en)).toBe(createHash('sha256').update(en.text).digest('hex'));
    expect(scriptSha256(renderScript(findScript('agent-association', 'en'), { ...values, clientName: 'Jon Doe' }))).not.toBe(scriptSha256(en));
    expect(scriptSha256(renderScript(findScript('agent-association', 'es'), values))).not.toBe(scriptSha256(en));
    const p = findScript('kynect-resources-partner-access', 'en');
    expect(scriptSha256(renderScript(p, values, ['resident-has-account']))).not.toBe(scriptSha256(renderScript(p, values, ['resident-has-no-account'])));
  });

  it('name no seed or section in the words of the newest version, read aloud or kept in the record; they stay in the source (issue 12.6)', () => {
    expect(scriptWordingProblems(builtInScripts)).toEqual([]);
    for (const locale of ['en', 'es'] as const) {
      const v3 = findScript('agent-association', locale, 3);
      expect(wordingText(v3)).not.toMatch(/\(\d{3}|§/);
      expect(v3.source).toMatch(/scope: 000, 001; purpose: 000:22/);
    }
    const cited = builtInScripts.map((s) => (s.id === 'agent-association' && s.version === 3 && s.locale === 'es' ? { ...s, duration: `${s.duration} (000, 001)` } : s));
    expect(scriptWordingProblems(cited)).toEqual(['agent-association v3 (es) duration names a seed or section ("(000, 001)"): put it in the source.']);
    const inAStatement = builtInScripts.map((s) =>
      s.id === 'kynect-resources-partner-access' && s.version === 3 && s.locale === 'en'
        ? { ...s, acknowledgments: s.acknowledgments.map((a) => ({ ...a, text: `${a.text} (002 Q41)` })) }
        : s,
    );
    expect(scriptWordingProblems(inAStatement)[0]).toBe('kynect-resources-partner-access v3 (en) acknowledgment view names a seed or section ("(002 Q41)"): put it in the source.');
    // v2 keeps the words it was read with, codes and all.
    expect(findScript('agent-association', 'en', 2).scope).toBe('Agent association with the client case in kynect (000, 001)');
  });

  it('never change a published version: v1 and v2 hash as they did when published, so records read from them still verify', () => {
    // SHA-256 of each version as data (scriptVersionSha256), taken from the versions as published.
    const published: Record<string, string> = {
      'agent-association/1/en': '235a660f1fbf61bcf0c6e49960e730efdce628cea50f24c268a45222866d75fe',
      'agent-association/1/es': 'df037a5e2ef2ea07c6d59d9a0bf9555cc1022e4cb01de7e23d3005b1627888df',
      'agent-association/2/en': 'f8e5b3aaa4f50f6055edb1a617277697ac6252b2a9c652d2d196975f659e7b9b',
      'agent-association/2/es': '0cb83a2532c80a5891dc77200435d3c92c5a76eecf1cae76390acc6c4d1ccac5',
      'kynect-resources-partner-access/1/en': 'b8da4b39f40338792c3e0ce271f8cb83df7ba4292cbdf0ad1bcd498bb7088fcc',
      'kynect-resources-partner-access/1/es': '3ebb22e89f533d75e32b30f839db9c6cd9b2206e04944f8266c28e40c2274eb6',
      'kynect-resources-partner-access/2/en': '4314bb6b20aed6bd5406a59c76577ad42094aeb4f698c23b8e98b57926621509',
      'kynect-resources-partner-access/2/es': '8338b9fd3577d87aa858e14e33c777b921a33d4597f5b40ec2163e027ff3725c',
    };
    for (const [key, sha] of Object.entries(published)) {
      const [id, version, locale] = key.split('/') as [ScriptId, string, Locale];
      expect(scriptVersionSha256(findScript(id, locale, Number(version))), key).toBe(sha);
    }
    // A v2 record's script hash and wording hash are recomputed from v2 alone, whatever v3 says.
    const v2 = findScript('agent-association', 'es', 2);
    const v3 = findScript('agent-association', 'es', 3);
    expect(scriptSha256(renderScript(v2, values))).not.toBe(scriptSha256(renderScript(v3, values)));
    expect(wordingText(v2)).toContain('(000, 001)');
    expect(createHash('sha256').update(wordingText(v2)).digest('hex')).not.toBe(createHash('sha256').update(wordingText(v3)).digest('hex'));
  });

  it('refuse an unknown script or version', () => {
    expect(() => findScript('agent-association', 'en', 99)).toThrow('There is no consent script agent-association v99 in en.');
  });
});

/** The official wording as a supervisor would load it: v4 of the agent script in both languages (v3 is the newest built in). */
function official(effectiveFrom: string): ConsentScript[] {
  return (['en', 'es'] as const).map((locale) => {
    const base = findScript('agent-association', locale);
    return { ...base, version: 4, effectiveFrom, title: `${base.title} (official)`, source: 'KHBE official wording, loaded for the test' };
  });
}

/** The CLI in this process, as `npm run --silent cli -- …` runs it. */
async function runCli(args: string[]) {
  let stdout = '';
  let stderr = '';
  const code = await cli(args, { stdout: (x) => (stdout += x), stderr: (x) => (stderr += x), env: {} });
  return { code, stdout, stderr };
}

let t: ReturnType<typeof openTestDesk> | undefined;
afterEach(() => t?.close());
const { call, refusedBy } = dispatcher(() => t!.desk);

describe('consent scripts as data: a supervisor loads a new version (issue 11 §5)', () => {
  it('loads v4 in both languages; it is read from its effective date on, and earlier versions stay readable', async () => {
    t = openTestDesk();
    t.desk.operators.save({ name: 'Sam Supervisor', role: 'supervisor', pin: '2468' });
    const loaded = await call('app:consent.scripts.load', { scripts: official('2026-12-01') });
    expect(loaded.map((s: { locale: string; origin: string }) => [s.locale, s.origin])).toEqual([
      ['en', 'loaded'],
      ['es', 'loaded'],
    ]);
    const store = t.desk.services.consentScripts;
    // 2026-11-22 on the test clock: v2 still in force (the built-in v3 is read from December 4); from December 1, the loaded v4.
    expect(store.inForce('agent-association', 'en').version).toBe(2);
    t.clock.set(new Date('2026-12-01T15:00:00Z'));
    expect(store.inForce('agent-association', 'es').version).toBe(4);
    expect(store.find('agent-association', 'en', 1).acknowledgments).toHaveLength(4);
    const list = await call('app:consent.scripts.list', {});
    expect(list.filter((s: { inForce: boolean; id: string }) => s.inForce && s.id === 'agent-association').map((s: { version: number }) => s.version)).toEqual([4, 4]);
    expect(t.desk.audit.recent(5).map((e) => e.action)).toContain('consent.script.loaded');
    // Never an edit: the table refuses, and loading the same version again is refused at its field.
    expect(() => t!.desk.db.prepare("UPDATE consent_script SET effective_from = '2027-01-01'").run()).toThrow(/never edited/);
    expect(() => t!.desk.db.prepare('DELETE FROM consent_script').run()).toThrow(/never deleted/);
    const again = await refusedBy('app:consent.scripts.load', { scripts: official('2026-12-01') });
    expect(again.fieldErrors?.['scripts.0.version']).toMatch(/already exists and is never edited: load the new wording as v5/);
    const builtIn = await refusedBy('app:consent.scripts.load', { scripts: official('2026-12-01').map((s) => ({ ...s, version: 2 })) });
    expect(builtIn.fieldErrors?.['scripts.0.version']).toMatch(/v2 already exists/);
  });

  it('is refused: a rep loading, one language only, different acknowledgments, a placeholder the script cannot fill', async () => {
    t = openTestDesk();
    t.desk.operators.save({ name: 'Dana Rep', role: 'rep', pin: '2468' });
    expect((await refusedBy('app:consent.scripts.load', { scripts: official('2026-12-01') })).message).toMatch(/Only a supervisor/);
    t.desk.operators.save({ name: 'Sam Supervisor', role: 'supervisor' });
    const [en, es] = official('2026-12-01');
    expect((await refusedBy('app:consent.scripts.load', { scripts: [en] })).fieldErrors?.scripts).toMatch(/Give the Spanish \(es\) text too/);
    const fewer = { ...es!, acknowledgments: es!.acknowledgments.slice(1) };
    expect((await refusedBy('app:consent.scripts.load', { scripts: [en, fewer] })).fieldErrors?.['scripts.1.acknowledgments']).toMatch(/same acknowledgments/);
    const unknown = { ...en!, intro: 'Hello {clientSsn}.' };
    expect((await refusedBy('app:consent.scripts.load', { scripts: [unknown, es] })).fieldErrors?.['scripts.0.intro']).toMatch(/\{clientSsn\} is not a value this script can name/);
    expect(t.desk.db.prepare('SELECT count(*) FROM consent_script').pluck().get()).toBe(0);
  });

  it('a v3 a supervisor loaded before v3 shipped built in stays the v3 this desk reads, once', () => {
    t = openTestDesk();
    const sam = t.desk.operators.save({ name: 'Sam Supervisor', role: 'supervisor', pin: '2468' }).operator;
    // As an older build's loader wrote it, when v2 was the newest built in.
    const insert = t.desk.db.prepare(
      'INSERT INTO consent_script (script_id, version, locale, effective_from, script_json, script_sha256, loaded_at, loaded_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
    );
    for (const s of official('2026-11-20').map((x) => ({ ...x, version: 3 })))
      insert.run(s.id, 3, s.locale, s.effectiveFrom, JSON.stringify(s), scriptVersionSha256(s), '2026-11-19T15:00:00.000Z', sam.id);
    const store = t.desk.services.consentScripts;
    expect(store.find('agent-association', 'es', 3).source).toBe('KHBE official wording, loaded for the test');
    expect(store.inForce('agent-association', 'en').title).toBe('Verbal consent: Agent association (official)');
    const v3s = store.list().filter((s) => s.id === 'agent-association' && s.version === 3);
    expect(v3s.map((s) => [s.locale, s.origin])).toEqual([
      ['en', 'loaded'],
      ['es', 'loaded'],
    ]);
    // The other script has no loaded v3: its built-in v3 is there as shipped.
    expect(store.find('kynect-resources-partner-access', 'es', 3).acknowledgments[0]!.text).toContain('sus inscripciones en programas');
  });

  it('through the CLI: scripts load <file> and scripts list', async () => {
    t = openTestDesk();
    t.desk.operators.save({ name: 'Sam Supervisor', role: 'supervisor', pin: '2468' });
    const db = t.desk.dbPath;
    t.desk.close();
    const file = path.join(t.dir, 'v4.json');
    fs.writeFileSync(file, JSON.stringify(official('2026-12-01')));
    const load = await runCli(['scripts', 'load', file, '--db', db, '--json', '--now', '2026-11-22T15:00:00Z']);
    expect(load.code).toBe(0);
    expect(JSON.parse(load.stdout).map((s: { version: number }) => s.version)).toEqual([4, 4]);
    const list = await runCli(['scripts', 'list', '--db', db, '--now', '2026-12-02']);
    expect(list.stdout).toMatch(/agent-association\s+v4\s+es\s+from 2026-12-01\s+loaded\s+in force/);
    const bad = await runCli(['scripts', 'load', file, '--db', db, '--now', '2026-11-22T15:00:00Z']);
    expect(bad.code).not.toBe(0);
    expect(bad.stderr).toMatch(/already exists and is never edited/);
    t = { ...t, close: () => fs.rmSync(t!.dir, { recursive: true, force: true }) };
  });
});

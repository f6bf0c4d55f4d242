import fs from 'node:fs';
import type { ScriptVersionSummary } from '../../../common/consent/contract';
import { DeskError } from '../../../common/errors';
import { UsageError, type CliCommand } from '../command';

const line = (s: ScriptVersionSummary) =>
  `${s.id.padEnd(32)} v${String(s.version).padEnd(3)} ${s.locale}  from ${s.effectiveFrom}  ${s.origin.padEnd(8)}${s.inForce ? '  in force' : ''}  sha256 ${s.sha256.slice(0, 12)}`;

export const scriptsList: CliCommand = {
  words: ['scripts', 'list'],
  summary: 'Every consent script version (built-in and loaded), its effective date, and which is read today.',
  usage: '',
  run: (ctx) => ctx.desk().services.consentScripts.list(),
  text: (rows: ScriptVersionSummary[]) => rows.map(line).join('\n'),
};

export const scriptsLoad: CliCommand = {
  words: ['scripts', 'load'],
  summary: 'Load the official wording as a new consent script version (a JSON array, one entry per language; supervisors only).',
  usage: '<file.json>',
  run: (ctx) => {
    const file = ctx.positionals[0];
    if (!file) throw new UsageError('Give the JSON file of the new version: scripts load v3.json');
    let raw: unknown;
    try {
      raw = JSON.parse(fs.readFileSync(file, 'utf8'));
    } catch (error) {
      throw new DeskError('invalid_request', `${file} cannot be read as JSON: ${error instanceof Error ? error.message : String(error)}`);
    }
    const scripts = Array.isArray(raw)
      ? raw
      : raw && typeof raw === 'object' && Array.isArray((raw as { scripts?: unknown }).scripts)
        ? (raw as { scripts: unknown[] }).scripts
        : null;
    if (!scripts || scripts.length === 0) throw new DeskError('invalid_request', `${file} must hold a JSON array of scripts, one per language (or { "scripts": [...] }).`);
    return ctx.desk().services.consentScripts.load(scripts);
  },
  text: (rows: ScriptVersionSummary[]) => `Loaded:\n${rows.map(line).join('\n')}`,
};

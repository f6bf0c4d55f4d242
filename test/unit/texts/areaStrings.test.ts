import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { i18n, namespaces, resources } from '../../../renderer/src/i18n';
import { labelsOf } from '../../../renderer/src/app/useLabels';
import { callerLabel, callerLabelShort, callerTypes } from '../../../shared/common/calls/callerTypes';
import { describeOffer } from '../../../shared/common/calls/screenPop';
import { describeCaller } from '../../../shared/common/calls/session';

/**
 * The rep's screens are built ready for translation (issue 13 §3): each converted area's
 * words live in its strings module, not in its components, and every placeholder that is
 * a date or a number goes through the one format helper.
 */
const FORMATTERS = new Set(['when', 'day', 'clock', 'number']);
// Areas whose screens take every word from their strings module; the others follow.
const CONVERTED = ['supervisor', 'association', 'call', 'sep', 'ese', 'match', 'shell', 'labels'];
// Where each namespace's components live: an area's folder, or for the shell app/ and ui/; the
// domain's code names (labels) have no components of their own.
const FOLDERS: Record<string, string[]> = { shell: ['renderer/src/app', 'renderer/src/ui'], labels: [] };
// The Supervisor charts' names for codes come with the rows of their CSV and PDF exports,
// which shared/common/supervisor/drill.ts builds in English for the files a supervisor keeps.
const LABEL_MAPS_PENDING = new Set(['SupervisorCharts.tsx']);

function leaves(o: object, prefix = ''): [string, string][] {
  return Object.entries(o).flatMap(([k, v]) => (typeof v === 'string' ? [[prefix + k, v] as [string, string]] : leaves(v as object, `${prefix}${k}.`)));
}

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? sources(path.join(dir, e.name)) : e.name.endsWith('.tsx') ? [path.join(dir, e.name)] : []));
}

describe('area strings', () => {
  it('every namespace has words, plurals in both forms, and placeholders only through known formatters', () => {
    expect(namespaces).toEqual(CONVERTED);
    for (const ns of namespaces) {
      const all = leaves(resources.en[ns]);
      expect(all.length).toBeGreaterThan(20);
      const keys = new Set(all.map(([k]) => k));
      for (const [key, text] of all) {
        expect(text.trim(), key).not.toBe('');
        const plural = /^(.*)_(one|other)$/.exec(key);
        if (plural) expect(keys.has(`${plural[1]}_one`) && keys.has(`${plural[1]}_other`), `${key} needs _one and _other`).toBe(true);
        for (const [, , format] of text.matchAll(/\{\{\s*(\w+)\s*(?:,\s*(\w+)(?:\([^)]*\))?)?\s*\}\}/g)) if (format) expect(FORMATTERS.has(format), `${key}: ${format}`).toBe(true);
      }
    }
  });

  it('counts agree with their nouns and dates and numbers read through the one helper', () => {
    const t = i18n.getFixedT('en', 'supervisor');
    expect(t('floor.openCalls', { count: 1 })).toBe('1 open call');
    expect(t('floor.openCalls', { count: 1204 })).toBe('1,204 open calls');
    expect(t('drill.listed', { count: 2, title: 'Calls at 9:00' })).toBe('2 rows listed: Calls at 9:00.');
    expect(t('search.associationOf', { day: '2026-12-03' })).toBe('association of Dec 3, 2026');
    expect(t('search.callOf', { at: '2026-12-03T15:05:00.000Z', formatParams: { at: { timeZone: 'America/Chicago' } } })).toBe('call of Dec 3, 2026, 9:05 AM');
    expect(t('figures.minutesAxis', { minutes: 1.5 })).toBe('1.5 min');

    const sep = i18n.getFixedT('en', 'sep');
    expect(sep('search.events', { count: 1 })).toBe('1 event');
    expect(sep('search.events', { count: 12 })).toBe('12 events');
    expect(sep('rule.sourceLine', { documents: 'Special Enrollment table', version: '2026.1', table: 'table', loadedAt: '2026-12-03T15:05:00.000Z' })).toBe(
      'Special Enrollment table · rule set 2026.1, from the table, loaded on this desk Dec 3, 2026',
    );
    expect(sep('calc.announceCoverage', { date: '2026-07-01' })).toBe('Coverage starts 2026-07-01.');

    const ese = i18n.getFixedT('en', 'ese');
    expect(ese('intake.answersToFix', { count: 1 })).toBe('1 answer needs fixing before forwarding.');
    expect(ese('intake.answersToFix', { count: 3 })).toBe('3 answers need fixing before forwarding.');
    expect(ese('intake.draftSaved', { at: '2026-12-03T15:05:00.000Z', formatParams: { at: { timeZone: 'America/Chicago' } } })).toBe('Draft saved 9:05 AM');
    expect(ese('outbox.flushed', { attempted: 1200, sent: 1198, queued: 1, failed: 1 })).toBe('Tried 1,200: 1,198 sent, 1 waiting, 1 failed.');

    const match = i18n.getFixedT('en', 'match');
    expect(match('import.nothing', { count: 1 })).toBe('Nothing was imported: 1 bad row. Fix it, or tick “Import the good rows”.');
    expect(match('import.nothing', { count: 2 })).toBe('Nothing was imported: 2 bad rows. Fix them, or tick “Import the good rows”.');
    expect(match('import.writing', { count: 1_000_000 })).toBe('Writing to the cache: 1,000,000 rows');
    expect(match('lookup.foundRecords', { level: 'Partial match', count: 1 })).toBe('Partial match: 1 record.');
    expect(match('case.applicationOn', { number: 'T900', day: '2026-11-18' })).toBe('Application T900 (2026-11-18):');

    const shell = i18n.getFixedT('en', 'shell');
    expect(shell('keys.goTo', { area: 'Member match' })).toBe('Go to Member match, at its first field or main action');
    expect(shell('app.skipTo', { area: 'Call' })).toBe('Skip to the Call area');
    expect(shell('lock.minutes', { count: 1 })).toBe('1 minute');
    expect(shell('lock.settingSaved', { minutes: shell('lock.minutes', { count: 5 }) })).toBe('kynect Desk now locks after 5 minutes without activity.');
    expect(shell('lock.warningAnnounce', { seconds: shell('lock.seconds', { count: 30 }) })).toBe(
      "kynect Desk will lock in 30 seconds to protect residents' data. Press any key to stay.",
    );
    expect(shell('lock.lockedAt', { at: '2026-12-03T15:05:00.000Z', formatParams: { at: { timeZone: 'America/Chicago' } } })).toBe("Locked at 9:05 AM to protect residents' data.");
    expect(shell('formError.fields', { count: 4 })).toBe('4 fields need attention.');
    expect(
      shell('status.centralOfflineWaiting', {
        since: shell('status.centralSince', { at: '2026-12-03T15:05:00.000Z', formatParams: { at: { timeZone: 'America/Chicago' } } }),
        waiting: 1204,
      }),
    ).toBe('Central: offline since 9:05 AM, 1,204 waiting');
    expect(shell('status.eseWaitingFailed', { waiting: 2, failed: 1 })).toBe('ESE email: 2 waiting, 1 failed');

    const a = i18n.getFixedT('en', 'association');
    expect(a('consent.attempt', { n: 2, outcome: 'the client did not respond within 90 seconds' })).toBe('Request 2: the client did not respond within 90 seconds.');
    expect(a('records.at', { at: '2026-12-03T15:05:00.000Z', formatParams: { at: { timeZone: 'America/Chicago' } } })).toBe('Dec 3, 2026, 9:05 AM');
    expect(a('area.timelineAt', { at: '2026-12-03T15:05:00.000Z', formatParams: { at: { timeZone: 'America/Chicago' } } })).toBe('9:05 AM');
    expect(a('countdown.full', { seconds: 75 })).toBe('<n>1:15</n><rest> left for the client to accept</rest>');
    expect(a('partner.identifiers', { required: 3 })).toBe('Identifying information the resident gave (at least 3)');

    const c = i18n.getFixedT('en', 'call');
    expect(c('history.found', { count: 1 })).toBe('1 call found.');
    expect(c('history.found', { count: 1204 })).toBe('1,204 calls found.');
    expect(c('bar.unfinished', { count: 1 })).toBe('The call has work not finished. End it anyway, or keep the call.');
    expect(c('bar.unfinished', { count: 2 })).toBe('The call has 2 things not finished. End it anyway, or keep the call.');
    expect(c('dispositions.saved', { count: 1 })).toBe('Disposition list saved: 1 disposition.');
    expect(c('dispositions.saved', { count: 2 })).toBe('Disposition list saved: 2 dispositions.');
    expect(c('past.title', { at: '2026-12-03T15:05:00.000Z', formatParams: { at: { timeZone: 'America/Chicago' } } })).toBe('Call of Dec 3, 2026, 9:05 AM (read-only)');
    expect(c('notes.savedAt', { at: '2026-12-03T15:05:00.000Z', formatParams: { at: { timeZone: 'America/Chicago' } } })).toBe('Saved at 9:05 AM');
    expect(c('past.followUpOn', { day: '2026-12-31' })).toBe('Dec 31, 2026');
  });

  it('screens name the domain’s codes through i18next (labels), never by indexing shared/common’s English maps', () => {
    const offenders = sources('renderer/src')
      .filter((f) => !LABEL_MAPS_PENDING.has(path.basename(f)))
      .flatMap((f) => [...readFileSync(f, 'utf8').matchAll(/\b\w+Labels\[/g)].map((m) => `${path.relative('.', f)}: ${m[0]}`));
    expect(offenders).toEqual([]);
    const l = i18n.getFixedT('en', 'labels');
    expect(l('callState.wrap_up')).toBe('Wrap-up');
    expect(l('callerType.agent_three_way')).toBe('Agent with the client on the line (three-way)');
    expect(l('timelineKind.match.search')).toBe('Member match');
    expect(l('role.psl')).toBe('PSL staff');
  });

  it('the caller as the screens compose it reads as the English the CLI, timeline and exports use', () => {
    const l = labelsOf(i18n.getFixedT('en', 'labels'));
    for (const type of callerTypes)
      for (const clientOnLine of [false, true]) {
        expect(l.callerOnBar(type, clientOnLine), `${type} ${clientOnLine}`).toBe(callerLabel(type, clientOnLine));
        expect(l.callerOnBar(type, clientOnLine, true), `${type} ${clientOnLine} short`).toBe(callerLabelShort(type, clientOnLine));
        for (const callerName of [null, 'Pat Agent'])
          expect(l.caller({ callerType: type, clientOnLine, callerName })).toBe(describeCaller({ callerType: type, clientOnLine, callerName }));
        for (const callbackNumber of [null, '5025550134'])
          for (const caseNumber of [null, '100300113'])
            for (const callerName of [null, 'Pat Agent']) {
              const offer = { id: 'pop-1', receivedAt: '2026-12-04T15:00:00.000Z', callerType: type, callbackNumber, caseNumber, callerName };
              expect(l.offer(offer)).toBe(describeOffer(offer));
            }
      }
  });

  it('a converted area’s components carry no words of their own', () => {
    for (const area of CONVERTED) {
      const files = (FOLDERS[area] ?? [path.join('renderer/src/areas', area)]).flatMap(sources);
      for (const file of files) {
        const code = readFileSync(file, 'utf8').replace(/\{\/\*[\s\S]*?\*\/\}/g, '');
        const words = [
          // JSX text: letters between tags, outside braces (not an arrow's `=> a.b<T>(` or `=> Promise<…>`).
          ...[...code.matchAll(/(?<!=)>\s*([A-Za-z][A-Za-z ,.'’:;()-]{2,})\s*</g)].map((m) => m[1]),
          // Words a screen reader or the rep reads from attributes.
          ...[...code.matchAll(/\b(?:label|aria-label|hint|legend|title|placeholder|caption)="([^"]*[A-Za-z][^"]*)"/g)].map((m) => m[1]),
        ];
        expect(words, path.relative('.', file)).toEqual([]);
      }
    }
  });
});

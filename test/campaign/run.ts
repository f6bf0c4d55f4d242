/**
 * `npm run campaign`: reruns the issue-14 attack-and-fault campaign on this
 * machine — SIGKILLs during a 200,000-member import, notes autosave and ESE
 * delivery (20 each unless KYNECT_CRASH_TRIES says otherwise), byte flips in a
 * database, probes of the harness, and SSN shapes through every place text goes —
 * and prints its tables. Exits 1 unless nothing was lost, leaked or crashed.
 * Everything runs on 127.0.0.1 and in temporary folders; it takes a few minutes.
 */
import { byteFlips, campaignTable, harnessProbes, ssnShapes, type CampaignRow } from './attacks';
import { crashEse, crashImport, crashNotes, crashTable, type CrashRow } from './crash';

const tries = Number(process.env.KYNECT_CRASH_TRIES ?? 20);
const flips = Number(process.env.KYNECT_FLIP_TRIES ?? 40);
const started = Date.now();
const say = (s: string) => process.stdout.write(`${s}\n`);

const crashes: CrashRow[] = [];
for (const [name, run] of [
  ['import', () => crashImport(tries)],
  ['notes', () => crashNotes(tries)],
  ['ESE delivery', () => crashEse(tries)],
] as const) {
  say(`… ${tries} SIGKILLs during ${name}`);
  crashes.push(await run());
}
const rows: CampaignRow[] = crashes.map((c) => ({
  area: `SIGKILL during ${c.scenario}`,
  tries: c.tries,
  lost: c.lost + c.duplicated + (c.tries - c.dbCheckClean) + (c.tries - c.auditClean),
  leaked: 0,
  crashes: 0,
  note: `${c.acknowledged} acknowledged, ${c.found} found after restart${c.emailsReceived !== undefined ? `, ${c.emailsReceived} emails, ${c.distinctMessageIds} distinct Message-IDs` : ''}; db check ${c.dbCheckClean}/${c.tries}, audit verify ${c.auditClean}/${c.tries}`,
}));
say(`… ${flips} byte flips`);
rows.push(await byteFlips(flips));
say('… harness probes');
rows.push(await harnessProbes(3));
say('… SSN shapes');
rows.push(await ssnShapes());

say('\nKills (issue 15 §8):');
say(crashTable(crashes));
say('\nThe campaign (issue 14):');
say(campaignTable(rows));
const bad = rows.reduce((s, r) => s + r.lost + r.leaked + r.crashes, 0);
say(`\n${bad === 0 ? 'zero lost, zero leaked, zero crashes' : `${bad} problems`} — ${Math.round((Date.now() - started) / 1000)} s`);
process.exit(bad === 0 ? 0 : 1);

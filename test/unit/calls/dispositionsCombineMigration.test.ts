import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { DispositionList } from '../../../shared/common/calls/dispositions';
import { migrate, openDatabase, schemaVersion } from '../../../shared/node/db/database';
import { latestSchemaVersion, migrations } from '../../../shared/node/db/migrations';
import { makeTempDir, removeTempDir } from '../../helpers/temp';
import { parseDispositionLines } from '../../../renderer/src/areas/call/DispositionSettings';

const cleanups: (() => void)[] = [];
afterEach(() => {
  for (const fn of cleanups.splice(0).reverse()) fn();
});

function stored(db: ReturnType<typeof openDatabase>) {
  return DispositionList.parse(JSON.parse(db.prepare("SELECT value_json FROM setting WHERE key = 'calls.dispositions'").pluck().get() as string));
}

describe('migration 0023: the built-in work dispositions may be combined', () => {
  it('marks the built-in work codes a desk already holds, and leaves codes a supervisor added, relabelled or already decided', () => {
    const dir = makeTempDir();
    cleanups.push(() => removeTempDir(dir));
    const db = openDatabase(path.join(dir, 'desk.db'), { migrate: false });
    cleanups.push(() => db.close());
    migrate(
      db,
      migrations.filter((m) => m.version <= 22),
    );
    expect(schemaVersion(db)).toBe(22);
    // As a desk holds it: the list of 0005 (and 0011), without a flag; a supervisor then
    // relabelled one code, added one, and decided one by hand.
    const before = JSON.parse(db.prepare("SELECT value_json FROM setting WHERE key = 'calls.dispositions'").pluck().get() as string) as Record<string, unknown>[];
    expect(before.some((d) => 'combinable' in d)).toBe(false);
    const edited = before.map((d) =>
      d.code === 'consent_recorded' ? { ...d, label: 'Consent taken (verbal or electronic)' } : d.code === 'callback_needed' ? { ...d, combinable: false } : d,
    );
    edited.push({ code: 'escalated', label: 'Escalated to a supervisor' });
    db.prepare("UPDATE setting SET value_json = ? WHERE key = 'calls.dispositions'").run(JSON.stringify(edited));

    migrate(db, migrations);
    expect(schemaVersion(db)).toBe(latestSchemaVersion);
    const flags = Object.fromEntries(stored(db).map((d) => [d.code, d.combinable]));
    expect(flags).toMatchObject({
      sep_information: true,
      ese_forwarded: true,
      association_completed: true,
      dire_need: true,
      consent_recorded: false, // relabelled: the supervisor's own code now
      callback_needed: false, // decided by hand
      escalated: false, // added by a supervisor
      resolved: false,
      transferred: false,
    });
  });
});

describe('the disposition list as a supervisor types it', () => {
  it('keeps the combinable mark through a save: "+ code: label"', () => {
    expect(parseDispositionLines('resolved: Resolved\n+ sep_information: SEP information given\n+ese_forwarded:ESE forwarded\n\n')).toEqual([
      { code: 'resolved', label: 'Resolved', combinable: false },
      { code: 'sep_information', label: 'SEP information given', combinable: true },
      { code: 'ese_forwarded', label: 'ESE forwarded', combinable: true },
    ]);
  });
});

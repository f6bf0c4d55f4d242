import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openDesk } from '../../../shared/node/host/desk';
import { silentLogger } from '../../../shared/node/log';
import { runCliProcess } from '../../helpers/cli';
import { makeTempDir, removeTempDir } from '../../helpers/temp';

const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach(removeTempDir));

describe('call CLI', () => {
  it('`call list --json` searches history and `call export` prints the masked summary; both are audited', () => {
    const dir = makeTempDir();
    dirs.push(dir);
    const file = path.join(dir, 'desk.sqlite3');
    const desk = openDesk({ dbPath: file, host: 'cli', log: silentLogger, env: {} });
    desk.operators.save({ name: 'Rita Rep', role: 'rep', pin: '2468' });
    const id = desk.services.calls.start({ callerType: 'resident', caseNumber: '13002543' }).call!.id;
    desk.services.calls.saveNotes(id, 'SSN 123-45-6789 read back', 0);
    desk.services.calls.command(id, { type: 'end' });
    desk.services.calls.command(id, { type: 'close', disposition: 'resolved' });
    desk.close();

    const list = runCliProcess(['call', 'list', '--case', '13002543', '--db', file, '--json']);
    expect(list.code, list.stderr).toBe(0);
    expect(JSON.parse(list.stdout)).toMatchObject([{ id, state: 'closed', disposition: 'resolved', caseNumber: '13002543' }]);

    const none = runCliProcess(['call', 'list', '--case', '99999999', '--db', file]);
    expect(none.stdout.trim()).toBe('no calls match');

    const exported = runCliProcess(['call', 'export', id, '--db', file]);
    expect(exported.code, exported.stderr).toBe(0);
    expect(exported.stdout).toContain('Disposition: Resolved on the call');
    expect(exported.stdout).toContain('SSN ***-**-6789 read back');
    expect(exported.stdout).not.toContain('123-45-6789');

    const bad = runCliProcess(['call', 'list', '--from', '2026-02-30', '--db', file]);
    expect(bad.code).not.toBe(0);
    expect(bad.stderr).toContain('That day does not exist.');

    const verify = runCliProcess(['audit', 'verify', '--db', file, '--json']);
    expect(JSON.parse(verify.stdout)).toMatchObject({ ok: true });
    const check = openDesk({ dbPath: file, host: 'cli', log: silentLogger, env: {} });
    expect(check.db.prepare("SELECT action FROM audit_log WHERE action IN ('call.history_searched', 'call.exported') ORDER BY seq").pluck().all()).toEqual([
      'call.history_searched',
      'call.history_searched',
      'call.exported',
    ]);
    check.close();
  });
});

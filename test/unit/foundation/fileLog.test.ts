import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createFileLogger, recentLogLines } from '../../../shared/node/log';
import { makeTempDir, removeTempDir } from '../../helpers/temp';

const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach(removeTempDir));
const temp = () => {
  const d = makeTempDir();
  dirs.push(d);
  return d;
};

describe('the log file a support team reads (issue 15.4)', () => {
  it('writes pino JSON lines with level and time into a folder and files only this user can read', async () => {
    const dir = path.join(temp(), 'logs');
    const log = createFileLogger({ dir, base: { host: 'web' } });
    log.info('desk opened', { schemaVersion: 7 });
    log.warn('slow request', { channel: 'app:match.lookup', ms: 61 });
    log.debug('not at info level');
    await log.close();
    const files = fs.readdirSync(dir);
    expect(files).toEqual(['desk.1.log']);
    const lines = fs
      .readFileSync(path.join(dir, 'desk.1.log'), 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatchObject({ level: 'info', msg: 'desk opened', schemaVersion: 7, host: 'web', pid: process.pid });
    expect(new Date(lines[0].time).toISOString()).toBe(lines[0].time);
    expect(lines[1]).toMatchObject({ level: 'warn', channel: 'app:match.lookup', ms: 61 });
    expect(fs.statSync(dir).mode & 0o777).toBe(0o700);
    expect(fs.statSync(path.join(dir, 'desk.1.log')).mode & 0o777).toBe(0o600);
  });

  it("never writes a resident's or caller's data: names, SSNs, birth dates, phones, emails, notes", async () => {
    const dir = path.join(temp(), 'logs');
    const log = createFileLogger({ dir });
    log.error('dispatch failed', {
      // An error's message is text from code, but may quote a value: shapes are masked there too.
      error: new Error('UNIQUE constraint failed for 123-45-6789 born 1988-04-17, call 502-555-0123 or dana@example.org'),
      callerName: 'Dana Whitfield',
      agentName: 'Maria West',
      callbackNumber: '(502) 555-0199',
      notes: 'Caller says her SSN is 123 45 6789',
      request: { client: { firstName: 'Dana', lastName: 'Whitfield', dateOfBirth: '04/17/1988' }, email: 'x@y.org', phone: '5025550100' },
      at: '2026-11-23T15:04:05.000Z',
    });
    log.info('resident called back on 502.555.0177 about 04/17/1988');
    await log.close();
    const text = fs.readFileSync(path.join(dir, 'desk.1.log'), 'utf8');
    for (const secret of [
      'Dana',
      'Whitfield',
      'Maria West',
      '123-45-6789',
      '123 45 6789',
      '1988-04-17',
      '04/17/1988',
      '502-555-0123',
      '555-0199',
      '502.555.0177',
      '5025550100',
      'dana@example.org',
      'x@y.org',
    ]) {
      expect(text).not.toContain(secret);
    }
    // What support needs stays: the error's kind, the redaction marks, a timestamp.
    expect(text).toContain('UNIQUE constraint failed');
    expect(text).toContain('[redacted-ssn]');
    expect(text).toContain('[redacted-phone]');
    expect(text).toContain('[redacted-email]');
    expect(text).toContain('[redacted-date]');
    expect(text).toContain('2026-11-23T15:04:05.000Z');
  });

  it('rolls to a new file past the size limit and keeps only the newest few', async () => {
    const dir = path.join(temp(), 'logs');
    const log = createFileLogger({ dir, fileBytes: 2048, keep: 2 });
    // Ten bursts, each written out to the file before the next, as a day of requests would be
    // (waiting on the file, not on a timer: the transport's thread may lag on a loaded machine).
    for (let burst = 0; burst < 10; burst++) {
      const last = burst * 20 + 19;
      for (let i = burst * 20; i <= last; i++) log.info('a line that fills the file', { i, pad: 'x'.repeat(40) });
      await expect.poll(() => recentLogLines(dir, 1).map((l) => JSON.parse(l).i), { timeout: 5000, interval: 10 }).toEqual([last]);
      await new Promise((r) => setTimeout(r, 20)); // the roll happens on the file's next drain
    }
    await log.close();
    const files = fs.readdirSync(dir).sort();
    expect(files.length).toBe(3); // the current file and the two kept
    expect(files).not.toContain('desk.1.log'); // the oldest went
    const burstBytes = 20 * 130;
    for (const f of files) expect(fs.statSync(path.join(dir, f)).size).toBeLessThan(2048 + burstBytes);
    const recent = recentLogLines(dir, 5).map((l) => JSON.parse(l).i);
    expect(recent).toEqual([195, 196, 197, 198, 199]);
  });
});

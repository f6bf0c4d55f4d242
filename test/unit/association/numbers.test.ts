import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { builtInScripts, findScript, renderScript } from '../../../shared/common/consent/scripts';
import { repoRoot } from '../../helpers/cli';

/** Issue 11 §13: wherever the Contact Center number is read or shown, the TTY line is too (000:34, 001:31). */
const CONTACT = /1-?855-?459-?6328/;
const TTY = '1-855-326-4654';

function sources(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) return sources(p);
    return /\.(ts|tsx)$/.test(e.name) ? [p] : [];
  });
}

describe('the Contact Center number always comes with its TTY line', () => {
  it('in every line of the app that shows it (the superseded v1 consent script kept only for its records aside)', () => {
    const offenders: string[] = [];
    for (const file of [...sources(path.join(repoRoot, 'shared')), ...sources(path.join(repoRoot, 'renderer', 'src'))]) {
      if (file.endsWith(path.join('consent', 'scripts.ts'))) continue;
      fs.readFileSync(file, 'utf8')
        .split('\n')
        .forEach((line, i) => {
          if (CONTACT.test(line) && !line.includes(TTY)) offenders.push(`${path.relative(repoRoot, file)}:${i + 1}`);
        });
    }
    expect(offenders).toEqual([]);
  });

  it('in every consent script version in force', () => {
    const values = { clientName: 'John Doe', agentName: 'Maria West', agencyName: 'Bluegrass Benefits', repName: 'Dana Rep', organizationName: 'Hope Center' };
    for (const s of builtInScripts) {
      const current = findScript(s.id, s.locale);
      if (current.version !== s.version) continue;
      const text = renderScript(s, values, ['resident-has-account']).text;
      if (CONTACT.test(text)) expect(text).toContain(TTY);
    }
  });
});

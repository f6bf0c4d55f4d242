import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { associationColumnHelp, associationColumns, memberColumnHelp, memberColumns } from '../../../shared/common/match/schemas';
import { repoRoot, runCliProcess } from '../../helpers/cli';

describe('the columns of both imports are described once, and where a newcomer looks (issue 12.8)', () => {
  it('every column the schemas read has a description, and no description names a column they do not read', () => {
    expect(Object.keys(memberColumnHelp).sort()).toEqual([...memberColumns].sort());
    expect(Object.keys(associationColumnHelp).sort()).toEqual([...associationColumns].sort());
  });

  it('`import members --help` and `import associations --help` list every column with what it holds', () => {
    for (const [kind, help] of [
      ['members', memberColumnHelp],
      ['associations', associationColumnHelp],
    ] as const) {
      const r = runCliProcess(['import', kind, '--help']);
      expect(r.code).toBe(0);
      for (const [column, what] of Object.entries(help)) expect(r.stdout).toContain(`${column.padEnd(26)} ${what}`);
    }
  });

  it('the README names every column of both files', () => {
    const readme = fs.readFileSync(path.join(repoRoot, 'README.md'), 'utf8');
    const section = readme.slice(readme.indexOf('### The two extracts'));
    for (const column of [...memberColumns, ...associationColumns]) expect(section).toContain(`\`${column}\``);
  });
});

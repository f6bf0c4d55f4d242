import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoRoot } from '../../helpers/cli';

/** Every import specifier of every TypeScript file under a folder. */
function importsUnder(folder: string): { file: string; spec: string }[] {
  const out: { file: string; spec: string }[] = [];
  const walk = (dir: string) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) {
        if (entry.name !== 'node_modules') walk(full);
      } else if (/\.tsx?$/.test(entry.name)) {
        const text = fs.readFileSync(full, 'utf8');
        for (const m of text.matchAll(/(?:import|export)\s[^'"]*?from\s+['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)|^\s*import\s+['"]([^'"]+)['"]/gm)) {
          out.push({ file: path.relative(repoRoot, full), spec: (m[1] ?? m[2] ?? m[3])! });
        }
      }
    }
  };
  walk(path.join(repoRoot, folder));
  return out;
}

const resolvesInto = (file: string, spec: string, folder: string) =>
  spec.startsWith('.') && path.relative(repoRoot, path.resolve(repoRoot, path.dirname(file), spec)).startsWith(folder);

const nodeBuiltin = (spec: string) => spec.startsWith('node:') || ['fs', 'path', 'os', 'crypto', 'child_process', 'http', 'net', 'url', 'util', 'stream'].includes(spec);

describe('layering (code says where it may run, and never imports upward)', () => {
  it('shared/common is pure: no Node, no Electron, no DOM libraries, no native modules, nothing above it', () => {
    const bad = importsUnder('shared/common').filter(
      ({ file, spec }) =>
        nodeBuiltin(spec) ||
        ['electron', 'better-sqlite3', 'react', 'react-dom', 'nodemailer', 'pdfkit'].includes(spec) ||
        resolvesInto(file, spec, 'shared/node') ||
        resolvesInto(file, spec, 'renderer') ||
        resolvesInto(file, spec, 'electron'),
    );
    expect(bad).toEqual([]);
  });

  it('shared/node never imports Electron, the renderer or the Electron layer', () => {
    const bad = importsUnder('shared/node').filter(
      ({ file, spec }) => spec === 'electron' || spec.startsWith('electron/') || resolvesInto(file, spec, 'renderer') || resolvesInto(file, spec, 'electron'),
    );
    expect(bad).toEqual([]);
  });

  it('the renderer imports only shared/common and its own files', () => {
    const bad = importsUnder('renderer/src').filter(
      ({ file, spec }) =>
        nodeBuiltin(spec) ||
        ['electron', 'better-sqlite3'].includes(spec) ||
        resolvesInto(file, spec, 'shared/node') ||
        resolvesInto(file, spec, 'electron'),
    );
    expect(bad).toEqual([]);
  });

  it('the Electron layer never imports the renderer', () => {
    expect(importsUnder('electron').filter(({ file, spec }) => resolvesInto(file, spec, 'renderer'))).toEqual([]);
  });

  it('the preload reaches only the contract', () => {
    const specs = importsUnder('electron').filter((i) => i.file.endsWith('preload.ts')).map((i) => i.spec);
    expect(specs.sort()).toEqual(['../shared/common/ipc/contract', 'electron']);
  });
});

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

/** The repo's own modules each file imports, type-only imports included (they tie modules together as much). */
function importGraph(folders: string[]): Map<string, string[]> {
  const graph = new Map<string, string[]>();
  const imports = folders.flatMap((f) => importsUnder(f));
  const known = new Set(imports.map((i) => i.file));
  const resolve = (file: string, spec: string): string | null => {
    if (!spec.startsWith('.')) return null;
    const base = path.relative(repoRoot, path.resolve(repoRoot, path.dirname(file), spec));
    return [`${base}.ts`, `${base}.tsx`, `${base}/index.ts`, base].find((c) => known.has(c) || (fs.existsSync(path.join(repoRoot, c)) && /\.tsx?$/.test(c))) ?? null;
  };
  for (const { file, spec } of imports) {
    const edges = graph.get(file) ?? [];
    const target = resolve(file, spec);
    if (target && !edges.includes(target)) edges.push(target);
    graph.set(file, edges);
  }
  return graph;
}

/** Strongly connected components of more than one module (Tarjan): each is an import cycle. */
function importCycles(graph: Map<string, string[]>): string[][] {
  let next = 0;
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const cycles: string[][] = [];
  const visit = (v: string) => {
    index.set(v, next);
    low.set(v, next++);
    stack.push(v);
    onStack.add(v);
    for (const w of graph.get(v) ?? []) {
      if (!index.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (onStack.has(w)) low.set(v, Math.min(low.get(v)!, index.get(w)!));
    }
    if (low.get(v) === index.get(v)) {
      const component: string[] = [];
      let w: string;
      do {
        w = stack.pop()!;
        onStack.delete(w);
        component.push(w);
      } while (w !== v);
      if (component.length > 1 || graph.get(v)?.includes(v)) cycles.push(component.sort());
    }
  };
  for (const v of graph.keys()) if (!index.has(v)) visit(v);
  return cycles;
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
      ({ file, spec }) => nodeBuiltin(spec) || ['electron', 'better-sqlite3'].includes(spec) || resolvesInto(file, spec, 'shared/node') || resolvesInto(file, spec, 'electron'),
    );
    expect(bad).toEqual([]);
  });

  it('the Electron layer never imports the renderer', () => {
    expect(importsUnder('electron').filter(({ file, spec }) => resolvesInto(file, spec, 'renderer'))).toEqual([]);
  });

  it('no import cycles, type-only imports included (services name DeskCore, never the composition root that builds them)', () => {
    const graph = importGraph(['shared', 'renderer/src', 'electron']);
    expect(graph.size).toBeGreaterThan(100);
    expect(graph.get('shared/node/host/desk.ts')).toContain('shared/node/host/services.ts');
    expect(importCycles(graph)).toEqual([]);
    // The check itself finds a cycle when there is one.
    expect(
      importCycles(
        new Map([
          ['a.ts', ['b.ts']],
          ['b.ts', ['c.ts']],
          ['c.ts', ['a.ts']],
          ['d.ts', ['a.ts']],
        ]),
      ),
    ).toEqual([['a.ts', 'b.ts', 'c.ts']]);
  });

  it('the preload reaches only the contract', () => {
    const specs = importsUnder('electron')
      .filter((i) => i.file.endsWith('preload.ts'))
      .map((i) => i.spec);
    expect(specs.sort()).toEqual(['../shared/common/ipc/contract', 'electron']);
  });
});

// Bundles Electron main and preload into dist/electron. The preload must be a
// single CommonJS file: a sandboxed preload cannot require our modules.
import { build } from 'esbuild';

const common = {
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node22',
  sourcemap: true,
  logLevel: 'warning',
  // pdfkit's ESM build reads import.meta.url at load, which is empty in a CJS
  // bundle (main would crash at start); left external, Electron requires the
  // CJS builds of pdfkit and nodemailer from the packaged node_modules.
  // pg-native is pg's optional libpq binding: never installed, never loaded.
  external: ['electron', 'better-sqlite3', 'pdfkit', 'nodemailer', 'pg-native'],
};

await build({ ...common, entryPoints: ['electron/main.ts'], outfile: 'dist/electron/main.cjs' });
await build({ ...common, entryPoints: ['electron/preload.ts'], outfile: 'dist/electron/preload.cjs' });
console.log('built dist/electron/main.cjs and dist/electron/preload.cjs');

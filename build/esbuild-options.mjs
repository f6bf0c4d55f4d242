// esbuild options for Electron's bundles, shared by build-electron.mjs and the test
// that runs a bundle under plain Node (test/unit/foundation/bundle.test.ts).
export const common = {
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node22',
  sourcemap: true,
  logLevel: 'warning',
  // pdfkit's ESM build reads import.meta.url at load, which is empty in a CJS
  // bundle (main would crash at start); left external, Electron requires the
  // CJS builds of pdfkit, fontkit and nodemailer from the packaged node_modules. pino
  // starts its transport's thread from files in its own folder, so it stays there too.
  external: ['electron', 'better-sqlite3', 'pdfkit', 'fontkit', 'nodemailer', 'pino', 'pino-roll', 'thread-stream'],
};

// Our own modules find files beside them with import.meta.url (they run as ESM under tsx);
// in main's CommonJS bundle it is made from the bundle's own file name. Not in the preload:
// a sandboxed preload has no node:url.
export const importMetaUrl = {
  banner: { js: `"use strict";\nconst __importMetaUrl = require('node:url').pathToFileURL(__filename).href;` },
  define: { 'import.meta.url': '__importMetaUrl' },
};

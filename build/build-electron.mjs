// Bundles Electron main and preload into dist/electron. The preload must be a
// single CommonJS file: a sandboxed preload cannot require our modules.
import { build } from 'esbuild';
import { common, importMetaUrl } from './esbuild-options.mjs';

await build({ ...common, ...importMetaUrl, entryPoints: ['electron/main.ts'], outfile: 'dist/electron/main.cjs' });
// The desk thread's own entry (shared/node/host/deskThread.ts starts it from beside main.cjs).
await build({ ...common, ...importMetaUrl, entryPoints: ['shared/node/host/deskWorker.ts'], outfile: 'dist/electron/deskWorker.cjs' });
// The members import's staging thread (shared/node/match/importStaging.ts starts it from beside deskWorker.cjs).
await build({ ...common, ...importMetaUrl, entryPoints: ['shared/node/match/stagingWorker.ts'], outfile: 'dist/electron/stagingWorker.cjs' });
// A central first pull's staging thread (shared/node/central/pullStaging.ts starts it from beside deskWorker.cjs).
await build({ ...common, ...importMetaUrl, entryPoints: ['shared/node/central/pullWorker.ts'], outfile: 'dist/electron/pullWorker.cjs' });
await build({ ...common, entryPoints: ['electron/preload.ts'], outfile: 'dist/electron/preload.cjs' });
console.log('built dist/electron/main.cjs, deskWorker.cjs, stagingWorker.cjs, pullWorker.cjs and preload.cjs');

// `npm start` and `npm run dist` need Electron's own binary. Where it could not be
// downloaded (ELECTRON_SKIP_BINARY_DOWNLOAD, a closed network), say so in one line and
// point at the browser harness, instead of letting `electron .` try a download and
// fail with a stack trace. Never require('electron') here: that starts the download.
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

function electronBinary() {
  const dir = path.dirname(require.resolve('electron/package.json'));
  const pathFile = path.join(dir, 'path.txt');
  const name = fs.existsSync(pathFile) ? fs.readFileSync(pathFile, 'utf8').trim() : null;
  const dist = process.env.ELECTRON_OVERRIDE_DIST_PATH ?? path.join(dir, 'dist');
  const file = path.join(dist, name ?? (process.platform === 'win32' ? 'electron.exe' : 'electron'));
  return fs.existsSync(file) ? file : null;
}

if (!electronBinary()) {
  process.stderr.write(
    "kynect Desk: Electron's binary is not installed on this machine (it could not be downloaded), so the window cannot open; run `npm run web` to use kynect Desk in a browser here instead.\n",
  );
  process.exit(1);
}

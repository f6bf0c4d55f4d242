/**
 * Electron main: thin on purpose. It opens the Desk (the same services the CLI
 * and the harness use), serves the renderer, wires the contract, and owns the
 * window. Everything else lives in shared/node and runs without Electron.
 */
import { app, BrowserWindow, dialog } from 'electron';
import fs from 'node:fs';
import path from 'node:path';
import { DatabaseTooNewError } from '../shared/node/db/database';
import { SCREEN_POP_SCHEME } from '../shared/common/calls/screenPop';
import { acquireDeskLock, DatabaseInUseError } from '../shared/node/db/deskLock';
import { FilePermissionError } from '../shared/node/db/filePrivacy';
import { chooseBackup, CorruptDatabaseError, recoverDatabase } from '../shared/node/db/safety';
import { startDeskThread, type DeskThread } from '../shared/node/host/deskThread';
import { createFileLogger } from '../shared/node/log';
import { hardenApp } from './hardening';
import { serveContract } from './ipc';
import { safeStorageKeySource } from './deskKey';
import { safeStorageCentralSecrets, safeStorageSecretSource } from './secrets';
import { registerAppScheme, serveRenderer } from './protocol';
import { createMainWindow } from './window';

// Rotating files in the user-data folder, for support (Copy diagnostics shows the last lines).
const log = createFileLogger({ dir: path.join(app.getPath('userData'), 'logs'), base: { host: 'electron' } });

/** better-sqlite3 built for Electron's ABI: shipped in resources when packaged, built by build/electron-native.mjs in development. */
function nativeBindingPath(): string {
  const file = app.isPackaged
    ? path.join(process.resourcesPath, 'native', 'better_sqlite3.node')
    : path.join(app.getAppPath(), 'build', 'native', 'electron', 'better_sqlite3.node');
  if (!fs.existsSync(file)) {
    throw new Error(`The Electron build of better-sqlite3 is missing (${file}). Run \`node build/electron-native.mjs\` (npm start does).`);
  }
  return file;
}

if (!app.requestSingleInstanceLock()) {
  // One desk per machine: a second copy would fight over the call state.
  app.quit();
} else {
  app.enableSandbox();
  registerAppScheme();
  hardenApp();

  let desk: DeskThread | undefined;
  let win: BrowserWindow | undefined;

  // Screen pop (issue 12.9): softphones and CTI connectors open kynect-desk: links on an
  // incoming call. The OS hands them to this app: in argv (Windows, Linux; a second start
  // forwards its argv here) or as open-url (macOS). Each is validated in the desk like any
  // request and waits for the rep to confirm.
  app.setAsDefaultProtocolClient(SCREEN_POP_SCHEME);
  const early: string[] = [];
  const popLink = (link: string) => {
    if (!desk) return void early.push(link);
    void desk.dispatch('app:screenPop.offer', { link }, { via: 'electron' }).then((r) => {
      if (!r.ok) log.warn('a screen-pop link was refused', { code: r.error.code });
    });
    if (win) {
      if (win.isMinimized()) win.restore();
      win.focus();
    }
  };
  const linksIn = (argv: readonly string[]) => argv.filter((a) => a.toLowerCase().startsWith(`${SCREEN_POP_SCHEME}:`));
  linksIn(process.argv).forEach(popLink);
  app.on('open-url', (event, url) => {
    event.preventDefault();
    popLink(url);
  });

  app.on('second-instance', (_event, argv) => {
    if (win) {
      if (win.isMinimized()) win.restore();
      win.focus();
    }
    linksIn(argv).forEach(popLink);
  });

  app.whenReady().then(
    async () => {
      const dbPath = path.join(app.getPath('userData'), 'kynect-desk.sqlite3');
      // The desk (services, SQLite, delivery, backups) runs on a thread of its own: this
      // thread only owns the window and routes the contract, so an import never freezes it.
      // The desk key and the SMTP and central passwords stay here, where safeStorage is;
      // the audit head is kept beside the desk key's store (issue 14 §9).
      const open = () =>
        startDeskThread({
          dbPath,
          host: 'electron',
          nativeBinding: nativeBindingPath(),
          log,
          logLevel: 'info',
          keyFolder: app.getPath('userData'),
          deskKey: safeStorageKeySource(app.getPath('userData')),
          smtpSecrets: safeStorageSecretSource(app.getPath('userData')),
          centralSecrets: safeStorageCentralSecrets(app.getPath('userData')),
        });
      try {
        try {
          desk = await open();
        } catch (error) {
          if (!(error instanceof CorruptDatabaseError)) throw error;
          // A damaged file: say so plainly and offer the way back; the damaged file is kept aside, never deleted.
          const latest = chooseBackup(dbPath);
          const choice = dialog.showMessageBoxSync({
            type: 'error',
            title: 'kynect Desk: the database is damaged',
            message: 'kynect Desk found its database damaged and will not use it as it is.',
            detail: latest
              ? `The newest backup is from ${latest.day}. Restoring it moves the damaged file aside (it is kept) and loses what was recorded after that backup.`
              : 'There is no backup. Starting empty moves the damaged file aside (it is kept).',
            buttons: [latest ? `Restore the backup of ${latest.day}` : 'Start with an empty database', 'Quit'],
            defaultId: 0,
            cancelId: 1,
          });
          if (choice !== 0) {
            app.exit(1);
            return;
          }
          const held = acquireDeskLock(dbPath, { nativeBinding: nativeBindingPath() });
          let recovery;
          try {
            recovery = recoverDatabase(dbPath, { now: () => new Date() }, latest?.file ?? null);
          } finally {
            held.release();
          }
          log.warn('database recovered', { movedAside: recovery.movedAside, restoredFrom: recovery.restoredFrom });
          desk = await open();
          // Not a contract channel: only this host may say the database was recovered.
          desk.desk.audit.append({ action: 'database.recovered', details: { restoredFrom: recovery.restoredFrom ? path.basename(recovery.restoredFrom) : null } });
          // The restored log is shorter than the head recorded outside it: recorded above, then the head moves.
          desk.desk.audit.rebaseHead();
        }
      } catch (error) {
        const plain = error instanceof DatabaseTooNewError || error instanceof DatabaseInUseError || error instanceof FilePermissionError;
        const message = plain ? (error as Error).message : `kynect Desk could not open its database: ${error instanceof Error ? error.message : String(error)}`;
        log.error('start-up failed', { error });
        dialog.showErrorBox('kynect Desk cannot start', message);
        app.exit(1);
        return;
      }
      serveRenderer(path.join(app.getAppPath(), 'dist', 'renderer'));
      serveContract(desk, () => BrowserWindow.getAllWindows());
      win = createMainWindow(path.join(__dirname, 'preload.cjs'));
      early.splice(0).forEach(popLink);
    },
    (error: unknown) => log.error('app failed to become ready', { error }),
  );

  app.on('window-all-closed', () => app.quit());
  app.on('will-quit', (event) => {
    // Let the desk thread close its database and the log's thread write its last lines before the process ends.
    event.preventDefault();
    const closing = desk?.close() ?? Promise.resolve();
    desk = undefined;
    void closing.then(() => log.close()).finally(() => app.exit(0));
  });
}

/**
 * Electron main: thin on purpose. It opens the Desk (the same services the CLI
 * and the harness use), serves the renderer, wires the contract, and owns the
 * window. Everything else lives in shared/node and runs without Electron.
 */
import { app, BrowserWindow, dialog } from 'electron';
import fs from 'node:fs';
import path from 'node:path';
import { DatabaseTooNewError } from '../shared/node/db/database';
import { acquireDeskLock, DatabaseInUseError } from '../shared/node/db/deskLock';
import { FilePermissionError } from '../shared/node/db/filePrivacy';
import { chooseBackup, CorruptDatabaseError, recoverDatabase } from '../shared/node/db/safety';
import { openDesk, type Desk } from '../shared/node/host/desk';
import { createLogger } from '../shared/node/log';
import { hardenApp } from './hardening';
import { serveContract } from './ipc';
import { safeStorageKeySource } from './deskKey';
import { safeStorageSecretSource } from './secrets';
import { registerAppScheme, serveRenderer } from './protocol';
import { createMainWindow } from './window';

const log = createLogger();

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

  let desk: Desk | undefined;
  let win: BrowserWindow | undefined;

  app.on('second-instance', () => {
    if (win) {
      if (win.isMinimized()) win.restore();
      win.focus();
    }
  });

  app.whenReady().then(
    () => {
      const dbPath = path.join(app.getPath('userData'), 'kynect-desk.sqlite3');
      // The audit head is kept beside the desk key's store (issue 14 §9).
      const open = () =>
        openDesk({ dbPath, host: 'electron', nativeBinding: nativeBindingPath(), log, deskKey: safeStorageKeySource(app.getPath('userData')), keyFolder: app.getPath('userData') });
      try {
        try {
          desk = open();
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
          desk = open();
          desk.audit.append({ action: 'database.recovered', details: { restoredFrom: recovery.restoredFrom ? path.basename(recovery.restoredFrom) : null } });
          // The restored log is shorter than the head recorded outside it: recorded above, then the head moves.
          desk.audit.rebaseHead();
        }
      } catch (error) {
        const plain = error instanceof DatabaseTooNewError || error instanceof DatabaseInUseError || error instanceof FilePermissionError;
        const message = plain ? (error as Error).message : `kynect Desk could not open its database: ${error instanceof Error ? error.message : String(error)}`;
        log.error('start-up failed', { error });
        dialog.showErrorBox('kynect Desk cannot start', message);
        app.exit(1);
        return;
      }
      desk.services.ese.useSecretSource(safeStorageSecretSource(app.getPath('userData')));
      serveRenderer(path.join(app.getAppPath(), 'dist', 'renderer'));
      serveContract(desk, () => BrowserWindow.getAllWindows());
      desk.start();
      win = createMainWindow(path.join(__dirname, 'preload.cjs'));
    },
    (error: unknown) => log.error('app failed to become ready', { error }),
  );

  app.on('window-all-closed', () => app.quit());
  app.on('will-quit', () => desk?.close());
}

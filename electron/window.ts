import { BrowserWindow } from 'electron';

export { APP_ORIGIN } from '../shared/node/security/navigation';
import { APP_ORIGIN } from '../shared/node/security/navigation';

/**
 * The one window. Every security-relevant webPreference is written out here,
 * literally, so a reader (and Electronegativity) sees them without following spreads.
 */
export function createMainWindow(preloadPath: string): BrowserWindow {
  const win = new BrowserWindow({
    width: 1366,
    height: 860,
    minWidth: 1024,
    minHeight: 640,
    show: false,
    backgroundColor: '#f3f5f8',
    title: 'kynect Desk',
    autoHideMenuBar: true,
    webPreferences: {
      preload: preloadPath,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      experimentalFeatures: false,
      navigateOnDragDrop: false,
      // Middle-click would open links in a new window without passing window.open's handler.
      disableBlinkFeatures: 'Auxclick',
      safeDialogs: true,
      spellcheck: true,
      devTools: !process.env.KYNECT_DESK_NO_DEVTOOLS,
    },
  });
  win.once('ready-to-show', () => win.show());
  void win.loadURL(`${APP_ORIGIN}/index.html`);
  return win;
}

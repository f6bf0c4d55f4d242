import { app, session, shell, type WebContents } from 'electron';
import { isAllowedExternalUrl } from '../shared/node/security/externalUrl';
import { APP_ORIGIN } from './window';

function isOwnUrl(raw: string): boolean {
  try {
    return new URL(raw).origin === APP_ORIGIN;
  } catch {
    return false;
  }
}

/**
 * Applies to every web contents the app ever creates: no navigation away from
 * the app, no new windows (allowed links open in the system browser), no
 * webviews, and no permission (camera, notifications, …) granted to the page.
 */
export function hardenApp(): void {
  app.on('web-contents-created', (_event, contents: WebContents) => {
    contents.on('will-navigate', (event, url) => {
      if (!isOwnUrl(url)) event.preventDefault();
    });
    contents.on('will-redirect', (event, url) => {
      if (!isOwnUrl(url)) event.preventDefault();
    });
    contents.on('will-attach-webview', (event) => event.preventDefault());
    contents.setWindowOpenHandler(({ url }) => {
      if (isAllowedExternalUrl(url)) void shell.openExternal(url);
      return { action: 'deny' };
    });
  });
  app.whenReady().then(() => {
    session.defaultSession.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
    session.defaultSession.setPermissionCheckHandler(() => false);
    // Nothing outside app:// is ever loaded; refuse at the network layer too.
    session.defaultSession.webRequest.onBeforeRequest((details, callback) => {
      const ok = details.url.startsWith(`${APP_ORIGIN}/`) || details.url.startsWith('devtools://') || details.url.startsWith('chrome-extension://');
      callback({ cancel: !ok });
    });
  }, () => undefined);
}

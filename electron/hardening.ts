import { app, session, shell, type WebContents } from 'electron';
import { mayNavigate, mayRequest, windowOpenDecision } from '../shared/node/security/navigation';

/**
 * Applies to every web contents the app ever creates: no navigation away from
 * the app, no new windows (allowed links open in the system browser), no
 * webviews, and no permission (camera, notifications, …) granted to the page.
 */
export function hardenApp(): void {
  app.on('web-contents-created', (_event, contents: WebContents) => {
    contents.on('will-navigate', (event, url) => {
      if (!mayNavigate(url)) event.preventDefault();
    });
    contents.on('will-redirect', (event, url) => {
      if (!mayNavigate(url)) event.preventDefault();
    });
    contents.on('will-attach-webview', (event) => event.preventDefault());
    contents.setWindowOpenHandler(({ url }) => {
      const decision = windowOpenDecision(url);
      if (decision.openExternally) void shell.openExternal(decision.openExternally);
      return { action: decision.action };
    });
  });
  app.whenReady().then(
    () => {
      session.defaultSession.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
      session.defaultSession.setPermissionCheckHandler(() => false);
      // Nothing outside app:// is ever loaded; refuse at the network layer too.
      session.defaultSession.webRequest.onBeforeRequest((details, callback) => {
        callback({ cancel: !mayRequest(details.url) });
      });
    },
    () => undefined,
  );
}

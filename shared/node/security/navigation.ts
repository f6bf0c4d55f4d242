import { isAllowedExternalUrl } from './externalUrl';

/** The app's own origin: the `app://` protocol electron/protocol.ts serves the renderer from. */
export const APP_ORIGIN = 'app://kynect-desk';
const APP_PROTOCOL = 'app:';
const APP_HOST = 'kynect-desk';

/**
 * What Electron's main process decides for the window, as plain functions so
 * they are tested under Node (Electron's binary cannot run in CI here);
 * electron/hardening.ts only wires them to the events.
 */
export function isOwnUrl(raw: string): boolean {
  try {
    // Not `.origin`: Node's URL (what main runs) gives "null" as the origin of a
    // custom scheme, even one Chromium treats as standard.
    const url = new URL(raw);
    return url.protocol === APP_PROTOCOL && url.host === APP_HOST && !url.username && !url.password;
  } catch {
    return false;
  }
}

/** will-navigate and will-redirect: the page never leaves the app. */
export function mayNavigate(url: string): boolean {
  return isOwnUrl(url);
}

/**
 * window.open and target=_blank: never a new Electron window. An allow-listed
 * link (kynect, HealthCare.gov, the ESE and Dire Need mailboxes) goes to the
 * system browser or mail client instead.
 */
export function windowOpenDecision(url: string): { action: 'deny'; openExternally: string | null } {
  return { action: 'deny', openExternally: isAllowedExternalUrl(url) ? url : null };
}

/** The network layer: only the app's own files (and devtools when opened by a developer). */
export function mayRequest(url: string): boolean {
  return isOwnUrl(url) || url.startsWith('devtools://') || url.startsWith('chrome-extension://');
}

/**
 * The Content-Security-Policy of every page of the app, sent as a header by the
 * Electron protocol handler and the web harness and repeated in index.html's
 * meta tag. No inline script, no remote origin, no plugins, no framing.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "frame-ancestors 'none'",
  "form-action 'none'",
].join('; ');

/** Where shell.openExternal may go: the marketplace's own pages and the two mailboxes. */
export const EXTERNAL_ALLOWLIST = {
  httpsHosts: ['kynect.ky.gov', 'khbe.ky.gov', 'www.khbe.ky.gov', 'www.healthcare.gov'],
  mailto: ['kynectESE@ky.gov', 'kynectdireneed@ky.gov'],
} as const;

import { EXTERNAL_ALLOWLIST } from '../../common/security';

/** True when `raw` is an https URL to an allowed host or a mailto: to an allowed mailbox. */
export function isAllowedExternalUrl(raw: string): boolean {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return false;
  }
  if (url.username || url.password) return false;
  if (url.protocol === 'https:') return (EXTERNAL_ALLOWLIST.httpsHosts as readonly string[]).includes(url.hostname) && (url.port === '' || url.port === '443');
  if (url.protocol === 'mailto:') {
    const to = decodeURIComponent(url.pathname).toLowerCase();
    return EXTERNAL_ALLOWLIST.mailto.some((m) => m.toLowerCase() === to);
  }
  return false;
}

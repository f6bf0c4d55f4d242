import { validTimeZone } from '../../common/localTime';

/**
 * The desk's time zone: KYNECT_TIME_ZONE when set to a zone the runtime knows, else
 * the operating system's. Kentucky has desks in Eastern and Central time; the OS zone
 * is what the desk's own clock already shows, and the variable lets a center whose
 * machines run in UTC say which zone its desks are in.
 */
export function deskTimeZone(env: NodeJS.ProcessEnv): string {
  return validTimeZone(env.KYNECT_TIME_ZONE) ?? Intl.DateTimeFormat().resolvedOptions().timeZone;
}

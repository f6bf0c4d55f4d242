/**
 * Where the SMTP password comes from. The settings table never holds it: in the
 * app, Electron main passes a source backed by safeStorage (electron/ owns that
 * code); the CLI and the harness read KYNECT_DESK_SMTP_PASSWORD.
 */
export interface SecretSource {
  /** Shown in settings, e.g. "environment variable KYNECT_DESK_SMTP_PASSWORD". */
  readonly description: string;
  smtpPassword(): string | undefined;
  /** Present only where the host can keep a password safely (Electron safeStorage). */
  setSmtpPassword?: (password: string) => void;
}

export const SMTP_PASSWORD_ENV = 'KYNECT_DESK_SMTP_PASSWORD';

export function envSecretSource(env: NodeJS.ProcessEnv): SecretSource {
  return {
    description: `environment variable ${SMTP_PASSWORD_ENV}`,
    smtpPassword: () => env[SMTP_PASSWORD_ENV] || undefined,
  };
}

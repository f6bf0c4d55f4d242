/**
 * Errors that cross the IPC boundary. Services throw DeskError; the router turns
 * it into `{ ok: false, error }` so the renderer can show it at the right field.
 */
export const errorCodes = [
  'invalid_request', // the request did not pass its schema; fieldErrors say where
  'unknown_channel', // no such channel in the contract
  'not_found',
  'conflict', // the state changed under the caller, or a duplicate
  'refused', // a rule forbids it (illegal transition, limit reached)
  'unavailable', // a dependency is down (SMTP, the database file)
  'internal', // a bug: logged in main, never shown with details
] as const;
export type ErrorCode = (typeof errorCodes)[number];

export interface DeskErrorShape {
  code: ErrorCode;
  message: string;
  /** Field path ("client.dateOfBirth") → message, for forms. */
  fieldErrors?: Record<string, string>;
  /** The policy a refusal follows ("… (000:9)"), for a tooltip: kept out of the words, which a rep may read aloud. */
  source?: string;
}

export class DeskError extends Error {
  readonly code: ErrorCode;
  readonly fieldErrors: Record<string, string> | undefined;
  readonly source: string | undefined;
  constructor(code: ErrorCode, message: string, fieldErrors?: Record<string, string>, source?: string) {
    super(message);
    this.name = 'DeskError';
    this.code = code;
    this.fieldErrors = fieldErrors;
    this.source = source;
  }
  toShape(): DeskErrorShape {
    return {
      code: this.code,
      message: this.message,
      ...(this.fieldErrors ? { fieldErrors: this.fieldErrors } : {}),
      ...(this.source ? { source: this.source } : {}),
    };
  }
  /** A refusal that belongs to one form field. */
  static atField(field: string, message: string, code: ErrorCode = 'invalid_request', source?: string): DeskError {
    return new DeskError(code, message, { [field]: message }, source);
  }
}

export type Result<T> = { ok: true; value: T } | { ok: false; error: DeskErrorShape };

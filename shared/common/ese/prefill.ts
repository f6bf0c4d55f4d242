/**
 * The ESE intake starts from what the open call already knows (issue 12.2), so the
 * rep does not type the caller's name and number twice. Only a resident calling is the
 * resident of the intake: an Agent's or kynector's name and number are theirs, not the
 * resident's, so for them only the case number is taken.
 */
import type { CallerType } from '../calls/callerTypes';
import { callbackNumberField, callerNameField, caseNumberField, formatCallbackNumber } from '../calls/fields';
import type { CallLanguage } from '../calls/language';
import type { EseDraft } from './intake';

export interface CallForIntake {
  callerType: CallerType;
  callerName: string | null;
  callbackNumber: string | null;
  caseNumber: string | null;
  language?: CallLanguage;
}

export type PrefilledField = 'firstName' | 'lastName' | 'phone' | 'caseNumber' | 'language';

export const prefilledFieldLabels: Record<PrefilledField, string> = {
  firstName: 'first name',
  lastName: 'last name',
  phone: 'phone',
  caseNumber: 'case number',
  language: 'preferred language',
};

/** The fields taken from the call and their values; the rep can change any of them. */
export function intakePrefill(call: CallForIntake): { draft: Partial<EseDraft>; fields: PrefilledField[] } {
  const draft: Partial<EseDraft> = {};
  if (call.callerType === 'resident') {
    // "First Middle Last": the last word is the last name, the rest the first (a rep fixes a two-word last name).
    const words = (call.callerName ?? '').trim().split(/\s+/).filter(Boolean);
    if (words.length === 1) draft.firstName = words[0]!;
    if (words.length > 1) {
      draft.firstName = words.slice(0, -1).join(' ');
      draft.lastName = words.at(-1)!;
    }
    if (call.callbackNumber) draft.phone = formatCallbackNumber(call.callbackNumber);
    if (call.language === 'es') draft.language = 'Spanish';
  }
  if (call.caseNumber) draft.caseNumber = call.caseNumber;
  // In the form's order, so the notice reads as the form does.
  return { draft, fields: (Object.keys(prefilledFieldLabels) as PrefilledField[]).filter((k) => k in draft) };
}

/** What the form says it filled in, in words. */
export function prefillNotice(fields: readonly PrefilledField[]): string | null {
  if (!fields.length) return null;
  const words = fields.map((f) => prefilledFieldLabels[f]);
  const list = words.length === 1 ? words[0]! : `${words.slice(0, -1).join(', ')} and ${words.at(-1)!}`;
  return `Filled in from the call: ${list}. Change them if the resident’s are different.`;
}

/**
 * An intake taken with no call open (issue 12.4): the call it offers to start, with the
 * intake's resident as the caller. Only values the call itself accepts are passed, so a
 * phone still being typed does not stop the call from starting.
 */
export function callStartFromIntake(draft: Partial<EseDraft>): { callerType: 'resident'; callerName?: string; callbackNumber?: string; caseNumber?: string } {
  const out: { callerType: 'resident'; callerName?: string; callbackNumber?: string; caseNumber?: string } = { callerType: 'resident' };
  const name = callerNameField.safeParse(
    [draft.firstName, draft.lastName]
      .map((s) => (s ?? '').trim())
      .filter(Boolean)
      .join(' '),
  );
  if (name.success && name.data) out.callerName = name.data;
  const phone = callbackNumberField.safeParse(draft.phone ?? '');
  if (phone.success) out.callbackNumber = phone.data;
  const kase = caseNumberField.safeParse(draft.caseNumber ?? '');
  if (kase.success) out.caseNumber = kase.data;
  return out;
}

import { z } from 'zod';
import { channel, event } from '../ipc/define';
import { LookupResult } from '../match/contract';
import { CallerType, callerTypeLabels } from './callerTypes';
import { CallSnapshot } from './contract';
import { callbackNumberField, callerNameField, caseNumberField, formatCallbackNumber } from './fields';

/**
 * Screen pop (issue 12.9): a softphone or CTI connector opens a `kynect-desk:` link when
 * a call comes in, with the caller's number and, when its IVR knows it, a case number:
 *
 *   kynect-desk://call?number=5025550134&case=100300113&type=agent
 *
 * Nothing is recorded until the rep confirms; then the call starts with what the link
 * said and the member lookup for the case runs at once. The link is untrusted input:
 * every parameter is validated like the rep's own typing, and an unknown one is refused
 * so a misconfigured connector is noticed rather than half-understood.
 */
export const SCREEN_POP_SCHEME = 'kynect-desk';
const MAX_LINK = 2048;

/** The link's parameters: what a CTI connector sends, under the names connectors use. */
const PARAMS: Record<string, 'callbackNumber' | 'caseNumber' | 'callerType' | 'callerName'> = {
  number: 'callbackNumber',
  ani: 'callbackNumber',
  case: 'caseNumber',
  type: 'callerType',
  name: 'callerName',
};

export const ScreenPopInput = z
  .object({
    callbackNumber: callbackNumberField.optional(),
    caseNumber: caseNumberField.optional(),
    callerType: CallerType.optional(),
    callerName: callerNameField.optional(),
  })
  .strict()
  .refine((p) => p.callbackNumber !== undefined || p.caseNumber !== undefined, { path: ['number'], message: "A screen pop needs the caller's number or a case number." });
export type ScreenPopInput = z.output<typeof ScreenPopInput>;

export const ScreenPopOffer = z.object({
  id: z.string(),
  receivedAt: z.string(),
  callbackNumber: z.string().nullable(),
  caseNumber: z.string().nullable(),
  callerType: CallerType,
  callerName: z.string().nullable(),
});
export type ScreenPopOffer = z.infer<typeof ScreenPopOffer>;

export type LinkParse = { ok: true; value: ScreenPopInput } | { ok: false; fieldErrors: Record<string, string>; message: string };

/** Reads a `kynect-desk:` link, or says what is wrong with it, by parameter. */
export function parseScreenPopLink(link: string): LinkParse {
  const refuse = (field: string, message: string): LinkParse => ({ ok: false, fieldErrors: { [field]: message }, message });
  if (link.length > MAX_LINK) return refuse('link', `A screen-pop link is at most ${MAX_LINK} characters.`);
  // Read by hand: shared/common has no URL class (it runs in the page and in Node alike), and the form is small.
  const m = /^([A-Za-z][A-Za-z0-9+.-]*):(?:\/\/)?([^?#]*)(?:\?([^#]*))?(?:#.*)?$/.exec(link.trim());
  if (!m) return refuse('link', 'This is not a link kynect Desk can read.');
  if (m[1]!.toLowerCase() !== SCREEN_POP_SCHEME) return refuse('link', `A screen-pop link starts with ${SCREEN_POP_SCHEME}:.`);
  // kynect-desk://call?… and kynect-desk:call?… are both what connectors write.
  if (m[2]!.replace(/^\/+|\/+$/g, '').toLowerCase() !== 'call') return refuse('link', `kynect Desk links open a call: ${SCREEN_POP_SCHEME}://call?number=…&case=….`);
  const raw: Record<string, string> = {};
  for (const pair of (m[3] ?? '').split('&').filter(Boolean)) {
    const eq = pair.indexOf('=');
    let key: string;
    let value: string;
    try {
      key = decodeURIComponent((eq < 0 ? pair : pair.slice(0, eq)).replace(/\+/g, ' '));
      value = eq < 0 ? '' : decodeURIComponent(pair.slice(eq + 1).replace(/\+/g, ' '));
    } catch {
      return refuse('link', 'The link has a broken %-escape.');
    }
    const field = PARAMS[key];
    if (!field) return refuse(key, `The link has a parameter kynect Desk does not know: "${key.slice(0, 30)}". It reads number, case, type and name.`);
    if (raw[field] !== undefined) return refuse(key, `The link gives "${key}" twice.`);
    if (value.trim() !== '') raw[field] = value;
  }
  const parsed = ScreenPopInput.safeParse(raw);
  if (parsed.success) return { ok: true, value: parsed.data };
  // Each field is reported under the parameter name connectors are told to use first.
  const back: Record<string, string> = {};
  for (const [k, f] of Object.entries(PARAMS)) back[f] ??= k;
  const fieldErrors: Record<string, string> = {};
  for (const issue of parsed.error.issues) {
    const key = String(issue.path[0] ?? 'link');
    fieldErrors[back[key] ?? key] ??= issue.message;
  }
  return {
    ok: false,
    fieldErrors,
    message: Object.entries(fieldErrors)
      .map(([k, m]) => `${k}: ${m}`)
      .join(' '),
  };
}

/** The link for a screen pop, as a connector would be configured to open it. */
export function screenPopLink(pop: ScreenPopInput): string {
  const q: string[] = [];
  if (pop.callbackNumber) q.push(`number=${encodeURIComponent(pop.callbackNumber)}`);
  if (pop.caseNumber) q.push(`case=${encodeURIComponent(pop.caseNumber)}`);
  if (pop.callerType) q.push(`type=${encodeURIComponent(pop.callerType)}`);
  if (pop.callerName) q.push(`name=${encodeURIComponent(pop.callerName)}`);
  return `${SCREEN_POP_SCHEME}://call?${q.join('&')}`;
}

/** The offer in words, for the confirmation the rep answers. */
export function describeOffer(offer: ScreenPopOffer): string {
  const who = offer.callerName ? `${offer.callerName}, ` : '';
  const number = offer.callbackNumber ? `from ${formatCallbackNumber(offer.callbackNumber)}` : 'from a withheld number';
  const kind = callerTypeLabels[offer.callerType];
  return `${kind} ${who}${number}${offer.caseNumber ? `, about case ${offer.caseNumber}` : ''}`;
}

const OfferId = z.object({ offerId: z.string().min(1).max(64) }).strict();

export const screenPopChannels = {
  'app:screenPop.offer': channel({
    summary: 'A softphone or CTI connector opened a kynect-desk: link: it waits for the rep to confirm.',
    request: z.object({ link: z.string().max(4096) }).strict(),
    response: ScreenPopOffer,
  }),
  'app:screenPop.pending': channel({ summary: 'The screen pop waiting for the rep, if any.', request: z.object({}).strict(), response: ScreenPopOffer.nullable() }),
  'app:screenPop.accept': channel({
    summary: 'The rep takes the call: it starts with what the link said, and the member lookup for its case runs at once.',
    request: OfferId,
    response: z.object({ call: CallSnapshot, lookup: LookupResult.nullable() }),
  }),
  'app:screenPop.dismiss': channel({ summary: 'The rep lets the screen pop go: nothing is recorded about the caller.', request: OfferId, response: z.object({}) }),
};

export const screenPopEvents = {
  'app:screenPop.changed': event({ summary: 'A screen pop arrived, or the waiting one was taken or let go.', payload: ScreenPopOffer.nullable() }),
};

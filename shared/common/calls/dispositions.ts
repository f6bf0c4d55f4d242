import { z } from 'zod';

/**
 * Disposition codes close a call. The list is a setting (`calls.dispositions`)
 * so a supervisor can change it; these are the defaults, each tied to the work
 * the seeds describe.
 */
export const Disposition = z.object({
  code: z
    .string()
    .trim()
    .regex(/^[a-z][a-z0-9_]{1,39}$/, 'A code is 2 to 40 lowercase letters, digits or _, starting with a letter.'),
  label: z.string().trim().min(1, 'A disposition needs a label.').max(80, 'A label is at most 80 characters.'),
  /**
   * May close a call together with other combinable codes (issue 12 §2: "more than one
   * code where the list allows"). Absent in lists stored before it: one code per call, as then.
   */
  combinable: z.boolean().default(false),
});
// As typed: `combinable` may be left out (false); the parsed list always has it.
export type Disposition = z.input<typeof Disposition>;

export const DispositionList = z
  .array(Disposition)
  .min(1, 'Keep at least one disposition: a call cannot close without one.')
  .max(100, 'At most 100 dispositions.')
  .superRefine((list, ctx) => {
    const seen = new Set<string>();
    list.forEach((d, i) => {
      if (seen.has(d.code)) ctx.addIssue({ code: 'custom', path: [i, 'code'], message: `The code "${d.code}" is used twice.` });
      seen.add(d.code);
    });
  });
export type DispositionList = z.infer<typeof DispositionList>;

/** At most this many codes besides the primary one. */
export const MAX_ADDITIONAL_DISPOSITIONS = 5;

/**
 * Why these additional codes cannot go with this primary one, or null. Every code of a
 * call closed with several must be marked combinable in the list.
 */
export function combinationRefusal(list: readonly Disposition[], primary: string, additional: readonly string[]): string | null {
  if (additional.length === 0) return null;
  if (additional.length > MAX_ADDITIONAL_DISPOSITIONS) return `At most ${MAX_ADDITIONAL_DISPOSITIONS} additional dispositions.`;
  const byCode = new Map(list.map((d) => [d.code, d]));
  const first = byCode.get(primary);
  if (!first?.combinable) return `"${first?.label ?? primary}" closes a call on its own: the disposition list does not allow other codes with it.`;
  const seen = new Set<string>([primary]);
  for (const code of additional) {
    const d = byCode.get(code);
    if (!d) return `"${code}" is not in the disposition list.`;
    if (seen.has(code)) return `"${d.label}" is chosen twice.`;
    if (!d.combinable) return `"${d.label}" cannot be combined with other dispositions.`;
    seen.add(code);
  }
  return null;
}

/** The primary code's label, then the additional ones': "A; also B, C". */
export function dispositionsText(list: readonly Disposition[], primary: string | null, additional: readonly string[] = []): string {
  const main = dispositionLabel(list, primary);
  return additional.length ? `${main}; also ${additional.map((c) => dispositionLabel(list, c)).join(', ')}` : main;
}

export const DISPOSITIONS_SETTING = 'calls.dispositions';

// Work codes combine (a call can give SEP information and forward an ESE request);
// codes that say how the call ended (resolved, transferred, disconnected, other) stand alone.
export const defaultDispositions: DispositionList = [
  { code: 'resolved', label: 'Resolved on the call', combinable: false },
  // 000 step 1: an Agent is associated only with the client on the line.
  { code: 'association_completed', label: 'Agent associated (client on the line)', combinable: true },
  { code: 'association_not_done', label: 'Association not done: client not on the line (alternatives given)', combinable: true },
  { code: 'consent_recorded', label: 'Consent recorded', combinable: true },
  // 003 §7.6: reps cannot decide ESE eligibility and forward the request to KHBE.
  { code: 'ese_forwarded', label: 'ESE request forwarded to KHBE', combinable: true },
  { code: 'sep_information', label: 'SEP information given', combinable: true },
  // 003 §9.1: member-match questions and the three-day rule go to the PSL.
  { code: 'member_match_psl', label: 'Member match: handled by or referred to PSL', combinable: true },
  // 003 §9.1: Agents and kynectors may email kynectdireneed@ky.gov; the desk does not send it.
  { code: 'dire_need', label: 'Dire Need: Agent or kynector told to email kynectdireneed@ky.gov (PSL)', combinable: true },
  { code: 'callback_needed', label: 'Callback needed', combinable: true },
  { code: 'transferred', label: 'Transferred', combinable: false },
  { code: 'disconnected', label: 'Call disconnected', combinable: false },
  { code: 'other', label: 'Other (see notes)', combinable: false },
];

export function dispositionLabel(list: readonly Disposition[], code: string | null): string {
  if (!code) return '';
  return list.find((d) => d.code === code)?.label ?? code;
}

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
});
export type Disposition = z.infer<typeof Disposition>;

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

export const DISPOSITIONS_SETTING = 'calls.dispositions';

export const defaultDispositions: DispositionList = [
  { code: 'resolved', label: 'Resolved on the call' },
  // 000 step 1: an Agent is associated only with the client on the line.
  { code: 'association_completed', label: 'Agent associated (client on the line)' },
  { code: 'association_not_done', label: 'Association not done: client not on the line (alternatives given)' },
  { code: 'consent_recorded', label: 'Consent recorded' },
  // 003 §7.6: reps cannot decide ESE eligibility and forward the request to KHBE.
  { code: 'ese_forwarded', label: 'ESE request forwarded to KHBE' },
  { code: 'sep_information', label: 'SEP information given' },
  // 003 §9.1: member-match questions and the three-day rule go to the PSL.
  { code: 'member_match_psl', label: 'Member match: handled by or referred to PSL' },
  // 003 §9.1: Agents and kynectors may email kynectdireneed@ky.gov; the desk does not send it.
  { code: 'dire_need', label: 'Dire Need: Agent or kynector told to email kynectdireneed@ky.gov (PSL)' },
  { code: 'callback_needed', label: 'Callback needed' },
  { code: 'transferred', label: 'Transferred' },
  { code: 'disconnected', label: 'Call disconnected' },
  { code: 'other', label: 'Other (see notes)' },
];

export function dispositionLabel(list: readonly Disposition[], code: string | null): string {
  if (!code) return '';
  return list.find((d) => d.code === code)?.label ?? code;
}

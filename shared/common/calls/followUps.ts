/**
 * Follow-ups (issue 12 §4): a follow-up date set at wrap-up comes back to the same
 * operator as a reminder on that day, and stays (said as overdue) until it is done.
 */
import { z } from 'zod';
import { CallerType } from './callerTypes';

export const FollowUp = z.object({
  /** The call whose wrap-up set the date. */
  callId: z.string(),
  followUpDate: z.string(),
  /** Days past the follow-up date on the desk's calendar; 0 when due today. */
  daysOverdue: z.number().int().min(0),
  callerType: CallerType,
  callerName: z.string().nullable(),
  callbackNumber: z.string().nullable(),
  caseNumber: z.string().nullable(),
  disposition: z.string().nullable(),
  startedAt: z.string(),
  /** The day of the earlier call on the desk's calendar. */
  callDay: z.string(),
});
export type FollowUp = z.infer<typeof FollowUp>;

export const FollowUpList = z.object({ today: z.string(), items: z.array(FollowUp) });
export type FollowUpList = z.infer<typeof FollowUpList>;

export const FollowUpCount = z.object({ today: z.string(), due: z.number().int().min(0), overdue: z.number().int().min(0) });
export type FollowUpCount = z.infer<typeof FollowUpCount>;

/** Whole days from `from` to `to` (both YYYY-MM-DD), counted on the calendar, not in hours. */
export function daysBetween(from: string, to: string): number {
  const ms = Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`);
  return Math.round(ms / 86_400_000);
}

/**
 * What features report as they work (an SEP summary copied, a member-match
 * search, a consent record, an ESE intake). The call-session service puts each
 * record on the active call's timeline; with no active call it is dropped.
 */
import type { CallLanguage } from '../../common/calls/language';

export type ActivityKind = 'sep.summary' | 'match.search' | 'consent.record' | 'association' | 'ese.intake' | 'note';

export interface ActivityRecord {
  kind: ActivityKind;
  /** One line a rep can read on the timeline. Never an SSN. */
  summary: string;
  /** Id of the thing recorded (intake id, consent id), to open it from the timeline. */
  refId?: string;
  details?: Record<string, unknown>;
  /** Text for the call's notes as well (an SEP summary the rep copied), appended after what is there. */
  notes?: string;
}

export interface CallActivity {
  /** Returns the id of the call it was attached to, or null when no call is active. */
  record(entry: ActivityRecord): string | null;
  /**
   * The language of the open call (issue 13), which every text read to the caller or sent
   * to the resident follows; null when no call is open.
   */
  language(): CallLanguage | null;
}

export const noCallActivity: CallActivity = { record: () => null, language: () => null };

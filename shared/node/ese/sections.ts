import { format } from 'date-fns';
import { circumstanceLabel, documentLabel, eseWindow, formatPhone, preferredContactLabels, writtenRequestLabels, type EseIntake, type LegacyDireNeed } from '../../common/ese';
import { formatLocalDateTime } from '../../common/localTime';
import type { EseWindow } from '../../common/ese/window';
import { maskSsns } from './redact';

/** An intake as it was submitted: what the email, the PDF and the .eml are built from. */
export interface SubmittedIntake {
  id: string;
  reference: string;
  /** As stored: an intake from before migration 0011 may carry the Dire Need flag it was taken with. */
  intake: EseIntake & LegacyDireNeed;
  /** ISO instant of submission; also the Date header, so a resend is byte-for-byte the same message. */
  submittedAt: string;
  /** YYYY-MM-DD in the desk's time zone on the day of submission (the window is shown as of then). */
  submittedOn: string;
  /** The operator who forwarded it (name and role), for KHBE staff to call back. */
  forwardedBy: string;
  /** The desk's time zone when it was forwarded (migration 0020); absent on older intakes, shown in UTC. */
  timeZone?: string | undefined;
  /** The call the intake was taken in, when there was one. */
  callRef?: string | undefined;
  /** Stored at submit; never recomputed. */
  messageId: string;
}

/** One labelled line per answer, in form order; shared by the body and the PDF. */
export interface IntakeSection {
  title: string;
  rows: [label: string, value: string][];
}

const human = (day: string) => format(new Date(`${day}T12:00:00`), 'MMMM d, yyyy');

/**
 * The window as a record keeps it: its dates and last day, never a "days left" count,
 * which would be wrong on every day after the message was sent (issue 12.4).
 */
function windowForRecord(w: EseWindow): string {
  const range = `${human(w.opens)} to ${human(w.lastDay)}`;
  if (w.state === 'closed') return `${range}; the last day to select a plan was ${human(w.lastDay)}, before this request was forwarded. The committee decides.`;
  if (w.state === 'not_started') return `${range}; it had not started when this request was forwarded.`;
  return `${range}; the last day to select a plan is ${human(w.lastDay)}.`;
}

export function intakeSections(s: SubmittedIntake): IntakeSection[] {
  const i = s.intake;
  const keep = i.caseNumber ? [i.caseNumber] : [];
  const clean = (t: string) => maskSsns(t, keep);
  const window = eseWindow(i.knownDate, s.submittedOn);
  const sections: IntakeSection[] = [
    {
      title: 'Request',
      rows: [
        ['Reference', s.reference],
        ['Forwarded', `${formatLocalDateTime(s.submittedAt, s.timeZone ?? 'UTC')} by ${clean(s.forwardedBy)}`],
        ...(s.callRef ? ([['Call', clean(s.callRef)]] as [string, string][]) : []),
        // Only on intakes flagged before Dire Need left the ESE intake; new ones have no such row.
        ...(i.direNeed ? ([['Marked Dire Need when taken', clean(i.direNeedReason ?? '')]] as [string, string][]) : []),
      ],
    },
    {
      title: 'Resident',
      rows: [
        ['Name', clean(`${i.firstName} ${i.lastName}`)],
        ['Date of birth', human(i.dateOfBirth)],
        ['Case or application number', i.caseNumber ?? 'Not given'],
        ['Phone', formatPhone(i.phone)],
        ['Email', i.email ? clean(i.email) : 'Not given'],
        ['Preferred contact', preferredContactLabels[i.preferredContact]],
        ['Language', clean(i.language)],
      ],
    },
    {
      title: 'Circumstance',
      rows: [
        ['Circumstance', circumstanceLabel(i.circumstance)],
        ...(i.circumstanceOther ? ([['Described as', clean(i.circumstanceOther)]] as [string, string][]) : []),
        ['Triggering event', human(i.eventDate)],
        ['Knew or should have known', human(i.knownDate)],
        ['Plan-selection window', window ? windowForRecord(window) : 'Not computed'],
      ],
    },
    { title: 'What happened (in the resident’s words)', rows: [['', clean(i.narrative)]] },
    {
      title: 'Documents and written request',
      rows: [
        ['Documents the resident has', i.documents.length ? i.documents.map(documentLabel).join('; ') : 'None listed'],
        ...(i.documentsOther ? ([['Other documents', clean(i.documentsOther)]] as [string, string][]) : []),
        ['Written request', writtenRequestLabels[i.writtenRequestSent] + (i.writtenRequestDate ? ` (sent ${human(i.writtenRequestDate)})` : '')],
      ],
    },
  ];
  return sections;
}

/**
 * Call notes: one free-text document per call, with templates a rep inserts at
 * the cursor and snippets other areas send (an SEP summary, a match result).
 * Templates leave "___" blanks to fill in (filled from what the call already knows
 * by facts.ts `fillTemplate`); each cites the seed section it follows so a reviewer
 * can check the wording against policy.
 */
import { z } from 'zod';
import { maskSsnsInText, maskWithCount } from '../privacy/ssnText';
import { stripUnsafeChars } from '../privacy/unsafeText';

export const NOTES_MAX = 20_000;

export const NotesText = z.string().max(NOTES_MAX, `Notes are at most ${NOTES_MAX.toLocaleString('en-US')} characters.`);

export interface NoteTemplate {
  id: string;
  label: string;
  /** Seed file and section the wording follows. */
  source: string;
  body: string;
}

export const noteTemplates: readonly NoteTemplate[] = [
  {
    id: 'three_way_association',
    label: 'Three-way association',
    source: 'seed 000, "Current or Previous Enrollment in HealthCare.gov or Existing Benefits Application", step 1',
    body: [
      'THREE-WAY ASSOCIATION',
      'Agent: ___ (NPN ___)',
      'Client on the line: yes / no',
      'Client confirmed they want the Agent associated with their case: yes / no',
      'Consent method: electronic / verbal',
      'Case number: ___',
      'Outcome: associated / not associated',
      'If the client was not on the line: told the Agent the client must be on the line, or the client can add the Agent in kynect benefits ("Reps, kynectors, and Agents"), or send the Appendix B form to DCBS.',
    ].join('\n'),
  },
  {
    id: 'ese_intake_forwarded',
    label: 'ESE intake forwarded',
    source: 'seed 003 §7.5 and §7.6',
    body: [
      'EXCEPTIONAL SPECIAL ENROLLMENT (ESE) REQUEST',
      'Circumstance described by the resident: ___',
      'Date they knew of the triggering event: ___',
      'Told the resident: the Contact Center cannot decide ESE eligibility; the request is forwarded to KHBE, an ESE committee reviews it and the KHBE Director decides; the decision comes in writing.',
      'Forwarded to KHBE (kynectESE@ky.gov) on: ___',
    ].join('\n'),
  },
  {
    id: 'psl_member_match',
    label: 'PSL member match',
    source: 'seed 003 §9 and §9.1',
    body: [
      'PSL: MEMBER MATCH',
      'Caller (Agent / kynector): ___',
      'Match result: Full / Partial / No match',
      'Application or case number: ___',
      'Days since application submitted: ___ (three-day rule: PSL verifies association when the case number cannot be found after three days)',
      'Dire Need (attention within 24 hours): yes / no (kynectdireneed@ky.gov)',
      'Next step: ___',
    ].join('\n'),
  },
  {
    id: 'sep_question',
    label: 'SEP question',
    source: 'seed 003 §7.3 and §7.4; seed 004',
    body: [
      'SPECIAL ENROLLMENT PERIOD (SEP) QUESTION',
      'Qualifying event: ___',
      'Date of the event: ___',
      'Window (generally 60 days after the event): open / closed',
      'Coverage effective date rule given: ___',
      'Documents required (within 30 days of plan selection if not verified automatically): ___',
    ].join('\n'),
  },
];

export function findTemplate(id: string): NoteTemplate | undefined {
  return noteTemplates.find((t) => t.id === id);
}

export interface Insertion {
  text: string;
  /** Where the cursor goes: the line after the inserted block, ready to type. */
  cursor: number;
}

/**
 * Insert a block at the cursor (replacing any selection), on lines of its own:
 * a template pasted mid-line would split the rep's sentence.
 */
export function insertBlock(text: string, block: string, selectionStart = text.length, selectionEnd = selectionStart): Insertion {
  const start = clamp(selectionStart, 0, text.length);
  const end = clamp(Math.max(selectionEnd, start), 0, text.length);
  const before = text.slice(0, start);
  const after = text.slice(end);
  const lead = before === '' || before.endsWith('\n') ? '' : '\n';
  const trail = after.startsWith('\n') ? '' : '\n';
  const inserted = `${lead}${block}${trail}`;
  return { text: before + inserted + after, cursor: before.length + inserted.length };
}

/** Append a snippet sent from another area as its own paragraph. */
export function appendSnippet(text: string, snippet: string): string {
  const s = snippet.trim();
  if (!s) return text;
  if (text.trim() === '') return `${s}\n`;
  const sep = text.endsWith('\n\n') ? '' : text.endsWith('\n') ? '\n' : '\n\n';
  return `${text}${sep}${s}\n`;
}

function clamp(n: number, lo: number, hi: number): number {
  return Math.min(hi, Math.max(lo, Number.isFinite(n) ? Math.trunc(n) : hi));
}

/**
 * Mask SSNs in free text before it is shown read-only or exported: the app's one
 * detector (privacy/ssnText.ts). Notes are masked before they are stored too, so
 * this only catches what older versions stored; `keep` is the call's own case number.
 */
export function maskSsns(text: string, keep: readonly (string | null | undefined)[] = []): string {
  return maskSsnsInText(text, { keep });
}

/**
 * What is stored of notes a rep typed or another area sent: control and
 * text-direction characters dropped, every full SSN masked to its last four.
 */
export function cleanNotes(text: string, keep: readonly (string | null | undefined)[] = []): { text: string; ssnMasked: number } {
  const r = maskWithCount(stripUnsafeChars(text), { keep });
  return { text: r.text, ssnMasked: r.masked };
}

import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { DeskError } from '../../../shared/common/errors';
import { fieldLabel, isoDate, parseUnknown } from '../../../shared/common/validation';
import { callLanguages } from '../../../shared/common/calls/language';
import { callerTextIds, findText, renderText } from '../../../shared/common/texts/catalogue';
import { CODE_ON_SCREEN, plural, splitCitations, withoutHeadline } from '../../../shared/common/texts/readable';
import { textSha256 } from '../../../shared/node/texts/textHash';

describe('words read at a glance (issue 12.6)', () => {
  it('counts with one plural rule: never "1 minutes"', () => {
    expect(plural(1, 'minute')).toBe('1 minute');
    expect(plural(0, 'minute')).toBe('0 minutes');
    expect(plural(3, 'day')).toBe('3 days');
    expect(plural(2, 'thing', 'things')).toBe('2 things');
    expect(plural(1, 'entry', 'entries')).toBe('1 entry');
  });

  it('says a headline once: "Full match. Full match: …" becomes one', () => {
    expect(withoutHeadline('Full match: every identifying field agrees with one member.', 'Full match')).toBe('Every identifying field agrees with one member.');
    expect(withoutHeadline('Partial match: not every field agrees.', 'Partial match')).toBe('Not every field agrees.');
    expect(withoutHeadline('Found by case number.', 'Case found')).toBe('Found by case number.');
  });

  it('takes seed numbers and section marks out of a sentence, keeping them as its sources', () => {
    expect(splitCitations('The Contact Center cannot associate an Agent without them (000).')).toEqual({
      text: 'The Contact Center cannot associate an Agent without them.',
      sources: ['000'],
    });
    expect(splitCitations('The KHBE Director decides (003 §7.5–7.6).')).toEqual({ text: 'The KHBE Director decides.', sources: ['003 §7.5–7.6'] });
    expect(splitCitations('The event date is the HRA start date (seed 003 §8.5).').text).toBe('The event date is the HRA start date.');
    expect(splitCitations('It does not pend (the pend applies to adoption, foster care and court orders; §7.4).').text).toBe(
      'It does not pend (the pend applies to adoption, foster care and court orders).',
    );
    expect(splitCitations('The table gives no window; §7.4 says these individuals are eligible monthly.')).toEqual({
      text: 'The table gives no window; the policy says these individuals are eligible monthly.',
      sources: ['§7.4'],
    });
    expect(
      splitCitations('the KHBE Director makes the final decision (SBM Policy §7.6). The resident still requests the ESE in writing to KHBE (§7.5): the closing script says how.'),
    ).toEqual({
      text: 'the KHBE Director makes the final decision. The resident still requests the ESE in writing to KHBE: the closing script says how.',
      sources: ['SBM Policy §7.6', '§7.5'],
    });
    // Numbers that are not references stay: a phone number, a year, a count of days.
    const plain = 'Call 1-855-326-4650 within 60 days (by 2026).';
    expect(splitCitations(plain)).toEqual({ text: plain, sources: [] });
  });

  it('the newest version of every caller text has no seed number, section mark or rule-book id in its words', () => {
    for (const id of callerTextIds)
      for (const locale of callLanguages) {
        const t = findText(id, locale);
        for (const line of t.lines) {
          expect(line.text, `${id} v${t.version} ${locale}`).not.toMatch(CODE_ON_SCREEN);
          expect(line.text, `${id} v${t.version} ${locale}`).not.toMatch(/\{eventId\}|\(\d{3}[:\s]/);
        }
        expect(t.source, `${id} ${locale} names its source`).toMatch(/\d{3}/);
      }
  });

  it('a record of a text read before the citation left it still verifies: its version renders the same words and hash', () => {
    const v1 = renderText('match.dire-need', 'en', {}, 1);
    expect(v1.text).toContain('kynectdireneed@ky.gov (003 §9.1).');
    expect(textSha256(renderText('match.dire-need', 'en', {}, 1))).toBe(textSha256(v1));
    const v2 = renderText('match.dire-need', 'en', {});
    expect(v2.version).toBe(2);
    expect(v2.text).toBe('For applications needing attention within 24 hours (“Dire Need” cases), Agents and kynectors may email kynectdireneed@ky.gov.');
    expect(textSha256(v2)).not.toBe(textSha256(v1));
    expect(renderText('association.client-not-on-line', 'es', {}, 1).lines[0]).toMatch(/\(000\)\.$/);
    expect(renderText('association.client-not-on-line', 'es', {}).lines[0]).toBe(
      'El Centro de Contacto solo puede asociar a un Agente mientras el cliente está en la línea; no se puede asociar al Agente sin el cliente.',
    );
    const sep = { event: 'Marriage', eventId: 'marriage', eventDate: '2026-06-20', selectionDate: '2026-06-25', noCoverageDate: 'yes', noDocuments: 'yes', openAllYear: 'yes' };
    expect(renderText('sep.summary.sep', 'en', sep, 1).lines[0]).toBe('SEP: Marriage (marriage), event 2026-06-20, plan selection 2026-06-25.');
    expect(renderText('sep.summary.sep', 'en', sep).lines[0]).toBe('SEP: Marriage, event 2026-06-20, plan selection 2026-06-25.');
  });
});

describe('a refused request names the field as the rep reads it (issue 12.6)', () => {
  it('turns field paths into labels', () => {
    expect(fieldLabel('dateOfBirth')).toBe('Date of birth');
    expect(fieldLabel('client.dateOfBirth')).toBe('Date of birth');
    expect(fieldLabel('choice.caseNumber')).toBe('Case number');
    expect(fieldLabel('agent.npn')).toBe('NPN');
    expect(fieldLabel('scripts.0.title')).toBe('Title');
    expect(fieldLabel('callback_number')).toBe('Callback number');
  });

  it('says the label, never the path, in the message; the form still finds the field by its path', () => {
    const schema = z.object({ client: z.object({ dateOfBirth: isoDate }) });
    let caught: unknown;
    try {
      parseUnknown(schema, { client: { dateOfBirth: '2026-02-30' } });
    } catch (e) {
      caught = e;
    }
    expect(caught).toBeInstanceOf(DeskError);
    const error = caught as DeskError;
    expect(error.message).toBe('The request is not valid (Date of birth: That day does not exist.).');
    expect(error.message).not.toMatch(/[a-z][A-Z]/);
    expect(error.fieldErrors).toEqual({ 'client.dateOfBirth': 'That day does not exist.' });
  });
});

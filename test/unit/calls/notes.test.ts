import { describe, expect, it } from 'vitest';
import { appendSnippet, findTemplate, insertBlock, maskSsns, noteTemplates, NotesText, NOTES_MAX } from '../../../shared/common/calls/notes';
import { defaultDispositions, DispositionList, dispositionLabel } from '../../../shared/common/calls/dispositions';

describe('note templates', () => {
  it('has the four templates the issue names, each citing its seed section', () => {
    expect(noteTemplates.map((t) => t.label)).toEqual(['Three-way association', 'ESE intake forwarded', 'PSL member match', 'SEP question']);
    for (const t of noteTemplates) {
      expect(t.source).toMatch(/seed 00\d/);
      expect(t.body).toContain('___');
      expect(findTemplate(t.id)).toBe(t);
    }
  });

  it('follow the policy they cite', () => {
    // 000 step 1: the client must be on the line.
    expect(findTemplate('three_way_association')!.body).toMatch(/client must be on the line/);
    // 003 §7.6: reps cannot decide ESE eligibility; KHBE decides, in writing. §7.4: kynectESE@ky.gov.
    expect(findTemplate('ese_intake_forwarded')!.body).toMatch(/cannot decide ESE eligibility/);
    expect(findTemplate('ese_intake_forwarded')!.body).toContain('kynectESE@ky.gov');
    // 003 §9: Full, Partial, No; §9.1 the three-day rule and the Dire Need mailbox.
    expect(findTemplate('psl_member_match')!.body).toMatch(/Full \/ Partial \/ No match/);
    expect(findTemplate('psl_member_match')!.body).toMatch(/three days/);
    expect(findTemplate('psl_member_match')!.body).toContain('kynectdireneed@ky.gov');
    // 003 §7.3: generally 60 days; verification documents within 30 days.
    expect(findTemplate('sep_question')!.body).toMatch(/60 days/);
    expect(findTemplate('sep_question')!.body).toMatch(/30 days/);
  });

  it('returns undefined for an unknown template', () => {
    expect(findTemplate('nope')).toBeUndefined();
  });
});

describe('inserting into notes', () => {
  it('puts a block on its own lines at the cursor and moves the cursor to the line after it', () => {
    expect(insertBlock('', 'T')).toEqual({ text: 'T\n', cursor: 2 });
    expect(insertBlock('abc', 'T')).toEqual({ text: 'abc\nT\n', cursor: 6 });
    expect(insertBlock('ab\ncd', 'T', 3)).toEqual({ text: 'ab\nT\ncd', cursor: 5 });
    expect(insertBlock('abcd', 'T', 2)).toEqual({ text: 'ab\nT\ncd', cursor: 5 });
    // On an empty line the block takes that line rather than adding another.
    expect(insertBlock('ab\n\ncd', 'T', 3)).toEqual({ text: 'ab\nT\ncd', cursor: 4 });
  });

  it('replaces a selection and clamps odd cursor positions', () => {
    expect(insertBlock('keep DROP keep', 'T', 5, 9)).toEqual({ text: 'keep \nT\n keep', cursor: 8 });
    expect(insertBlock('abc', 'T', 99)).toEqual({ text: 'abc\nT\n', cursor: 6 });
    expect(insertBlock('abc', 'T', -4)).toEqual({ text: 'T\nabc', cursor: 2 });
  });

  it('appends a snippet from another area as its own paragraph', () => {
    expect(appendSnippet('', 'SEP: marriage')).toBe('SEP: marriage\n');
    expect(appendSnippet('a', 'b')).toBe('a\n\nb\n');
    expect(appendSnippet('a\n', 'b')).toBe('a\n\nb\n');
    expect(appendSnippet('a\n\n', '  b  ')).toBe('a\n\nb\n');
    expect(appendSnippet('a', '   ')).toBe('a');
  });

  it('limits notes to their maximum length with a clear message', () => {
    expect(NotesText.safeParse('x'.repeat(NOTES_MAX)).success).toBe(true);
    const r = NotesText.safeParse('x'.repeat(NOTES_MAX + 1));
    expect(r.success).toBe(false);
    expect(r.error?.issues[0]?.message).toBe('Notes are at most 20,000 characters.');
  });
});

describe('SSNs in free text', () => {
  it('masks dashed, spaced and labeled SSNs to the last four', () => {
    expect(maskSsns('ssn 123-45-6789 ok')).toBe('ssn ***-**-6789 ok');
    expect(maskSsns('123 45 6789')).toBe('***-**-6789');
    expect(maskSsns('SSN: 123456789')).toBe('SSN: ***-**-6789');
    expect(maskSsns('social security number 123456789.')).toBe('social security number ***-**-6789.');
  });

  it('keeps case numbers, callback numbers and dates', () => {
    const text = 'case 113023543, call 502-555-0134, born 1977-02-03, app 13002543';
    expect(maskSsns(text)).toBe(text);
  });
});

describe('dispositions', () => {
  it('the default list is valid and labels its codes', () => {
    expect(DispositionList.parse(defaultDispositions)).toEqual(defaultDispositions);
    expect(dispositionLabel(defaultDispositions, 'ese_forwarded')).toBe('ESE request forwarded to KHBE');
    expect(dispositionLabel(defaultDispositions, 'retired_code')).toBe('retired_code');
    expect(dispositionLabel(defaultDispositions, null)).toBe('');
  });

  it('refuses an empty list, duplicate codes and bad codes, at the field', () => {
    expect(DispositionList.safeParse([]).error?.issues[0]?.message).toBe('Keep at least one disposition: a call cannot close without one.');
    const dup = DispositionList.safeParse([
      { code: 'a1', label: 'A' },
      { code: 'a1', label: 'B' },
    ]);
    expect(dup.error?.issues[0]).toMatchObject({ path: [1, 'code'], message: 'The code "a1" is used twice.' });
    const bad = DispositionList.safeParse([{ code: 'Has Space', label: 'A' }]);
    expect(bad.error?.issues[0]?.path).toEqual([0, 'code']);
  });
});

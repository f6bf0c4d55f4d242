import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { callLanguages } from '../../../shared/common/calls/language';
import { callerTextIds, callerTexts, catalogueProblems, dateWords, findText, renderText, type CallerText } from '../../../shared/common/texts/catalogue';
import { textSha256, textUse } from '../../../shared/node/texts/textHash';

describe('caller texts catalogue (issue 13.1)', () => {
  it('has every text in English and Spanish, with the same lines, placeholders, numbers and mailboxes', () => {
    expect(catalogueProblems(callerTexts)).toEqual([]);
    for (const id of callerTextIds) for (const locale of callLanguages) expect(() => findText(id, locale)).not.toThrow();
  });

  it('fails for a text in one language only, or a translation whose placeholders, optional lines or numbers differ', () => {
    const without = (id: string) => callerTexts.filter((t) => !(t.id === id && t.locale === 'es'));
    expect(catalogueProblems(without('match.psl'))).toEqual(['match.psl v1 has 0 es texts (one is needed).']);
    const swap = (id: string, f: (t: CallerText) => CallerText) => callerTexts.map((t) => (t.id === id && t.locale === 'es' ? f(t) : t));
    expect(catalogueProblems(swap('match.submitted-days', (t) => ({ ...t, lines: [{ text: 'Se presentó hace {dias} días.' }] })))).toEqual([
      'match.submitted-days v1 (es) line 1 names dias; the English names days.',
    ]);
    expect(catalogueProblems(swap('ese.closing', (t) => ({ ...t, lines: t.lines.map((l) => ({ text: l.text })) })))).toEqual([
      'ese.closing v2 (es) line 3 is read when always; the English when reference.',
    ]);
    expect(catalogueProblems(swap('match.psl', (t) => ({ ...t, lines: [{ text: t.lines[0]!.text.replace('4650', '4651') }] })))).toEqual([
      'match.psl v1 (es) line 1: numbers, mailboxes or citations differ from the English.',
    ]);
    expect(catalogueProblems(callerTexts.filter((t) => t.id !== 'sep.summary.ese'))).toEqual(['sep.summary.ese has no text.']);
  });

  it('renders in the language asked, leaves out a line whose value is missing, and refuses a blank where a value is read aloud', () => {
    const en = renderText('ese.closing', 'en', { name: 'Rosa, ', reference: 'E S E' });
    expect(en.lines[0]).toBe('Rosa, I have forwarded the details of this call to the Kentucky Health Benefit Exchange (KHBE) staff.');
    const es = renderText('ese.closing', 'es', { name: '', reference: undefined });
    expect(es.lines[0]).toBe('He enviado los detalles de esta llamada al personal de Kentucky Health Benefit Exchange (KHBE).');
    expect(es.lines).toHaveLength(5);
    expect(es.locale).toBe('es');
    expect(es.text).toBe(es.lines.join('\n'));
    expect(() => renderText('match.submitted-days', 'es', {})).toThrow(/\{days\}/);
    expect(() => renderText('association.confirmation', 'en', { agentName: '  ' })).toThrow(/\{agentName\}/);
  });

  it('hashes exactly the words shown, and the two languages differ', () => {
    const r = renderText('match.dire-need', 'es', {});
    expect(textSha256(r)).toBe(createHash('sha256').update(r.text, 'utf8').digest('hex'));
    expect(textUse(r)).toEqual({ id: 'match.dire-need', version: 2, locale: 'es', sha256: textSha256(r) });
    expect(textUse(renderText('match.dire-need', 'en', {})).sha256).not.toBe(textUse(r).sha256);
  });

  it('says a date the way it is read aloud in each language', () => {
    expect(dateWords('2026-11-22', 'en')).toBe('November 22, 2026');
    expect(dateWords('2026-11-22', 'es')).toBe('22 de noviembre de 2026');
  });
});

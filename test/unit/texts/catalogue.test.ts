import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { callLanguages } from '../../../shared/common/calls/language';
import { callerTextIds, callerTexts, catalogueProblems, dateWords, findText, renderText, type CallerText, type CallerTextId } from '../../../shared/common/texts/catalogue';
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
      'ese.closing v3 (es) line 3 is read when always; the English when reference.',
    ]);
    expect(catalogueProblems(swap('match.psl', (t) => ({ ...t, lines: [{ text: t.lines[0]!.text.replace('4650', '4651') }] })))).toEqual([
      'match.psl v1 (es) line 1: numbers, mailboxes or citations differ from the English.',
    ]);
    expect(catalogueProblems(callerTexts.filter((t) => t.id !== 'sep.summary.ese'))).toEqual(['sep.summary.ese has no text.']);
  });

  it('fails for any of the association and consent texts in one language only (issue 13.1)', () => {
    const onlyEnglish = [
      'association.case-not-certain',
      'association.training-not-done',
      'association.new-applicant',
      'association.consent-not-possible',
      'consent.agent-portal-next-steps',
    ];
    for (const id of onlyEnglish) {
      // Every version of the text is held to it (association.new-applicant has a v2).
      const versions = [...new Set(callerTexts.filter((t) => t.id === id).map((t) => t.version))];
      expect(catalogueProblems(callerTexts.filter((t) => !(t.id === id && t.locale === 'es')))).toEqual(versions.map((v) => `${id} v${v} has 0 es texts (one is needed).`));
      expect(catalogueProblems(callerTexts.filter((t) => !(t.id === id && t.locale === 'en')))).toEqual(versions.map((v) => `${id} v${v} has 0 en texts (one is needed).`));
    }
  });

  it('fails when the words in use name a seed or a section: those belong in the source (issue 12.6)', () => {
    const cited = callerTexts.map((t) =>
      t.id === 'association.training-not-done' && t.locale === 'es' ? { ...t, lines: [t.lines[0]!, { text: `${t.lines[1]!.text} (000)` }] } : t,
    );
    expect(catalogueProblems(cited)).toEqual([
      'association.training-not-done v1 (es) line 2: numbers, mailboxes or citations differ from the English.',
      'association.training-not-done v1 (es) line 2 names a seed or section ("(000)"): put it in the source.',
    ]);
    // An older version keeps its words as they were read (match.dire-need v1 names "(003 §9.1)"); only the newest is held to it.
    expect(findText('match.dire-need', 'en', 1).lines[0]!.text).toContain('(003 §9.1)');
    for (const t of callerTexts) expect(t.source.length).toBeGreaterThan(0);
  });

  it('the Spanish reviewed (issue 13): new versions where v1/v2 assumed a gender or used an anglicism; the English of those versions unchanged', () => {
    const words = (id: CallerTextId, locale: 'en' | 'es', version?: number) => findText(id, locale, version).lines.map((l) => l.text);
    expect(words('association.new-applicant', 'es').join(' ')).not.toContain('queda asociado');
    expect(words('association.new-applicant', 'es')[2]).toBe(
      'La asociación del Agente se hace en la sección "Reps, kynectors, and Agents" de la solicitud de beneficios y se completa una vez que se presenta la solicitud.',
    );
    expect(words('ese.closing', 'es').join(' ')).not.toMatch(/califica/);
    expect(words('ese.closing', 'es').join(' ')).toContain('si usted cumple los requisitos');
    expect(words('sep.summary.no-sep', 'es').join(' ')).toContain('si hay una circunstancia excepcional');
    for (const [id, v] of [
      ['association.new-applicant', 2],
      ['ese.closing', 3],
      ['sep.summary.no-sep', 2],
    ] as const) {
      expect(findText(id, 'es').version).toBe(v);
      expect(words(id, 'en', v)).toEqual(words(id, 'en', v - 1));
      // The version before keeps its words, as they were read.
      expect(words(id, 'es', v - 1)).not.toEqual(words(id, 'es', v));
    }
  });

  it('renders the association and consent texts in the language asked, one reason line at a time', () => {
    const en = renderText('association.case-not-certain', 'en', { partial: 'yes' });
    const es = renderText('association.case-not-certain', 'es', { partial: 'yes' });
    expect(en.lines).toHaveLength(5);
    expect(es.lines).toHaveLength(5);
    expect(en.lines[3]).toBe('The client may add the Agent in kynect benefits, by searching for the Agent in the "Reps, kynectors, and Agents" section.');
    expect(es.lines[3]).toBe('El cliente puede agregar al Agente en kynect benefits, buscándolo en la sección "Reps, kynectors, and Agents".');
    expect(textUse(es)).toEqual({ id: 'association.case-not-certain', version: 1, locale: 'es', sha256: textSha256(es) });
    expect(textSha256(es)).not.toBe(textSha256(en));
    expect(renderText('association.new-applicant', 'es', {}).lines).toHaveLength(3);
    expect(renderText('association.new-applicant', 'es', { partialMatch: 'yes' }).lines).toHaveLength(4);
    const blocked = renderText('association.consent-not-possible', 'es', { maxRequests: 'yes', lastLeftScreen: 'yes' }).lines;
    expect(blocked).toEqual([
      'Ya se enviaron 3 solicitudes de consentimiento electrónico mientras el acceso no se ha procesado, y Agent Portal no permite enviar más.',
      'La última venció porque el Agente salió de la pantalla de Agent Portal.',
      'El consentimiento verbal solo se usa cuando hay una falla técnica, cuando la preferencia de comunicación no es electrónica o cuando el cliente no responde en 90 segundos, así que el consentimiento no se puede completar en esta llamada.',
      'El cliente puede agregar al Agente en kynect benefits, buscándolo en la sección "Reps, kynectors, and Agents".',
      'El cliente puede llenar el formulario Appendix B (Apéndice B) del sitio web de kynect benefits y enviarlo a su oficina local del DCBS.',
    ]);
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

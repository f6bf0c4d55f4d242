import { createHash } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { calculateSep } from '../../../shared/common/sep/calculator';
import { findRule, sepRuleBook } from '../../../shared/common/sep/ruleBook';
import type { SepEventId } from '../../../shared/common/sep/schema';
import { sepEventTranslations } from '../../../shared/common/texts/sepEvents';
import { sepSummaryText } from '../../../shared/common/texts/sepSummary';
import { dispatcher } from '../../helpers/dispatch';
import { openTestDesk } from '../../helpers/temp';

const summary = (id: SepEventId, eventDate: string, selectionDate: string, locale: 'en' | 'es') => {
  const rule = findRule(sepRuleBook, id)!;
  return sepSummaryText(rule, calculateSep(sepRuleBook, { eventId: id, eventDate, selectionDate }, selectionDate), { eventDate, selectionDate }, locale).paragraph;
};

describe('SEP events in Spanish (issue 13.1)', () => {
  it('every qualifying event of the rule book has reviewed Spanish for the exact English it translates, title, date label and each document', () => {
    for (const rule of sepRuleBook.rules) {
      const t = sepEventTranslations[rule.id];
      expect(t.en, rule.id).toEqual({ title: rule.title, eventDateLabel: rule.eventDateLabel, documents: rule.documentation.items });
      expect(t.es.documents, rule.id).toHaveLength(rule.documentation.items.length);
      for (const s of [t.es.title, t.es.eventDateLabel, ...t.es.documents]) expect(s.trim(), rule.id).not.toBe('');
      expect(t.es.title, rule.id).not.toBe(t.en.title);
    }
    expect(Object.keys(sepEventTranslations).sort()).toEqual(sepRuleBook.rules.map((r) => r.id).sort());
  });
});

describe('the SEP summary in the call language (issue 13.1)', () => {
  it('English keeps the paragraph the notes have always had', () => {
    expect(summary('loss-of-esi', '2026-08-31', '2026-09-01', 'en')).toBe(
      'SEP: Loses employer-sponsored coverage, event 2026-08-31, plan selection 2026-09-01. Window 2026-07-02 to 2026-10-30: selection inside it. Coverage effective 2026-10-01. Enrollment pends; documents due by 2026-10-01: Newly eligible must provide proof of loss of coverage',
    );
  });

  it('Spanish names the event, its documents and the dates as they are said', () => {
    expect(summary('loss-of-esi', '2026-08-31', '2026-09-01', 'es')).toBe(
      'SEP: Pierde la cobertura patrocinada por el empleador, evento el 31 de agosto de 2026, selección de plan el 1 de septiembre de 2026. Período del 2 de julio de 2026 al 30 de octubre de 2026: la selección está dentro del período. La cobertura empieza el 1 de octubre de 2026. La inscripción queda pendiente; los documentos se deben entregar a más tardar el 1 de octubre de 2026: Las personas recién elegibles deben presentar comprobante de la pérdida de cobertura',
    );
    const noSep = summary('marriage', '2026-01-01', '2026-06-01', 'es');
    expect(noSep).toContain('No hay Período de Inscripción Especial para este evento en esta fecha (período del 1 de enero de 2026 al 2 de marzo de 2026).');
    expect(noSep).not.toMatch(/pendiente|documentos se deben/);
    const ese = summary('domestic-abuse-spousal-abandonment', '2026-01-05', '2026-10-16', 'es');
    expect(ese).toMatch(/^ESE: Violencia doméstica o abandono por parte del cónyuge; fecha del evento calificador: 5 de enero de 2026\./);
    expect(ese).toContain('se solicita por escrito a KHBE (kynectESE@ky.gov)');
    expect(ese).toContain('Si se aprueba la ESE');
    expect(ese).not.toMatch(/dentro del período|FUERA/);
  });

  it('an ESE date label keeps its proper nouns', () => {
    expect(summary('medicaid-kchip-denial-after-oe', '2026-03-10', '2026-03-20', 'en')).toContain('date of the Medicaid or KCHIP denial 2026-03-10.');
  });
});

let t: ReturnType<typeof openTestDesk> | undefined;
afterEach(() => t?.close());
const { call } = dispatcher(() => t!.desk);

describe('Copy summary in a Spanish call (issue 13.1)', () => {
  it('gives the Spanish paragraph, puts it in the notes, and the timeline and audit log record which text, language and hash; the timeline line stays the rep’s English', async () => {
    t = openTestDesk();
    t.desk.operators.save({ name: 'Dana Rep', role: 'rep', pin: '2468' });
    const started = await call('app:call.start', { callerType: 'resident' });
    await call('app:call.language.set', { callId: started.call.id, language: 'es' });
    const v = await call('app:sep.copySummary', { eventId: 'marriage', eventDate: '2026-06-20', selectionDate: '2026-06-25' });
    expect(v.locale).toBe('es');
    expect(v.summary).toContain('SEP: Matrimonio, evento el 20 de junio de 2026');
    expect(v.summary).toContain('La cobertura empieza el 1 de julio de 2026.');
    const open = t.desk.services.calls.current().call!;
    expect(open.notes).toContain(v.summary);
    const line = open.timeline.find((e) => e.kind === 'sep.summary')!;
    expect(line.summary).toBe('SEP Marriage: event 2026-06-20, coverage effective 2026-07-01.');
    const text = (line.details as { text: { id: string; version: number; locale: string; sha256: string } }).text;
    expect(text).toEqual({ id: 'sep.summary.sep', version: 2, locale: 'es', sha256: expect.stringMatching(/^[0-9a-f]{64}$/) });
    // The hash is of the lines shown, the paragraph being those lines joined.
    const lines = sepSummaryText(
      findRule(sepRuleBook, 'marriage')!,
      calculateSep(sepRuleBook, { eventId: 'marriage', eventDate: '2026-06-20', selectionDate: '2026-06-25' }, '2026-06-25'),
      { eventDate: '2026-06-20', selectionDate: '2026-06-25' },
      'es',
    ).rendered.lines;
    expect(text.sha256).toBe(createHash('sha256').update(lines.join('\n'), 'utf8').digest('hex'));
    expect(t.desk.audit.recent(10).find((e) => e.action === 'sep.summary.copied')?.details).toMatchObject({ text });
  });

  it('with no call open the summary is English', async () => {
    t = openTestDesk();
    const v = await call('app:sep.copySummary', { eventId: 'permanent-move', eventDate: '2026-05-01', selectionDate: '2026-05-15' });
    expect(v).toMatchObject({ locale: 'en', callId: null, summary: expect.stringContaining('Coverage effective 2026-06-01') });
  });
});

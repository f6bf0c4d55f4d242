import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sepRuleBook } from '../../../shared/common/sep/ruleBook';
import type { SepEventId } from '../../../shared/common/sep/schema';
import { rebuildDamaged } from '../../../shared/node/db/safety';
import { SepService, ftsTerms } from '../../../shared/node/sep/sepService';
import { openTestDesk } from '../../helpers/temp';

// One desk for the whole file: every case here only reads the rule book.
let t: ReturnType<typeof openTestDesk>;
beforeAll(() => {
  t = openTestDesk();
});
afterAll(() => t.close());
const ids = (q: string) => t.desk.services.sep.search(q).results.map((r) => r.id);

/** Drops the accents a caller's words are typed without: "perdí" → "perdi", "niño" → "nino". */
const withoutAccents = (s: string) => s.normalize('NFD').replace(/[\u0300-\u036f]/g, '');

/**
 * The same caller situation said in English and in Spanish (issue 13.2), and the event of
 * the Special Enrollment table (seed 004 row) or the training guide (seed 003 §7.4) it is.
 */
const pairs: [english: string, spanish: string, event: SepEventId][] = [
  ['lost my job', 'perdí mi trabajo', 'loss-of-esi'], // 004 row 10: job loss
  ['lost my job', 'me quedé sin trabajo', 'loss-of-esi'],
  ['laid off', 'me despidieron', 'loss-of-esi'],
  ['fired', 'me corrieron del trabajo', 'loss-of-esi'],
  ['changed jobs', 'cambié de trabajo', 'loss-of-esi'], // 004 row 10: job change
  ['my employer dropped coverage', 'mi empleador quitó el seguro', 'loss-of-esi'],
  ['cobra ran out', 'se acabó mi COBRA', 'loss-of-esi'], // 004 row 10: expiration of COBRA
  ['retired', 'me jubilé', 'loss-of-esi'],
  ['employer stopped paying cobra', 'mi empleador dejó de pagar COBRA', 'cobra-contributions-cease'], // 004 row 2
  ['turned 26', 'cumplí 26 años', 'loss-of-mec'], // 004 row 1: aging out
  ['lost my insurance', 'perdí mi aseguranza', 'loss-of-mec'],
  ['pregnancy medicaid', 'Medicaid de embarazo', 'loss-of-pregnancy-medicaid'], // 004 row 3
  ['plan not renewed', 'no me renovaron el plan', 'non-renewal-individual-coverage'], // 004 row 5
  ['had a baby', 'tuve un bebé', 'birth'], // 004 row 6
  ['new baby', 'nació mi hijo', 'birth'],
  ['gave birth', 'di a luz', 'birth'],
  ['adopted a child', 'adopté a un niño', 'adoption-foster-court-order'], // 004 row 6
  ['foster child', 'niño de crianza', 'adoption-foster-court-order'],
  ['court order', 'orden de la corte', 'adoption-foster-court-order'],
  ['got married', 'me casé', 'marriage'], // 004 row 7
  ['wedding', 'boda', 'marriage'],
  ['moved', 'me mudé', 'permanent-move'], // 004 row 8
  ['new county', 'me cambié de condado', 'permanent-move'],
  ['moved to kentucky', 'me mudé a Kentucky', 'permanent-move'],
  ['got out of jail', 'salí de la cárcel', 'permanent-move'], // 004 row 8: release from incarceration
  ['released from prison', 'salí de prisión', 'permanent-move'],
  ['became a citizen', 'me hice ciudadano', 'gains-citizenship-lawful-presence'], // 004 row 9
  ['green card', 'tarjeta verde', 'gains-citizenship-lawful-presence'],
  ['income changed', 'cambió mi ingreso', 'aptc-csr-eligibility-change'], // 004 row 11
  ['divorced', 'me divorcié', 'loses-dependent'], // 004 row 12
  ['passed away', 'falleció', 'loses-dependent'],
  ['medicaid denied', 'me negaron Medicaid', 'medicaid-kchip-denial-after-oe'], // 004 row 14
  ['domestic violence', 'violencia doméstica', 'domestic-abuse-spousal-abandonment'], // 004 row 15
  ['native american', 'nativo americano', 'indian-status'], // 004 row 17
  ['natural disaster', 'desastre natural', 'exceptional-circumstances'], // 004 row 18, 003 §7.4
  ['hospitalized', 'estuve hospitalizado', 'exceptional-circumstances'],
  ['pregnant', 'estoy embarazada', 'exceptional-circumstances'], // 003 §7.4: pregnant, confirmed by a provider
  ['kynect error', 'error de kynect', 'exchange-error'], // 004 row 19
  ['wrong premium', 'prima equivocada', 'material-plan-error'], // 004 row 21
  ['broker mistake', 'el corredor se equivocó', 'non-exchange-entity-misconduct'], // 004 row 22
  ['low income', 'bajos ingresos', 'income-at-or-below-150-fpl'], // 004 row 23
  ['never got the letter', 'nunca me llegó la carta', 'untimely-notice'], // 004 row 24
];

describe('SEP search in the caller’s language (issue 13.2)', () => {
  it('has at least 20 English/Spanish pairs, and every event has Spanish caller phrases', () => {
    expect(pairs.length).toBeGreaterThanOrEqual(20);
    for (const r of sepRuleBook.rules) expect(r.callerWordsEs.length, r.id).toBeGreaterThan(0);
  });

  it.each(pairs)('"%s" and "%s" both find %s first', (english, spanish, event) => {
    expect(ids(english)[0]).toBe(event);
    expect(ids(spanish)[0]).toBe(event);
  });

  it.each(pairs)('"%s" / "%s": typed without accents or in capitals, the Spanish ranks the same', (_english, spanish) => {
    const ranked = ids(spanish);
    expect(ids(withoutAccents(spanish))).toEqual(ranked);
    expect(ids(spanish.toUpperCase())).toEqual(ranked);
    expect(ids(withoutAccents(spanish).toUpperCase())).toEqual(ranked);
  });

  it('"perdí mi trabajo" no longer ranks enrollment-helper misconduct first: "mi" is a Spanish stop word, not a prefix of "misconduct"', () => {
    expect(ids('perdí mi trabajo')[0]).toBe('loss-of-esi');
    expect(ids('perdí mi trabajo')).not.toContain('non-exchange-entity-misconduct');
    expect(ftsTerms('Perdí MI trabajo')).toEqual(['"perdi"*', '"trabajo"*']);
    expect(ftsTerms('¿Se me acabó el COBRA?')).toEqual(['"acabo"*', '"cobra"*']);
  });

  // The seeds do not say which row a plain "I lost Medicaid" is: 004 row 1 names only
  // non-MAGI Medicaid, rows 3-4 pregnancy and medically needy Medicaid, and 003 §7.4 lists
  // "Medicaid or KCHIP coverage" under loss of qualifying coverage. The Spanish follows
  // the English, and the rep sees the Medicaid rows together.
  it.each(['perdí Medicaid', 'me quitaron el Medicaid', 'se acabó mi Medicaid'])(
    '"%s" finds what "lost medicaid" finds first, with the Medicaid losses near the top',
    (spanish) => {
      const english = ids('lost medicaid');
      const found = ids(spanish);
      expect(found[0]).toBe(english[0]);
      expect(found.slice(0, 3)).toEqual(expect.arrayContaining(['loss-of-medically-needy-medicaid']));
      expect(ids('perdí Medicaid').slice(0, 3)).toEqual(expect.arrayContaining(['loss-of-medically-needy-medicaid', 'loss-of-pregnancy-medicaid', 'loss-of-mec']));
    },
  );

  it('finds Spanish as it is typed (prefixes) and a divorce also shows the coverage it can end', () => {
    expect(ids('trab')[0]).toBe('loss-of-esi');
    expect(ids('me cas')[0]).toBe('marriage');
    expect(ids('me divorcié').slice(0, 2)).toEqual(['loses-dependent', 'loss-of-mec']);
  });

  it('the index folds accents itself (remove_diacritics 2), not only the query', () => {
    const sql = t.desk.db.prepare("SELECT sql FROM sqlite_schema WHERE name = 'sep_rule_fts'").pluck().get() as string;
    expect(sql).toContain('caller_words_es');
    expect(sql).toContain('unicode61 remove_diacritics 2');
    const raw = (q: string) => t.desk.db.prepare('SELECT id FROM sep_rule_fts WHERE sep_rule_fts MATCH ? ORDER BY bm25(sep_rule_fts)').pluck().all(q) as string[];
    expect(raw('caller_words_es : "cárcel"')).toEqual(['permanent-move']);
    expect(raw('caller_words_es : "carcel"')).toEqual(['permanent-move']);
  });

  it('a damaged rule book is made again with the Spanish column, not as migration 0006 left it', () => {
    const other = openTestDesk();
    try {
      const { db, clock, audit, callActivity } = other.desk;
      expect(rebuildDamaged(db, { objects: ['sep_rule_fts'], rebuildable: true })).toEqual({ matchKeys: false, sepRules: true });
      const cols = (db.prepare('SELECT name FROM pragma_table_info(?)').pluck().all('sep_rule_set') as string[]).sort();
      expect(cols).toEqual(['id', 'loaded_at', 'source', 'source_table', 'version']);
      const sep = new SepService({ db, clock, audit, callActivity });
      expect(sep.search('salí de la cárcel').results[0]?.id).toBe('permanent-move');
    } finally {
      other.close();
    }
  });
});

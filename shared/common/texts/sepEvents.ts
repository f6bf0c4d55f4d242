/**
 * The qualifying events of the SEP rule book (sep/ruleBook.ts, from seed 004) as the SEP
 * summary names them in Spanish (issue 13): the title, the date it counts from and the
 * documents due. Reviewed wording kept beside the English it translates, so a change to
 * the rule book's English fails a test until the Spanish is reviewed again
 * (test/unit/texts/sepSummary.test.ts). Search words are not here: they belong to the
 * rule data (sep/ruleBook.ts).
 */
import type { SepEventId } from '../sep/schema';

export interface SepEventWords {
  title: string;
  eventDateLabel: string;
  documents: readonly string[];
}

export interface SepEventTranslation {
  /** The rule book's English this translates, word for word. */
  en: SepEventWords;
  es: SepEventWords;
}

const lastDay = { en: 'Last day of coverage', es: 'Último día de cobertura' };
const knew = { en: 'Day they knew or should have reasonably known of the event', es: 'Día en que supo o razonablemente debió saber del evento' };
const qualifying = { en: 'Date of the qualifying event', es: 'Fecha del evento calificador' };
const noticeOfLoss = { en: 'Notice of loss/termination from prior carrier.', es: 'Aviso de pérdida o terminación de la aseguradora anterior.' };

const t = (title: [string, string], label: { en: string; es: string }, documents: [string, string][] = []): SepEventTranslation => ({
  en: { title: title[0], eventDateLabel: label.en, documents: documents.map((d) => d[0]) },
  es: { title: title[1], eventDateLabel: label.es, documents: documents.map((d) => d[1]) },
});

export const sepEventTranslations: Record<SepEventId, SepEventTranslation> = {
  'loss-of-mec': t(['Loses minimum essential coverage', 'Pierde la cobertura esencial mínima'], lastDay, [[noticeOfLoss.en, noticeOfLoss.es]]),
  'cobra-contributions-cease': t(
    ['Employer contributions to COBRA stop', 'El empleador deja de contribuir a COBRA'],
    { en: 'Day the employer contribution ended', es: 'Día en que terminó la contribución del empleador' },
    [[noticeOfLoss.en, noticeOfLoss.es]],
  ),
  'loss-of-pregnancy-medicaid': t(['Loses pregnancy-related Medicaid', 'Pierde Medicaid relacionado con el embarazo'], lastDay),
  'loss-of-medically-needy-medicaid': t(['Loses medically needy Medicaid', 'Pierde Medicaid para personas con necesidades médicas (medically needy)'], lastDay),
  'non-renewal-individual-coverage': t(
    ['Individual coverage not renewed', 'No se renueva la cobertura individual'],
    { en: 'Last day of coverage (the last day of the plan year)', es: 'Último día de cobertura (el último día del año del plan)' },
    [['Proof of coverage', 'Comprobante de cobertura']],
  ),
  birth: t(['Birth of a child', 'Nacimiento de un hijo'], { en: 'Date of birth', es: 'Fecha de nacimiento' }),
  'adoption-foster-court-order': t(
    ['Adoption, foster care, child support or court order', 'Adopción, cuidado de crianza (foster care), manutención de menores u orden judicial'],
    { en: 'Date of the adoption, placement or court order', es: 'Fecha de la adopción, la colocación o la orden judicial' },
    [['verification of qualifying event', 'verificación del evento calificador']],
  ),
  marriage: t(['Marriage', 'Matrimonio'], { en: 'Date of the marriage', es: 'Fecha del matrimonio' }, [
    [
      'Newly eligibles must provide verification that at least one spouse had prior coverage and proof of marriage',
      'Las personas recién elegibles deben presentar verificación de que al menos uno de los cónyuges tenía cobertura previa y comprobante del matrimonio',
    ],
  ]),
  'permanent-move': t(
    ['Permanent move (new plans available)', 'Mudanza permanente (hay planes nuevos disponibles)'],
    { en: 'Date of the move (or of the release)', es: 'Fecha de la mudanza (o de la liberación)' },
    [
      [
        'New enrollees who are eligible as a result of permanent move must provide proof of triggering event, and either proof of prior coverage during 1 of the past 60 days, or proof of living in a foreign country or US territory within past 60 days, or in a service area where no QHPs were available or have status as an Indian.',
        'Las personas que se inscriben por primera vez y son elegibles por una mudanza permanente deben presentar comprobante del evento que la causó y, además, comprobante de cobertura previa durante al menos 1 de los últimos 60 días, o comprobante de haber vivido en un país extranjero o en un territorio de EE. UU. en los últimos 60 días, o en un área de servicio donde no había planes de salud calificados (QHP) disponibles, o de tener estatus de indígena americano.',
      ],
    ],
  ),
  'gains-citizenship-lawful-presence': t(['Becomes a citizen, national or lawfully present', 'Obtiene la ciudadanía, la nacionalidad o la presencia legal'], {
    en: 'Date the status was gained',
    es: 'Fecha en que obtuvo el estatus',
  }),
  'loss-of-esi': t(['Loses employer-sponsored coverage', 'Pierde la cobertura patrocinada por el empleador'], lastDay, [
    ['Newly eligible must provide proof of loss of coverage', 'Las personas recién elegibles deben presentar comprobante de la pérdida de cobertura'],
  ]),
  'aptc-csr-eligibility-change': t(
    ['Newly eligible or ineligible for APTC, or CSR changes', 'Pasa a ser elegible o deja de ser elegible para el APTC, o cambia su CSR'],
    qualifying,
  ),
  'loses-dependent': t(['Loses a dependent (divorce, separation, death)', 'Pierde a un dependiente (divorcio, separación, fallecimiento)'], {
    en: 'Date of the divorce, separation or death',
    es: 'Fecha del divorcio, la separación o el fallecimiento',
  }),
  'moved-from-non-expansion-state': t(
    ['Moved from a Medicaid non-expansion state, now eligible for APTC', 'Se mudó de un estado que no amplió Medicaid y ahora es elegible para el APTC'],
    { en: 'Date of the move', es: 'Fecha de la mudanza' },
  ),
  'medicaid-kchip-denial-after-oe': t(['Denied Medicaid or KCHIP after open enrollment ended', 'Se le negó Medicaid o KCHIP después de terminar la inscripción abierta'], {
    en: 'Date of the Medicaid or KCHIP denial',
    es: 'Fecha en que se negó Medicaid o KCHIP',
  }),
  'domestic-abuse-spousal-abandonment': t(['Domestic abuse or spousal abandonment', 'Violencia doméstica o abandono por parte del cónyuge'], qualifying),
  'ichra-qsehra': t(['Gains an individual coverage HRA or a QSEHRA', 'Obtiene un HRA de cobertura individual (ICHRA) o un QSEHRA'], {
    en: 'HRA start date',
    es: 'Fecha de inicio del HRA',
  }),
  'indian-status': t(['American Indian or Alaska Native', 'Indígena americano o nativo de Alaska'], {
    en: 'Date of the request (they may enroll at any time)',
    es: 'Fecha de la solicitud (puede inscribirse en cualquier momento)',
  }),
  'exceptional-circumstances': t(['Exceptional circumstances', 'Circunstancias excepcionales'], knew),
  'exchange-error': t(['Error or inaction by kynect or HHS', 'Error u omisión de kynect o de HHS'], knew),
  'plan-contract-violation': t(['Plan violated its contract', 'El plan no cumplió su contrato'], knew),
  'material-plan-error': t(['Material error in plan information', 'Error importante en la información del plan'], knew),
  'non-exchange-entity-misconduct': t(['Misconduct by a non-Exchange enrollment helper', 'Mala conducta de alguien ajeno al Exchange que ayudó con la inscripción'], knew),
  'income-at-or-below-150-fpl': t(['Income at or below 150% of the poverty level', 'Ingresos iguales o menores al 150% del nivel de pobreza'], {
    en: 'Date of the request (the SEP is monthly)',
    es: 'Fecha de la solicitud (el SEP es mensual)',
  }),
  'untimely-notice': t(
    ['Did not get timely notice of a triggering event', 'No recibió a tiempo el aviso de un evento calificador'],
    { en: 'Day they knew or should have known of the event', es: 'Día en que supo o debió saber del evento' },
    [['Verification required.', 'Se requiere verificación.']],
  ),
};

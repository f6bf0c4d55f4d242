/**
 * The SEP summary read or sent to the consumer and put in the call's notes, in the call's
 * language (issue 13): the catalogue's `sep.summary.*` wording, the event named in that
 * language (sepEvents.ts), dates as they are said in Spanish. One paragraph.
 */
import type { SepCalcResult } from '../sep/calculator';
import type { SepRule } from '../sep/schema';
import { dateWords, renderText, type RenderedText, type TextLocale } from './catalogue';
import { sepEventTranslations } from './sepEvents';

export interface SepSummaryText {
  rendered: RenderedText;
  /** The lines as one paragraph, for the notes and the clipboard. */
  paragraph: string;
}

export function sepSummaryText(rule: SepRule, result: SepCalcResult, input: { eventDate: string; selectionDate: string }, locale: TextLocale = 'en'): SepSummaryText {
  const words = locale === 'en' ? { title: rule.title, eventDateLabel: rule.eventDateLabel, documents: rule.documentation.items } : sepEventTranslations[rule.id][locale];
  // English keeps the calendar days the notes have always had; Spanish says them as they are read aloud.
  const day = (d: string | null) => (d === null ? '…' : locale === 'en' ? d : dateWords(d, locale));
  // The result lists the rule's items (or none): the same items, in the call's language.
  const documents = result.documentation.map((d) => words.documents[rule.documentation.items.indexOf(d)] ?? d).join(' ');
  let rendered: RenderedText;
  if (result.verdict === 'ese') {
    const g = result.ifGranted;
    rendered = renderText('sep.summary.ese', locale, {
      event: words.title,
      // Only the first letter: "date of the Medicaid or KCHIP denial", never "medicaid or kchip".
      eventDateLabel: words.eventDateLabel.charAt(0).toLocaleLowerCase() + words.eventDateLabel.slice(1),
      eventDate: day(input.eventDate),
      selectBy: g?.selectBy ? dateWords(g.selectBy, locale) : undefined,
      selectionDate: dateWords(input.selectionDate, locale),
      coverageDate: g?.coverageEffectiveDate ? dateWords(g.coverageEffectiveDate, locale) : undefined,
      committeeSetsDate: g?.selectBy && !g.coverageEffectiveDate ? 'yes' : undefined,
    });
  } else if (result.verdict === 'no-sep') {
    rendered = renderText('sep.summary.no-sep', locale, {
      event: words.title,
      eventDate: day(input.eventDate),
      selectionDate: day(input.selectionDate),
      windowStart: day(result.window.start),
      windowEnd: day(result.window.end),
    });
  } else {
    const hasWindow = Boolean(result.window.start || result.window.end);
    rendered = renderText('sep.summary.sep', locale, {
      event: words.title,
      eventId: rule.id,
      eventDate: day(input.eventDate),
      selectionDate: day(input.selectionDate),
      windowStart: day(result.window.start),
      windowEnd: day(result.window.end),
      inside: hasWindow && result.withinWindow ? 'yes' : undefined,
      outside: hasWindow && !result.withinWindow ? 'yes' : undefined,
      openAllYear: hasWindow ? undefined : 'yes',
      coverageDate: result.coverageEffectiveDate ? day(result.coverageEffectiveDate) : undefined,
      noCoverageDate: result.coverageEffectiveDate ? undefined : 'yes',
      documentsDueBy: result.pends ? day(result.documentsDueBy) : undefined,
      documents: documents || '—',
      documentsOnly: !result.pends && documents ? 'yes' : undefined,
      noDocuments: !result.pends && !documents ? 'yes' : undefined,
    });
  }
  return { rendered, paragraph: rendered.lines.join(' ') };
}

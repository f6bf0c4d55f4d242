/**
 * Drill-down and export of the Supervisor area's figures (issue 18 §3): a bar or
 * segment of a chart names the calls behind it; a figure or such a list leaves the
 * app as CSV or PDF. Kept apart from ./contract.ts so the floor, the figures and
 * search across desks (issue 18 §4) can grow without touching each other.
 */
import { z } from 'zod';
import { callerTypeLabels, type CallerType } from '../calls/callerTypes';
import { dispositionLabel, type Disposition } from '../calls/dispositions';
import type { CsvValue } from '../csv';
import { channel } from '../ipc/define';
import { SupervisorScope, type DayFigures } from './contract';

export const Period = z.enum(['today', 'week']);
export type Period = z.infer<typeof Period>;

export const FigureName = z.enum(['callsPerHour', 'dispositions', 'handleTime', 'eseByState', 'consentMix']);
export type FigureName = z.infer<typeof FigureName>;

const text = z.string().min(1).max(120);

/** One bar or segment: which figure, and the keys of its row in that figure. */
export const DrillRequest = z.discriminatedUnion('figure', [
  z
    .object({
      figure: z.literal('callsPerHour'),
      period: Period,
      hour: z.string().regex(/^\d{4}-\d{2}-\d{2}T\d{2}:00$/, 'An hour is written YYYY-MM-DDTHH:00.'),
      callerType: text,
    })
    .strict(),
  // The handle-time chart's bars are the dispositions' own calls.
  z.object({ figure: z.enum(['dispositions', 'handleTime']), period: Period, disposition: text }).strict(),
  z.object({ figure: z.literal('eseByState'), period: Period, state: text, age: text }).strict(),
  z.object({ figure: z.literal('consentMix'), period: Period, method: text, outcome: text }).strict(),
]);
export type DrillRequest = z.infer<typeof DrillRequest>;

/** One call (or the intake or consent record taken on it) behind a bar. No notes, no SSN. */
export const DrillRow = z.object({
  id: z.string(),
  at: z.string(),
  deskName: z.string(),
  operatorName: z.string().nullable(),
  callerType: z.string().nullable(),
  callerName: z.string().nullable(),
  caseNumber: z.string().nullable(),
  disposition: z.string().nullable(),
  handleSeconds: z.number().nullable(),
  /** What the row is when it is not the call itself: the ESE reference, the consent's kind and Agent. */
  detail: z.string().nullable(),
});
export type DrillRow = z.infer<typeof DrillRow>;

/** A list is cut here and says so: a supervisor reads a bar's calls, not a year's. */
export const DRILL_LIMIT = 500;

export const DrillList = z.object({
  scope: SupervisorScope,
  request: DrillRequest,
  rows: z.array(DrillRow),
  truncated: z.boolean(),
  /** The contact center's zone: the bars' hours are its wall clock, so the list's times are too. */
  timeZone: z.string(),
});
export type DrillList = z.infer<typeof DrillList>;

export const ExportRequest = z
  .object({
    format: z.enum(['csv', 'pdf']),
    source: z.discriminatedUnion('kind', [
      z.object({ kind: z.literal('figure'), figure: FigureName, period: Period }).strict(),
      z.object({ kind: z.literal('drill'), drill: DrillRequest }).strict(),
    ]),
  })
  .strict();
export type ExportRequest = z.infer<typeof ExportRequest>;

export const ExportFile = z.object({
  fileName: z.string(),
  mimeType: z.string(),
  /** CSV as text; a PDF as base64 (IPC carries strings). */
  encoding: z.enum(['utf8', 'base64']),
  data: z.string(),
  rows: z.number().int(),
});
export type ExportFile = z.infer<typeof ExportFile>;

export const supervisorDrillChannels = {
  'app:supervisor.drill': channel({
    summary: 'The calls behind one bar or segment of a Supervisor chart (supervisors only; audited, centrally when central).',
    request: DrillRequest,
    response: DrillList,
  }),
  'app:supervisor.export': channel({
    summary: 'A Supervisor figure or drill-down list as CSV (formulas neutralised) or PDF (supervisors only; audited).',
    request: ExportRequest,
    response: ExportFile,
  }),
};

// ── the words, shared by the charts, their tables and the exports ──────────

export interface Labels {
  dispositions: readonly Disposition[];
}

export function callerTypeLabel(type: string): string {
  return (callerTypeLabels as Record<string, string>)[type as CallerType] ?? type;
}

export const eseStateLabels: Record<string, string> = {
  queued: 'Queued (not sent yet)',
  sending: 'Sending',
  sent: 'Sent to the ESE mailbox',
  failed: 'Failed (not delivered)',
};
export const eseAges = ['under 1 hour', '1 to 24 hours', 'over 1 day'] as const;

export const consentMethodLabels: Record<string, string> = {
  electronic: 'Electronic (the Agent’s request)',
  verbal: 'Verbal acknowledgment',
};
export function consentMethodLabel(method: string): string {
  return consentMethodLabels[method] ?? method.replace(/_/g, ' ');
}

/** The caller as the call history shows one: its type, then the name given. */
export function callerText(type: string | null, name: string | null): string {
  if (!type) return name ?? '';
  return name ? `${callerTypeLabel(type)}: ${name}` : callerTypeLabel(type);
}

export function minutesText(seconds: number): string {
  const m = Math.floor(seconds / 60);
  const s = Math.round(seconds % 60);
  return s === 60 ? `${m + 1}:00` : `${m}:${String(s).padStart(2, '0')}`;
}

/** "10:00" today; "Mon 3 Dec 10:00" over a week (the hour is already the contact center's wall clock). */
export function hourLabel(hour: string, period: Period): string {
  const hh = hour.slice(11, 16);
  if (period === 'today') return hh;
  const d = new Date(`${hour.slice(0, 10)}T00:00:00Z`);
  const day = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'][d.getUTCDay()]!;
  const month = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'][d.getUTCMonth()]!;
  return `${day} ${d.getUTCDate()} ${month} ${hh}`;
}

export function periodText(period: Period): string {
  return period === 'today' ? 'today' : 'this week';
}

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

/** One figure as a table: the chart's data-table alternative, its text summary, and what CSV and PDF carry. */
export interface FigureTable {
  figure: FigureName;
  title: string;
  summary: string;
  header: string[];
  rows: CsvValue[][];
}

export const figureTitles: Record<FigureName, string> = {
  callsPerHour: 'Closed calls per hour, by caller type',
  dispositions: 'Disposition mix',
  handleTime: 'Average handle time by disposition',
  eseByState: 'ESE intakes by state and age',
  consentMix: 'Consent records by method and outcome',
};

export function figureTable(figures: DayFigures, figure: FigureName, period: Period, labels: Labels): FigureTable {
  const title = figureTitles[figure];
  const when = periodText(period);
  switch (figure) {
    case 'callsPerHour': {
      const total = figures.callsPerHour.reduce((s, r) => s + r.calls, 0);
      const byHour = new Map<string, number>();
      for (const r of figures.callsPerHour) byHour.set(r.hour, (byHour.get(r.hour) ?? 0) + r.calls);
      const busiest = [...byHour].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))[0];
      const asBusy = busiest ? [...byHour.values()].filter((n) => n === busiest[1]).length - 1 : 0;
      return {
        figure,
        title,
        summary: total
          ? `${plural(total, 'closed call', 'closed calls')} ${when} over ${plural(byHour.size, 'hour', 'hours')}; the busiest hour was ${hourLabel(busiest![0], period)} with ${plural(busiest![1], 'call', 'calls')}${asBusy ? ` (${plural(asBusy, 'other hour', 'other hours')} as many)` : ''}.`
          : `No closed calls ${when}.`,
        header: ['Hour', 'Caller type', 'Calls'],
        rows: figures.callsPerHour.map((r) => [hourLabel(r.hour, period), callerTypeLabel(r.callerType), r.calls]),
      };
    }
    case 'dispositions': {
      const total = figures.dispositions.reduce((s, r) => s + r.calls, 0);
      const top = figures.dispositions[0];
      return {
        figure,
        title,
        summary: top
          ? `${plural(total, 'closed call', 'closed calls')} ${when} in ${plural(figures.dispositions.length, 'disposition', 'dispositions')}; the most common was ${dispositionLabel(labels.dispositions, top.disposition)} (${top.calls}, ${Math.round((100 * top.calls) / total)}%).`
          : `No closed calls ${when}.`,
        header: ['Disposition', 'Calls', 'Share'],
        rows: figures.dispositions.map((r) => [dispositionLabel(labels.dispositions, r.disposition), r.calls, `${Math.round((100 * r.calls) / total)}%`]),
      };
    }
    case 'handleTime': {
      const total = figures.dispositions.reduce((s, r) => s + r.calls, 0);
      const overall = total ? figures.dispositions.reduce((s, r) => s + r.avgHandleSeconds * r.calls, 0) / total : 0;
      const longest = [...figures.dispositions].sort((a, b) => b.avgHandleSeconds - a.avgHandleSeconds)[0];
      return {
        figure,
        title,
        summary: longest
          ? `Average handle time ${when} ${minutesText(overall)} (minutes:seconds); longest on ${dispositionLabel(labels.dispositions, longest.disposition)} at ${minutesText(longest.avgHandleSeconds)}.`
          : `No closed calls ${when}.`,
        header: ['Disposition', 'Calls', 'Average handle time (m:ss)'],
        rows: figures.dispositions.map((r) => [dispositionLabel(labels.dispositions, r.disposition), r.calls, minutesText(r.avgHandleSeconds)]),
      };
    }
    case 'eseByState': {
      const total = figures.eseByState.reduce((s, r) => s + r.intakes, 0);
      const notSent = figures.eseByState.filter((r) => r.state !== 'sent').reduce((s, r) => s + r.intakes, 0);
      const old = figures.eseByState.filter((r) => r.state !== 'sent' && r.age === 'over 1 day').reduce((s, r) => s + r.intakes, 0);
      return {
        figure,
        title,
        summary: total
          ? `${plural(total, 'ESE intake', 'ESE intakes')} ${when}; ${notSent} not yet in the ESE mailbox${old ? `, ${old} of them over 1 day old` : ''}.`
          : `No ESE intakes ${when}.`,
        header: ['State', 'Age', 'Intakes'],
        rows: figures.eseByState.map((r) => [eseStateLabels[r.state] ?? r.state, r.age, r.intakes]),
      };
    }
    case 'consentMix': {
      const total = figures.consentMix.reduce((s, r) => s + r.records, 0);
      const refused = figures.consentMix.filter((r) => r.outcome === 'refused').reduce((s, r) => s + r.records, 0);
      return {
        figure,
        title,
        summary: total ? `${plural(total, 'consent record', 'consent records')} ${when}: ${total - refused} accepted, ${refused} refused.` : `No consent records ${when}.`,
        header: ['Method', 'Outcome', 'Records'],
        rows: figures.consentMix.map((r) => [consentMethodLabel(r.method), r.outcome === 'accepted' ? 'Accepted' : r.outcome === 'refused' ? 'Refused' : r.outcome, r.records]),
      };
    }
  }
}

/** What a drill-down list is of, in words. */
export function drillTitle(req: DrillRequest, labels: Labels): string {
  const when = periodText(req.period);
  switch (req.figure) {
    case 'callsPerHour': {
      const next = `${String((Number(req.hour.slice(11, 13)) + 1) % 24).padStart(2, '0')}:00`;
      const day = req.period === 'today' ? 'today' : hourLabel(req.hour, 'week').slice(0, -6);
      return `${callerTypeLabel(req.callerType)} calls started ${day} between ${req.hour.slice(11, 16)} and ${next}`;
    }
    case 'dispositions':
    case 'handleTime':
      return `Calls closed as ${dispositionLabel(labels.dispositions, req.disposition)} ${when}`;
    case 'eseByState':
      return `ESE intakes ${when}: ${eseStateLabels[req.state] ?? req.state}, ${req.age}`;
    case 'consentMix':
      return `Consent records ${when}: ${consentMethodLabel(req.method)}, ${req.outcome}`;
  }
}

export const drillHeader = ['Started', 'Desk', 'Operator', 'Caller', 'Case number', 'Disposition', 'Handle time (m:ss)', 'Detail'];

/** `when` formats an ISO time for the reader (the page's locale; the export's zone). */
export function drillTableRows(rows: readonly DrillRow[], labels: Labels, when: (iso: string) => string): CsvValue[][] {
  return rows.map((r) => [
    when(r.at),
    r.deskName,
    r.operatorName ?? '',
    callerText(r.callerType, r.callerName),
    r.caseNumber ?? '',
    r.disposition ? dispositionLabel(labels.dispositions, r.disposition) : '',
    r.handleSeconds === null ? '' : minutesText(r.handleSeconds),
    r.detail ?? '',
  ]);
}

/** The wall-clock hour ("YYYY-MM-DDTHH:00") of an instant in a time zone, as kd_calls_per_hour buckets it. */
export function wallClockHour(iso: string, timeZone: string): string {
  const p = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', hourCycle: 'h23' })
    .formatToParts(new Date(iso))
    .reduce<Record<string, string>>((a, x) => ({ ...a, [x.type]: x.value }), {});
  return `${p.year}-${p.month}-${p.day}T${p.hour}:00`;
}

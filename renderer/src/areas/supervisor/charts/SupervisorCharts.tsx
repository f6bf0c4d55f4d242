import { useCallback, useEffect, useId, useRef, useState } from 'react';
import { callerTypes } from '../../../../../shared/common/calls/callerTypes';
import { dispositionLabel, type Disposition } from '../../../../../shared/common/calls/dispositions';
import type { DeskErrorShape } from '../../../../../shared/common/errors';
import type { DayFigures } from '../../../../../shared/common/supervisor/contract';
import {
  callerTypeLabel,
  consentMethodLabel,
  drillHeader,
  drillTableRows,
  drillTitle,
  eseAges,
  eseStateLabels,
  figureTable,
  hourLabel,
  minutesText,
  periodText,
  type DrillList,
  type DrillRequest,
  type ExportRequest,
  type FigureName,
  type Labels,
  type Period,
} from '../../../../../shared/common/supervisor/drill';
import type { TFunction } from 'i18next';
import { formatInstant, formatPercent } from '../../../../../shared/common/format';
import { useStrings } from '../../../i18n';
import { useInvoke } from '../../../ipc/desk';
import { useAnnounce } from '../../../ui/Announcer';
import { FormError } from '../../../ui/FormError';
import { BarChart, type BarChartProps, type Category, type Segment } from './BarChart';
import { DataTable } from './DataTable';
import { downloadExport } from './download';
import './charts.css';

type Chart = Omit<BarChartProps<DrillRequest>, 'onDrill' | 'title'>;
type T = TFunction<'supervisor'>;
const order = (list: readonly string[], known: readonly string[]) =>
  [...new Set(list)].sort((a, b) => (known.indexOf(a) + 1 || 99) - (known.indexOf(b) + 1 || 99) || a.localeCompare(b));

/** Every hour from the first with calls to the last, so a quiet hour shows as a gap and not as nothing. */
function hoursBetween(hours: string[]): string[] {
  if (!hours.length) return [];
  const sorted = [...hours].sort();
  const out: string[] = [];
  for (let t = Date.parse(`${sorted[0]}:00Z`), end = Date.parse(`${sorted.at(-1)}:00Z`); t <= end && out.length < 24 * 8; t += 3_600_000)
    out.push(new Date(t).toISOString().slice(0, 13) + ':00');
  return out;
}

function charts(f: DayFigures, period: Period, labels: Labels, t: T): Record<FigureName, Chart> {
  const count = (n: number) => String(n);
  const intAxis = (v: number) => (Number.isInteger(v) ? String(v) : '');

  const types = order(
    f.callsPerHour.map((r) => r.callerType),
    callerTypes,
  );
  const hours = hoursBetween(f.callsPerHour.map((r) => r.hour));
  const hourCats: Category[] = hours.map((h) => ({
    key: h,
    label: hourLabel(h, period),
    tick: period === 'today' ? h.slice(11, 16) : t('figures.hourTick', { day: hourLabel(h, 'week').slice(0, 3), hour: h.slice(11, 13) }),
  }));

  const dispCats: Category[] = f.dispositions.map((d) => ({ key: d.disposition, label: dispositionLabel(labels.dispositions, d.disposition) }));
  const totalCalls = f.dispositions.reduce((s, d) => s + d.calls, 0);

  const states = order(
    f.eseByState.map((r) => r.state),
    ['failed', 'queued', 'sending', 'sent'],
  );
  const ages = order(
    f.eseByState.map((r) => r.age),
    eseAges,
  );
  const methods = order(
    f.consentMix.map((r) => r.method),
    ['electronic', 'verbal'],
  );
  const outcomes = order(
    f.consentMix.map((r) => r.outcome),
    ['accepted', 'refused'],
  );
  const outcomeLabel = (o: string) => (o === 'accepted' ? t('figures.accepted') : o === 'refused' ? t('figures.refused') : o);
  const share = (n: number) => formatPercent(n, totalCalls);

  return {
    callsPerHour: {
      orientation: 'vertical',
      categories: hourCats,
      series: types.map(callerTypeLabel),
      segments: f.callsPerHour.map((r) => ({
        category: hours.indexOf(r.hour),
        series: types.indexOf(r.callerType),
        value: r.calls,
        name: t('figures.barCalls', { label: `${hourLabel(r.hour, period)}, ${callerTypeLabel(r.callerType)}`, count: r.calls }),
        drill: { figure: 'callsPerHour', period, hour: r.hour, callerType: r.callerType },
      })),
      totalText: (_, n) => count(n),
      axisText: intAxis,
    },
    dispositions: {
      orientation: 'horizontal',
      categories: dispCats,
      series: [t('figures.calls')],
      segments: f.dispositions.map((d, i) => ({
        category: i,
        series: 0,
        value: d.calls,
        name: t('figures.barShare', { label: dispCats[i]!.label, count: d.calls, share: share(d.calls) }),
        drill: { figure: 'dispositions', period, disposition: d.disposition },
      })),
      totalText: (_, n) => t('figures.totalShare', { count: n, share: share(n) }),
      axisText: intAxis,
    },
    handleTime: {
      orientation: 'horizontal',
      categories: dispCats,
      series: [t('figures.averageHandleTime')],
      segments: f.dispositions.map((d, i) => ({
        category: i,
        series: 0,
        value: d.avgHandleSeconds,
        name: t('figures.barHandle', { label: dispCats[i]!.label, time: minutesText(d.avgHandleSeconds), count: d.calls }),
        drill: { figure: 'handleTime', period, disposition: d.disposition },
      })),
      totalText: (_, s) => minutesText(s),
      axisText: (s) => t('figures.minutesAxis', { minutes: s / 60 }),
      ticks: (max) => {
        const step = 60 * Math.max(1, Math.ceil(max / 60 / 4));
        return Array.from({ length: Math.ceil(max / step) + 1 }, (_, i) => i * step);
      },
    },
    eseByState: {
      orientation: 'horizontal',
      categories: states.map((s) => ({ key: s, label: eseStateLabels[s] ?? s })),
      series: ages,
      segments: f.eseByState.map((r) => ({
        category: states.indexOf(r.state),
        series: ages.indexOf(r.age),
        value: r.intakes,
        name: t('figures.barIntakes', { label: eseStateLabels[r.state] ?? r.state, age: r.age, count: r.intakes }),
        drill: { figure: 'eseByState', period, state: r.state, age: r.age },
      })),
      totalText: (_, n) => count(n),
      axisText: intAxis,
    },
    consentMix: {
      orientation: 'horizontal',
      categories: methods.map((m) => ({ key: m, label: consentMethodLabel(m) })),
      series: outcomes.map(outcomeLabel),
      segments: f.consentMix.map((r) => ({
        category: methods.indexOf(r.method),
        series: outcomes.indexOf(r.outcome),
        value: r.records,
        name: t('figures.barRecords', { label: consentMethodLabel(r.method), outcome: outcomeLabel(r.outcome).toLowerCase(), count: r.records }),
        drill: { figure: 'consentMix', period, method: r.method, outcome: r.outcome },
      })),
      totalText: (_, n) => count(n),
      axisText: intAxis,
    },
  };
}

const FIGURES: FigureName[] = ['callsPerHour', 'dispositions', 'handleTime', 'eseByState', 'consentMix'];

interface Drill {
  figure: FigureName;
  request: DrillRequest;
  list: DrillList | null;
  /** The segment that was drilled, to return focus to when the list closes. */
  from: Element | null;
}

/**
 * Today's or this week's figures as charts (issue 18 §2, §3), each with its text
 * summary and its table, a drill-down list under the chart, and exports.
 */
export function SupervisorCharts({ figures, period }: { figures: DayFigures; period: Period }) {
  const t = useStrings('supervisor');
  const invoke = useInvoke();
  const announce = useAnnounce();
  const [dispositions, setDispositions] = useState<Disposition[]>([]);
  const [error, setError] = useState<DeskErrorShape | null>(null);
  const [drill, setDrill] = useState<Drill | null>(null);
  // The period these figures are for: the page's may already be the next one while they load.
  const [shown, setShown] = useState({ figures, period });
  if (shown.figures !== figures) {
    setShown({ figures, period });
    setDrill(null);
  }
  useEffect(() => {
    void invoke('app:call.dispositions.get', {}).then((r) => r.ok && setDispositions(r.value));
  }, [invoke]);
  const labels: Labels = { dispositions };
  const built = charts(shown.figures, shown.period, labels, t);

  const open = useCallback(
    async (figure: FigureName, request: DrillRequest) => {
      const from = document.activeElement;
      setDrill({ figure, request, list: null, from });
      const r = await invoke('app:supervisor.drill', request);
      if (!r.ok) {
        setError(r.error);
        setDrill(null);
        return;
      }
      setError(null);
      setDrill({ figure, request, list: r.value, from });
    },
    [invoke],
  );
  const close = () => {
    const from = drill?.from;
    setDrill(null);
    if (from instanceof HTMLElement || from instanceof SVGElement) from.focus();
  };
  const exportAs = async (format: 'csv' | 'pdf', source: ExportRequest['source'], what: string) => {
    const r = await invoke('app:supervisor.export', { format, source });
    if (!r.ok) {
      setError(r.error);
      return;
    }
    setError(null);
    downloadExport(r.value);
    announce(t('figures.exported', { what, format: format.toUpperCase(), file: r.value.fileName, count: r.value.rows }));
  };

  return (
    <section className="card" aria-labelledby="figures-title" data-testid="supervisor-figures">
      <h2 id="figures-title">{t('figures.title', { period: periodText(shown.period) })}</h2>
      <p className="muted">
        {t(shown.figures.scope === 'central' ? 'figures.scopeCentral' : 'figures.scopeDesk')} {t('figures.howTo')}
      </p>
      <FormError error={error} />
      <div className="chart-grid">
        {FIGURES.map((figure) => (
          <ChartCard
            key={figure}
            figure={figure}
            period={shown.period}
            chart={built[figure]}
            table={figureTable(shown.figures, figure, shown.period, labels)}
            drill={drill?.figure === figure ? drill : null}
            labels={labels}
            onDrill={(req) => void open(figure, req)}
            onClose={close}
            onExport={(format, source, what) => void exportAs(format, source, what)}
            announce={announce}
          />
        ))}
      </div>
    </section>
  );
}

function ChartCard({
  figure,
  period,
  chart,
  table,
  drill,
  labels,
  onDrill,
  onClose,
  onExport,
  announce,
}: {
  figure: FigureName;
  period: Period;
  chart: Chart;
  table: ReturnType<typeof figureTable>;
  drill: Drill | null;
  labels: Labels;
  onDrill: (req: DrillRequest) => void;
  onClose: () => void;
  onExport: (format: 'csv' | 'pdf', source: ExportRequest['source'], what: string) => void;
  announce: (m: string) => void;
}) {
  const t = useStrings('supervisor');
  const id = useId();
  return (
    <section className={`chart-card chart-card--${figure}`} aria-labelledby={`${id}-title`} data-testid={`chart-${figure}`}>
      <h3 id={`${id}-title`}>{table.title}</h3>
      <p className="chart-summary" data-testid={`chart-${figure}-summary`}>
        {table.summary}
      </p>
      {chart.segments.length > 0 && <BarChart title={table.title} {...chart} onDrill={(s: Segment<DrillRequest>) => onDrill(s.drill)} />}
      <details className="chart-details">
        <summary>{t('figures.tableSummary', { title: inSentence(table.title) })}</summary>
        <DataTable caption={t('figures.tableCaption', { title: table.title, period: periodText(period) })} header={table.header} rows={table.rows} />
      </details>
      <div className="chart-actions">
        <button
          type="button"
          className="button"
          aria-label={t('figures.exportCsvNamed', { title: table.title })}
          onClick={() => onExport('csv', { kind: 'figure', figure, period }, table.title)}
        >
          {t('figures.exportCsv')}
        </button>
        <button
          type="button"
          className="button"
          aria-label={t('figures.exportPdfNamed', { title: table.title })}
          onClick={() => onExport('pdf', { kind: 'figure', figure, period }, table.title)}
        >
          {t('figures.exportPdf')}
        </button>
      </div>
      {drill && <DrillPanel drill={drill} labels={labels} onClose={onClose} onExport={onExport} announce={announce} />}
    </section>
  );
}

function DrillPanel({
  drill,
  labels,
  onClose,
  onExport,
  announce,
}: {
  drill: Drill;
  labels: Labels;
  onClose: () => void;
  onExport: (format: 'csv' | 'pdf', source: ExportRequest['source'], what: string) => void;
  announce: (m: string) => void;
}) {
  const t = useStrings('supervisor');
  const heading = useRef<HTMLHeadingElement>(null);
  const title = drillTitle(drill.request, labels);
  const list = drill.list;
  useEffect(() => {
    if (!list) return;
    heading.current?.focus();
    announce(t('drill.listed', { count: list.rows.length, title }));
  }, [list, title, announce, t]);
  return (
    <div
      className="drill"
      role="region"
      aria-labelledby="drill-title"
      data-testid="supervisor-drill"
      onKeyDown={(e) => {
        if (e.key === 'Escape') {
          e.preventDefault();
          onClose();
        }
      }}
    >
      <h4 id="drill-title" ref={heading} tabIndex={-1}>
        {title}
      </h4>
      {!list ? (
        <p>{t('drill.loading')}</p>
      ) : (
        <>
          <p data-testid="drill-count">
            {t('drill.rows', { count: list.rows.length })}
            {list.truncated ? t('drill.truncated') : ''}
            {t('drill.privacy')}
          </p>
          {list.rows.length > 0 && (
            <DataTable
              caption={title}
              header={drillHeader}
              rows={drillTableRows(list.rows, labels, (iso) => formatInstant(iso, 'dateTime', { timeZone: list.timeZone }))}
              testId="drill-table"
            />
          )}
          <div className="chart-actions">
            <button type="button" className="button" onClick={() => onExport('csv', { kind: 'drill', drill: drill.request }, title)}>
              {t('drill.exportCsv')}
            </button>
            <button type="button" className="button" onClick={() => onExport('pdf', { kind: 'drill', drill: drill.request }, title)}>
              {t('drill.exportPdf')}
            </button>
            <button type="button" className="button" onClick={onClose}>
              {t('drill.close')}
            </button>
          </div>
        </>
      )}
    </div>
  );
}

/** A title inside a sentence: its first letter lower case, but an acronym ("ESE intakes…") kept as written. */
function inSentence(title: string): string {
  const first = title.split(' ')[0] ?? '';
  return first.length > 1 && first === first.toUpperCase() ? title : title.charAt(0).toLowerCase() + title.slice(1);
}

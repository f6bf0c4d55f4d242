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
import { useInvoke } from '../../../ipc/desk';
import { useAnnounce } from '../../../ui/Announcer';
import { FormError } from '../../../ui/FormError';
import { BarChart, type BarChartProps, type Category, type Segment } from './BarChart';
import { DataTable } from './DataTable';
import { downloadExport } from './download';
import './charts.css';

type Chart = Omit<BarChartProps<DrillRequest>, 'onDrill' | 'title'>;
const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;
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

function charts(f: DayFigures, period: Period, labels: Labels): Record<FigureName, Chart> {
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
    tick: period === 'today' ? h.slice(11, 16) : `${hourLabel(h, 'week').slice(0, 3)} ${h.slice(11, 13)}h`,
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
  const outcomeLabel = (o: string) => (o === 'accepted' ? 'Accepted' : o === 'refused' ? 'Refused' : o);

  return {
    callsPerHour: {
      orientation: 'vertical',
      categories: hourCats,
      series: types.map(callerTypeLabel),
      segments: f.callsPerHour.map((r) => ({
        category: hours.indexOf(r.hour),
        series: types.indexOf(r.callerType),
        value: r.calls,
        name: `${hourLabel(r.hour, period)}, ${callerTypeLabel(r.callerType)}: ${plural(r.calls, 'call', 'calls')}`,
        drill: { figure: 'callsPerHour', period, hour: r.hour, callerType: r.callerType },
      })),
      totalText: (_, n) => count(n),
      axisText: intAxis,
    },
    dispositions: {
      orientation: 'horizontal',
      categories: dispCats,
      series: ['Calls'],
      segments: f.dispositions.map((d, i) => ({
        category: i,
        series: 0,
        value: d.calls,
        name: `${dispCats[i]!.label}: ${plural(d.calls, 'call', 'calls')}, ${Math.round((100 * d.calls) / totalCalls)}%`,
        drill: { figure: 'dispositions', period, disposition: d.disposition },
      })),
      totalText: (_, n) => `${n} (${Math.round((100 * n) / totalCalls)}%)`,
      axisText: intAxis,
    },
    handleTime: {
      orientation: 'horizontal',
      categories: dispCats,
      series: ['Average handle time'],
      segments: f.dispositions.map((d, i) => ({
        category: i,
        series: 0,
        value: d.avgHandleSeconds,
        name: `${dispCats[i]!.label}: average handle time ${minutesText(d.avgHandleSeconds)} over ${plural(d.calls, 'call', 'calls')}`,
        drill: { figure: 'handleTime', period, disposition: d.disposition },
      })),
      totalText: (_, s) => minutesText(s),
      axisText: (s) => `${s / 60} min`,
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
        name: `${eseStateLabels[r.state] ?? r.state}, ${r.age} old: ${plural(r.intakes, 'intake', 'intakes')}`,
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
        name: `${consentMethodLabel(r.method)}, ${outcomeLabel(r.outcome).toLowerCase()}: ${plural(r.records, 'record', 'records')}`,
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
  const built = charts(shown.figures, shown.period, labels);

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
    announce(`${what} exported as ${format.toUpperCase()}: ${r.value.fileName}, ${plural(r.value.rows, 'row', 'rows')}.`);
  };

  return (
    <section className="card" aria-labelledby="figures-title" data-testid="supervisor-figures">
      <h2 id="figures-title">Figures {periodText(shown.period)}</h2>
      <p className="muted">
        {shown.figures.scope === 'central' ? 'Every desk, from the central store.' : 'This desk only: no central store is configured.'} In each chart, Tab reaches the bars, the
        arrow keys move between them, and Enter lists the calls behind one.
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
  const id = useId();
  return (
    <section className={`chart-card chart-card--${figure}`} aria-labelledby={`${id}-title`} data-testid={`chart-${figure}`}>
      <h3 id={`${id}-title`}>{table.title}</h3>
      <p className="chart-summary" data-testid={`chart-${figure}-summary`}>
        {table.summary}
      </p>
      {chart.segments.length > 0 && <BarChart title={table.title} {...chart} onDrill={(s: Segment<DrillRequest>) => onDrill(s.drill)} />}
      <details className="chart-details">
        <summary>Table: {table.title.toLowerCase()}</summary>
        <DataTable caption={`${table.title}, ${periodText(period)}`} header={table.header} rows={table.rows} />
      </details>
      <div className="chart-actions">
        <button type="button" className="button" aria-label={`Export CSV: ${table.title}`} onClick={() => onExport('csv', { kind: 'figure', figure, period }, table.title)}>
          Export CSV
        </button>
        <button type="button" className="button" aria-label={`Export PDF: ${table.title}`} onClick={() => onExport('pdf', { kind: 'figure', figure, period }, table.title)}>
          Export PDF
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
  const heading = useRef<HTMLHeadingElement>(null);
  const title = drillTitle(drill.request, labels);
  const list = drill.list;
  useEffect(() => {
    if (!list) return;
    heading.current?.focus();
    announce(`${plural(list.rows.length, 'row', 'rows')} listed: ${title}.`);
  }, [list, title, announce]);
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
        <p>Loading…</p>
      ) : (
        <>
          <p data-testid="drill-count">
            {plural(list.rows.length, 'row', 'rows')}
            {list.truncated ? ' (the first 500; there are more: narrow the period)' : ''}. Social Security numbers are never shown. Escape closes this list.
          </p>
          {list.rows.length > 0 && (
            <DataTable
              caption={title}
              header={drillHeader}
              rows={drillTableRows(list.rows, labels, (iso) => new Date(iso).toLocaleString(undefined, { timeZone: list.timeZone }))}
              testId="drill-table"
            />
          )}
          <div className="chart-actions">
            <button type="button" className="button" onClick={() => onExport('csv', { kind: 'drill', drill: drill.request }, title)}>
              Export list as CSV
            </button>
            <button type="button" className="button" onClick={() => onExport('pdf', { kind: 'drill', drill: drill.request }, title)}>
              Export list as PDF
            </button>
            <button type="button" className="button" onClick={onClose}>
              Close list
            </button>
          </div>
        </>
      )}
    </div>
  );
}

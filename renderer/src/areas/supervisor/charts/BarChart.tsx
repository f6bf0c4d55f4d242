import { Group } from '@visx/group';
import { scaleBand, scaleLinear } from '@visx/scale';
import { Bar } from '@visx/shape';
import { useId, useRef, useState, type KeyboardEvent } from 'react';
import { useStrings } from '../../../i18n';
import { PatternDefs, Swatch, seriesFill } from './palette';

export interface Category {
  key: string;
  /** Said in full in each segment's name and the table. */
  label: string;
  /** Drawn on the axis when the full label would not fit (a week's hours). */
  tick?: string;
}

export interface Segment<D> {
  category: number;
  series: number;
  value: number;
  /** The segment's accessible name: what it is and its value in words. */
  name: string;
  drill: D;
}

export interface BarChartProps<D> {
  title: string;
  orientation: 'vertical' | 'horizontal';
  categories: Category[];
  /** Stacked series; one series draws plain bars and needs no legend. */
  series: string[];
  segments: Segment<D>[];
  /** A bar's total as drawn at its end ("42 calls", "6:05"). */
  totalText: (category: number, total: number) => string;
  axisText: (value: number) => string;
  /** Axis ticks for a domain up to `max`, when the scale's decimal ones read badly (minutes). */
  ticks?: (max: number) => number[];
  onDrill: (segment: Segment<D>) => void;
}

const VERTICAL = { width: 1000, height: 300, left: 48, right: 12, top: 22, bottom: 40 };
const ROW = 46;
const LABEL = 16;

/**
 * Bars and stacked segments in SVG (visx scales and shapes, our markup): every segment
 * is a button in one roving tab stop, arrows move along and across the bars, Enter,
 * Space or a click lists what is behind it. The visible focus ring is drawn in the SVG
 * so it shows on every segment whatever its fill.
 */
export function BarChart<D>({ title, orientation, categories, series, segments, totalText, axisText, ticks: tickFor, onDrill }: BarChartProps<D>) {
  const t = useStrings('supervisor');
  const prefix = useId().replace(/[^a-zA-Z0-9_-]/g, '');
  const [active, setActive] = useState(0);
  const [focused, setFocused] = useState(false);
  const [hovered, setHovered] = useState<number | null>(null);
  const refs = useRef<(SVGRectElement | null)[]>([]);
  const totals = categories.map((_, c) => segments.filter((s) => s.category === c).reduce((a, s) => a + s.value, 0));
  const max = Math.max(1, ...totals);
  const vertical = orientation === 'vertical';
  const box = vertical ? VERTICAL : { width: 520, height: categories.length * ROW + 28, left: 8, right: 90, top: 6, bottom: 22 };
  const custom = tickFor?.(max);
  const value = scaleLinear<number>({
    domain: [0, custom ? Math.max(max, custom.at(-1)!) : max],
    range: vertical ? [box.height - box.bottom, box.top] : [box.left, box.width - box.right],
    nice: true,
  });
  const band = scaleBand<number>({
    domain: categories.map((_, i) => i),
    range: vertical ? [box.left, box.width - box.right] : [box.top, box.height - box.bottom],
    padding: vertical ? 0.2 : 0.12,
  });
  const ticks = custom ?? value.ticks(vertical ? 5 : 4).filter((t) => axisText(t) !== '');

  // Reading order: bar by bar, and within a bar from the axis out.
  const order = [...segments].sort((a, b) => a.category - b.category || a.series - b.series);
  const at = Math.min(active, Math.max(0, order.length - 1));
  const move = (to: number) => {
    const next = Math.max(0, Math.min(order.length - 1, to));
    setActive(next);
    refs.current[next]?.focus();
  };
  const across = (dir: 1 | -1) => {
    // To the neighbouring bar that has a segment, its segment of the same series when it has one.
    const cur = order[at]!;
    const cats = [...new Set(order.map((s) => s.category))];
    const target = cats[cats.indexOf(cur.category) + dir];
    if (target === undefined) return;
    const inTarget = order.map((s, i) => ({ s, i })).filter((x) => x.s.category === target);
    move((inTarget.find((x) => x.s.series === cur.series) ?? inTarget[inTarget.length - 1]!).i);
  };
  const along = (dir: 1 | -1) => {
    const cur = order[at]!;
    const next = order[at + dir];
    if (next && next.category === cur.category) move(at + dir);
  };
  const onKey = (e: KeyboardEvent) => {
    const keys: Record<string, () => void> = vertical
      ? { ArrowRight: () => across(1), ArrowLeft: () => across(-1), ArrowUp: () => along(1), ArrowDown: () => along(-1) }
      : { ArrowDown: () => across(1), ArrowUp: () => across(-1), ArrowRight: () => along(1), ArrowLeft: () => along(-1) };
    keys.Home = () => move(0);
    keys.End = () => move(order.length - 1);
    keys.Enter = () => onDrill(order[at]!);
    keys[' '] = () => onDrill(order[at]!);
    const run = keys[e.key];
    if (!run) return;
    e.preventDefault();
    run();
  };

  const rects = order.map((s) => {
    const before = segments.filter((x) => x.category === s.category && x.series < s.series).reduce((a, x) => a + x.value, 0);
    const pos = band(s.category) ?? 0;
    if (vertical) {
      const y1 = value(before + s.value);
      return { x: pos, y: y1, width: band.bandwidth(), height: value(before) - y1 };
    }
    const x0 = value(before);
    return { x: x0, y: pos + LABEL, width: value(before + s.value) - x0, height: Math.max(10, band.bandwidth() - LABEL) };
  });
  const ring = focused ? rects[at] : undefined;
  const readout = hovered !== null ? order[hovered] : focused ? order[at] : undefined;
  const labelEvery = vertical ? Math.max(1, Math.ceil(categories.length / 14)) : 1;

  return (
    <div className="chart">
      {series.length > 1 && (
        <ul className="chart-legend" aria-label={`${title}: key`}>
          {series.map((name, i) => (
            <li key={name}>
              <Swatch prefix={prefix} index={i} /> {name}
            </li>
          ))}
        </ul>
      )}
      <svg
        role="group"
        aria-label={`${title}: ${order.length} ${order.length === 1 ? 'bar or segment' : 'bars and segments'}`}
        viewBox={`0 0 ${box.width} ${box.height}`}
        className={`chart-svg chart-svg--${orientation}`}
        onKeyDown={onKey}
      >
        <PatternDefs prefix={prefix} />
        <Group aria-hidden="true">
          {ticks.map((t) =>
            vertical ? (
              <g key={t}>
                <line x1={box.left} x2={box.width - box.right} y1={value(t)} y2={value(t)} className="chart-gridline" />
                <text x={box.left - 6} y={value(t) + 4} textAnchor="end" className="chart-axis">
                  {axisText(t)}
                </text>
              </g>
            ) : (
              <g key={t}>
                <line x1={value(t)} x2={value(t)} y1={box.top} y2={box.height - box.bottom} className="chart-gridline" />
                <text x={value(t)} y={box.height - 6} textAnchor="middle" className="chart-axis">
                  {axisText(t)}
                </text>
              </g>
            ),
          )}
          {categories.map((c, i) => {
            const pos = band(i) ?? 0;
            const total = totals[i]!;
            return vertical ? (
              <g key={c.key}>
                {i % labelEvery === 0 && (
                  <text x={pos + band.bandwidth() / 2} y={box.height - box.bottom + 16} textAnchor="middle" className="chart-axis">
                    {c.tick ?? c.label}
                  </text>
                )}
                {total > 0 && band.bandwidth() >= 18 && (
                  <text x={pos + band.bandwidth() / 2} y={value(total) - 5} textAnchor="middle" className="chart-value">
                    {totalText(i, total)}
                  </text>
                )}
              </g>
            ) : (
              <g key={c.key}>
                <text x={box.left} y={pos + 12} className="chart-label">
                  {c.label.length > 70 ? `${c.label.slice(0, 68)}…` : c.label}
                </text>
                <text x={value(total) + 6} y={pos + LABEL + Math.max(10, band.bandwidth() - LABEL) / 2 + 4} className="chart-value">
                  {totalText(i, total)}
                </text>
              </g>
            );
          })}
        </Group>
        {order.map((s, i) => {
          const r = rects[i]!;
          return (
            <Bar
              key={`${s.category}-${s.series}`}
              innerRef={(el: SVGRectElement | null) => {
                refs.current[i] = el;
              }}
              {...r}
              fill={seriesFill(prefix, s.series)}
              stroke="#ffffff"
              strokeWidth={1}
              role="button"
              tabIndex={i === at ? 0 : -1}
              aria-label={s.name}
              className="chart-segment"
              onFocus={() => {
                setActive(i);
                setFocused(true);
              }}
              onBlur={() => setFocused(false)}
              onMouseEnter={() => setHovered(i)}
              onMouseLeave={() => setHovered(null)}
              onClick={() => {
                setActive(i);
                onDrill(s);
              }}
            />
          );
        })}
        {ring && <rect x={ring.x - 3} y={ring.y - 3} width={ring.width + 6} height={Math.max(ring.height, 0) + 6} className="chart-ring" aria-hidden="true" pointerEvents="none" />}
        {vertical && <line x1={box.left} x2={box.width - box.right} y1={value(0)} y2={value(0)} className="chart-baseline" aria-hidden="true" />}
      </svg>
      {/* Segments carry no number of their own: this line says the one under focus or the pointer.
          Hidden from screen readers, which hear the segment's name already. */}
      <p className="chart-readout" aria-hidden="true" data-testid="chart-readout">
        {readout ? t('chart.readout', { name: readout.name }) : t('chart.readoutIdle')}
      </p>
    </div>
  );
}

import { PatternCircles, PatternLines } from '@visx/pattern';

/**
 * Series fills: each a colour at 4.5:1 or more on white (WCAG 1.4.11 asks 3:1 of
 * graphics) and its own pattern, so two segments differ by more than hue (1.4.1)
 * and print apart in greyscale. The focus ring's orange is kept out of the set.
 */
export const SERIES = [
  { colour: '#12355b', pattern: 'solid' },
  { colour: '#0b6a62', pattern: 'diagonal' },
  { colour: '#6b2c91', pattern: 'dots' },
  { colour: '#7a5200', pattern: 'horizontal' },
  { colour: '#4b5563', pattern: 'cross' },
  { colour: '#1c5d99', pattern: 'vertical' },
] as const;

export function seriesFill(prefix: string, index: number): string {
  const s = SERIES[index % SERIES.length]!;
  return s.pattern === 'solid' ? s.colour : `url(#${prefix}-p${index % SERIES.length})`;
}

/** The pattern definitions one chart's segments and legend refer to. */
export function PatternDefs({ prefix }: { prefix: string }) {
  return (
    <defs>
      {SERIES.map((s, i) => {
        const id = `${prefix}-p${i}`;
        switch (s.pattern) {
          case 'solid':
            return null;
          case 'dots':
            return <PatternCircles key={id} id={id} width={6} height={6} radius={1.4} fill="#ffffff" background={s.colour} complement />;
          case 'diagonal':
            return <PatternLines key={id} id={id} width={7} height={7} stroke="#ffffff" strokeWidth={1.6} background={s.colour} orientation={['diagonal']} />;
          case 'horizontal':
            return <PatternLines key={id} id={id} width={6} height={6} stroke="#ffffff" strokeWidth={1.5} background={s.colour} orientation={['horizontal']} />;
          case 'vertical':
            return <PatternLines key={id} id={id} width={6} height={6} stroke="#ffffff" strokeWidth={1.5} background={s.colour} orientation={['vertical']} />;
          case 'cross':
            return (
              <PatternLines key={id} id={id} width={8} height={8} stroke="#ffffff" strokeWidth={1.3} background={s.colour} orientation={['diagonal', 'diagonalRightToLeft']} />
            );
        }
      })}
    </defs>
  );
}

/** A legend entry's swatch: the same fill as the segments, in a tiny SVG of its own. */
export function Swatch({ prefix, index }: { prefix: string; index: number }) {
  return (
    <svg width="18" height="14" aria-hidden="true" focusable="false" className="chart-swatch">
      <PatternDefs prefix={`${prefix}-sw${index}`} />
      <rect x="0.5" y="0.5" width="17" height="13" fill={seriesFill(`${prefix}-sw${index}`, index)} stroke="#17212b" strokeWidth="1" />
    </svg>
  );
}

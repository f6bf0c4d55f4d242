import type { CsvValue } from '../../../../../shared/common/csv';

/** A figure or list as a plain table: the chart's alternative for screen readers and for reading exact numbers. */
export function DataTable({ caption, header, rows, testId }: { caption: string; header: readonly string[]; rows: readonly (readonly CsvValue[])[]; testId?: string }) {
  return (
    <table className="table chart-table" data-testid={testId}>
      <caption>{caption}</caption>
      <thead>
        <tr>
          {header.map((h) => (
            <th key={h} scope="col">
              {h}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {rows.map((r, i) => (
          <tr key={i}>
            {r.map((c, j) => (
              <td key={j}>{c ?? ''}</td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/**
 * CSV for files a rep, PSL staffer or supervisor opens in a spreadsheet. A cell
 * that begins with = + - @ (or a tab or carriage return) is a formula to Excel and
 * LibreOffice even inside quotes, so such text is quoted and led by an apostrophe,
 * which spreadsheets show as text (OWASP, "CSV Injection"). Numbers stay numbers.
 */
export type CsvValue = string | number | boolean | null | undefined;

const FORMULA_START = /^[=+\-@\t\r]/;

export function csvCell(value: CsvValue): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  const text = FORMULA_START.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(text) || text !== value ? `"${text.replace(/"/g, '""')}"` : text;
}

export function csvRow(values: readonly CsvValue[]): string {
  return values.map(csvCell).join(',');
}

/** A header and rows, CRLF line ends (RFC 4180), ending with a line break. */
export function csvDocument(header: readonly string[], rows: readonly (readonly CsvValue[])[]): string {
  return [csvRow(header), ...rows.map(csvRow)].join('\r\n') + '\r\n';
}

/**
 * A Supervisor figure or drill-down list as a file: CSV through the app's one CSV
 * writer (formula injection neutralised there), PDF through pdfkit with the ESE PDF's
 * DejaVu typeface, so a name prints as typed.
 */
import PDFDocument from 'pdfkit';
import { csvDocument, type CsvValue } from '../../common/csv';
import { pdfFontFile } from '../ese/pdfFonts';

export interface ExportTable {
  title: string;
  /** Where the numbers come from and for when, printed under the title. */
  subtitle: string;
  summary: string;
  header: string[];
  rows: CsvValue[][];
}

export function tableCsv(t: ExportTable): string {
  return csvDocument(t.header, t.rows);
}

const cell = (v: CsvValue) => (v === null || v === undefined ? '' : String(v));

/** `at` is the export's time: pdfkit derives the file ID from the creation date. */
export function tablePdf(t: ExportTable, at: Date): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const doc = new PDFDocument({
      size: 'LETTER',
      layout: 'landscape',
      margin: 40,
      info: { Title: t.title, Author: 'kynect Desk', Subject: t.subtitle, CreationDate: at, ModDate: at },
    });
    const chunks: Buffer[] = [];
    doc.on('data', (c: Buffer) => chunks.push(c));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
    doc.registerFont('Body', pdfFontFile('regular'));
    doc.registerFont('Body-Bold', pdfFontFile('bold'));

    doc.font('Body-Bold').fontSize(15).text(t.title);
    doc.font('Body').fontSize(9).text(t.subtitle).moveDown(0.3).fontSize(10).text(t.summary).moveDown(0.8);

    const left = doc.page.margins.left;
    const width = doc.page.width - left - doc.page.margins.right;
    // Columns share the width by the longest text each holds, with a floor so a narrow one stays legible.
    const longest = t.header.map((h, i) => Math.max(h.length, ...t.rows.map((r) => cell(r[i]).length)));
    const weights = longest.map((n) => Math.max(6, Math.min(n, 40)));
    const sum = weights.reduce((a, b) => a + b, 0);
    const widths = weights.map((w) => (w / sum) * width);
    const bottom = () => doc.page.height - doc.page.margins.bottom;

    const line = (values: string[], bold: boolean) => {
      doc.font(bold ? 'Body-Bold' : 'Body').fontSize(8.5);
      const h = Math.max(...values.map((v, i) => doc.heightOfString(v, { width: widths[i]! - 6 }))) + 4;
      if (doc.y + h > bottom()) {
        doc.addPage();
        if (!bold) line(t.header, true);
        doc.font('Body').fontSize(8.5);
      }
      const y = doc.y;
      let x = left;
      values.forEach((v, i) => {
        doc.text(v, x, y, { width: widths[i]! - 6 });
        x += widths[i]!;
      });
      doc.x = left;
      doc.y = y + h;
      doc
        .moveTo(left, doc.y - 2)
        .lineTo(left + width, doc.y - 2)
        .lineWidth(bold ? 0.8 : 0.3)
        .strokeColor('#666666')
        .stroke();
    };
    line(t.header, true);
    for (const r of t.rows) line(r.map(cell), false);
    if (!t.rows.length)
      doc
        .font('Body')
        .fontSize(10)
        .text('Nothing to list.', left, doc.y + 4);
    doc.end();
  });
}

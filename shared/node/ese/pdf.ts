import PDFDocument from 'pdfkit';
import { ESE_EMAIL_ROLE_STATEMENT, LEGACY_DIRE_NEED_NOTE } from '../../common/ese';
import { intakeSections, type SubmittedIntake } from './sections';
import { missingGlyphs, pdfFontFile } from './pdfFonts';

/**
 * The intake as a PDF for KHBE staff to file with the request. The creation
 * date is the submission time (pdfkit derives the file ID from it), so a resend
 * attaches the same bytes.
 */
export function renderIntakePdf(s: SubmittedIntake): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const doc = new PDFDocument({
      size: 'LETTER',
      margin: 54,
      info: {
        Title: `Exceptional Special Enrollment request ${s.reference}`,
        Author: 'kynect Desk',
        Subject: 'ESE intake forwarded for committee review',
        CreationDate: new Date(s.submittedAt),
        ModDate: new Date(s.submittedAt),
      },
    });
    const chunks: Buffer[] = [];
    doc.on('data', (c: Buffer) => chunks.push(c));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);

    doc.registerFont('Body', pdfFontFile('regular'));
    doc.registerFont('Body-Bold', pdfFontFile('bold'));
    doc.registerFont('Body-Italic', pdfFontFile('italic'));
    let lossy = false;
    const w = (t: string) => {
      lossy ||= missingGlyphs(t).length > 0;
      return t;
    };
    doc.font('Body-Bold').fontSize(16).text(`Exceptional Special Enrollment request ${s.reference}`);
    doc.moveDown(0.5).font('Body').fontSize(10).text(ESE_EMAIL_ROLE_STATEMENT);
    if (s.intake.direNeed) doc.moveDown(0.5).font('Body-Bold').text(LEGACY_DIRE_NEED_NOTE);
    for (const section of intakeSections(s)) {
      doc.moveDown(1).font('Body-Bold').fontSize(12).text(section.title);
      doc.fontSize(10);
      for (const [label, value] of section.rows) {
        doc.moveDown(0.2);
        if (label)
          doc
            .font('Body-Bold')
            .text(`${w(label)}: `, { continued: true })
            .font('Body')
            .text(w(value));
        else doc.font('Body').text(w(value));
      }
    }
    if (lossy)
      doc
        .moveDown(1)
        .font('Body-Bold')
        .fontSize(10)
        .text("Some characters have no letter shape in this PDF's typeface and show as empty boxes. The email body has the exact text.");
    doc.moveDown(1).font('Body-Italic').fontSize(8).text(`Message-ID ${s.messageId}. A full Social Security number is never included.`);
    doc.end();
  });
}

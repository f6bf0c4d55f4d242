import { describe, expect, it } from 'vitest';
import { DEFAULT_ESE_MAILBOX, EseMailSettings, closingScript, defaultEseMailSettings, domainOf, eseMessageId, eseReference } from '../../../shared/common/ese';
import { buildEml, composeEseMail, eseBody } from '../../../shared/node/ese/compose';
import { renderIntakePdf } from '../../../shared/node/ese/pdf';
import { maskSsns } from '../../../shared/node/ese/redact';
import { missingGlyphs } from '../../../shared/node/ese/pdfFonts';
import { leaves, parseMime, pdfText } from './support/mime';
import { INTAKE_ID, submitted } from './support/submitted';

const settings = EseMailSettings.parse({ sender: 'desk@contact.kynect.example' });

async function roundTrip(s = submitted(), cfg = settings) {
  const eml = await buildEml(await composeEseMail(s, cfg));
  const mime = parseMime(eml);
  const parts = leaves(mime);
  const text = parts.find((p) => p.headers.get('content-type')?.startsWith('text/plain'))!;
  const pdf = parts.find((p) => p.headers.get('content-type')?.startsWith('application/pdf'))!;
  return { eml, mime, body: text.body.toString('utf8'), pdfPart: pdf, pdf: pdfText(pdf.body).replace(/\s+/g, ' ') };
}

describe('ESE identity', () => {
  it('derives the reference and a stable Message-ID from the intake id', () => {
    expect(eseReference(INTAKE_ID)).toBe('ESE-7F3A2C10');
    expect(eseMessageId(INTAKE_ID, 'desk@contact.kynect.example')).toBe(`<ese-intake.${INTAKE_ID}@contact.kynect.example>`);
    expect(eseMessageId(INTAKE_ID, 'desk@contact.kynect.example')).toBe(eseMessageId(INTAKE_ID, 'desk@contact.kynect.example'));
    expect(domainOf('nobody')).toBe('kynect-desk.invalid');
    expect(() => eseMessageId('42', 'a@b.c')).toThrow(/Not an intake id/);
  });

  it('defaults the ESE mailbox to the one in 003 §7.4 (line 988), and has no Dire Need mailbox (003 §9.1: it is for Agents and kynectors)', () => {
    expect(DEFAULT_ESE_MAILBOX).toBe('kynectESE@ky.gov');
    expect(Object.keys(defaultEseMailSettings)).not.toContain('direNeedMailbox');
    // A Dire Need mailbox stored by an earlier version is ignored, not an error.
    expect(EseMailSettings.parse({ direNeedMailbox: 'kynectdireneed@ky.gov' })).toEqual(defaultEseMailSettings);
    expect(defaultEseMailSettings.eseMailbox).toBe('kynectESE@ky.gov');
    expect(defaultEseMailSettings.host).toBe('');
  });

  it('refuses bad settings at the field', () => {
    const r = EseMailSettings.safeParse({ port: 70000, eseMailbox: 'not an address', security: 'ssl' });
    expect(r.success).toBe(false);
    const paths = r.error!.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
    expect(paths).toContain('port: Port is a number from 1 to 65535.');
    expect(paths).toContain('eseMailbox: ESE mailbox: write an address like name@example.com.');
    expect(paths).toContain('security: Choose how to secure the connection.');
  });
});

describe('ESE message composition', () => {
  it('addresses the ESE mailbox with a stable Message-ID, date and intake headers', async () => {
    const { mime } = await roundTrip();
    const h = mime.headers;
    expect(h.get('to')).toBe('kynectESE@ky.gov');
    expect(h.get('from')).toBe('kynect Desk <desk@contact.kynect.example>');
    expect(h.get('message-id')).toBe(`<ese-intake.${INTAKE_ID}@contact.kynect.example>`);
    expect(h.get('subject')).toBe('ESE request ESE-7F3A2C10: Whitfield, Dana (case 100300113)');
    expect(new Date(h.get('date')!).toISOString()).toBe('2026-11-23T15:04:05.000Z');
    expect(h.get('x-kynect-ese-intake')).toBe(INTAKE_ID);
    expect(h.get('importance')).toBeUndefined();
    expect(h.get('content-type')).toMatch(/^multipart\/mixed/);
  });

  it('writes the .eml with CRLF line ends only and 7-bit content', async () => {
    const { eml } = await roundTrip();
    const text = eml.toString('binary');
    expect(text).not.toMatch(/(?<!\r)\n/);
    // 7-bit clean: every byte at or below 0x7f.
    expect([...text].every((c) => c.charCodeAt(0) <= 0x7f)).toBe(true);
  });

  it('an intake flagged Dire Need before the option left (migration 0011) goes to the ESE mailbox only, with the flag and its reason in the body (003 §9.1)', async () => {
    const s = submitted({}, {});
    const legacy = { ...s, intake: { ...s.intake, direNeed: true, direNeedReason: 'Insulin runs out on Friday.' } };
    const { mime, body, pdf } = await roundTrip(legacy);
    expect(mime.headers.get('to')).toBe('kynectESE@ky.gov');
    expect(mime.headers.get('subject')).toMatch(/^\[DIRE NEED\] ESE request/);
    expect(body).toContain('Marked Dire Need when taken: Insulin runs out on Friday.');
    expect(body).toContain('an option kynect Desk no longer offers');
    expect(pdf).toContain('Marked Dire Need');
    // A new intake has no Dire Need line at all.
    const { body: plain } = await roundTrip();
    expect(plain).not.toMatch(/Dire Need/);
  });

  it('sends to the configured ESE mailbox', async () => {
    const cfg = EseMailSettings.parse({ sender: 'a@b.example', eseMailbox: 'ese@test.example' });
    const { mime } = await roundTrip(submitted(), cfg);
    expect(mime.headers.get('to')).toBe('ese@test.example');
  });

  it('says the time in the zone the intake was forwarded in (Kentucky has two), and UTC for intakes from before zones were kept', async () => {
    const central = await roundTrip(submitted({}, { timeZone: 'America/Chicago' }));
    expect(central.body).toContain('Forwarded: November 23, 2026 at 9:04 AM CST by');
    const legacy = await roundTrip(submitted({}, { timeZone: undefined }));
    expect(legacy.body).toContain('Forwarded: November 23, 2026 at 3:04 PM UTC by');
    expect(central.body).not.toMatch(/days left|days ago/);
  });

  it('keeps a window that had ended or not started as dates, never a count frozen at send time', async () => {
    const late = await roundTrip(submitted({ eventDate: '2026-08-01', knownDate: '2026-08-10' }));
    expect(late.body).toContain('Plan-selection window: August 10, 2026 to October 9, 2026; the last day to select a plan was October 9, 2026, before this request was forwarded.');
    expect(late.body).not.toMatch(/days ago/);
  });

  it('writes a plain-text body with every answer, the window and who decides', async () => {
    const { body } = await roundTrip();
    expect(body).toMatch(/^Forwarded by the kynect Contact Center for ESE committee review \(SBM Policy §7\.6\)\. The representative has not determined eligibility\./);
    for (const line of [
      'Reference: ESE-7F3A2C10',
      'Forwarded: November 23, 2026 at 10:04 AM EST by Pat Rivera (Contact center rep)',
      'Call: Call 42',
      'Name: Dana Whitfield',
      'Date of birth: April 17, 1988',
      'Case or application number: 100300113',
      'Phone: 502-555-0123',
      'Email: dana.whitfield@example.com',
      'Preferred contact: Email',
      'Language: English',
      'Circumstance: Did not receive timely notice of a triggering event',
      'Triggering event: September 30, 2026',
      'Knew or should have known: October 20, 2026',
      'Plan-selection window: October 20, 2026 to December 19, 2026; the last day to select a plan is December 19, 2026.',
      'Documents the resident has: Medicaid or KCHIP eligibility notice; Notice that coverage ended',
      'Other documents: Pharmacy receipt from October 20',
      'Written request: No written request was sent',
    ])
      expect(body).toContain(line);
    expect(body).toContain('the notice went to her old address');
    expect(body).not.toMatch(/\beligible\b(?! for)/i);
  });

  it('attaches the intake as a PDF that carries the same answers', async () => {
    const { pdfPart, pdf } = await roundTrip();
    expect(pdfPart.headers.get('content-type')).toMatch(/^application\/pdf; name=ESE-7F3A2C10-intake\.pdf/);
    expect(pdfPart.headers.get('content-disposition')).toMatch(/attachment; filename=ESE-7F3A2C10-intake\.pdf/);
    expect(pdfPart.body.subarray(0, 5).toString()).toBe('%PDF-');
    expect(pdf).toContain('Exceptional Special Enrollment request ESE-7F3A2C10');
    expect(pdf).toContain('Dana Whitfield');
    expect(pdf).toContain('100300113');
    expect(pdf).toContain('Did not receive timely notice of a triggering event');
    expect(pdf).toContain('October 20, 2026 to December 19, 2026; the last day to select a plan is December 19, 2026.');
    expect(pdf).toContain('November 23, 2026 at 10:04 AM EST');
    expect(pdf).not.toMatch(/days left|2026-11-23T15/);
    expect(pdf).toContain('The representative has not determined eligibility.');
  });

  it("prints residents' names exactly as typed: an embedded Unicode font, not WinAnsi (issue 15.6)", async () => {
    const s = submitted({ firstName: 'Nguyễn Thị', lastName: 'Đặng-Peña', language: 'Español' });
    const { body, pdf } = await roundTrip(s);
    expect(body).toContain('Name: Nguyễn Thị Đặng-Peña');
    expect(pdf).toContain('Name: Nguyễn Thị Đặng-Peña');
    expect(pdf).toContain('Language: Español');
    expect(pdf).not.toContain('could not be drawn');
    expect(pdf).not.toContain('empty boxes');
    const other = await roundTrip(submitted({ firstName: 'Łukasz', lastName: 'Çelik Müller', language: 'Tiếng Việt' }));
    expect(other.pdf).toContain('Name: Łukasz Çelik Müller');
    expect(other.pdf).toContain('Language: Tiếng Việt');
  });

  it('says on the page when a character has no letter shape in the typeface, the email body keeping the exact text', async () => {
    expect(missingGlyphs('Nguyễn Peña Łukasz')).toEqual([]);
    expect(missingGlyphs('中文')).toEqual(['中', '文']);
    const { body, pdf } = await roundTrip(submitted({ language: '中文' }));
    expect(body).toContain('Language: 中文');
    expect(pdf).toContain('Some characters have no letter shape');
  });

  it('builds the same bytes every time, so a resend is the same message', async () => {
    const a = await buildEml(await composeEseMail(submitted(), settings));
    const b = await buildEml(await composeEseMail(submitted(), settings));
    // The multipart boundary is random per build; everything else is fixed.
    const strip = (x: Buffer) =>
      x
        .toString('binary')
        .replace(/--_NmP-[^\r\n"]+/g, 'B')
        .replace(/boundary="[^"]+"/, '');
    expect(strip(a)).toBe(strip(b));
    expect(Buffer.compare(await renderIntakePdf(submitted()), await renderIntakePdf(submitted()))).toBe(0);
  });
});

describe('a full SSN never goes into an email', () => {
  it('masks dashed, spaced and bare 9-digit numbers but keeps the case number', () => {
    expect(maskSsns('ssn 123-45-6789, 123 45 6789, 123456789 and case 100300113', ['100300113'])).toBe('ssn ***-**-6789, ***-**-6789, ***-**-6789 and case 100300113');
    expect(maskSsns('phone 5025550123 and 1234567890123')).toBe('phone 5025550123 and 1234567890123');
  });

  it('masks an SSN that reached a stored intake (old draft, paste) in subject, body and PDF', async () => {
    const s = submitted();
    s.intake = {
      ...s.intake,
      narrative: 'Her SSN 123-45-6789 was typed into the wrong box; also 987654321 was read out.',
      documentsOther: 'Card showing 123 45 6789',
      lastName: 'Whitfield 123456789',
    };
    const { eml, body, pdf } = await roundTrip(s);
    const everything = [eml.toString('binary'), body, pdf].join('\n');
    for (const full of ['123-45-6789', '123 45 6789', '123456789', '987654321', '987-65-4321']) expect(everything).not.toContain(full);
    expect(body).toContain('Her SSN ***-**-6789 was typed');
    expect(body).toContain('also ***-**-4321 was read out');
    expect(pdf).toContain('***-**-6789');
    expect(body).toContain('Case or application number: 100300113');
  });
});

describe('closing script (003 §7.4-7.6)', () => {
  it("says the rep forwards the call's details to KHBE staff, how to request in writing, who decides, and that the answer comes in writing", () => {
    const lines = closingScript({ residentFirstName: 'Dana', reference: 'ESE-7F3A2C10' });
    // 003:1020 "forward cases to KHBE staff"; the agency is the Kentucky Health Benefit Exchange.
    expect(lines[0]).toBe('Dana, I have forwarded the details of this call to the Kentucky Health Benefit Exchange (KHBE) staff.');
    // 003:1002 "must request in writing to KHBE"; 003:988 "can be sent by email to kynectESE@ky.gov".
    expect(lines[1]).toBe(
      'An Exceptional Special Enrollment must be requested in writing to KHBE. To make your written request, email it, with any documents you have, to kynectESE@ky.gov.',
    );
    expect(lines.join(' ')).toContain('E S E - 7 F 3 A 2 C 1 0');
    // 003:1020 the committee recommends, the Director decides, the resident is notified in writing.
    expect(lines).toContain(
      'I am not able to decide whether you qualify. A special ESE committee reviews each request and makes a recommendation to the KHBE Director, who makes the final decision.',
    );
    expect(lines).toContain('You will be notified of the decision in writing.');
    // 003:971: 60 days from the date they knew or should have reasonably known.
    expect(lines.at(-1)).toContain('within 60 days of the date you knew or should have reasonably known');
    // Dire Need is not an ESE route: no 24-hour promise (003:1111).
    expect(lines.join(' ')).not.toMatch(/Dire Need|24 hours/);
    expect(lines.join(' ')).not.toContain('kynect Health Benefit Exchange');
    expect(closingScript()[0]).toMatch(/^I have forwarded/);
    expect(closingScript().join(' ')).not.toContain('reference');
  });

  it('body still works for an intake without a case number or call', () => {
    const body = eseBody(submitted({ caseNumber: '', email: '', preferredContact: 'mail' }, { callRef: undefined }));
    expect(body).toContain('Case or application number: Not given');
    expect(body).toContain('Preferred contact: Letter to the mailing address on the case');
    expect(body).not.toContain('Call:');
  });
});

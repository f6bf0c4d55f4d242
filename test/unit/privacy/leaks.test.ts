import { afterEach, describe, expect, it } from 'vitest';
import type { Desk } from '../../../shared/node/host/desk';
import { buildEml, composeEseMail } from '../../../shared/node/ese/compose';
import { holdsCampaignSsn, SSN_SHAPES } from '../../helpers/ssnShapes';
import { openTestDesk } from '../../helpers/temp';
import { validIntakeInput } from '../ese/support/intakes';
import { leaves, parseMime, pdfText } from '../ese/support/mime';

/**
 * Issue 14 §1 and §3 end to end: every shape the campaign typed, through the
 * router as the renderer sends it. Nothing stored holds a full SSN, nothing
 * sent or exported shows one, and control or direction characters are refused
 * in names and never printed raw.
 */
const open: { close(): void }[] = [];
afterEach(() => open.splice(0).forEach((d) => d.close()));

function deskWithOperator() {
  const t = openTestDesk();
  open.push(t);
  t.desk.operators.save({ name: 'Rita Rep', role: 'rep', pin: '2468' });
  return t;
}

async function ok(desk: Desk, channel: string, request: unknown) {
  const r = await desk.router.dispatch(channel, request, { via: 'test' });
  if (!r.ok) throw new Error(`${channel}: ${JSON.stringify(r.error)}`);
  return r.value as never;
}

/** Every text value in every table (sealed SSN blocks are binary and skipped). */
function everyStoredText(desk: Desk): string[] {
  const out: string[] = [];
  const tables = desk.db.prepare("SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE 'sep_rule_fts%'").pluck().all() as string[];
  for (const t of tables)
    for (const row of desk.db.prepare(`SELECT * FROM "${t}"`).all() as Record<string, unknown>[]) for (const v of Object.values(row)) if (typeof v === 'string') out.push(v);
  return out;
}

describe('no SSN slips out', () => {
  it('the ESE form refuses every shape in every free-text answer, at the field', async () => {
    const { desk } = deskWithOperator();
    for (const shape of SSN_SHAPES) {
      for (const field of ['narrative', 'documentsOther', 'circumstanceOther'] as const) {
        const intake = validIntakeInput({
          [field]: `The resident read out ${shape} while we talked about the notice and her coverage.`,
          ...(field === 'circumstanceOther' ? { circumstance: 'other' } : {}),
        });
        const r = await desk.router.dispatch('app:ese.submit', { intake }, { via: 'test' });
        expect(r.ok, `${field}: ${shape}`).toBe(false);
        expect((r as { error: { fieldErrors?: Record<string, string> } }).error.fieldErrors?.[field], `${field}: ${shape}`).toMatch(/Social Security number/);
      }
    }
    // A case number in its own field, and a labelled one in the narrative, are not SSNs.
    await ok(desk, 'app:ese.submit', {
      intake: validIntakeInput({ caseNumber: '100300113', narrative: 'Case 100300113: the notice about her Medicaid went to an old address in Frankfort.' }),
    });
  });

  it('the email, the .eml and the PDF of an intake that reached the store anyway show no shape whole', async () => {
    const { desk } = deskWithOperator();
    const submitted = await ok(desk, 'app:ese.submit', { intake: validIntakeInput() });
    const id = (submitted as { id: string }).id;
    const record = desk.services.ese.store.get(id)!;
    for (const shape of SSN_SHAPES) {
      record.intake = { ...record.intake, narrative: `Old draft: ${shape} read out.`, documentsOther: `Card ${shape}` };
      const eml = await buildEml(await composeEseMail(record, desk.services.ese.mailSettings()));
      const parts = leaves(parseMime(eml));
      const body = parts.find((p) => p.headers.get('content-type')?.startsWith('text/plain'))!.body.toString('utf8');
      const pdf = pdfText(parts.find((p) => p.headers.get('content-type')?.startsWith('application/pdf'))!.body);
      for (const [what, text] of [
        ['body', body],
        ['pdf', pdf],
        ['eml', eml.toString('utf8')],
      ] as const)
        expect(holdsCampaignSsn(text), `${what}: ${shape}`).toBe(false);
      expect(body, shape).toContain('***-**-6789');
      expect(body).toContain('Case or application number: 100300113');
    }
  });

  it('notes, snippets and ESE drafts are masked before they are stored, and the rep is told', async () => {
    const { desk } = deskWithOperator();
    const started = await ok(desk, 'app:call.start', { callerType: 'resident', callerName: 'Pat Caller', caseNumber: '100300113' });
    const callId = (started as { call: { id: string } }).call.id;
    for (const shape of SSN_SHAPES) {
      const baseRevision = desk.services.calls.current().call!.notesRevision;
      const saved = (await ok(desk, 'app:call.notes.save', { callId, notes: `Caller read ${shape} aloud; case 100300113; callback 502-555-0134.`, baseRevision })) as {
        notes: string;
        ssnMasked: number;
      };
      expect(saved.ssnMasked, shape).toBe(1);
      expect(saved.notes).toContain('***-**-6789');
      expect(saved.notes).toContain('case 100300113; callback 502-555-0134.');
      const draft = (await ok(desk, 'app:ese.draft.save', {
        key: `call:${callId}`,
        draft: { firstName: 'Dana', narrative: `She read ${shape} from her card.`, caseNumber: '100300113' },
      })) as { masked: string[]; draft: { narrative: string } };
      expect(draft.masked, shape).toEqual(['narrative']);
      expect(draft.draft.narrative).toBe(`She read ${shape.startsWith('SSN ') ? 'SSN ' : ''}***-**-6789 from her card.`);
    }
    await ok(desk, 'app:call.notes.append', { text: `From member match: SSN ${SSN_SHAPES[1]}` });
    desk.callActivity.record({ kind: 'match.search', summary: `Looked up ${SSN_SHAPES[3]}`, notes: `Match for ${SSN_SHAPES[6]}` });
    const stored = everyStoredText(desk);
    expect(stored.filter(holdsCampaignSsn)).toEqual([]);
    expect(desk.db.prepare("SELECT count(*) FROM audit_log WHERE action = 'call.notes.ssn_masked'").pluck().get()).toBe(SSN_SHAPES.length);
  });

  it('call export masks what older versions stored, and prints control and direction characters escaped, never raw', async () => {
    const { desk } = deskWithOperator();
    const started = await ok(desk, 'app:call.start', { callerType: 'resident', callerName: 'Pat Caller', caseNumber: '100300113' });
    const callId = (started as { call: { id: string } }).call.id;
    // As an older version could have stored them: straight into the row.
    desk.db.prepare('UPDATE call SET notes = ? WHERE id = ?').run(`${SSN_SHAPES.join('\n')}\n\u001b[31mred\u001b[0m \u202egnp.exe\u0007\u0000`, callId);
    const { text } = (await ok(desk, 'app:call.history.export', { callId })) as { text: string };
    expect(holdsCampaignSsn(text)).toBe(false);
    expect(text).toContain('Case number: 100300113');
    // eslint-disable-next-line no-control-regex -- the point: no raw control characters reach the email
    expect(text).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f\u202a-\u202e\u2066-\u2069]/);
    expect(text).toContain('\\u001b[31mred\\u001b[0m \\u202egnp.exe\\u0007\\u0000');
  });

  it('names refuse control and direction characters (ANSI escapes, RLO, NUL, BEL) at the field; notes drop them', async () => {
    const { desk } = deskWithOperator();
    for (const bad of ['Pat\u001b[31m Caller', 'Pat \u202eCaller', 'Pat\u0000', 'Pat\u0007', 'Pat\u2066x\u2069']) {
      const call = await desk.router.dispatch('app:call.start', { callerType: 'resident', callerName: bad }, { via: 'test' });
      expect(call.ok, JSON.stringify(bad)).toBe(false);
      expect((call as { error: { fieldErrors?: Record<string, string> } }).error.fieldErrors?.callerName).toMatch(/control or text-direction character/);
      const op = await desk.router.dispatch('app:operator.save', { name: bad, role: 'rep' }, { via: 'test' });
      expect((op as { error: { fieldErrors?: Record<string, string> } }).error.fieldErrors?.name).toMatch(/control or text-direction character/);
      const ese = await desk.router.dispatch('app:ese.submit', { intake: validIntakeInput({ lastName: bad }) }, { via: 'test' });
      expect((ese as { error: { fieldErrors?: Record<string, string> } }).error.fieldErrors?.lastName).toMatch(/control or text-direction character/);
    }
    // Names from everywhere else keep their letters, joiners included.
    await ok(desk, 'app:call.start', { callerType: 'resident', callerName: 'Nguyễn Peña-Ó’Brien می‌خواهم' });
    const callId = ((await ok(desk, 'app:call.current', {})) as { call: { id: string } }).call.id;
    const saved = (await ok(desk, 'app:call.notes.save', {
      callId,
      notes: 'line one\r\n\u001b[2Jline\ttwo \u202eevil\u0000',
      baseRevision: desk.services.calls.current().call!.notesRevision,
    })) as { notes: string };
    expect(saved.notes).toBe('line one\n[2Jline\ttwo evil');
  });
});

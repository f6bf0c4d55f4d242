import { describe, expect, it } from 'vitest';
import { acceptVerbal, markRead, recordAnswer, recordElectronicOutcome, requestElectronic, startConsent, startVerbal } from '../../../shared/common/consent/machine';
import { buildConsentRecord, ConsentRecord, toFhirConsent, type RecordContext } from '../../../shared/common/consent/record';
import { findScript, renderScript } from '../../../shared/common/consent/scripts';
import { scriptSha256 } from '../../../shared/node/consent/scriptHash';

/** The parts of an HL7 FHIR R4 Consent these tests read (the export returns it untyped, as JSON). */
interface FhirConsent {
  resourceType: string;
  status: string;
  scope: { coding: { system: string; code: string }[] };
  category: { coding: { system: string; code: string }[] }[];
  patient: unknown;
  policy: { uri: string }[];
  provision: { type: string; actor: { reference: { display: string } }[] };
  sourceAttachment?: { extension: { valueString: string }[] };
  extension: { url: string; extension?: { url: string; valueString?: string }[] }[];
}

const t0 = new Date('2026-11-22T15:00:00.000Z');
const at = (s: number) => new Date(t0.getTime() + s * 1000);
const script = findScript('agent-association', 'es');
const rendered = renderScript(script, { clientName: 'John Doe', agentName: 'Maria West', agencyName: 'Bluegrass Benefits', repName: 'Dana Rep' });
const ctx: RecordContext = {
  id: 'consent-1',
  kind: 'agent-association',
  client: { name: 'John Doe', caseNumber: '100300113', applicationNumber: null },
  agent: { name: 'Maria West', agentId: 'NPN 1234567', agency: 'Bluegrass Benefits' },
  organization: null,
  rep: { operatorId: 1, name: 'Dana Rep' },
  callId: 'call-7',
  script,
  acknowledgmentTexts: Object.fromEntries(rendered.acknowledgments.map((a) => [a.id, a.text])),
  createdAt: t0.toISOString(),
};

function verbalAccepted() {
  let s = requestElectronic(startConsent({ contact: 'electronic' }), t0);
  s = startVerbal(
    s,
    { id: script.id, version: script.version, locale: script.locale, textSha256: scriptSha256(rendered), acknowledgmentIds: script.acknowledgments.map((a) => a.id) },
    at(95),
  );
  for (const a of script.acknowledgments) s = recordAnswer(markRead(s, a.id, at(100)), a.id, 'agree', at(101));
  return acceptVerbal(s, at(120));
}

describe('the consent record', () => {
  it('holds every attempt, the script id, version, locale and hash, and each acknowledgment with its times and answer', () => {
    const r = buildConsentRecord(verbalAccepted(), ctx);
    expect(ConsentRecord.safeParse(r).success).toBe(true);
    expect(r).toMatchObject({ method: 'verbal', outcome: 'accepted', verbalTrigger: 'no-response', callId: 'call-7', decidedAt: at(120).toISOString() });
    expect(r.attempts).toEqual([{ number: 1, sentAt: t0.toISOString(), expiresAt: at(90).toISOString(), outcome: 'no-response', resolvedAt: at(90).toISOString() }]);
    expect(r.script).toEqual({ id: 'agent-association', version: 3, locale: 'es', textSha256: scriptSha256(rendered) });
    expect(r.acknowledgments).toHaveLength(3);
    expect(r.acknowledgments[1]).toMatchObject({ id: 'permission', answer: 'agree', readAt: at(100).toISOString(), text: expect.stringContaining('Usted da permiso') });
    // No seed says how a client removes an Agent (000, 001): the record does not invent it.
    expect(r.revoke).toBe('No se indica en la política de Agent Portal');
  });

  it('is only made from a decided consent', () => {
    expect(() => buildConsentRecord(startConsent({ contact: 'electronic' }), ctx)).toThrow('Consent is not decided yet');
  });

  it('exports as an HL7 FHIR R4 Consent resource', () => {
    const fhir = toFhirConsent(buildConsentRecord(verbalAccepted(), ctx)) as unknown as FhirConsent;
    expect(fhir.resourceType).toBe('Consent');
    expect(fhir.status).toBe('active');
    expect(fhir.scope.coding[0]).toMatchObject({ system: 'http://terminology.hl7.org/CodeSystem/consentscope', code: 'patient-privacy' });
    expect(fhir.category[0]!.coding[0]).toMatchObject({ system: 'http://loinc.org', code: '59284-0' });
    expect(fhir.patient).toMatchObject({ display: 'John Doe', identifier: { value: '100300113' } }); // ppc-2: privacy scope needs a patient
    expect(fhir.policy[0]!.uri).toBe('urn:kynect:consent-script:agent-association:v3'); // ppc-1: a policy
    expect(fhir.provision).toMatchObject({ type: 'permit', period: { start: at(120).toISOString() } });
    expect(fhir.provision.actor[0]!.reference.display).toContain('Maria West');
    expect(fhir.sourceAttachment).toMatchObject({ language: 'es', contentType: 'text/plain' });
    expect(fhir.sourceAttachment!.extension[0]!.valueString).toBe(scriptSha256(rendered));
    const acks = fhir.extension.filter((e: { url: string }) => e.url.endsWith('/acknowledgment'));
    expect(acks).toHaveLength(3);
    expect(JSON.parse(JSON.stringify(fhir))).toEqual(fhir); // plain JSON
  });

  it('a declined electronic consent exports as rejected / deny', () => {
    const s = recordElectronicOutcome(requestElectronic(startConsent({ contact: 'electronic' }), t0), 'declined', at(30));
    const fhir = toFhirConsent(buildConsentRecord(s, ctx)) as unknown as FhirConsent;
    expect(fhir.status).toBe('rejected');
    expect(fhir.provision.type).toBe('deny');
    expect(fhir.sourceAttachment).toBeUndefined();
  });
});

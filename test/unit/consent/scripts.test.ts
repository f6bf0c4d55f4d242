import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { consentScripts, findScript, renderScript } from '../../../shared/common/consent/scripts';
import { scriptSha256 } from '../../../shared/node/consent/scriptHash';

const values = { clientName: 'John Doe', agentName: 'Maria West', agencyName: 'Bluegrass Benefits', repName: 'Dana Rep', organizationName: 'Hope Center' };

describe('consent scripts', () => {
  it('ship agent association and kynect resources partner access, each in English and Spanish, with the same acknowledgments', () => {
    for (const id of ['agent-association', 'kynect-resources-partner-access'] as const) {
      const en = findScript(id, 'en');
      const es = findScript(id, 'es');
      expect(en.version).toBe(es.version);
      expect(es.acknowledgments.map((a) => a.id)).toEqual(en.acknowledgments.map((a) => a.id));
      expect(en.acknowledgments.length).toBeGreaterThanOrEqual(3);
    }
    expect(new Set(consentScripts.map((s) => `${s.id}/${s.version}/${s.locale}`)).size).toBe(consentScripts.length);
  });

  it('fill every placeholder and refuse to render with one missing', () => {
    const r = renderScript(findScript('agent-association', 'en'), values);
    expect(r.text).not.toMatch(/\{[a-zA-Z]+\}/);
    expect(r.intro).toContain('Maria West of Bluegrass Benefits is on the line');
    expect(r.intro).toContain('I will read 4 statements');
    expect(() => renderScript(findScript('agent-association', 'en'), { clientName: 'John Doe' })).toThrow(/\{repName\}, \{agentName\}, \{agencyName\}/);
    expect(() => renderScript(findScript('agent-association', 'es'), { ...values, agentName: '  ' })).toThrow(/\{agentName\}/);
  });

  it('say how to revoke: Agent removal in kynect benefits; Remove and Opt Out in Privacy Settings (002 Q38, Q41)', () => {
    const agent = renderScript(findScript('agent-association', 'en'), values).text;
    expect(agent).toContain('"Reps, kynectors, and Agents"');
    const partner = renderScript(findScript('kynect-resources-partner-access', 'en'), values).text;
    expect(partner).toContain('"Remove" on the "Privacy Settings" page');
    expect(partner).toContain('"Opt Out"');
    const partnerEs = renderScript(findScript('kynect-resources-partner-access', 'es'), values).text;
    expect(partnerEs).toContain('"Privacy Settings"');
    expect(partnerEs).toContain('Usted confirma que es John Doe.');
  });

  it('hash exactly the text shown: any change of name, locale or wording changes the SHA-256', () => {
    const en = renderScript(findScript('agent-association', 'en'), values);
    expect(scriptSha256(en)).toBe(createHash('sha256').update(en.text).digest('hex'));
    expect(scriptSha256(en)).toMatch(/^[0-9a-f]{64}$/);
    expect(scriptSha256(renderScript(findScript('agent-association', 'en'), { ...values, clientName: 'Jon Doe' }))).not.toBe(scriptSha256(en));
    expect(scriptSha256(renderScript(findScript('agent-association', 'es'), values))).not.toBe(scriptSha256(en));
  });

  it('refuse an unknown script or version', () => {
    expect(() => findScript('agent-association', 'en', 99)).toThrow('There is no consent script agent-association v99 in en.');
  });
});

import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { CONTENT_SECURITY_POLICY } from '../../../shared/common/security';
import { APP_VERSION } from '../../../shared/common/version';
import { isAllowedExternalUrl } from '../../../shared/node/security/externalUrl';
import { redact } from '../../../shared/node/log';
import { repoRoot } from '../../helpers/cli';

describe('external links', () => {
  it.each([
    ['https://kynect.ky.gov/benefits', true],
    ['https://www.healthcare.gov/', true],
    ['mailto:kynectESE@ky.gov', true],
    ['mailto:kynectdireneed@ky.gov', true],
    ['http://kynect.ky.gov/', false],
    ['https://kynect.ky.gov.evil.example/', false],
    ['https://evil.example/?https://kynect.ky.gov', false],
    ['https://user:pw@kynect.ky.gov/', false],
    ['https://kynect.ky.gov:8443/', false],
    ['javascript:alert(1)', false],
    ['file:///etc/passwd', false],
    ['mailto:someone@example.com', false],
    ['mailto:kynectESE@ky.gov,attacker@example.com', false],
    ['app://kynect-desk/index.html', false],
    ['not a url', false],
  ])('%s → %s', (url, allowed) => {
    expect(isAllowedExternalUrl(url)).toBe(allowed);
  });
});

describe('content security policy', () => {
  it('allows only our own scripts and forbids plugins, base changes and framing', () => {
    for (const part of ["default-src 'self'", "script-src 'self'", "object-src 'none'", "base-uri 'none'", "frame-ancestors 'none'"]) {
      expect(CONTENT_SECURITY_POLICY).toContain(part);
    }
    expect(CONTENT_SECURITY_POLICY).not.toMatch(/unsafe-(inline|eval)/);
  });
  it('index.html carries the same policy (less frame-ancestors, which a meta tag cannot set)', () => {
    const html = fs.readFileSync(path.join(repoRoot, 'renderer/index.html'), 'utf8');
    const meta = /http-equiv="Content-Security-Policy" content="([^"]+)"/.exec(html)?.[1];
    expect(meta).toBe(CONTENT_SECURITY_POLICY.replace("; frame-ancestors 'none'", ''));
  });
});

describe('logs', () => {
  it('never carry an SSN, a name or a date of birth', () => {
    const out = JSON.stringify(redact({ msg: 'member 123-45-6789 and 987654321', ssn: '111223333', firstName: 'Ann', dateOfBirth: '1980-01-02', nested: { lastName: 'Lee', note: 'ssn 222334444' } }));
    for (const secret of ['123-45-6789', '987654321', '111223333', 'Ann', '1980-01-02', 'Lee', '222334444']) expect(out).not.toContain(secret);
  });
});

describe('version', () => {
  it('matches package.json', () => {
    const pkg = JSON.parse(fs.readFileSync(path.join(repoRoot, 'package.json'), 'utf8')) as { version: string };
    expect(APP_VERSION).toBe(pkg.version);
  });
});

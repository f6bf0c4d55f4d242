import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { CONTENT_SECURITY_POLICY } from '../../../shared/common/security';
import { APP_VERSION } from '../../../shared/common/version';
import { isAllowedExternalUrl } from '../../../shared/node/security/externalUrl';
import { redact } from '../../../shared/node/log';
import { isOwnUrl, mayNavigate, mayRequest, windowOpenDecision } from '../../../shared/node/security/navigation';
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

describe('the window (decisions electron/hardening.ts wires to will-navigate, window.open and the network)', () => {
  it.each([
    ['app://kynect-desk/index.html#/call', true],
    ['https://kynect.ky.gov/', false],
    ['http://127.0.0.1:8080/', false],
    ['file:///etc/passwd', false],
    ['app://other/index.html', false],
    ['javascript:alert(1)', false],
    ['app://user@kynect-desk/index.html', false],
    ['app://kynect-desk:444/index.html', false],
  ])('navigating to %s: %s', (url, allowed) => {
    expect(mayNavigate(url)).toBe(allowed);
  });

  it('window.open never makes a window; only allow-listed links leave, to the system browser', () => {
    expect(windowOpenDecision('https://evil.example/')).toEqual({ action: 'deny', openExternally: null });
    expect(windowOpenDecision('app://kynect-desk/index.html')).toEqual({ action: 'deny', openExternally: null });
    expect(windowOpenDecision('https://kynect.ky.gov/benefits')).toEqual({ action: 'deny', openExternally: 'https://kynect.ky.gov/benefits' });
    expect(windowOpenDecision('mailto:kynectESE@ky.gov')).toEqual({ action: 'deny', openExternally: 'mailto:kynectESE@ky.gov' });
  });

  it('the sender check of electron/ipc.ts accepts the app’s own page (Node gives a custom scheme the origin "null")', () => {
    expect(new URL('app://kynect-desk/index.html').origin).toBe('null');
    expect(isOwnUrl('app://kynect-desk/index.html#/association')).toBe(true);
  });

  it('the network layer loads only the app itself', () => {
    expect(mayRequest('app://kynect-desk/assets/index.js')).toBe(true);
    expect(mayRequest('https://example.com/')).toBe(false);
    expect(mayRequest('app://kynect-desk.evil/')).toBe(false);
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
    // Whitespace between attributes is the formatter's business, not the policy's.
    const meta = /http-equiv="Content-Security-Policy"\s+content="([^"]+)"/.exec(html)?.[1];
    expect(meta).toBe(CONTENT_SECURITY_POLICY.replace("; frame-ancestors 'none'", ''));
  });
});

describe('logs', () => {
  it('never carry an SSN, a name or a date of birth', () => {
    const out = JSON.stringify(
      redact({ msg: 'member 123-45-6789 and 987654321', ssn: '111223333', firstName: 'Ann', dateOfBirth: '1980-01-02', nested: { lastName: 'Lee', note: 'ssn 222334444' } }),
    );
    for (const secret of ['123-45-6789', '987654321', '111223333', 'Ann', '1980-01-02', 'Lee', '222334444']) expect(out).not.toContain(secret);
  });
});

describe('version', () => {
  it('matches package.json', () => {
    const pkg = JSON.parse(fs.readFileSync(path.join(repoRoot, 'package.json'), 'utf8')) as { version: string };
    expect(APP_VERSION).toBe(pkg.version);
  });
});

import { expect, test } from './fixtures';

test('the Content-Security-Policy is in force: no inline script, no outside connection', async ({ page, app, consoleErrors }) => {
  await app.open();
  const outcome = await page.evaluate(async () => {
    const violations: string[] = [];
    document.addEventListener('securitypolicyviolation', (e) => violations.push(e.violatedDirective));
    const s = document.createElement('script');
    s.textContent = 'window.__inlineRan = true';
    document.body.appendChild(s);
    let fetched: string;
    try {
      await fetch('https://example.com/', { mode: 'no-cors' });
      fetched = 'reached';
    } catch {
      fetched = 'blocked';
    }
    await new Promise((r) => setTimeout(r, 100));
    return { inline: (window as unknown as { __inlineRan?: boolean }).__inlineRan === true, fetched, violations };
  });
  // The browser reports each refusal as a console error: those are the expected ones, and only those.
  const unexpected = consoleErrors.filter((e) => !/Content Security Policy/i.test(e));
  consoleErrors.length = 0;
  expect(unexpected).toEqual([]);
  expect(outcome.inline).toBe(false);
  expect(outcome.fetched).toBe('blocked');
  expect(outcome.violations).toEqual(expect.arrayContaining(['script-src-elem', 'connect-src']));
});

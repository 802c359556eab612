/**
 * An editor's round in headless Chromium, on the real refframe data and a temporary curation record: sign in with a
 * maintainer token, add a term under EQUATORIAL, see it preliminary on its public page, deprecate it in favour of
 * ICRS, see the deprecation banner and the history (two changes, newest first), and export terms.csv: exactly one
 * row differs from the upstream file, the added one, deprecated with useInstead. Screenshots go to test-artifacts/.
 */
import { readFileSync } from 'node:fs';
import type { Server } from 'node:http';
import type { Browser, Page } from 'playwright-core';
import { TokenRegistry } from '../../src/access/index.js';
import { artifactPath, launchBrowser } from '../support/browser.js';
import { editorStack, type EditorStack } from '../support/editor-app.js';
import { serveOnLoopback } from '../support/loopback.js';
import { mirrorPath } from '../support/mirror.js';

const TOKEN = 'mia:maintainer-secret';
let stack: EditorStack;
let server: Server;
let base: string;
let browser: Browser;

beforeAll(async () => {
  stack = await editorStack(TokenRegistry.fromEnvironment([TOKEN]));
  ({ server, base } = await serveOnLoopback(stack.app));
  browser = await launchBrowser();
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await new Promise((done) => server?.close(done));
  stack?.close();
});

/** Every Content-Security-Policy violation a page reports (the pages have no inline script or style). */
function watchViolations(page: Page): string[] {
  const violations: string[] = [];
  page.on('console', (message) => {
    if (/Content Security Policy/i.test(message.text())) violations.push(message.text());
  });
  page.on('pageerror', (error) => violations.push(`page error: ${error.message}`));
  return violations;
}

/** Submits a form by its button and waits for the page the POST redirects to. */
async function submit(page: Page, form: string, url: string | RegExp): Promise<void> {
  await Promise.all([page.waitForURL(url), page.locator(`${form} button[type=submit]`).click()]);
}

/** Lines of a terms.csv, each with how often it occurs. */
function rowCounts(text: string): Map<string, number> {
  const counts = new Map<string, number>();
  for (const line of text.split(/\r?\n/).filter((l) => l.length > 0)) counts.set(line, (counts.get(line) ?? 0) + 1);
  return counts;
}

describe('editing refframe in Chromium', () => {
  it('sign in, add a term, see it preliminary, deprecate it, see the banner and history, export terms.csv with that one row changed', async () => {
    const context = await browser.newContext({ javaScriptEnabled: false, viewport: { width: 1100, height: 900 } });
    const page = await context.newPage();
    const violations = watchViolations(page);

    await page.goto(`${base}/edit/refframe`);
    expect(page.url()).toBe(`${base}/edit/sign-in?next=%2Fedit%2Frefframe`);
    await page.fill('#sign-in-token', TOKEN);
    await submit(page, 'form[action="/edit/sign-in"]', `${base}/edit/refframe`);
    const cookies = await context.cookies();
    const session = cookies.find((c) => c.name === 'astrovoc_editor')!;
    expect(session).toMatchObject({ httpOnly: true, sameSite: 'Strict' });
    expect(cookies.some((c) => c.value.includes('maintainer-secret'))).toBe(false);

    await page.fill('#add-id', 'HELIO_TEST');
    await page.fill('#add-label', 'Test frame');
    await page.fill('#add-description', 'A frame added by the editor pages test.');
    await page.fill('#add-parents', 'EQUATORIAL');
    await page.fill('#add-why', 'browser test');
    await submit(page, '#add-term', `${base}/edit/refframe/HELIO_TEST`);
    await expect(page.locator('#flash').textContent()).resolves.toContain('Added the term HELIO_TEST');
    await page.screenshot({ path: artifactPath('editor-term.png'), fullPage: true });

    await page.goto(`${base}/rdf/refframe/HELIO_TEST`);
    await expect(page.locator('.banner.preliminary').textContent()).resolves.toContain('Preliminary');
    await expect(page.locator('#history li.change').count()).resolves.toBe(1);
    await page.screenshot({ path: artifactPath('editor-preliminary-term.png'), fullPage: true });

    await page.goto(`${base}/edit/refframe/HELIO_TEST`);
    await page.fill('#deprecate-useInstead', 'ICRS');
    await page.fill('#deprecate-why', 'superseded by ICRS');
    await submit(page, '#deprecate-term', `${base}/edit/refframe/HELIO_TEST`);
    await expect(page.locator('#flash').textContent()).resolves.toContain('Deprecated');

    await page.goto(`${base}/rdf/refframe/HELIO_TEST`);
    const banner = page.locator('#deprecation');
    await expect(banner.textContent()).resolves.toContain('Deprecated');
    await expect(banner.locator('a[href="/rdf/refframe/ICRS"]').count()).resolves.toBe(1);
    await expect(page.locator('.banner.preliminary').count()).resolves.toBe(0);
    const actions = await page.locator('#history li.change .action').allTextContents();
    expect(actions).toEqual(['deprecate', 'add']);
    await expect(page.locator('#history li.change').first().textContent()).resolves.toContain('superseded by ICRS');
    await page.screenshot({ path: artifactPath('editor-deprecated-term.png'), fullPage: true });

    await page.goto(`${base}/edit/refframe`);
    const href = await page.locator('#export-csv').getAttribute('href');
    const exported = await page.request.get(`${base}${href}`);
    expect(exported.status()).toBe(200);
    const source = rowCounts(readFileSync(mirrorPath('ivoa-vocabularies/refframe/terms.csv'), 'utf8'));
    const rows = rowCounts(await exported.text());
    const added = [...rows].filter(([row, n]) => n > (source.get(row) ?? 0)).map(([row]) => row);
    const lost = [...source].filter(([row, n]) => n > (rows.get(row) ?? 0)).map(([row]) => row);
    expect(lost).toEqual([]);
    expect(added).toHaveLength(1);
    expect(added[0]).toMatch(/^HELIO_TEST;2;Test frame;/);
    expect(added[0]).toContain('ivoasem:deprecated');
    expect(added[0]).toContain('ivoasem:useInstead(ICRS)');
    expect(violations).toEqual([]);
    await context.close();
  });

  it('a refused change comes back in the form, next to its field, with what the editor typed; the term form fits a phone', async () => {
    const context = await browser.newContext({ viewport: { width: 1100, height: 900 } });
    const page = await context.newPage();
    const violations = watchViolations(page);
    await page.goto(`${base}/edit/sign-in?next=/edit/refframe`);
    const signInPage = await page.request.get(`${base}/edit/sign-in`);
    expect(signInPage.headers()['content-security-policy']).toContain("script-src 'self'");
    expect(signInPage.headers()['referrer-policy']).toBe('same-origin');
    await page.fill('#sign-in-token', TOKEN);
    await submit(page, 'form[action="/edit/sign-in"]', `${base}/edit/refframe`);
    await page.fill('#add-id', 'BAD_PARENT');
    await page.fill('#add-label', 'Orphan');
    await page.fill('#add-parents', 'NO_SUCH_TERM');
    const [answer] = await Promise.all([page.waitForResponse((r) => r.request().method() === 'POST'), page.locator('#add-term button[type=submit]').click()]);
    expect(answer.status()).toBe(422);
    await expect(page.locator('#add-parents-error').textContent()).resolves.toContain('NO_SUCH_TERM');
    await expect(page.locator('#add-label').inputValue()).resolves.toBe('Orphan');
    await page.screenshot({ path: artifactPath('editor-refused.png'), fullPage: true });

    await page.setViewportSize({ width: 375, height: 740 });
    await page.goto(`${base}/edit/refframe/FK5`);
    await expect(page.evaluate<number>('document.documentElement.scrollWidth - document.documentElement.clientWidth')).resolves.toBeLessThanOrEqual(0);
    await page.screenshot({ path: artifactPath('editor-term-phone.png'), fullPage: true });
    expect(violations).toEqual([]);
    await context.close();
  });
});

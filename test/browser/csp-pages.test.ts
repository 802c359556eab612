/**
 * item 12 in headless Chromium: the real app (createApp on the whole mirror, with SPARQL) sends its
 * Content-Security-Policy, and every kind of page loads under it without a single violation while its
 * scripts and stylesheets still work: suggestions as you type, the copy button, the UCD validator,
 * "edit in the form" on the SPARQL page, the API docs' stylesheet. Screenshots go to test-artifacts/.
 */
import type { Server } from 'node:http';
import type { Browser, Page } from 'playwright-core';
import { createApp } from '../../src/http/index.js';
import { SparqlService, sparqlConfig } from '../../src/sparql/index.js';
import { createLookup, type LiveLookup } from '../../src/vocab/index.js';
import { artifactPath, launchBrowser } from '../support/browser.js';
import { loadMirrorService } from '../support/loaded-service.js';
import { serveOnLoopback } from '../support/loopback.js';

let server: Server;
let base: string;
let browser: Browser;
let lookup: LiveLookup;
let sparql: SparqlService;

beforeAll(async () => {
  const service = await loadMirrorService();
  lookup = createLookup(service);
  sparql = await SparqlService.start(service, sparqlConfig({ workers: 1, queueLimit: 8 }));
  const app = createApp({ vocabularies: service, lookup, sparql, log: (error) => console.error(error) });
  ({ server, base } = await serveOnLoopback(app));
  browser = await launchBrowser();
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await new Promise((done) => server?.close(done));
  lookup?.close();
  await sparql?.close();
});

/** A page that records every CSP violation, both as the DOM event and as Chromium's console report. */
async function watchedPage(): Promise<{ page: Page; violations: string[] }> {
  const context = await browser.newContext({ viewport: { width: 1100, height: 900 } });
  const page = await context.newPage();
  const violations: string[] = [];
  await page.exposeFunction('reportViolation', (text: string) => violations.push(text));
  // Browser-side code as text: the test files compile without the DOM library.
  await page.addInitScript({
    content:
      "document.addEventListener('securitypolicyviolation', (e) => window.reportViolation(e.violatedDirective + ' blocked ' + (e.blockedURI || 'inline')));",
  });
  page.on('console', (message) => {
    if (/Content Security Policy/i.test(message.text())) violations.push(message.text());
  });
  page.on('pageerror', (error) => violations.push(`page error: ${error.message}`));
  return { page, violations };
}

async function open(page: Page, path: string): Promise<void> {
  const response = await page.goto(`${base}${path}`);
  expect(response?.status()).toBe(200);
  expect(response?.headers()['content-security-policy']).toContain("script-src 'self'");
  // The stylesheet moved out of the page still applies: the site's and the docs' both set body's margin to 0.
  await expect(page.evaluate('getComputedStyle(document.body).marginTop')).resolves.toBe('0px');
}

/** A computed style property of the first element matching a selector. */
function styleOf(page: Page, selector: string, property: string): Promise<unknown> {
  return page.evaluate(`getComputedStyle(document.querySelector(${JSON.stringify(selector)})).${property}`);
}

describe('item 12: every page works under the Content-Security-Policy, in Chromium', () => {
  it('item 12: home and search suggest as you type; no CSP violation', async () => {
    const { page, violations } = await watchedPage();
    await open(page, '/');
    await page.locator('#home-q').pressSequentially('gal', { delay: 40 });
    await page.locator('[role=option]').first().waitFor({ timeout: 5000 });
    await open(page, '/search?q=galactic');
    expect(await page.locator('ol.results .result-label').allTextContents()).toContain('Galactic');
    await page.locator('#search-q').fill('');
    await page.locator('#search-q').pressSequentially('ICR', { delay: 40 });
    await page.locator('[role=option]').first().waitFor({ timeout: 5000 });
    await page.screenshot({ path: artifactPath('csp-search.png') });
    expect(violations).toEqual([]);
    await page.context().close();
  });

  it('item 12: a vocabulary page and a term page (JSON-LD block, copy button); no CSP violation', async () => {
    const { page, violations } = await watchedPage();
    await open(page, '/rdf/refframe');
    await page.locator('ul.tree').first().waitFor();
    await open(page, '/rdf/refframe/galactic');
    expect(await page.locator('script[type="application/ld+json"]').count()).toBe(1);
    await expect(page.locator('button.copy').first().isVisible()).resolves.toBe(true);
    await page.screenshot({ path: artifactPath('csp-term.png'), fullPage: true });
    expect(violations).toEqual([]);
    await page.context().close();
  });

  it('item 12: the SPARQL page loads an example into the form (its script is a file now); no CSP violation', async () => {
    const { page, violations } = await watchedPage();
    await open(page, '/sparql');
    const query = page.locator('textarea#query');
    await query.fill('');
    const second = page.locator('.load-example').nth(1);
    const expected = await page.locator('.sparql-examples li').nth(1).locator('pre code').textContent();
    await second.click();
    await expect(query.inputValue()).resolves.toBe(expected);
    await expect(styleOf(page, 'textarea#query', 'width')).resolves.toBe(await styleOf(page, '#sparql-form p', 'width'));
    await page.screenshot({ path: artifactPath('csp-sparql.png') });
    expect(violations).toEqual([]);
    await page.context().close();
  });

  it('item 12: the UCD page validates as you type, and the API docs page is styled; no CSP violation', async () => {
    const { page, violations } = await watchedPage();
    await open(page, '/ucd');
    await page.locator('#ucd-input').pressSequentially('phot.mag;em.opt.V', { delay: 10 });
    await page.locator('#ucd-result .ucd-status', { hasText: /^valid$/ }).waitFor({ timeout: 5000 });
    await expect(styleOf(page, '.ucd-tools', 'display')).resolves.toBe('grid');
    await page.screenshot({ path: artifactPath('csp-ucd.png') });
    await open(page, '/api/v1/docs');
    await expect(styleOf(page, '.method', 'color')).resolves.toBe('rgb(255, 255, 255)');
    await page.screenshot({ path: artifactPath('csp-api-docs.png') });
    expect(violations).toEqual([]);
    await page.context().close();
  });
});

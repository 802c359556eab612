/**
 * In headless Chromium on the real app (whole mirror, loopback): open the search page, type "gal",
 * see "Galactic" among the suggestions, pick the deprecated refframe term with the keyboard, and
 * find its banner pointing to GALACTIC. Screenshots go to test-artifacts/.
 */
import type { Server } from 'node:http';
import { resolve } from 'node:path';
import express from 'express';
import type { Browser, Page } from 'playwright-core';
import { notFoundHandler, problemHandler } from '../../src/http/problem.js';
import { lookupRoutes } from '../../src/http/routes/lookup-routes.js';
import { apiRouter } from '../../src/http/api/mount-routes.js';
import { pageRoutes } from '../../src/http/routes/page-routes.js';
import { resolverRoutes } from '../../src/http/routes/resolver-routes.js';
import { PageRenderer } from '../../src/render/index.js';
import { createLookup } from '../../src/vocab/lookup.js';
import { artifactPath, launchBrowser } from '../support/browser.js';
import { loadMirrorService } from '../support/loaded-service.js';
import { PROJECT_ROOT } from '../support/mirror.js';
import { serveOnLoopback } from '../support/loopback.js';

let server: Server;
let base: string;
let browser: Browser;
let close: () => void;

beforeAll(async () => {
  const service = await loadMirrorService();
  const lookup = createLookup(service);
  close = () => lookup.close();
  const pages = new PageRenderer(resolve(PROJECT_ROOT, 'templates'));
  const app = express();
  app.set('query parser', 'simple');
  app.use('/static', express.static(resolve(PROJECT_ROOT, 'static')));
  app.use(apiRouter([lookupRoutes(lookup), pageRoutes({ vocabularies: service, lookup, pages }), resolverRoutes({ vocabularies: service, lookup, pages })]));
  app.use(notFoundHandler);
  app.use(problemHandler((error) => console.error(error)));
  ({ server, base } = await serveOnLoopback(app));
  browser = await launchBrowser();
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await new Promise((done) => server?.close(done));
  close?.();
});

async function newPage(width = 1100): Promise<Page> {
  const context = await browser.newContext({ viewport: { width, height: 900 } });
  return context.newPage();
}

describe('from the search page to a deprecated term, in Chromium', () => {
  it('type "gal", see Galactic suggested, open the deprecated refframe term, follow its banner to GALACTIC', async () => {
    const page = await newPage();
    await page.goto(`${base}/search`);
    const input = page.locator('#search-q');
    await input.click();
    await input.pressSequentially('gal', { delay: 60 });
    const options = page.locator('#suggestions-0 [role=option]');
    await options.first().waitFor();
    await expect(input.getAttribute('aria-expanded')).resolves.toBe('true');
    const texts = await options.allTextContents();
    expect(texts.some((text) => text.includes('Galactic'))).toBe(true);
    const wanted = texts.findIndex(
      (text) => text.includes('Galactic') && text.includes('galactic') && text.includes('deprecated') && text.includes('refframe'),
    );
    expect(wanted).toBeGreaterThanOrEqual(0);
    await expect(options.nth(wanted).locator('mark').first().textContent()).resolves.toBe('Gal');
    await page.screenshot({ path: artifactPath('search-suggestions.png') });

    for (let i = 0; i <= wanted; i++) await input.press('ArrowDown');
    await expect(options.nth(wanted).getAttribute('aria-selected')).resolves.toBe('true');
    await Promise.all([page.waitForURL(`${base}/rdf/refframe/galactic`), input.press('Enter')]);

    const banner = page.locator('#deprecation');
    await expect(banner.textContent()).resolves.toContain('Deprecated');
    const replacement = banner.locator('a[href="/rdf/refframe/GALACTIC"]');
    await expect(replacement.textContent()).resolves.toBe('Galactic');
    await page.screenshot({ path: artifactPath('deprecated-term.png'), fullPage: true });

    await Promise.all([page.waitForURL(`${base}/rdf/refframe/GALACTIC`), replacement.click()]);
    await expect(page.locator('h1').textContent()).resolves.toContain('Galactic');
    await expect(page.locator('#deprecation').count()).resolves.toBe(0);
    await page.context().close();
  });

  it('without JavaScript the search form still submits and lists results', async () => {
    const context = await browser.newContext({ javaScriptEnabled: false, viewport: { width: 1100, height: 900 } });
    const page = await context.newPage();
    await page.goto(`${base}/search`);
    await page.fill('#search-q', 'galactic');
    await page.selectOption('#search-vocab', 'refframe');
    await Promise.all([page.waitForURL(/\/search\?/), page.press('#search-q', 'Enter')]);
    const labels = await page.locator('ol.results .result-label').allTextContents();
    expect(labels).toContain('Galactic');
    await page.screenshot({ path: artifactPath('search-no-js.png'), fullPage: true });
    await context.close();
  });

  it('the term page fits a phone: no horizontal scrolling, the IRI copy button shows with JavaScript', async () => {
    const context = await browser.newContext({ viewport: { width: 375, height: 740 }, isMobile: true });
    const page = await context.newPage();
    await page.goto(`${base}/rdf/datalink/core/progenitor`);
    const overflow = await page.evaluate<number>('document.documentElement.scrollWidth - document.documentElement.clientWidth');
    expect(overflow).toBeLessThanOrEqual(0);
    await expect(page.locator('button.copy').first().isVisible()).resolves.toBe(true);
    await page.screenshot({ path: artifactPath('term-phone.png'), fullPage: true });
    await page.goto(`${base}/`);
    await page.screenshot({ path: artifactPath('home-phone.png') });
    await context.close();
  });

  it('a vocabulary page with its collapsible term tree, and the home page', async () => {
    const page = await newPage();
    await page.goto(`${base}/rdf/object-type`);
    const details = page.locator('ul.tree details').first();
    await expect(details.getAttribute('open')).resolves.not.toBeNull();
    await page.screenshot({ path: artifactPath('vocabulary.png') });
    await page.goto(`${base}/`);
    await expect(page.locator('h2#community-IVOA').textContent()).resolves.toContain('IVOA');
    await page.screenshot({ path: artifactPath('home.png'), fullPage: false });
    await page.context().close();
  });
});

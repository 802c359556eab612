/**
 * The /ucd page in headless Chromium against a real server on the loaded service: the live validator
 * (as you type, through the JSON API), the server-rendered answer without JavaScript, the suggester
 * and the word list.
 */
import type { Server } from 'node:http';
import { resolve } from 'node:path';
import express from 'express';
import type { Browser, Page } from 'playwright-core';
import request from 'supertest';
import { problemHandler } from '../../src/http/problem.js';
import { apiRouter } from '../../src/http/api/mount-routes.js';
import { ucdPageRoutes } from '../../src/http/routes/ucd-page-routes.js';
import { ucdRoutes } from '../../src/http/routes/ucd-routes.js';
import { PageRenderer } from '../../src/render/page-renderer.js';
import { HostedUcd } from '../../src/ucd/index.js';
import { artifactPath, launchBrowser } from '../support/browser.js';
import { loadMirrorService } from '../support/loaded-service.js';
import { PROJECT_ROOT } from '../support/mirror.js';
import { serveOnLoopback } from '../support/loopback.js';

let server: Server;
let base: string;
let browser: Browser;
let page: Page;
let app: express.Express;
let hosted: HostedUcd;

beforeAll(async () => {
  hosted = new HostedUcd(await loadMirrorService());
  const pages = new PageRenderer(resolve(PROJECT_ROOT, 'templates'));
  app = express();
  app.set('query parser', 'simple');
  app.use('/static', express.static(resolve(PROJECT_ROOT, 'static')));
  app.use(
    apiRouter([
      ucdRoutes(
        () => hosted.service,
        () => hosted.votableVocabularies,
      ),
      ucdPageRoutes(() => hosted.service, pages),
    ]),
  );
  app.use(problemHandler(() => undefined));
  ({ server, base } = await serveOnLoopback(app));
  browser = await launchBrowser();
  page = await browser.newPage({ viewport: { width: 1200, height: 900 } });
}, 90_000);

afterAll(async () => {
  await browser?.close();
  await new Promise((done) => server?.close(done));
  hosted?.close();
});

async function typeUcd(text: string): Promise<void> {
  const input = page.locator('#ucd-input');
  await input.fill('');
  await input.pressSequentially(text, { delay: 10 });
}

describe('the /ucd page, live', () => {
  test('typing phot.mag;em.opt.V shows "valid", the explanation and each word linked to its term page', async () => {
    await page.goto(`${base}/ucd`);
    await typeUcd('phot.mag;em.opt.V');
    await page.locator('#ucd-result .ucd-status', { hasText: /^valid$/ }).waitFor({ timeout: 5000 });
    await page.locator('#ucd-result .canonical', { hasText: 'phot.mag;em.opt.V' }).waitFor();
    expect(await page.locator('#ucd-result .ucd-explanation').textContent()).toMatch(/^Photometric magnitude, in the /);
    expect(await page.locator('#ucd-result .ucd-word-list a').evaluateAll((links) => links.map((a) => a.getAttribute('href')))).toEqual([
      '/rdf/ucd/phot.mag',
      '/rdf/ucd/em.opt.V',
    ]);
  });

  test('typing pos.lambert shows "deprecated" with its replacement pos.projection (UCD1+ EN 1.6 deprecation list)', async () => {
    await typeUcd('pos.lambert');
    await page.locator('#ucd-result .ucd-status', { hasText: 'deprecated' }).waitFor({ timeout: 5000 });
    expect(await page.locator('#ucd-result .ucd-diagnostics').textContent()).toContain('pos.projection');
    expect(await page.locator('#ucd-result .ucd-suggestions a').first().textContent()).toBe('pos.projection');
    await page.screenshot({ path: artifactPath('ucd-page-deprecated.png'), fullPage: false });
  });

  test('an invalid UCD shows the diagnostic and a fix; text from the API is shown as text, never as HTML', async () => {
    await typeUcd('meta.main;<b>x</b>');
    await page.locator('#ucd-result .ucd-status', { hasText: 'invalid' }).waitFor({ timeout: 5000 });
    expect(await page.locator('#ucd-result b').count()).toBe(0);
    expect(await page.locator('#ucd-result .ucd-diagnostics').textContent()).toContain('bad-character');
  });

  test('the suggester proposes UCDs for a column description as you type', async () => {
    await page.locator('#suggest-input').pressSequentially('error on the V magnitude', { delay: 5 });
    await page.locator('#suggest-result .candidates li').first().waitFor({ timeout: 5000 });
    expect(await page.locator('#suggest-result .candidates > li code').first().textContent()).toBe('stat.error;phot.mag;em.opt.V');
    await page.screenshot({ path: artifactPath('ucd-page.png'), fullPage: false });
  });
});

describe('the /ucd page without JavaScript', () => {
  test('the form submits and the server renders the verdict, escaped', async () => {
    const context = await browser.newContext({ javaScriptEnabled: false });
    const plain = await context.newPage();
    await plain.goto(`${base}/ucd`);
    await plain.locator('#ucd-input').fill('pos.lambert');
    await plain.locator('#ucd-form button').click();
    await plain.waitForURL(/ucd=pos\.lambert/);
    expect(await plain.locator('#ucd-result .ucd-status').textContent()).toBe('deprecated');
    expect(await plain.locator('#ucd-result .ucd-suggestions a').first().textContent()).toBe('pos.projection');
    await context.close();
  });

  test('user input is escaped in the page (the value and the verdict)', async () => {
    const res = await request(app).get('/ucd').query({ ucd: '"><script>alert(1)</script>' }).expect(200);
    expect(res.text).not.toContain('<script>alert(1)</script>');
    expect(res.text).toContain('&lt;script&gt;');
  });
});

describe('the word list', () => {
  test('browsable by code: code=V lists the six vector words, each linked to its term page', async () => {
    await page.goto(`${base}/ucd?code=V`);
    const links = await page.locator('table.ucd-words tbody a').evaluateAll((as) => as.map((a) => a.getAttribute('href')));
    expect(links).toHaveLength(6);
    expect(links.every((href) => href?.startsWith('/rdf/ucd/'))).toBe(true);
  });

  test('browsable by family: family=phot lists only phot words, and deprecated ones with their replacement', async () => {
    await page.goto(`${base}/ucd?family=phot`);
    const words = await page.locator('table.ucd-words tbody td:first-child').allTextContents();
    expect(words.length).toBeGreaterThan(20);
    expect(words.every((w) => w.startsWith('phot'))).toBe(true);
    expect(await page.locator('table.ucd-words tr.deprecated').count()).toBeGreaterThan(0);
  });

  test('a bad code is a 400 problem naming the parameter', async () => {
    const res = await request(app).get('/ucd').query({ code: 'Z' }).expect(400);
    expect(JSON.parse(res.text).parameter).toBe('code');
  });
});

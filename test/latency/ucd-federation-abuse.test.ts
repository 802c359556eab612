/**
 * Abuse of the UCD API (item 3: large VOTables and UCD batches must not stall the service) and of
 * federation (item 11: a misbehaving allow-listed peer must not crash the process nor lead it off the
 * allow-list). Everything runs against real servers on loopback.
 */
import { execFile } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import express from 'express';
import request from 'supertest';
import { problemHandler } from '../../src/http/problem.js';
import { apiRouter } from '../../src/http/api/mount-routes.js';
import { MAX_BATCH_ANSWER_BYTES, MAX_UCD_BATCH_BYTES, MAX_VOTABLE_ANSWER_BYTES, ucdRoutes } from '../../src/http/routes/ucd-routes.js';
import { OxigraphStore } from '../../src/store/index.js';
import { VocabularyService } from '../../src/vocab/index.js';
import { sparqlApp, type SparqlApp } from '../conformance/support/sparql-app.js';
import { PROJECT_ROOT } from '../support/mirror.js';
import { loadUcdService, loadVotableVocabularies } from '../unit/ucd/load-ucd.js';
import { retryLatencyChecks } from '../support/latency-retries.js';

retryLatencyChecks();

async function serve(handler: (req: IncomingMessage, res: ServerResponse) => void): Promise<{ server: Server; url: string }> {
  const server = createServer(handler);
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  return { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/sparql` };
}

/** Collects the process's unhandled rejections and uncaught exceptions while `work` runs and a little after. */
async function processFaultsDuring(work: () => Promise<void>, settleMs = 500): Promise<unknown[]> {
  const faults: unknown[] = [];
  const record = (error: unknown) => faults.push(error);
  process.on('unhandledRejection', record);
  process.on('uncaughtException', record);
  try {
    await work();
    await new Promise((resolve) => setTimeout(resolve, settleMs));
  } finally {
    process.off('unhandledRejection', record);
    process.off('uncaughtException', record);
  }
  return faults;
}

/** A VOTable of about `bytes` bytes: the fixture's header, fields and INFO, then rows of TABLEDATA. */
function generatedVotable(bytes: number): string {
  const [head] = readFileSync(resolve(PROJECT_ROOT, 'test/fixtures/ucd/votable-1.5.xml'), 'utf8').split('<TR>');
  const row = '        <TR><TD>10.0</TD><TD>20.0</TD><TD>12.1</TD><TD>0</TD><TD>x</TD></TR>\n';
  const tail = '      </TABLEDATA></DATA>\n    </TABLE>\n  </RESOURCE>\n</VOTABLE>\n';
  return head! + row.repeat(Math.floor((bytes - head!.length - tail.length) / row.length)) + tail;
}

function votableWith(inside: string): string {
  return `<?xml version="1.0"?>\n<VOTABLE version="1.5"><RESOURCE><TABLE>${inside}</TABLE></RESOURCE></VOTABLE>\n`;
}

/** Polls GET /health every 25 ms while `work` runs; the slowest answer, in milliseconds. */
async function slowestHealthDuring<T>(base: string, work: Promise<T>): Promise<{ result: T; slowestMs: number; polls: number }> {
  let done = false;
  let slowestMs = 0;
  let polls = 0;
  const poller = (async () => {
    while (!done) {
      const started = performance.now();
      await fetch(`${base}/health`).then((r) => r.text());
      slowestMs = Math.max(slowestMs, performance.now() - started);
      polls += 1;
      await new Promise((r) => setTimeout(r, 25));
    }
  })();
  try {
    return { result: await work, slowestMs, polls };
  } finally {
    done = true;
    await poller;
  }
}

describe('item 3: large VOTables and UCD batches do not stall the service', () => {
  let server: Server;
  let base: string;

  beforeAll(async () => {
    const app = express();
    app.get('/health', (_req, res) => {
      res.json({ status: 'ok' });
    });
    app.use(apiRouter([ucdRoutes(loadUcdService(), loadVotableVocabularies())]));
    app.use(problemHandler(() => undefined));
    server = app.listen(0, '127.0.0.1');
    await once(server, 'listening');
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    // The first fetch of a process loads its HTTP client: not a pause of the server.
    await fetch(`${base}/health`).then((r) => r.text());
  });

  afterAll(() => {
    server.closeAllConnections();
    server.close();
  });

  const postVotable = (xml: string) =>
    fetch(`${base}/api/v1/votable/check`, { method: 'POST', headers: { 'content-type': 'application/x-votable+xml' }, body: xml }).then(async (r) => ({
      status: r.status,
      text: await r.text(),
    }));

  test('item 3: a 19.5 MB VOTable is checked in a worker while /health answers within 200 ms throughout', async () => {
    // The upload comes from another process (curl), so that sending 19.5 MB does not hold the event loop being measured.
    const dir = mkdtempSync(join(tmpdir(), 'astrovoc-votable-'));
    const file = join(dir, 'big.xml');
    writeFileSync(file, generatedVotable(19.5 * 1024 * 1024));
    const upload = promisify(execFile)(
      'curl',
      ['-s', '-w', '\n%{http_code}', '-H', 'content-type: application/x-votable+xml', '--data-binary', `@${file}`, `${base}/api/v1/votable/check`],
      { maxBuffer: 64 * 1024 * 1024 },
    );
    const { result, slowestMs, polls } = await slowestHealthDuring(base, upload).finally(() => rmSync(dir, { recursive: true }));
    const status = Number(result.stdout.slice(result.stdout.lastIndexOf('\n') + 1));
    expect(status).toBe(200);
    const report = JSON.parse(result.stdout.slice(0, result.stdout.lastIndexOf('\n')));
    expect(report.counts.invalid).toBeGreaterThan(0);
    expect(report.findings.find((f: { value: string }) => f.value === 'phot.mgg;em.opt.V')).toMatchObject({ line: 12, status: 'invalid' });
    expect(polls).toBeGreaterThan(3);
    expect(slowestMs).toBeLessThan(200);
  });

  test('item 3: nesting deeper than the bound, or too many FIELD/PARAM elements, is a 422 naming the bound', async () => {
    const deep = await postVotable(votableWith(`${'<GROUP>'.repeat(200)}${'</GROUP>'.repeat(200)}`));
    expect(deep.status).toBe(422);
    expect(JSON.parse(deep.text)).toMatchObject({ bound: 'depth', limit: 100, parameter: 'body' });
    const wide = await postVotable(votableWith('<FIELD name="c" datatype="int" ucd="phot.mag"/>'.repeat(10_001)));
    expect(wide.status).toBe(422);
    expect(JSON.parse(wide.text)).toMatchObject({ bound: 'elements', limit: 10_000 });
  });

  test('item 3: the answer of a VOTable check is bounded: later findings are counted, not listed, and `truncated` says so', async () => {
    const ucd = Array.from({ length: 40 }, (_, i) => `phot.mgg${i}`).join(';');
    const many = await postVotable(votableWith(`<FIELD name="c" datatype="int" ucd="${ucd}"/>`.repeat(1_500)));
    expect(many.status).toBe(200);
    expect(Buffer.byteLength(many.text)).toBeLessThanOrEqual(MAX_VOTABLE_ANSWER_BYTES);
    const report = JSON.parse(many.text);
    expect(report.truncated).toBe(true);
    expect(report.counts.invalid).toBe(1_500);
    expect(report.findings.length).toBeLessThan(1_500);
  });

  test('item 3: a 4.5 MB batch is refused with 413 naming the body bound; 1 MB of long, wrong UCDs with 413 naming the answer bound, /health answering within 200 ms meanwhile', async () => {
    const words = ['phot.mag', 'em.opt.V', 'pos.lambert', 'foo.bar', 'meta.main', 'stat.error', 'xx', 'pos.eq.ra'];
    const ucd = (i: number): string => {
      const parts: string[] = [];
      for (let k = i; parts.join(';').length < 440; k = k * 7 + 3) parts.push(`${words[k % words.length]!}${k % 3 === 0 ? k : ''}`);
      return parts.join(';');
    };
    const batch = Array.from({ length: 10_000 }, (_, i) => ucd(i));
    const post = (body: string) =>
      fetch(`${base}/api/v1/ucd/validate`, { method: 'POST', headers: { 'content-type': 'application/json' }, body }).then(async (r) => ({
        status: r.status,
        text: await r.text(),
      }));
    const whole = JSON.stringify(batch);
    expect(whole.length).toBeGreaterThan(4.4e6);
    const refused = await post(whole);
    expect(refused.status).toBe(413);
    expect(JSON.parse(refused.text)).toMatchObject({ parameter: 'body', limit: MAX_UCD_BATCH_BYTES });
    const fitting = JSON.stringify(batch.slice(0, Math.floor(MAX_UCD_BATCH_BYTES / 460)));
    const { result, slowestMs } = await slowestHealthDuring(base, post(fitting));
    expect(result.status).toBe(413);
    expect(JSON.parse(result.text)).toMatchObject({ bound: 'answer', limit: MAX_BATCH_ANSWER_BYTES });
    expect(slowestMs).toBeLessThan(200);
  });

  test('item 3: a batch past the count or per-UCD length bound is a 413 naming it', async () => {
    const tooMany = await request(server)
      .post('/api/v1/ucd/validate')
      .send(Array.from({ length: 10_001 }, () => 'phot.mag'))
      .expect(413);
    expect(tooMany.body).toMatchObject({ bound: 'count', limit: 10_000 });
    const tooLong = await request(server)
      .post('/api/v1/ucd/validate')
      .send(['phot.mag', 'x'.repeat(600)])
      .expect(413);
    expect(tooLong.body).toMatchObject({ bound: 'length', parameter: 'body/1' });
  });
});

describe('item 11: federation with a misbehaving allow-listed peer', () => {
  const RESULTS = JSON.stringify({ head: { vars: ['s'] }, results: { bindings: [{ s: { type: 'uri', value: 'urn:peer:s' } }] } });
  const servers: Server[] = [];
  let main: SparqlApp;
  let resultsPeer: string;
  let redirectingPeer: string;
  let peerRedirectingToPeer: string;
  let offList: string;
  let offListRequests = 0;
  let hangingPeer: string;
  let failingPeer: string;
  let impatient: SparqlApp;

  beforeAll(async () => {
    // Answers every request, the service-description GET Comunica sends first included, with a results body.
    const results = await serve((_req, res) => res.writeHead(200, { 'content-type': 'application/sparql-results+json' }).end(RESULTS));
    const off = await serve((_req, res) => {
      offListRequests += 1;
      res.writeHead(200, { 'content-type': 'application/sparql-results+json' }).end(RESULTS);
    });
    const redirecting = await serve((req, res) => res.writeHead(302, { location: `${off.url}${req.url?.replace(/^\/sparql/, '') ?? ''}` }).end());
    const hanging = await serve(() => undefined);
    const failing = await serve((_req, res) => res.writeHead(500, { 'content-type': 'text/plain' }).end('peer is broken'));
    failingPeer = failing.url;
    servers.push(failing.server);
    const toPeer = await serve((req, res) => res.writeHead(302, { location: `${results.url}${req.url?.replace(/^\/sparql/, '') ?? ''}` }).end());
    servers.push(results.server, off.server, redirecting.server, toPeer.server, hanging.server);
    hangingPeer = hanging.url;
    [resultsPeer, offList, redirectingPeer, peerRedirectingToPeer] = [results.url, off.url, redirecting.url, toPeer.url];
    main = await sparqlApp(new VocabularyService(new OxigraphStore(), []), {
      peers: [resultsPeer, redirectingPeer, peerRedirectingToPeer, failingPeer],
      timeoutMs: 10_000,
      workers: 1,
    });
    impatient = await sparqlApp(new VocabularyService(new OxigraphStore(), []), { peers: [hangingPeer], timeoutMs: 1_000, workers: 1 });
  });

  afterAll(async () => {
    for (const server of servers) {
      server.closeAllConnections();
      server.close();
    }
    await Promise.all([main.sparql.close(), impatient.sparql.close()]);
  });

  const select = (endpoint: string) => `SELECT * WHERE { SERVICE <${endpoint}> { ?s ?p ?o } }`;

  test('item 11: a peer answering the service-description request with a results body leaves no unhandled rejection or exception (3 of 3)', async () => {
    const statuses: number[] = [];
    const faults = await processFaultsDuring(async () => {
      for (let i = 0; i < 3; i++) {
        const res = await request(main.app)
          .get('/sparql')
          .query({ query: select(resultsPeer) })
          .set('Accept', 'application/sparql-results+json');
        statuses.push(res.status);
        if (res.status === 200) expect(JSON.parse(res.text).results.bindings[0].s.value).toBe('urn:peer:s');
      }
    });
    expect(faults).toEqual([]);
    for (const status of statuses) expect([200, 502, 503]).toContain(status);
  });

  test('item 11: a 302 to a host off the allow-list is not followed: the query fails naming the location, and that host receives no request', async () => {
    offListRequests = 0;
    const faults = await processFaultsDuring(async () => {
      const res = await request(main.app)
        .get('/sparql')
        .query({ query: select(redirectingPeer) })
        .set('Accept', 'application/sparql-results+json');
      expect(res.status).toBeGreaterThanOrEqual(400);
      expect(res.headers['content-type']).toContain('application/problem+json');
      expect(res.body.detail).toContain(offList);
      expect(res.body.service).toContain(offList);
    });
    expect(faults).toEqual([]);
    expect(offListRequests).toBe(0);
  });

  test('item 11: a 302 from one allow-listed peer to another is followed', async () => {
    const res = await request(main.app)
      .get('/sparql')
      .query({ query: select(peerRedirectingToPeer) })
      .set('Accept', 'application/sparql-results+json')
      .expect(200);
    expect(JSON.parse(res.text).results.bindings[0].s.value).toBe('urn:peer:s');
  });

  test('item 11: a peer that never answers is stopped at the time limit (503), and its cancelled request leaves no unhandled error', async () => {
    const faults = await processFaultsDuring(async () => {
      const started = Date.now();
      const res = await request(impatient.app)
        .get('/sparql')
        .query({ query: select(hangingPeer) })
        .set('Accept', 'application/sparql-results+json');
      expect(res.status).toBe(503);
      expect(Date.now() - started).toBeLessThan(5_000);
    });
    expect(faults).toEqual([]);
  });

  test('item 11: a peer that fails (500) makes the query a 503 problem naming the peer, with no unhandled error', async () => {
    const faults = await processFaultsDuring(async () => {
      const res = await request(main.app)
        .get('/sparql')
        .query({ query: select(failingPeer) })
        .set('Accept', 'application/sparql-results+json');
      expect(res.status).toBe(503);
      expect(res.body.detail).toContain(failingPeer);
    });
    expect(faults).toEqual([]);
  });
});

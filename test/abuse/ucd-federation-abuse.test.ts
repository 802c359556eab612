/**
 * Abuse of the UCD API (item 3: large VOTables and UCD batches must not stall the service) and of
 * federation (item 11: a misbehaving allow-listed peer must not crash the process nor lead it off the
 * allow-list). Everything runs against real servers on loopback.
 */
import { once } from 'node:events';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import request from 'supertest';
import { OxigraphStore } from '../../src/store/index.js';
import { VocabularyService } from '../../src/vocab/index.js';
import { sparqlApp, type SparqlApp } from '../conformance/support/sparql-app.js';

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
    const toPeer = await serve((req, res) => res.writeHead(302, { location: `${results.url}${req.url?.replace(/^\/sparql/, '') ?? ''}` }).end());
    servers.push(results.server, off.server, redirecting.server, toPeer.server, hanging.server);
    hangingPeer = hanging.url;
    [resultsPeer, offList, redirectingPeer, peerRedirectingToPeer] = [results.url, off.url, redirecting.url, toPeer.url];
    main = await sparqlApp(new VocabularyService(new OxigraphStore(), []), { peers: [resultsPeer, redirectingPeer, peerRedirectingToPeer], timeoutMs: 10_000, workers: 1 });
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
        const res = await request(main.app).get('/sparql').query({ query: select(resultsPeer) }).set('Accept', 'application/sparql-results+json');
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
      const res = await request(main.app).get('/sparql').query({ query: select(redirectingPeer) }).set('Accept', 'application/sparql-results+json');
      expect(res.status).toBeGreaterThanOrEqual(400);
      expect(res.headers['content-type']).toContain('application/problem+json');
      expect(res.body.detail).toContain(offList);
      expect(res.body.service).toContain(offList);
    });
    expect(faults).toEqual([]);
    expect(offListRequests).toBe(0);
  });

  test('item 11: a 302 from one allow-listed peer to another is followed', async () => {
    const res = await request(main.app).get('/sparql').query({ query: select(peerRedirectingToPeer) }).set('Accept', 'application/sparql-results+json').expect(200);
    expect(JSON.parse(res.text).results.bindings[0].s.value).toBe('urn:peer:s');
  });

  test('item 11: a peer that never answers is stopped at the time limit (503), and its cancelled request leaves no unhandled error', async () => {
    const faults = await processFaultsDuring(async () => {
      const started = Date.now();
      const res = await request(impatient.app).get('/sparql').query({ query: select(hangingPeer) }).set('Accept', 'application/sparql-results+json');
      expect(res.status).toBe(503);
      expect(Date.now() - started).toBeLessThan(5_000);
    });
    expect(faults).toEqual([]);
  });
});

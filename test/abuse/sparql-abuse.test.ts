/**
 * Abuse of the SPARQL endpoint over loopback: deep nesting, runaway queries and updates, writes under query
 * load, request text in the service description, one client's runaway queries beside another's. Every
 * request here is bounded in count and time; the data is a small synthetic graph (3,000 triples), enough
 * for cross products that run for ever.
 */
import { once } from 'node:events';
import http, { type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import N3 from 'n3';
import type { Quad } from '../../src/model/index.js';
import type { SparqlConfig } from '../../src/sparql/index.js';
import { OxigraphStore } from '../../src/store/index.js';
import { VocabularyService } from '../../src/vocab/index.js';
import { sparqlApp, WRITE_TOKEN, type SparqlApp } from '../conformance/support/sparql-app.js';

const DATA_GRAPH = 'urn:abuse:data';
const LIVE_GRAPH = 'urn:abuse:live';
const SIMPLE = `SELECT ?o WHERE { <urn:abuse:s1> <urn:abuse:p1> ?o }`;
const LIVE = `SELECT ?o WHERE { GRAPH <${LIVE_GRAPH}> { <urn:abuse:s> <urn:abuse:p> ?o } }`;
/** 3,000³ solutions: runs to any time limit. */
const RUNAWAY = 'SELECT (COUNT(*) AS ?n) WHERE { ?a ?p ?b . ?c ?q ?d . ?e ?r ?f }';
const nested = (depth: number) => `SELECT * WHERE ${'{ '.repeat(depth)}?s ?p ?o${' }'.repeat(depth)}`;

interface Answer {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
  ms: number;
}

interface Served {
  base: string;
  sparql: SparqlApp['sparql'];
  close: () => Promise<void>;
}

/** One HTTP exchange over loopback, from `localAddress` (another 127.x address is another client), given up after `timeoutMs`. */
function exchange(
  base: string,
  path: string,
  options: { method?: string; headers?: Record<string, string>; body?: string; localAddress?: string; timeoutMs?: number } = {},
): Promise<Answer> {
  const started = performance.now();
  const url = new URL(path, base);
  return new Promise((resolve, reject) => {
    const req = http.request(
      {
        host: url.hostname,
        port: url.port,
        path: url.pathname + url.search,
        method: options.method ?? 'GET',
        headers: options.headers ?? {},
        ...(options.localAddress ? { localAddress: options.localAddress } : {}),
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () =>
          resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8'), ms: performance.now() - started }),
        );
      },
    );
    req.setTimeout(options.timeoutMs ?? 20_000, () =>
      req.destroy(new Error(`no answer to ${options.method ?? 'GET'} ${path.slice(0, 60)} within ${options.timeoutMs ?? 20_000} ms`)),
    );
    req.on('error', reject);
    req.end(options.body);
  });
}

const query = (served: Served, text: string, options: { localAddress?: string; timeoutMs?: number } = {}) =>
  exchange(served.base, `/sparql?query=${encodeURIComponent(text)}`, { headers: { accept: 'application/sparql-results+json' }, ...options });

const update = (served: Served, text: string, timeoutMs?: number) =>
  exchange(served.base, '/sparql', {
    method: 'POST',
    headers: { 'content-type': 'application/sparql-update', authorization: `Bearer ${WRITE_TOKEN}` },
    body: text,
    ...(timeoutMs ? { timeoutMs } : {}),
  });

const values = (answer: Answer): string[] =>
  (JSON.parse(answer.body) as { results: { bindings: { o: { value: string } }[] } }).results.bindings.map((b) => b.o.value);

async function health(served: Served): Promise<number> {
  const answer = await exchange(served.base, '/health', { timeoutMs: 2000 });
  expect(answer.status).toBe(200);
  return answer.ms;
}

let vocabularies: VocabularyService;
const running: Served[] = [];

async function serve(config: Partial<SparqlConfig>): Promise<Served> {
  const { app, sparql } = await sparqlApp(vocabularies, config);
  const server: Server = app.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const served: Served = {
    base: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    sparql,
    close: async () => {
      server.closeAllConnections();
      server.close();
      await sparql.close();
    },
  };
  running.push(served);
  return served;
}

beforeAll(async () => {
  vocabularies = new VocabularyService(new OxigraphStore(), []);
  const { namedNode, literal, quad } = N3.DataFactory;
  const quads: Quad[] = [];
  for (let i = 0; i < 3000; i += 1) quads.push(quad(namedNode(`urn:abuse:s${i}`), namedNode(`urn:abuse:p${i % 7}`), literal(`v${i}`), namedNode(DATA_GRAPH)));
  await vocabularies.writeGraphs(new Map([[DATA_GRAPH, quads]]));
});

afterEach(async () => {
  await Promise.all(running.splice(0).map((s) => s.close()));
});

describe('item 1: a query that traps the engine costs one worker, which is replaced before it serves again', () => {
  test('item 1: a query nested 800 deep is refused with 400 naming the depth bound, twice at once, and the next query answers', async () => {
    const served = await serve({ workers: 1, timeoutMs: 5000 });
    const [a, b] = await Promise.all([query(served, nested(800)), query(served, nested(800))]);
    for (const answer of [a, b]) {
      expect(answer.status).toBe(400);
      expect(JSON.parse(answer.body)).toMatchObject({ parameter: 'query', bound: 'depth', limit: 100 });
    }
    expect((await query(served, SIMPLE)).status).toBe(200);
  });

  test('item 1: past the depth bound, a WebAssembly trap answers 400 and the worker is replaced: later queries answer, also after a write', async () => {
    const served = await serve({ workers: 1, timeoutMs: 8000, maxDepth: 100_000, maxGroups: 100_000 });
    const [a, b] = await Promise.all([query(served, nested(800)), query(served, nested(800))]);
    expect([a.status, b.status]).toEqual([400, 400]);
    expect(a.body).toMatch(/worker was replaced/);
    expect(served.sparql.status.restarts).toBeGreaterThanOrEqual(2);
    const next = await query(served, SIMPLE);
    expect(next.status).toBe(200);
    expect(values(next)).toEqual(['v1']);
    expect((await update(served, `INSERT DATA { GRAPH <${LIVE_GRAPH}> { <urn:abuse:s> <urn:abuse:p> "after-trap" } }`)).status).toBe(200);
    const after = await query(served, LIVE, { timeoutMs: 8000 });
    expect(after.status).toBe(200);
    expect(values(after)).toEqual(['after-trap']);
    expect((await update(served, `CLEAR GRAPH <${LIVE_GRAPH}>`)).status).toBe(200);
  });
});

describe('item 2: nothing untrusted is parsed on the main thread without a bound', () => {
  test('item 2: a query nested 4,000 deep is refused at once (400 naming the bound) while /health answers', async () => {
    const served = await serve({ workers: 1 });
    const text = nested(4000);
    const answers = await Promise.all(
      [1, 2, 3].map(() =>
        exchange(served.base, '/sparql', { method: 'POST', headers: { 'content-type': 'application/sparql-query' }, body: text, timeoutMs: 5000 }),
      ),
    );
    for (const answer of answers) {
      expect(answer.status).toBe(400);
      expect(JSON.parse(answer.body)).toMatchObject({ parameter: 'query', bound: 'depth' });
      expect(answer.ms).toBeLessThan(1000);
    }
    expect(await health(served)).toBeLessThan(100);
  });

  test('item 2: within the depth bound, parsing runs inside the time limit, in a worker: a slow parse answers 503 at the limit while /health answers', async () => {
    const served = await serve({ workers: 1, timeoutMs: 1500, maxDepth: 100_000, maxGroups: 100_000 });
    const started = performance.now();
    const slow = exchange(served.base, '/sparql', {
      method: 'POST',
      headers: { 'content-type': 'application/sparql-query' },
      body: nested(4000),
      timeoutMs: 10_000,
    });
    await new Promise((r) => setTimeout(r, 300));
    const latencies = [await health(served), await health(served), await health(served)];
    const answer = await slow;
    expect(answer.status).toBe(503);
    expect(answer.headers['retry-after']).toBe('2');
    expect(performance.now() - started).toBeLessThan(5000);
    expect(Math.max(...latencies)).toBeLessThan(100);
  });

  test('item 2: a query text over the length bound is refused with 400 naming it', async () => {
    const served = await serve({ workers: 1, maxQueryLength: 1000 });
    const answer = await exchange(served.base, '/sparql', {
      method: 'POST',
      headers: { 'content-type': 'application/sparql-query' },
      body: `${SIMPLE} ${'#'.repeat(2000)}`,
    });
    expect(answer.status).toBe(400);
    expect(JSON.parse(answer.body)).toMatchObject({ parameter: 'query', bound: 'length', limit: 1000 });
  });
});

describe("a query too complex for the engine is the client's problem: 400 naming the bound, never 5xx", () => {
  const unionChain = (branches: number) => `SELECT * WHERE { ${Array.from({ length: branches }, () => '{ ?s ?p ?o }').join(' UNION ')} }`;
  const formPost = (served: Served, text: string) =>
    exchange(served.base, '/sparql', {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/sparql-results+json' },
      body: `query=${encodeURIComponent(text)}`,
      timeoutMs: 15_000,
    });

  test('a flat UNION chain of 3,000 branches (form POST) answers 400 naming the groups bound at once, and the next query answers', async () => {
    const served = await serve({ workers: 1 });
    const answer = await formPost(served, unionChain(3000));
    expect(answer.status).toBe(400);
    expect(JSON.parse(answer.body)).toMatchObject({ parameter: 'query', bound: 'groups', limit: 256 });
    expect(answer.ms).toBeLessThan(1000);
    expect(served.sparql.status.restarts).toBe(0);
    expect((await query(served, SIMPLE)).status).toBe(200);
  });

  test("past the groups bound, the engine's failure on the chain (a trap or a stack overflow) answers 400, its worker is replaced, and the next query answers", async () => {
    const served = await serve({ workers: 1, timeoutMs: 8000, maxGroups: 100_000 });
    const answer = await formPost(served, unionChain(3000));
    expect(answer.status).toBe(400);
    expect(JSON.parse(answer.body)).toMatchObject({ parameter: 'query' });
    expect(answer.body).toMatch(/too complex|engine failed on this query/);
    const next = await query(served, SIMPLE);
    expect(next.status).toBe(200);
    expect(values(next)).toEqual(['v1']);
  });

  test('an update with a UNION chain of 3,000 branches answers 400 naming the groups bound, and changes nothing', async () => {
    const served = await serve({ workers: 1 });
    const before = vocabularies.dataVersion;
    const answer = await update(
      served,
      `INSERT { GRAPH <${LIVE_GRAPH}> { ?s ?p ?o } } WHERE { ${Array.from({ length: 3000 }, () => `{ GRAPH <${DATA_GRAPH}> { ?s ?p ?o } }`).join(' UNION ')} }`,
    );
    expect(answer.status).toBe(400);
    expect(JSON.parse(answer.body)).toMatchObject({ parameter: 'update', bound: 'groups' });
    expect(vocabularies.dataVersion).toBe(before);
  });
});

describe('item 4: SPARQL Update runs in a disposable worker, with the time limit of a query', () => {
  test('item 4: a runaway INSERT … WHERE over a cross product answers 503 at the time limit, changes nothing, and /health answers meanwhile', async () => {
    const served = await serve({ workers: 1, timeoutMs: 2000 });
    const before = vocabularies.dataVersion;
    const started = performance.now();
    const runaway = update(
      served,
      `INSERT { GRAPH <${LIVE_GRAPH}> { ?a <urn:abuse:x> ?f } } WHERE { GRAPH <${DATA_GRAPH}> { ?a ?p ?b . ?c ?q ?d . ?e ?r ?f } }`,
      15_000,
    );
    await new Promise((r) => setTimeout(r, 500));
    const latencies = [await health(served), await health(served), await health(served)];
    const answer = await runaway;
    expect(answer.status).toBe(503);
    expect(answer.headers['retry-after']).toBeDefined();
    expect(performance.now() - started).toBeLessThan(6000);
    expect(Math.max(...latencies)).toBeLessThan(100);
    expect(vocabularies.dataVersion).toBe(before);
    expect(vocabularies.store.local.quadsOfGraph(LIVE_GRAPH)).toHaveLength(0);
  });

  test('item 4: an update adding more quads than its bound answers 413 naming the bound, and changes nothing', async () => {
    const served = await serve({ workers: 1, maxUpdateQuads: 10 });
    const triples = Array.from({ length: 20 }, (_, i) => `<urn:abuse:s> <urn:abuse:p> "${i}" .`).join('\n');
    const answer = await update(served, `INSERT DATA { GRAPH <${LIVE_GRAPH}> { ${triples} } }`);
    expect(answer.status).toBe(413);
    expect(JSON.parse(answer.body)).toMatchObject({ parameter: 'update', bound: 'added-quads', limit: 10 });
    expect(vocabularies.store.local.quadsOfGraph(LIVE_GRAPH)).toHaveLength(0);
  });
});

describe('item 10: a write is visible to every query that starts after it is acknowledged, under query load', () => {
  test('item 10: three clients query without pause while 20 Graph Store PUTs are made; each PUT answers within 10 s and the next query sees it', async () => {
    const served = await serve({ workers: 2, timeoutMs: 5000, queueLimit: 32 });
    let writing = true;
    const load = ['127.0.0.3', '127.0.0.4', '127.0.0.5'].map(async (localAddress) => {
      let answered = 0;
      while (writing) {
        const answer = await query(served, 'SELECT (COUNT(*) AS ?n) WHERE { ?a <urn:abuse:p1> ?b . ?c <urn:abuse:p2> ?d }', {
          localAddress,
          timeoutMs: 10_000,
        });
        expect(answer.status).toBe(200);
        answered += 1;
      }
      return answered;
    });
    const stale: number[] = [];
    try {
      for (let i = 0; i < 20; i += 1) {
        const put = await exchange(served.base, `/rdf-graphs?graph=${encodeURIComponent(LIVE_GRAPH)}`, {
          method: 'PUT',
          headers: { 'content-type': 'text/turtle', authorization: `Bearer ${WRITE_TOKEN}` },
          body: `<urn:abuse:s> <urn:abuse:p> "review ${i}" .`,
          timeoutMs: 10_000,
        });
        expect(put.status).toBeLessThan(300);
        const seen = await query(served, LIVE, { localAddress: '127.0.0.6', timeoutMs: 10_000 });
        if (values(seen)[0] !== `review ${i}`) stale.push(i);
      }
    } finally {
      writing = false;
    }
    const answered = await Promise.all(load);
    expect(stale).toEqual([]);
    expect(Math.min(...answered)).toBeGreaterThan(0);
    const status = served.sparql.status;
    expect(status.servedVersion).toBe(status.storeVersion);
    await exchange(served.base, `/rdf-graphs?graph=${encodeURIComponent(LIVE_GRAPH)}`, {
      method: 'DELETE',
      headers: { authorization: `Bearer ${WRITE_TOKEN}` },
    });
  });
});

describe('item 13: request text never becomes a 500 or a triple', () => {
  test('item 13: GET /sparql?query= (empty) answers 400 naming query', async () => {
    const served = await serve({ workers: 1 });
    const answer = await exchange(served.base, '/sparql?query=');
    expect(answer.status).toBe(400);
    expect(JSON.parse(answer.body)).toMatchObject({ parameter: 'query' });
  });

  test('item 13: a Host header holding Turtle injects no triple into the service description; the endpoint IRI falls back to localhost', async () => {
    const served = await serve({ workers: 1 });
    const answer = await exchange(served.base, '/sparql', { headers: { accept: 'text/turtle', host: 'x> . <urn:injected> <urn:p> <urn:o' } });
    expect(answer.status).toBe(200);
    const quads = new N3.Parser({ format: 'Turtle' }).parse(answer.body);
    expect(quads.some((q) => [q.subject.value, q.predicate.value, q.object.value].some((v) => v.includes('injected')))).toBe(false);
    expect(quads.some((q) => q.subject.value === 'http://localhost/sparql')).toBe(true);
  });
});

describe('fair share: one client cannot hold every query worker', () => {
  test("fair share: while one client sends runaway queries two at a time, another client's simple queries all answer promptly", async () => {
    const served = await serve({ workers: 2, timeoutMs: 1500, queueLimit: 16 });
    const runaways: Promise<Answer>[] = [];
    const simple: Answer[] = [];
    const until = performance.now() + 3500;
    let round = 0;
    while (performance.now() < until) {
      if (round % 5 === 0) for (let i = 0; i < 2; i += 1) runaways.push(query(served, RUNAWAY, { localAddress: '127.0.0.7', timeoutMs: 10_000 }));
      round += 1;
      await new Promise((r) => setTimeout(r, 100));
      simple.push(await query(served, SIMPLE, { localAddress: '127.0.0.8', timeoutMs: 10_000 }));
    }
    const refused = (await Promise.all(runaways)).map((a) => a.status);
    expect(refused.every((s) => s === 503 || s === 429)).toBe(true);
    expect(simple.map((a) => a.status).every((s) => s === 200)).toBe(true);
    expect(Math.max(...simple.map((a) => a.ms))).toBeLessThan(1000);
  });
});

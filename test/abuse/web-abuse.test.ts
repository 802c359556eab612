/**
 * The web face under abuse (hardening issue, items 12 and 13, and graceful shutdown): a mapping set
 * that tries to put script behind a link, user strings that name Object.prototype members, problem
 * titles, /health when a part is down, and SIGTERM while requests are under way. A small fixture
 * vocabulary (test/fixtures/pages) keeps the file fast; the shutdown test runs the built CLI (dist/).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { appendFileSync, cpSync, existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { connect, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Express } from 'express';
import request from 'supertest';
import { createApp } from '../../src/http/index.js';
import { MappingRepository, MappingService } from '../../src/mapping/index.js';
import { factory } from '../../src/model/index.js';
import { externalHref } from '../../src/render/external-link.js';
import { SparqlService, sparqlConfig } from '../../src/sparql/index.js';
import { OxigraphStore } from '../../src/store/index.js';
import { createLookup, VocabularyService, type LiveLookup } from '../../src/vocab/index.js';
import { EVIL_ENTRY } from '../support/evil-vocabulary.js';
import { mirrorRoot, PROJECT_ROOT } from '../support/mirror.js';

const EVIL = EVIL_ENTRY;

const SCRIPT_IRI = 'javascript:alert(document.domain)//x';

/**
 * A mapping set with an https target. (The `javascript:` link reaches the term as a Graph Store write to the
 * vocabulary graph would put it there: mapping writes and the SSSOM reader refuse that scheme since item 8.)
 */
const EVIL_LINKS = `#mapping_set_id: https://example.org/mappings/evil-links
#license: https://creativecommons.org/publicdomain/zero/1.0/
subject_id\tsubject_label\tpredicate_id\tobject_id\tobject_label\tmapping_justification\tconfidence
https://example.org/rdf/evil#scripted\tscripted\tskos:closeMatch\thttps://example.org/elsewhere#thing\tthing\tsemapv:ManualMappingCuration\t0.8
`;

let dir: string;
let service: VocabularyService;
let mappings: MappingService;
let sparql: SparqlService;
let lookup: LiveLookup;
let app: Express;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'astrovoc-web-abuse-'));
  const sources = join(dir, 'sources');
  cpSync(resolve(PROJECT_ROOT, 'test', 'fixtures', 'pages'), sources, { recursive: true });
  appendFileSync(join(sources, 'evil', 'terms.csv'), '__proto__;3;Proto;A term whose id names the prototype.\n');
  const sets = join(dir, 'mappings');
  mkdirSync(sets);
  writeFileSync(join(sets, 'evil-links.sssom.tsv'), EVIL_LINKS);
  service = new VocabularyService(new OxigraphStore(), [EVIL]);
  const report = await service.load(sources);
  expect(report.failures).toEqual([]);
  const scripted = factory.namedNode('https://example.org/rdf/evil#scripted');
  const graph = service.index.vocabulary('evil')!.graph;
  await service.addToGraph(graph, [factory.quad(scripted, factory.namedNode('http://www.w3.org/2004/02/skos/core#exactMatch'), factory.namedNode(SCRIPT_IRI))]);
  mappings = new MappingService(service, new MappingRepository(sets));
  expect((await mappings.load()).failures).toEqual([]);
  sparql = await SparqlService.start(service, sparqlConfig({ workers: 1, queueLimit: 4 }));
  lookup = createLookup(service);
  app = createApp({ vocabularies: service, lookup, mappings, sparql, log: () => {} });
}, 60_000);

afterAll(async () => {
  lookup?.close();
  mappings?.close();
  await sparql?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('item 12: no script behind a link, and security headers on every answer', () => {
  it('item 12: a mapping to a javascript: IRI is shown as text on the term page; an https target stays a link', async () => {
    const html = (await request(app).get('/rdf/evil/scripted').expect(200)).text;
    const section = html.slice(html.indexOf('id="mappings-title"'));
    expect(section).toContain(`<span class="iri">${SCRIPT_IRI}</span>`);
    expect(html).not.toMatch(/href="\s*javascript:/i);
    expect(section).toContain('<a href="https://example.org/elsewhere#thing" class="iri external">');
  });

  it('item 12: only http and https IRIs may be links, however the scheme is spelt', () => {
    for (const iri of [
      SCRIPT_IRI,
      ' javascript:alert(1)',
      'JaVaScRiPt:alert(1)',
      '\tjavascript:alert(1)',
      'java\nscript:alert(1)',
      'data:text/html,<script>alert(1)</script>',
      'vbscript:x',
      'urn:x:y',
      '//evil.example/x',
      'not an iri',
    ]) {
      expect(externalHref(iri)).toBeUndefined();
    }
    expect(externalHref('HTTPS://Example.org/a b')).toBe('https://example.org/a%20b');
    expect(externalHref('http://www.ivoa.net/rdf/uat#ae-stars')).toBe('http://www.ivoa.net/rdf/uat#ae-stars');
  });

  it('item 12: pages, JSON and static files carry the CSP (no inline script or style), nosniff, frame-ancestors and a referrer policy', async () => {
    for (const path of ['/', '/rdf/evil/scripted', '/api/v1/vocabularies', '/static/site.css', '/no/such/page']) {
      const res = await request(app).get(path);
      const policy = String(res.headers['content-security-policy']);
      expect(policy).toContain("default-src 'self'");
      expect(policy).toContain("script-src 'self'");
      expect(policy).toContain("frame-ancestors 'none'");
      expect(policy).not.toContain('unsafe-inline');
      expect(res.headers['x-content-type-options']).toBe('nosniff');
      expect(res.headers['referrer-policy']).toBe('no-referrer');
    }
  });

  it('item 12: no page of the service has an inline script, style element, style attribute or event handler', async () => {
    // (/ucd needs the UCD list, which this fixture does not load: test/browser/csp-pages.test.ts covers it.)
    for (const path of ['/', '/search?q=child&status=all', '/rdf/evil', '/rdf/evil/scripted', '/sparql', '/api/v1/docs']) {
      const html = (await request(app).get(path).set('Accept', 'text/html').expect(200)).text;
      const scripts = [...html.matchAll(/<script\b([^>]*)>/g)].map((m) => m[1]!);
      for (const attributes of scripts) expect(attributes).toMatch(/\bsrc=|type="application\/(ld\+)?json"/);
      expect(html).not.toMatch(/<style\b/);
      expect(html).not.toMatch(/\sstyle="/);
      expect(html).not.toMatch(/\son[a-z]+="/);
    }
  });
});

describe('item 13: user strings that name Object.prototype members, problem titles, /health', () => {
  it('item 13: format=__proto__, constructor, toString on /rest/v1/{vocid}/data answer 406 naming format, not 500', async () => {
    for (const format of ['__proto__', 'constructor', 'toString', 'hasOwnProperty']) {
      const res = await request(app).get('/rest/v1/evil/data').query({ format });
      expect([res.status, res.body.parameter]).toEqual([406, 'format']);
    }
    const res = await request(app).get('/rest/v1/data').query({ uri: 'https://example.org/rdf/evil#scripted', format: '__proto__' });
    expect([res.status, res.body.parameter]).toEqual([406, 'format']);
  });

  it('item 13: no GET operation of the OpenAPI document answers 500 when a path or query parameter names an Object member', async () => {
    const document = (await request(app).get('/api/v1/openapi.json').expect(200)).body as {
      servers: { url: string }[];
      paths: Record<string, { servers?: { url: string }[]; get?: { parameters?: { name: string; in: string; required?: boolean }[] } }>;
    };
    const failures: string[] = [];
    for (const [template, item] of Object.entries(document.paths)) {
      if (!item.get) continue;
      const server = (item.servers?.[0]?.url ?? document.servers[0]!.url).replace(/\/$/, '');
      const query = (item.get.parameters ?? []).filter((p) => p.in === 'query');
      for (const name of ['__proto__', 'constructor', 'toString', 'hasOwnProperty']) {
        const path =
          server +
          template
            .replace(/\{(vocid|vocab|vocabularyPath)\}/g, 'evil')
            .replace(/\{(id|termId)\}/g, 'scripted')
            .replace(/\{[^}]+\}/g, name);
        const required = Object.fromEntries(
          query.filter((p) => p.required).map((p) => [p.name, p.name === 'query' ? 'ASK {}' : 'https://example.org/rdf/evil#scripted']),
        );
        for (const parameter of [undefined, ...query]) {
          const values = parameter ? { ...required, [parameter.name]: name } : required;
          const res = await request(app).get(path).query(values);
          if (res.status === 500) failures.push(`${path} ${JSON.stringify(values)}`);
        }
      }
    }
    expect(failures).toEqual([]);
  });

  it('item 13: a term whose id is __proto__ is listed in the desise export like any other', async () => {
    const res = await request(app).get('/rdf/evil').query({ format: 'desise' }).expect(200);
    const terms = (JSON.parse(res.text) as { terms: Record<string, { label: string }> }).terms;
    expect(Object.keys(terms).sort()).toEqual(['__proto__', 'child', 'scripted']);
    expect(Object.getOwnPropertyDescriptor(terms, '__proto__')?.value).toMatchObject({ label: 'Proto' });
  });

  it('item 13: a problem does not echo a huge request URL back (instance is cut at 1,024 characters)', async () => {
    const res = await request(app)
      .get(`/no/such/page?q=${'x'.repeat(10_000)}`)
      .expect(404);
    expect(res.body.instance.length).toBeLessThanOrEqual(1025);
    expect(res.text.length).toBeLessThan(2000);
  });

  it('item 13: a 413 from a body parser is titled "Content Too Large", a 415 "Unsupported Media Type"', async () => {
    const big = await request(app).post('/sparql').set('Content-Type', 'application/sparql-query').send('#'.repeat(1_100_000));
    expect([big.status, big.body.title]).toEqual([413, 'Content Too Large']);
    const charset = await request(app).post('/api/v1/ucd/validate').set('Content-Type', 'application/json; charset=x-unknown').send('["phot.mag"]');
    expect([charset.status, charset.body.title]).toEqual([415, 'Unsupported Media Type']);
  });

  it('item 13: /health reports store, index, mappings and sparql, each with its state', async () => {
    const res = await request(app).get('/health').expect(200);
    expect(res.body).toMatchObject({
      status: 'ok',
      vocabularies: 1,
      terms: 3,
      failures: 0,
      store: { status: 'up', backend: 'embedded' },
      index: { status: 'up', terms: 3 },
      mappings: { status: 'up', sets: 2, failures: 0 },
      sparql: { status: 'up', engine: 'workers', workers: 1, restarts: 0 },
    });
    // item 10: the data version the workers serve, beside the store's.
    expect(res.body.sparql.servedVersion).toBe(service.dataVersion);
    expect(res.body.sparql.storeVersion).toBe(service.dataVersion);
  });

  it('item 13: a store whose WebAssembly trapped makes /health 503 with store down', async () => {
    const engine = (service.store as unknown as { store: { query?: (...args: unknown[]) => unknown } }).store;
    // Fault injection: a real trap would poison every oxigraph store of the jest worker, so the store's
    // engine answers as a trapped one does.
    const { RuntimeError } = (globalThis as unknown as { WebAssembly: { RuntimeError: ErrorConstructor } }).WebAssembly;
    engine.query = () => {
      throw new RuntimeError('memory access out of bounds');
    };
    try {
      const res = await request(app).get('/health').expect(503);
      expect(res.body.status).toBe('degraded');
      expect(res.body.store).toEqual({ status: 'down', error: 'RuntimeError: memory access out of bounds' });
      expect(res.body.index.status).toBe('up');
    } finally {
      delete engine.query;
    }
    await request(app).get('/health').expect(200);
  });

  it('item 13: a SPARQL engine that is shut down makes /health degraded (200: the rest still serves)', async () => {
    const engine = await SparqlService.start(service, sparqlConfig({ workers: 1, queueLimit: 4 }));
    const withEngine = createApp({ vocabularies: service, lookup, sparql: engine, log: () => {} });
    expect((await request(withEngine).get('/health').expect(200)).body.sparql.status).toBe('up');
    await engine.close();
    const res = await request(withEngine).get('/health').expect(200);
    expect(res.body.status).toBe('degraded');
    expect(res.body.sparql).toMatchObject({ status: 'down', error: expect.stringMatching(/shut down/) });
  });
});

/** A request whose body never finishes arriving: one byte every 200 ms of a declared 1,000. */
function tricklingRequest(port: number): { socket: Socket; stop: () => void } {
  const socket = connect(port, '127.0.0.1');
  socket.on('error', () => undefined);
  socket.write('POST /sparql HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/sparql-query\r\nContent-Length: 1000\r\n\r\n');
  const timer = setInterval(() => socket.writable && socket.write('#'), 200);
  socket.on('close', () => clearInterval(timer));
  return { socket, stop: () => (clearInterval(timer), socket.destroy()) };
}

const exited = (child: ChildProcess): Promise<number | null> => new Promise((done) => child.once('exit', (code) => done(code)));

describe('graceful shutdown', () => {
  const main = resolve(PROJECT_ROOT, 'dist', 'cli', 'main.js');

  it('graceful shutdown: SIGTERM while a slow query runs and a client trickles its body: the query is answered, the process exits 0 within the bound', async () => {
    if (!existsSync(main)) throw new Error(`${main} is missing: npm run build first`);
    // A one-vocabulary mirror keeps the child's start short.
    const mirror = join(dir, 'mirror', 'ivoa-vocabularies');
    mkdirSync(join(mirror, 'refframe'), { recursive: true });
    cpSync(join(mirrorRoot(), 'ivoa-vocabularies', 'vocabs.conf'), join(mirror, 'vocabs.conf'));
    cpSync(join(mirrorRoot(), 'ivoa-vocabularies', 'refframe'), join(mirror, 'refframe'), { recursive: true });
    mkdirSync(join(dir, 'no-mappings'));
    const child = spawn(
      process.execPath,
      [
        main,
        '--from',
        join(dir, 'mirror'),
        '--data-dir',
        join(dir, 'data'),
        'serve',
        '--port',
        '0',
        '--host',
        '127.0.0.1',
        '--query-workers',
        '1',
        '--query-timeout',
        '1500',
        '--shutdown-timeout',
        '3000',
      ],
      { env: { ...process.env, ASTROVOC_MAPPINGS: join(dir, 'no-mappings'), ASTROVOC_LOG_LEVEL: 'info' }, stdio: ['ignore', 'ignore', 'pipe'] },
    );
    const exit = exited(child);
    let log = '';
    const port = await new Promise<number>((done, fail) => {
      child.stderr.on('data', (chunk: Buffer) => {
        log += chunk.toString();
        const listening = /serving .* on http:\/\/localhost:(\d+)/.exec(log);
        if (listening) done(Number(listening[1]));
      });
      void exit.then((code) => fail(new Error(`the server exited (${code}) before listening:\n${log}`)));
    });
    expect(port).toBeGreaterThan(0);
    const base = `http://127.0.0.1:${port}`;
    // A cross join of the whole store, four times: runs far past the 1.5 s time limit.
    const slowQuery = 'SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l . ?m ?n2 ?o }';
    const slow = fetch(`${base}/sparql?query=${encodeURIComponent(slowQuery)}`, { headers: { Accept: 'application/sparql-results+json' } });
    const trickle = tricklingRequest(port);
    await new Promise((done) => setTimeout(done, 300));
    const signalled = Date.now();
    child.kill('SIGTERM');
    try {
      const answer = await slow;
      expect(answer.status).toBe(503);
      let timer: NodeJS.Timeout | undefined;
      const code = await Promise.race([exit, new Promise<string>((done) => (timer = setTimeout(() => done('still running'), 8000)))]);
      clearTimeout(timer);
      const took = Date.now() - signalled;
      expect(code).toBe(0);
      expect(took).toBeLessThan(3000 + 2000);
      expect(log).toMatch(/cutting their connections/);
    } finally {
      trickle.stop();
      if (child.exitCode === null) child.kill('SIGKILL');
    }
  }, 60_000);
});

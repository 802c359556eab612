/**
 * Hardening items 5 and 6: a request body that would trap, freeze or inflate the RDF parsers or the matcher
 * (deeply nested JSON-LD, a 4.5 MB label, 50,000 alternative labels, a "billion laughs" RDF/XML) is refused
 * with a 4xx naming the bound, fast, while /health keeps answering, and leaves the service as it was.
 */
import { TokenRegistry } from '../../src/access/index.js';
import { once } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadCatalogue } from '../../src/catalogue/index.js';
import { DEFAULT_MAX_GRAPH_BODY_BYTES } from '../../src/http/routes/graph-store-routes.js';
import { createApp } from '../../src/http/app.js';
import { MappingRepository, MappingService, MAX_ALT_LABELS, MAX_LABEL_CHARS } from '../../src/mapping/index.js';
import { SparqlService, sparqlConfig } from '../../src/sparql/index.js';
import { OxigraphStore } from '../../src/store/index.js';
import { VocabularyService } from '../../src/vocab/index.js';
import { mirrorRoot, PROJECT_ROOT } from '../support/mirror.js';
import { retryLatencyChecks } from '../support/latency-retries.js';

retryLatencyChecks();

const TOKEN = 'tester:abuse-token';
const AUTH = { Authorization: `Bearer ${TOKEN}` };
const SCRATCH = 'urn:ex:abuse';
const ICRS_RDF = '/rdf/refframe/ICRS';

let base: string;
let server: Server;
let sparql: SparqlService;
let mappingsDir: string;

beforeAll(async () => {
  const entries = (await loadCatalogue(PROJECT_ROOT)).filter((e) => e.id === 'refframe');
  const vocabularies = new VocabularyService(new OxigraphStore(), entries);
  await vocabularies.load(mirrorRoot());
  mappingsDir = mkdtempSync(join(tmpdir(), 'astrovoc-abuse-'));
  const mappings = new MappingService(vocabularies, new MappingRepository(mappingsDir));
  await mappings.load();
  sparql = await SparqlService.start(vocabularies, sparqlConfig({ workers: 1, queueLimit: 16 }));
  server = createApp({ vocabularies, mappings, sparql, tokens: TokenRegistry.fromEnvironment([TOKEN]), log: () => undefined }).listen(0, '127.0.0.1');
  await once(server, 'listening');
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  server?.close();
  await sparql?.close();
  rmSync(mappingsDir, { recursive: true, force: true });
});

const put = (graph: string, type: string, body: string) =>
  fetch(`${base}/rdf-graphs?graph=${encodeURIComponent(graph)}`, { method: 'PUT', headers: { ...AUTH, 'Content-Type': type }, body });
const compute = (type: string, body: string) =>
  fetch(`${base}/api/v1/mappings/compute?target=refframe`, { method: 'POST', headers: { ...AUTH, 'Content-Type': type }, body });

/** Runs `request` while /health is asked every 20 ms; answers its response, how long it took and the slowest /health. */
async function whileHealthIsPolled(
  request: () => Promise<Response>,
): Promise<{ res: Response; body: Record<string, unknown>; ms: number; slowestHealthMs: number }> {
  let done = false;
  let slowestHealthMs = 0;
  const poll = (async () => {
    while (!done) {
      const started = performance.now();
      await fetch(`${base}/health`).then((r) => r.arrayBuffer());
      slowestHealthMs = Math.max(slowestHealthMs, performance.now() - started);
      await new Promise((r) => setTimeout(r, 20));
    }
  })();
  const started = performance.now();
  const res = await request();
  const text = await res.text();
  const body = (text ? JSON.parse(text) : {}) as Record<string, unknown>;
  const ms = performance.now() - started;
  done = true;
  await poll;
  return { res, body, ms, slowestHealthMs };
}

/** JSON objects nested `depth` levels deep: 6 KB at depth 1,000 traps oxigraph's JSON-LD parser (memory access out of bounds). */
const nestedJsonLd = (depth: number) => `${'{"a":'.repeat(depth)}"x"${'}'.repeat(depth)}`;

/** The classic billion laughs: ten entities, each ten of the one before (981 bytes, 10^9 "lol"s). */
const BILLION_LAUGHS = `<?xml version="1.0"?>
<!DOCTYPE rdf:RDF [
 <!ENTITY lol "lol">
 <!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
 <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
 <!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">
 <!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;">
 <!ENTITY lol7 "&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;">
 <!ENTITY lol8 "&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;">
 <!ENTITY lol9 "&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;">
]>
<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns:skos="http://www.w3.org/2004/02/skos/core#">
 <skos:Concept rdf:about="urn:ex:laugh"><skos:prefLabel>&lol9;</skos:prefLabel></skos:Concept>
</rdf:RDF>
`;

async function serviceStillAnswers(): Promise<void> {
  expect((await put(SCRATCH, 'text/turtle', '<urn:ex:s> <urn:ex:p> "after" .\n')).status).toBeLessThan(300);
  const graph = await fetch(`${base}/rdf-graphs?graph=${encodeURIComponent(SCRATCH)}`, { headers: { Accept: 'application/n-triples' } });
  expect(graph.status).toBe(200);
  expect(await graph.text()).toContain('"after"');
  const term = await fetch(`${base}${ICRS_RDF}`, { headers: { Accept: 'text/turtle' } });
  expect(term.status).toBe(200);
  expect(await term.text()).toContain('ICRS');
}

describe('item 5: a deeply nested JSON-LD body cannot poison the service store', () => {
  test("to the Graph Store: 413 naming the depth bound, and Graph Store reads and writes and a term's RDF still answer", async () => {
    const body = nestedJsonLd(1_000);
    expect(body.length).toBeGreaterThan(5_000);
    const res = await put(SCRATCH, 'application/ld+json', body);
    expect(res.status).toBe(413);
    expect(await res.json()).toMatchObject({ parameter: 'body', bound: 'depth', limit: 100, line: 1 });
    await serviceStillAnswers();
  });

  test('to a compute upload: 413 naming the depth bound, and the service still answers', async () => {
    const res = await compute('application/ld+json', nestedJsonLd(1_000));
    expect(res.status).toBe(413);
    expect(await res.json()).toMatchObject({ parameter: 'body', bound: 'depth' });
    await serviceStillAnswers();
  });

  test('JSON-LD within the bound is still parsed (off the main thread) and written', async () => {
    const body = JSON.stringify({ '@id': 'urn:ex:jsonld', 'urn:ex:p': { '@id': 'urn:ex:o', 'urn:ex:q': 'deep enough' } });
    expect((await put(`${SCRATCH}:jsonld`, 'application/ld+json', body)).status).toBe(201);
    const graph = await fetch(`${base}/rdf-graphs?graph=${encodeURIComponent(`${SCRATCH}:jsonld`)}`, { headers: { Accept: 'application/n-triples' } });
    expect(await graph.text()).toContain('"deep enough"');
  });

  test('malformed RDF/XML and JSON-LD still answer 400 with the line the worker found', async () => {
    const res = await put(SCRATCH, 'application/ld+json', '{\n  "@id": "urn:ex:a",\n  "urn:ex:p": [1, 2,,]\n}');
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ parameter: 'body', line: 3 });
  });
});

describe('item 6: compute uploads and Graph Store bodies are bounded per field, and parsed where a runaway costs a worker', () => {
  test(`a 4.5 MB label: 413 naming the label bound (${MAX_LABEL_CHARS}), the term and its line, fast; /health answers meanwhile`, async () => {
    const label = 'a'.repeat(4_500_000);
    const { res, body, ms, slowestHealthMs } = await whileHealthIsPolled(() => compute('text/plain', `# upload\nfirst label\n${label}\n`));
    expect(res.status).toBe(413);
    expect(body).toMatchObject({ parameter: 'body', bound: 'label length', limit: MAX_LABEL_CHARS, line: 3 });
    expect(String(body.term)).toMatch(/^https:\/\/astrovoc\.org\/local\/upload#/);
    expect(ms).toBeLessThan(5_000);
    expect(slowestHealthMs).toBeLessThan(200);
  });

  test(`one concept with 50,000 alt labels: 413 naming the bound (${MAX_ALT_LABELS} per term) and the term; /health answers meanwhile`, async () => {
    const alts = Array.from({ length: 50_000 }, (_, i) => `"alternative ${i}"`).join(', ');
    const turtle = `@prefix skos: <http://www.w3.org/2004/02/skos/core#> .\n<urn:ex:many> a skos:Concept ;\n  skos:prefLabel "many" ;\n  skos:altLabel ${alts} .\n`;
    const { res, body, ms, slowestHealthMs } = await whileHealthIsPolled(() => compute('text/turtle', turtle));
    expect(res.status).toBe(413);
    expect(body).toMatchObject({ parameter: 'body', bound: 'alt labels per term', limit: MAX_ALT_LABELS, term: 'urn:ex:many', line: 4 });
    expect(ms).toBeLessThan(10_000);
    expect(slowestHealthMs).toBeLessThan(200);
  });

  test('a 981-byte billion laughs RDF/XML: 400 to compute and to the Graph Store, fast, and RSS does not grow', async () => {
    expect(Buffer.byteLength(BILLION_LAUGHS)).toBeLessThan(1100);
    const rssBefore = process.memoryUsage().rss;
    const toCompute = await whileHealthIsPolled(() => compute('application/rdf+xml', BILLION_LAUGHS));
    expect(toCompute.res.status).toBe(400);
    expect(toCompute.body).toMatchObject({ parameter: 'body', bound: 'entity nesting', line: 4 });
    expect(toCompute.ms).toBeLessThan(2_000);
    expect(toCompute.slowestHealthMs).toBeLessThan(200);
    const toGraphStore = await put(SCRATCH, 'application/rdf+xml', BILLION_LAUGHS);
    expect(toGraphStore.status).toBe(400);
    expect(await toGraphStore.json()).toMatchObject({ bound: 'entity nesting' });
    expect(process.memoryUsage().rss - rssBefore).toBeLessThan(200 * 1024 * 1024);
    await serviceStillAnswers();
  });

  test('RDF/XML that abbreviates namespaces with plain entities is still read', async () => {
    const xml = `<?xml version="1.0"?>
<!DOCTYPE rdf:RDF [ <!ENTITY ex "urn:ex:"> ]>
<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns:skos="http://www.w3.org/2004/02/skos/core#">
 <skos:Concept rdf:about="&ex;frame"><skos:prefLabel>reference frame</skos:prefLabel></skos:Concept>
</rdf:RDF>
`;
    const res = await compute('application/rdf+xml', xml);
    expect(res.status).toBe(200);
  });

  test(`a Graph Store body just under its bound (${DEFAULT_MAX_GRAPH_BODY_BYTES} bytes) is written while /health answers within 200 ms`, async () => {
    const body = Array.from({ length: 12_000 }, (_, i) => `<urn:ex:s${i}> <urn:ex:p> "value number ${i} with some text to make it longer" .\n`).join('');
    expect(body.length).toBeLessThan(DEFAULT_MAX_GRAPH_BODY_BYTES);
    const { res, slowestHealthMs } = await whileHealthIsPolled(() => put(`${SCRATCH}:big`, 'application/n-triples', body));
    expect(res.status).toBe(201);
    expect(slowestHealthMs).toBeLessThan(200);
  });
});

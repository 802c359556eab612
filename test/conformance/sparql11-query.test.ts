import { once } from 'node:events';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import oxigraph from 'oxigraph';
import N3 from 'n3';
import type { Quad } from '../../src/model/index.js';
import { OxigraphStore } from '../../src/store/index.js';
import { VocabularyService } from '../../src/vocab/index.js';
import { sparqlApp, type SparqlApp } from './support/sparql-app.js';
import { includedManifests, readManifest, SPARQL11_DIR, type W3cTest } from './w3c-manifest.js';
import { report, runTest, type Outcome, type Runner, type RunnerAnswer, type RunnerRequest } from './w3c-harness.js';

/**
 * W3C SPARQL 1.1 query evaluation and syntax tests (manifest-sparql11-query.ttl and the CSV/TSV and JSON
 * result format tests), run through the HTTP endpoint and, as the baseline, through oxigraph in process.
 * The endpoint must pass every test the engine passes, and at least RECORDED_ENDPOINT_PASS tests.
 * Recorded on oxigraph 0.5.11: 325 of 338 pass both ways. The 13 failures are the engine's (or the
 * dataset model's: an empty named graph does not exist in a quad store, so COUNT per empty GRAPH and the
 * zero-length paths "on the empty dataset" differ), and oxigraph refuses the unknown custom function of
 * syntax-select-expr-04 at evaluation.
 */
const RECORDED_ENDPOINT_PASS = 325;

function allTests(): W3cTest[] {
  const manifests = [
    ...includedManifests(join(SPARQL11_DIR, 'manifest-sparql11-query.ttl')),
    join(SPARQL11_DIR, 'csv-tsv-res', 'manifest.ttl'),
    join(SPARQL11_DIR, 'json-res', 'manifest.ttl'),
  ];
  return manifests.flatMap(readManifest);
}

/** The endpoint over HTTP, its dataset replaced through VocabularyService.writeGraphs before each test. */
class EndpointRunner implements Runner {
  private graphs: string[] = [];
  constructor(
    private readonly vocabularies: VocabularyService,
    private readonly app: SparqlApp,
    private readonly base: string,
  ) {}

  async load(graphs: Map<string, Quad[]>): Promise<void> {
    const writes = new Map<string, readonly Quad[]>(this.graphs.map((g) => [g, []]));
    for (const [graph, quads] of graphs) writes.set(graph, quads);
    this.graphs = [...graphs.keys()];
    if (writes.size > 0) await this.vocabularies.writeGraphs(writes);
    await this.app.sparql.settled();
  }

  async run(request: RunnerRequest): Promise<RunnerAnswer> {
    const form = new URLSearchParams({ query: request.query });
    for (const g of request.dataset?.defaultGraphs ?? []) form.append('default-graph-uri', g);
    for (const g of request.dataset?.namedGraphs ?? []) form.append('named-graph-uri', g);
    const res = await fetch(`${this.base}/sparql`, { method: 'POST', body: form, headers: { accept: request.accept } });
    return { status: res.status, body: await res.text() };
  }
}

/** oxigraph in this process, with the same dataset and options: the engine's own pass count. */
class EngineRunner implements Runner {
  private store = new oxigraph.Store();

  async load(graphs: Map<string, Quad[]>): Promise<void> {
    this.store = new oxigraph.Store();
    const writer = new N3.Writer({ format: 'N-Quads' });
    const text = [...graphs]
      .map(([graph, quads]) =>
        writer.quadsToString(
          quads.map((q) =>
            N3.DataFactory.quad(q.subject as N3.Quad_Subject, q.predicate as N3.Quad_Predicate, q.object as N3.Quad_Object, N3.DataFactory.namedNode(graph)),
          ),
        ),
      )
      .join('');
    if (text) this.store.load(text, { format: 'application/n-quads' });
  }

  async run(request: RunnerRequest): Promise<RunnerAnswer> {
    // Like the endpoint's content negotiation: the first acceptable type the query form can produce.
    const accepts = request.accept.split(',').map((a) => a.split(';')[0]!.trim());
    let answer: RunnerAnswer = { status: 400, body: '' };
    for (const accept of accepts) {
      try {
        const body = this.store.query(request.query, {
          results_format: accept,
          ...(request.dataset
            ? {
                default_graph: request.dataset.defaultGraphs.map((g) => oxigraph.namedNode(g)),
                named_graphs: request.dataset.namedGraphs.map((g) => oxigraph.namedNode(g)),
              }
            : {}),
        });
        return { status: 200, body: body as string }; // with results_format, oxigraph answers a string
      } catch (error) {
        answer = { status: 400, body: String(error) };
        if (!/Not supported .*media type/.test(String(error))) return answer;
      }
    }
    return answer;
  }
}

let server: Server;
let endpoint: SparqlApp;
let endpointRunner: EndpointRunner;

beforeAll(async () => {
  const vocabularies = new VocabularyService(new OxigraphStore(), []);
  endpoint = await sparqlApp(vocabularies, { workers: 1, timeoutMs: 20_000 });
  server = endpoint.app.listen(0, '127.0.0.1');
  await once(server, 'listening');
  endpointRunner = new EndpointRunner(vocabularies, endpoint, `http://127.0.0.1:${(server.address() as AddressInfo).port}`);
});

afterAll(async () => {
  server.close();
  await endpoint.sparql.close();
});

test('W3C SPARQL 1.1 query tests: the endpoint passes what the engine passes, and no fewer than recorded', async () => {
  const tests = allTests();
  const engineRunner = new EngineRunner();
  const engine: Outcome[] = [];
  const viaEndpoint: Outcome[] = [];
  for (const test of tests) {
    engine.push(await runTest(test, engineRunner));
    viaEndpoint.push(await runTest(test, endpointRunner));
  }
  const engineReport = report('oxigraph in process', engine);
  const endpointReport = report('astrovoc /sparql over HTTP', viaEndpoint);
  const enginePassed = new Set(engine.filter((o) => o.outcome === 'pass').map((o) => o.test.iri));
  const lost = viaEndpoint.filter((o) => o.outcome !== 'pass' && enginePassed.has(o.test.iri));
  const failures = viaEndpoint.filter((o) => o.outcome === 'fail').map((o) => `  ${o.test.folder}/${o.test.name}: ${o.reason?.slice(0, 160)}`);
  const engineFailures = engine.filter((o) => o.outcome === 'fail').map((o) => `  ${o.test.folder}/${o.test.name}: ${o.reason?.slice(0, 160)}`);
  console.log(
    [...engineReport.lines, '', ...endpointReport.lines, '', 'endpoint failures:', ...failures, '', 'engine failures:', ...engineFailures].join('\n'),
  );
  expect(lost.map((o) => `${o.test.folder}/${o.test.name}: ${o.reason}`)).toEqual([]);
  expect(endpointReport.total.pass).toBeGreaterThanOrEqual(RECORDED_ENDPOINT_PASS);
}, 600_000);

/**
 * bench/sparql: the whole hosted dataset, a fixed set of queries, answered by
 *   oxigraph   — in process, serialised by oxigraph (the baseline: ratios are against it);
 *   /sparql    — astrovoc's endpoint over HTTP on loopback (worker pool, same serialisation);
 *   comunica   — Comunica over an n3 Store holding the same quads (the architecture's first sketch);
 *   virtuoso   — Virtuoso (Debian virtuoso-opensource-7) over HTTP on loopback, when virtuoso-t is installed.
 * Each figure is the median wall time of repeated runs after a warm-up, including the serialised answer.
 * Targets (issue 4): /sparql <= 1.5x oxigraph on medium and heavy queries; >= 5x faster than comunica.
 * A query's weight is measured, not declared: light under 5 ms in process (where the endpoint's fixed cost of
 * ~2 ms per request — sparqljs parse, worker hop, HTTP — dominates), medium under 50 ms, heavy above.
 * Run: npm run bench:sparql  (ASTROVOC_MIRROR or ../shared/upstream)
 */
import { once } from 'node:events';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import express from 'express';
import N3 from 'n3';
import '../src/sparql/node-compat.js';
import { TokenRegistry } from '../src/access/index.js';
import { QueryEngine } from '@comunica/query-sparql';
import { apiRouter } from '../src/http/api/mount-routes.js';
import { sparqlRoutes } from '../src/http/routes/sparql-routes.js';
import { problemHandler } from '../src/http/problem.js';
import { PageRenderer } from '../src/render/index.js';
import { SparqlService, sparqlConfig } from '../src/sparql/index.js';
import { loadMirrorService } from '../test/support/loaded-service.js';
import { PROJECT_ROOT } from '../test/support/mirror.js';
import { startVirtuoso, virtuosoInstalled, type Virtuoso } from '../test/support/virtuoso.js';

type Weight = 'light' | 'medium' | 'heavy';
interface BenchQuery {
  name: string;
  format: string;
  sparql: string;
}
type System = 'oxigraph' | '/sparql' | 'comunica' | 'virtuoso';

const P = 'PREFIX skos: <http://www.w3.org/2004/02/skos/core#>\nPREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>\n';
const JSON_RESULTS = 'application/sparql-results+json';

async function main(): Promise<void> {
  const service = await loadMirrorService();
  const store = service.store.local;
  const uat = service.index.vocabulary('uat')!.graph;
  const facility = service.index.vocabulary('facility')!.graph;
  const pick = (sparql: string, variable: string) =>
    (JSON.parse(store.querySerialised(sparql, JSON_RESULTS)) as { results: { bindings: Record<string, { value: string }>[] } }).results.bindings[0]![variable]!
      .value;
  const broadest = pick(`${P}SELECT ?top (COUNT(?d) AS ?n) WHERE { GRAPH <${uat}> { ?d skos:broader+ ?top } } GROUP BY ?top ORDER BY DESC(?n) LIMIT 1`, 'top');
  const deepest = pick(
    `${P}SELECT ?leaf (COUNT(?a) AS ?n) WHERE { GRAPH <${uat}> { ?leaf skos:broader+ ?a } } GROUP BY ?leaf ORDER BY DESC(?n) LIMIT 1`,
    'leaf',
  );

  const queries: BenchQuery[] = [
    { name: 'point lookup by IRI', format: JSON_RESULTS, sparql: `SELECT ?p ?o WHERE { <http://www.ivoa.net/rdf/refframe#ICRS> ?p ?o }` },
    {
      name: 'label CONTAINS search',
      format: JSON_RESULTS,
      sparql: `${P}SELECT ?s ?l WHERE { ?s rdfs:label|skos:prefLabel|skos:altLabel ?l FILTER(CONTAINS(LCASE(STR(?l)), "solar")) }`,
    },
    { name: 'ancestors (broader+)', format: JSON_RESULTS, sparql: `${P}SELECT ?a WHERE { <${deepest}> skos:broader+ ?a }` },
    { name: 'descendants (^broader+)', format: JSON_RESULTS, sparql: `${P}SELECT ?d WHERE { ?d skos:broader+ <${broadest}> }` },
    { name: 'GROUP BY graph counts', format: JSON_RESULTS, sparql: `SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g ORDER BY DESC(?n)` },
    { name: 'GROUP BY class counts', format: JSON_RESULTS, sparql: `SELECT ?c (COUNT(?s) AS ?n) WHERE { ?s a ?c } GROUP BY ?c ORDER BY DESC(?n)` },
    { name: 'CONSTRUCT facility (N-Triples)', format: 'application/n-triples', sparql: `CONSTRUCT { ?s ?p ?o } WHERE { GRAPH <${facility}> { ?s ?p ?o } }` },
  ];

  const sparql = await SparqlService.start(service, sparqlConfig({ maxRows: 1_000_000, timeoutMs: 120_000 }));
  const app = express();
  app.set('query parser', 'simple');
  app.use(apiRouter([sparqlRoutes({ sparql, pages: new PageRenderer(resolve(PROJECT_ROOT, 'templates')), tokens: new TokenRegistry() })]));
  app.use(problemHandler((e) => console.error(e)));
  const server: Server = app.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}/sparql`;

  const n3 = new N3.Store(store.matchNow() as N3.Quad[]);
  const comunica = new QueryEngine();
  const virtuoso = await virtuosoWith(store.dumpNQuads());

  const runners: Partial<Record<System, (q: BenchQuery) => Promise<number>>> = {
    oxigraph: async (q) => store.querySerialised(q.sparql, q.format).length,
    '/sparql': (q) => overHttp(endpoint, q),
    comunica: async (q) => {
      const result = await comunica.query(q.sparql, { sources: [n3], unionDefaultGraph: true });
      const { data } = await comunica.resultToString(result, q.format);
      let size = 0;
      for await (const chunk of data as AsyncIterable<string | Buffer>) size += chunk.length;
      return size;
    },
  };
  if (virtuoso) runners.virtuoso = (q) => overHttp(virtuoso.endpoint, q);

  console.log(
    `dataset: ${store.size} quads in ${(await store.listGraphs()).length} graphs; /sparql workers: ${sparql.config.workers}${virtuoso ? '' : '; virtuoso: not installed (apt-get install virtuoso-opensource-7-bin)'}`,
  );
  console.log(
    `${'query'.padEnd(32)}${'weight'.padEnd(8)}${(Object.keys(runners) as System[]).map((s) => s.padStart(12)).join('')}   /sparql÷oxigraph  comunica÷/sparql${virtuoso ? '  virtuoso÷/sparql' : ''}`,
  );
  for (let i = 0; i < 30; i += 1) {
    for (const run of Object.values(runners)) if (run !== runners.comunica) await run(queries[0]!);
  }
  const verdicts: string[] = [];
  try {
    for (const q of queries) {
      const medians: Partial<Record<System, number>> = {};
      for (const [system, run] of Object.entries(runners) as [System, (q: BenchQuery) => Promise<number>][]) {
        process.stderr.write(`  ${q.name}: ${system}\n`);
        medians[system] = await median(() => run(q), system === 'comunica' ? 3 : 15);
      }
      const weight: Weight = medians.oxigraph! < 5 ? 'light' : medians.oxigraph! < 50 ? 'medium' : 'heavy';
      const httpRatio = medians['/sparql']! / medians.oxigraph!;
      const comunicaRatio = medians.comunica! / medians['/sparql']!;
      const cells = (Object.keys(runners) as System[]).map((s) => `${medians[s]!.toFixed(1)} ms`.padStart(12)).join('');
      const virtuosoRatio = medians.virtuoso !== undefined ? `${(medians.virtuoso / medians['/sparql']!).toFixed(2)}x`.padStart(18) : '';
      console.log(
        `${q.name.padEnd(32)}${weight.padEnd(8)}${cells}   ${`${httpRatio.toFixed(2)}x`.padStart(16)}  ${`${comunicaRatio.toFixed(1)}x`.padStart(16)}${virtuosoRatio}`,
      );
      if (weight !== 'light') {
        verdicts.push(
          `${q.name}: /sparql ${httpRatio <= 1.5 ? 'meets' : 'MISSES'} <= 1.5x oxigraph (${httpRatio.toFixed(2)}x); ${comunicaRatio >= 5 ? 'meets' : 'MISSES'} >= 5x faster than comunica (${comunicaRatio.toFixed(1)}x)`,
        );
      }
    }
    console.log(['', 'targets on medium and heavy queries:', ...verdicts].join('\n'));
  } finally {
    server.close();
    await sparql.close();
    virtuoso?.stop();
  }
}

async function overHttp(endpoint: string, q: BenchQuery): Promise<number> {
  const res = await fetch(endpoint, { method: 'POST', headers: { accept: q.format }, body: new URLSearchParams({ query: q.sparql }) });
  const text = await res.text();
  if (res.status !== 200) throw new Error(`${endpoint} answered ${res.status}: ${text.slice(0, 200)}`);
  return text.length;
}

async function median(run: () => Promise<number>, runs: number): Promise<number> {
  await run();
  const times: number[] = [];
  const budget = performance.now() + 4000;
  for (let i = 0; i < runs && (i < 3 || performance.now() < budget); i += 1) {
    const start = performance.now();
    await run();
    times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)]!;
}

/** A throwaway Virtuoso on loopback loaded with the same N-Quads, if the machine has virtuoso-t. */
/** A Virtuoso loaded with the same data, when Debian's package is installed (ASTROVOC_BENCH_VIRTUOSO=0 skips it). */
async function virtuosoWith(nquads: string): Promise<Virtuoso | undefined> {
  if (process.env.ASTROVOC_BENCH_VIRTUOSO === '0' || !virtuosoInstalled()) return undefined;
  try {
    return await startVirtuoso({ nquads });
  } catch (error) {
    console.log(`virtuoso: could not start or load (${error instanceof Error ? error.message : String(error)})`);
    return undefined;
  }
}

await main();

/**
 * bench/lookups: the whole mirror served on loopback, driven with autocannon, in one process:
 *   baseline — a bare express "hello" route (the ceiling for any express route here);
 *   term     — GET /api/v1/vocabularies/{vocab}/terms/{id}, cycling over 200 real terms;
 *   search   — a fixed mix of 200 queries (exact, prefix, typo, acronym, Greek), in-process and over HTTP.
 * Targets (issue 3): term lookup ≥ 50% of the bare express throughput; search p99 < 20 ms over all hosted terms.
 * Run: npx tsc -p tsconfig.bench.json && node dist-bench/bench/lookups.js  (ASTROVOC_MIRROR or ../shared/upstream)
 */
import type { AddressInfo } from 'node:net';
import { performance } from 'node:perf_hooks';
import autocannon from 'autocannon';
import express, { type Express } from 'express';
import { httpCaching } from '../src/http/http-caching.js';
import { notFoundHandler, problemHandler } from '../src/http/problem.js';
import { lookupRoutes } from '../src/http/routes/lookup-routes.js';
import { apiRouter } from '../src/http/api/mount-routes.js';
import { vocabularyRoutes } from '../src/http/routes/vocabulary-routes.js';
import type { Term } from '../src/model/index.js';
import { acronymsOf, createLookup, type LiveLookup } from '../src/vocab/index.js';
import { loadMirrorService } from '../test/support/loaded-service.js';

const DURATION_S = Number(process.env.BENCH_SECONDS ?? 8);
const CONNECTIONS = 10;

const GREEK = [
  'β Cep',
  'beta Cep',
  'α Cen',
  'δ Scuti',
  'γ-ray bursts',
  'µ',
  'μ Sco',
  'ε Eri',
  'η Car',
  'ζ Pup',
  'ω Cen',
  'π Men',
  'λ Boo',
  'ρ Oph',
  'σ Ori',
  'θ Ori',
  'τ Ceti',
  'κ Cyg',
  'χ Per',
  'ψ Cyg',
];

interface Query {
  kind: 'exact' | 'prefix' | 'typo' | 'acronym' | 'greek';
  q: string;
}

/** 40 of each kind, picked at fixed strides through every hosted term, so every run searches the same 200 queries. */
function queryMix(terms: readonly Term[]): Query[] {
  const labelled = terms.filter((t) => (t.labels[0] ?? '').length >= 5);
  const pick = (n: number, offset: number) => Array.from({ length: n }, (_, i) => labelled[(offset + i * Math.floor(labelled.length / n)) % labelled.length]!);
  const exact = pick(40, 3).map((t) => ({ kind: 'exact' as const, q: t.labels[0]! }));
  const prefix = pick(40, 11).map((t) => ({ kind: 'prefix' as const, q: t.labels[0]!.slice(0, 3 + (t.labels[0]!.length % 3)) }));
  const typo = pick(40, 17).map((t) => {
    const label = t.labels[0]!;
    const i = Math.min(2, label.length - 2);
    return { kind: 'typo' as const, q: label.slice(0, i) + label[i + 1] + label[i] + label.slice(i + 2) };
  });
  const acronyms = [...new Set(terms.flatMap((t) => t.labels.flatMap((l) => acronymsOf(l))))];
  const acronym = Array.from({ length: 40 }, (_, i) => ({
    kind: 'acronym' as const,
    q: acronyms[(i * Math.floor(acronyms.length / 40)) % acronyms.length]!.toUpperCase(),
  }));
  const greek = Array.from({ length: 40 }, (_, i) => ({ kind: 'greek' as const, q: GREEK[i % GREEK.length]! }));
  return [...exact, ...prefix, ...typo, ...acronym, ...greek];
}

function percentile(sorted: readonly number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

async function listen(app: Express): Promise<{ url: string; close: () => Promise<void> }> {
  const server = app.listen(0, '127.0.0.1');
  await new Promise((done) => server.once('listening', done));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return { url, close: () => new Promise((done) => server.close(() => done())) };
}

async function drive(url: string, paths: readonly string[], connections = CONNECTIONS) {
  const result = await autocannon({
    url,
    connections,
    duration: DURATION_S,
    requests: paths.map((path) => ({ method: 'GET' as const, path })),
  });
  return { rps: result.requests.average, p50: result.latency.p50, p99: result.latency.p99, non2xx: result.non2xx, errors: result.errors };
}

function appFor(lookup: LiveLookup, service: Awaited<ReturnType<typeof loadMirrorService>>): Express {
  const app = express();
  app.disable('x-powered-by');
  app.set('query parser', 'simple');
  app.use('/api/v1', httpCaching({ generation: () => lookup.generation }));
  app.use(apiRouter([vocabularyRoutes(service, lookup), lookupRoutes(lookup)]));
  app.use(notFoundHandler);
  app.use(problemHandler((error) => console.error(error)));
  return app;
}

async function main(): Promise<void> {
  const loadStart = performance.now();
  const service = await loadMirrorService();
  const buildStart = performance.now();
  const lookup = createLookup(service);
  const buildMs = performance.now() - buildStart;
  const allTerms = service.index.vocabularies.flatMap((v) => service.index.terms(v.id));
  console.log(
    `loaded ${allTerms.length} terms in ${((buildStart - loadStart) / 1000).toFixed(1)} s; lookup (search index + ${lookup.hierarchies.size} hierarchies) built in ${buildMs.toFixed(0)} ms`,
  );

  const hello = express();
  hello.get('/hello', (_req, res) => {
    res.send('hello');
  });
  const bare = await listen(hello);
  const baseline = await drive(bare.url, ['/hello']);
  await bare.close();

  const real = await listen(appFor(lookup, service));
  const termPaths = Array.from({ length: 200 }, (_, i) => allTerms[(i * 79) % allTerms.length]!).map(
    (t) => `/api/v1/vocabularies/${encodeURIComponent(t.vocabularyId)}/terms/${encodeURIComponent(t.id)}`,
  );
  const term = await drive(real.url, termPaths);

  const mix = queryMix(allTerms);
  const timings = new Map<string, number[]>();
  const all: number[] = [];
  for (let round = 0; round < 6; round++) {
    for (const { kind, q } of mix) {
      for (const suggest of [false, true]) {
        const start = performance.now();
        lookup.search({ q, limit: suggest ? 10 : 20, offset: 0, suggest });
        const ms = performance.now() - start;
        if (round === 0) continue; // warm-up round
        all.push(ms);
        const list = timings.get(kind) ?? [];
        list.push(ms);
        timings.set(kind, list);
      }
    }
  }
  const searchPaths = mix.flatMap(({ q }) => [`/api/v1/search?q=${encodeURIComponent(q)}`, `/api/v1/search?suggest=true&q=${encodeURIComponent(q)}`]);
  const searchHttp = await drive(real.url, searchPaths);
  // Latency as one client sees it (no queueing behind other connections): what the p99 target is about.
  const searchOneClient = await drive(real.url, searchPaths, 1);
  await real.close();
  lookup.close();

  const sortedAll = [...all].sort((a, b) => a - b);
  console.log('\nHTTP on loopback (autocannon, %d connections, %d s each)', CONNECTIONS, DURATION_S);
  console.log('| route | req/s | ratio to bare express | p50 ms | p99 ms | non-2xx |');
  console.log('| --- | ---: | ---: | ---: | ---: | ---: |');
  for (const [name, r] of [
    ['bare express "hello" (baseline)', baseline],
    ['term lookup /vocabularies/{vocab}/terms/{id}', term],
    ['search /search?q= (200-query mix, ±suggest)', searchHttp],
    ['search, one connection (latency)', searchOneClient],
  ] as const) {
    console.log(`| ${name} | ${r.rps.toFixed(0)} | ${(r.rps / baseline.rps).toFixed(2)} | ${r.p50} | ${r.p99} | ${r.non2xx} |`);
  }
  console.log(`\nsearch in-process over ${allTerms.length} terms (${mix.length} queries × normal and suggest × 5 rounds)`);
  console.log('| kind | n | p50 ms | p99 ms | max ms |');
  console.log('| --- | ---: | ---: | ---: | ---: |');
  for (const [kind, list] of [...timings, ['all', all] as const]) {
    const sorted = [...list].sort((a, b) => a - b);
    console.log(`| ${kind} | ${sorted.length} | ${percentile(sorted, 50).toFixed(2)} | ${percentile(sorted, 99).toFixed(2)} | ${sorted.at(-1)!.toFixed(2)} |`);
  }
  const termRatio = term.rps / baseline.rps;
  const p99 = percentile(sortedAll, 99);
  console.log(
    `\ntargets: term lookup ≥ 50% of bare express: ${(termRatio * 100).toFixed(0)}% ${termRatio >= 0.5 ? 'MET' : 'MISSED'}; search p99 < 20 ms: in-process ${p99.toFixed(2)} ms ${p99 < 20 ? 'MET' : 'MISSED'}, over HTTP with one client ${searchOneClient.p99} ms ${searchOneClient.p99 < 20 ? 'MET' : 'MISSED'} (with ${CONNECTIONS} connections queueing: ${searchHttp.p99} ms)`,
  );
}

await main();

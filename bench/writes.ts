/**
 * bench/writes: what one small write costs the main thread on the real dataset (~100k quads), where every
 * millisecond is a stall of every other request. For a Graph Store POST of one triple and for small SPARQL
 * Updates it prints the main thread's busy time (event-loop utilisation) and its longest single block, from
 * the write's start to the moment every query worker serves it; and, measured in the same run, the steps the
 * full-reload design took on that thread after every write: a dump of the whole store, its copy for the
 * workers, a second dump for the update's scratch copy, and a recount of every graph.
 * Run: npm run bench:writes  (ASTROVOC_MIRROR or ../shared/upstream)
 */
import { performance } from 'node:perf_hooks';
import N3 from 'n3';
import { SparqlService, sparqlConfig } from '../src/sparql/index.js';
import type { VocabularyService } from '../src/vocab/index.js';
import { loadMirrorService } from '../test/support/loaded-service.js';

const ROUNDS = 5;
// eslint-disable-next-line @typescript-eslint/unbound-method -- N3.DataFactory's functions do not use `this`
const { namedNode, literal, quad } = N3.DataFactory;

interface MainThreadCost {
  busyMs: number;
  longestBlockMs: number;
  wallMs: number;
}

/** Runs `work` and measures the main thread meanwhile: its busy time and the longest gap between 1 ms ticks. */
async function measured(work: () => Promise<unknown>): Promise<MainThreadCost> {
  let last = performance.now();
  let longest = 0;
  const ticker = setInterval(() => {
    const now = performance.now();
    longest = Math.max(longest, now - last);
    last = now;
  }, 1);
  await new Promise((r) => setTimeout(r, 20));
  longest = 0;
  last = performance.now();
  const elu = performance.eventLoopUtilization();
  const started = performance.now();
  await work();
  const wallMs = performance.now() - started;
  const busy = performance.eventLoopUtilization(elu);
  clearInterval(ticker);
  longest = Math.max(longest, performance.now() - last);
  return { busyMs: busy.active, longestBlockMs: longest, wallMs };
}

function timed(step: () => unknown): number {
  const started = performance.now();
  step();
  return performance.now() - started;
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
const fmt = (ms: number) => `${ms.toFixed(1).padStart(8)} ms`;

async function writeCost(name: string, write: (round: number) => Promise<unknown>): Promise<void> {
  const costs: MainThreadCost[] = [];
  for (let round = 0; round < ROUNDS; round += 1) costs.push(await measured(() => write(round)));
  console.log(
    `${name.padEnd(52)} busy ${fmt(median(costs.map((c) => c.busyMs)))}   longest block ${fmt(median(costs.map((c) => c.longestBlockMs)))}   wall ${fmt(median(costs.map((c) => c.wallMs)))}`,
  );
}

function fullReloadSteps(service: VocabularyService): void {
  const store = service.store.local;
  const steps: Record<string, number[]> = {
    'dump the whole store (refresh)': [],
    'copy it for the workers': [],
    'dump again (update scratch copy)': [],
    'recount every graph (GROUP BY)': [],
  };
  for (let round = 0; round < ROUNDS; round += 1) {
    let dump = '';
    steps['dump the whole store (refresh)']!.push(timed(() => (dump = store.dumpNQuads())));
    steps['copy it for the workers']!.push(
      timed(() => {
        const bytes = Buffer.from(dump, 'utf8');
        new Uint8Array(new SharedArrayBuffer(bytes.byteLength)).set(bytes);
      }),
    );
    steps['dump again (update scratch copy)']!.push(timed(() => store.dumpNQuads()));
    steps['recount every graph (GROUP BY)']!.push(timed(() => void store.listGraphs()));
  }
  let total = 0;
  for (const [step, times] of Object.entries(steps)) {
    total += median(times);
    console.log(`  ${step.padEnd(50)} ${fmt(median(times))}`);
  }
  console.log(`  ${'total per Graph Store write (without the 2nd dump)'.padEnd(50)} ${fmt(total - median(steps['dump again (update scratch copy)']!))}`);
  console.log(`  ${'total per SPARQL Update'.padEnd(50)} ${fmt(total)}`);
}

async function main(): Promise<void> {
  const service = await loadMirrorService();
  const sparql = await SparqlService.start(service, sparqlConfig({ workers: 2 }));
  console.log(`dataset: ${service.store.local.size} quads; ${ROUNDS} rounds each, medians\n`);
  console.log('full-reload design, main-thread steps after every write (measured now, same data):');
  fullReloadSteps(service);
  console.log('\ndelta design, main thread from the write to every worker serving it:');
  await writeCost('Graph Store POST, one triple, new graph', (round) =>
    service.addToGraph(`urn:bench:post${round}`, [quad(namedNode('urn:bench:s'), namedNode('urn:bench:p'), literal(`x${round}`))]).then(() => sparql.settled()),
  );
  await writeCost('SPARQL Update, INSERT DATA one triple', (round) =>
    sparql.update(`INSERT DATA { GRAPH <urn:bench:update> { <urn:bench:s> <urn:bench:p> ${round} } }`),
  );
  await writeCost('SPARQL Update, WITH <x> DELETE {?s ?p ?o} WHERE …', () => sparql.update('WITH <urn:bench:update> DELETE { ?s ?p ?o } WHERE { ?s ?p ?o }'));
  const uat = service.index.vocabulary('uat')!.graph;
  await writeCost('Graph Store POST, one triple into UAT (index rebuilt)', (round) =>
    service
      .addToGraph(uat, [quad(namedNode('urn:bench:s'), namedNode('http://www.w3.org/2000/01/rdf-schema#comment'), literal(`y${round}`))])
      .then(() => sparql.settled()),
  );
  await sparql.close();
}

await main();

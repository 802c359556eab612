/**
 * bench/load: the whole mirror, loaded three ways, each in a fresh child process so RSS is its own:
 *   cold  — every source read and parsed into the embedded oxigraph store (snapshot written);
 *   warm  — the same store restored from that snapshot;
 *   n3    — the same quads loaded into an n3 Store, the store Comunica would query (baseline).
 * Targets (issue 2): warm < 1 s, cold < 5 s, RSS < 500 MB.
 * Run: npm run bench:load  (ASTROVOC_MIRROR or ../shared/upstream)
 */
import { fork } from 'node:child_process';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import N3 from 'n3';
import { loadCatalogue } from '../src/catalogue/index.js';
import { OxigraphStore } from '../src/store/index.js';
import { loadDataset, readSourceFiles, readVocabularies } from '../src/vocab/index.js';
import { mirrorRoot, PROJECT_ROOT } from '../test/support/mirror.js';

interface PhaseResult {
  phase: string;
  seconds: number;
  quads: number;
  terms: number;
  rssMB: number;
  heapMB: number;
}

async function runPhase(phase: string, snapshotDir: string): Promise<PhaseResult> {
  const entries = await loadCatalogue(PROJECT_ROOT);
  const sourceDir = mirrorRoot();
  const start = performance.now();
  let quads: number;
  let terms = 0;
  if (phase === 'n3') {
    const { files } = await readSourceFiles(entries, sourceDir);
    const { graphs } = readVocabularies(entries, files);
    const n3 = new N3.Store();
    for (const [graph, graphQuads] of graphs) {
      const graphNode = N3.DataFactory.namedNode(graph);
      for (const q of graphQuads) n3.addQuad(q.subject as N3.Quad_Subject, q.predicate as N3.Quad_Predicate, q.object as N3.Quad_Object, graphNode);
    }
    quads = n3.size;
  } else {
    const store = new OxigraphStore();
    const report = await loadDataset({ entries, sourceDir, store, snapshotDir, ignoreSnapshot: phase === 'cold' });
    if (phase === 'warm' && !report.fromSnapshot) throw new Error('warm phase did not start from the snapshot');
    quads = report.quads;
    terms = report.index.size;
  }
  const seconds = (performance.now() - start) / 1000;
  globalThis.gc?.();
  const memory = process.memoryUsage();
  return { phase, seconds, quads, terms, rssMB: memory.rss / 2 ** 20, heapMB: memory.heapUsed / 2 ** 20 };
}

function child(phase: string, snapshotDir: string): Promise<PhaseResult> {
  return new Promise((resolvePhase, reject) => {
    const proc = fork(resolve(import.meta.dirname, 'load.js'), [phase, snapshotDir], { execArgv: ['--expose-gc'] });
    proc.on('message', (message) => resolvePhase(message as PhaseResult));
    proc.on('exit', (code) => (code === 0 ? undefined : reject(new Error(`${phase} exited with ${code}`))));
  });
}

const [phase, snapshotArg] = process.argv.slice(2);
if (phase && snapshotArg) {
  process.send!(await runPhase(phase, snapshotArg));
} else {
  const snapshotDir = await mkdtemp(join(tmpdir(), 'astrovoc-bench-'));
  const results: PhaseResult[] = [];
  for (const name of ['cold', 'warm', 'n3']) results.push(await child(name, snapshotDir));
  console.log(`bench/load on ${mirrorRoot()}`);
  console.table(results.map((r) => ({ ...r, seconds: +r.seconds.toFixed(3), rssMB: Math.round(r.rssMB), heapMB: Math.round(r.heapMB) })));
  const [cold, warm, n3] = results as [PhaseResult, PhaseResult, PhaseResult];
  const verdict = (ok: boolean) => (ok ? 'met' : 'MISSED');
  console.log(
    `warm start ${warm.seconds.toFixed(2)} s (target < 1 s: ${verdict(warm.seconds < 1)}); ${(cold.seconds / warm.seconds).toFixed(1)}x faster than cold`,
  );
  console.log(`cold load ${cold.seconds.toFixed(2)} s (target < 5 s: ${verdict(cold.seconds < 5)})`);
  console.log(
    `peak of the phases' RSS ${Math.round(Math.max(cold.rssMB, warm.rssMB))} MB (target < 500 MB: ${verdict(Math.max(cold.rssMB, warm.rssMB) < 500)})`,
  );
  console.log(
    `n3 store (what Comunica would query): ${n3.seconds.toFixed(2)} s, JS heap ${Math.round(n3.heapMB)} MB vs oxigraph's ${Math.round(cold.heapMB)} MB (${(n3.heapMB / cold.heapMB).toFixed(1)}x)`,
  );
}

/**
 * bench/pages: the static export of the whole site (`astrovoc pages`): home, search, every vocabulary
 * page with its five downloads, every term page with its JSON-LD, the search index.
 * Baseline, in the same run and on the same disk: the same tree of files (one per page), each holding
 * only the term's label, so the ratio says what rendering costs over the bare file writes.
 * Target (issue 3): the whole site in < 30 s.
 * Run: npx tsc -p tsconfig.bench.json && node dist-bench/bench/pages.js  (ASTROVOC_MIRROR or ../shared/upstream)
 */
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { exportSite } from '../src/cli/commands/pages-command.js';
import { PageRenderer, termPath } from '../src/render/index.js';
import { createLookup } from '../src/vocab/lookup.js';
import { loadMirrorService } from '../test/support/loaded-service.js';
import { PROJECT_ROOT } from '../test/support/mirror.js';

const seconds = (since: number) => (performance.now() - since) / 1000;

const started = performance.now();
const service = await loadMirrorService();
const loadSeconds = seconds(started);
const lookupStarted = performance.now();
const lookup = createLookup(service);
const lookupSeconds = seconds(lookupStarted);
const root = await mkdtemp(join(tmpdir(), 'astrovoc-bench-pages-'));

// Baseline: one small file per term page, same paths, 64 writes in flight as the export does.
const baselineDir = join(root, 'baseline');
const baselineStarted = performance.now();
let pending: Promise<void>[] = [];
let baselineFiles = 0;
for (const vocabulary of lookup.index.vocabularies) {
  for (const term of lookup.index.terms(vocabulary.id)) {
    const dir = join(
      baselineDir,
      ...termPath(vocabulary, term.id)
        .split('/')
        .filter(Boolean)
        .map((s) => decodeURIComponent(s).replaceAll('/', '%2F')),
    );
    pending.push(mkdir(dir, { recursive: true }).then(() => writeFile(join(dir, 'index.html'), term.labels[0] ?? term.id)));
    baselineFiles++;
    if (pending.length >= 64) {
      await Promise.all(pending);
      pending = [];
    }
  }
}
await Promise.all(pending);
const baselineSeconds = seconds(baselineStarted);

const exportStarted = performance.now();
const report = await exportSite({
  service,
  lookup,
  pages: new PageRenderer(resolve(PROJECT_ROOT, 'templates')),
  outDir: join(root, 'site'),
  staticDir: resolve(PROJECT_ROOT, 'static'),
});
const exportSeconds = seconds(exportStarted);
lookup.close();
await rm(root, { recursive: true, force: true });

const rows = [
  ['load the mirror (not part of the export)', loadSeconds, ''],
  ['build search index and hierarchies', lookupSeconds, ''],
  [`baseline: ${baselineFiles} label-only files`, baselineSeconds, '1.00×'],
  [`static export: ${report.pages} pages, ${report.files} files`, exportSeconds, `${(exportSeconds / baselineSeconds).toFixed(2)}×`],
] as const;
process.stdout.write('bench/pages: static export of the whole site\n');
for (const [what, s, ratio] of rows) process.stdout.write(`  ${what.padEnd(52)} ${s.toFixed(2).padStart(7)} s  ${ratio}\n`);
process.stdout.write(`  per page: ${((exportSeconds * 1000) / report.pages).toFixed(2)} ms; target < 30 s: ${exportSeconds < 30 ? 'met' : 'NOT met'}\n`);

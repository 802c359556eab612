/**
 * bench/mappings: the biggest matching pair — IVOA facility (~7,900 terms) × PDS4 instrument hosts +
 * facilities + investigations — timed with blocking, against the same matchers scoring every pair of a
 * sample without blocking (the baseline, extrapolated); pairs scored per second; peak RSS. Then the
 * evaluation figures on the development gold sets (UAT crosswalks), beside the exact-label baseline.
 * Target (issue 6): < 30 s for the biggest pair.
 * Run: npx tsc -p tsconfig.bench.json && node dist-bench/bench/mappings.js
 */
import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { canonicalIris, computeCandidates, evaluate, goldSubjects, readGold, type Evaluation } from '../src/mapping/index.js';
import { loadMirrorService } from '../test/support/loaded-service.js';
import { mirrorPath } from '../test/support/mirror.js';

const fmt = (n: number) => n.toFixed(3);
const rssMB = () => Math.round(process.resourceUsage().maxRSS / 1024);

const vocabularies = await loadMirrorService();
const index = vocabularies.index;
const source = index.terms('facility');
const target = ['pds4-instrument-hosts', 'pds4-facilities', 'pds4-investigations'].flatMap((id) => index.terms(id));
const allPairs = source.length * target.length;

let start = performance.now();
const blocked = computeCandidates({ terms: source }, { terms: target });
const blockedSeconds = (performance.now() - start) / 1000;

const sample = source.filter((_, i) => i % 20 === 0);
start = performance.now();
const exhaustive = computeCandidates({ terms: sample }, { terms: target }, { exhaustive: true });
const sampleSeconds = (performance.now() - start) / 1000;
const exhaustiveSeconds = (sampleSeconds * source.length) / sample.length;

console.log(`biggest pair: facility (${source.length}) × PDS4 hosts+facilities+investigations (${target.length}) = ${allPairs} pairs`);
console.log(`  blocked:    ${blockedSeconds.toFixed(2)} s, ${blocked.pairsScored} pairs scored (${((100 * blocked.pairsScored) / allPairs).toFixed(2)} % of all), ${Math.round(blocked.pairsScored / blockedSeconds)} pairs/s, ${blocked.mappings.length} candidates`);
console.log(`  exhaustive (baseline, ${sample.length}-term sample extrapolated): ${exhaustiveSeconds.toFixed(2)} s, ${Math.round(exhaustive.pairsScored / sampleSeconds)} pairs/s`);
console.log(`  blocking speed-up: ×${(exhaustiveSeconds / blockedSeconds).toFixed(1)}; target < 30 s: ${blockedSeconds < 30 ? 'met' : 'NOT met'}`);
console.log(`  peak RSS: ${rssMB()} MB (includes the loaded mirror)`);

const canonical = canonicalIris(index);
const uat = { terms: index.terms('uat') };
const line = (name: string, e: Evaluation['overall']) => `${name.padEnd(9)} P=${fmt(e.precision)} R=${fmt(e.recall)} F1=${fmt(e.f1)} (${e.truePositives}/${e.predicted}/${e.gold})`;
for (const [name, file] of [['ASK → UAT', 'uat-crosswalks/ASK_UAT_4.2.0_crosswalk.csv'], ['IAUT → UAT', 'uat-crosswalks/IAUT_UAT_4.2.0_crosswalk.csv']] as const) {
  const gold = readGold(readFileSync(mirrorPath(file)), file);
  const subjects = { terms: goldSubjects(gold) };
  start = performance.now();
  const full = evaluate(gold, computeCandidates(subjects, uat).mappings, canonical);
  const seconds = (performance.now() - start) / 1000;
  const base = evaluate(gold, computeCandidates(subjects, uat, { baseline: true }).mappings, canonical);
  console.log(`${name}: ${subjects.terms.length} subjects × ${uat.terms.length} UAT concepts, ${seconds.toFixed(2)} s`);
  console.log(`  exactMatch ${line('matcher', full.byPredicate.exactMatch)} | ${line('baseline', base.byPredicate.exactMatch)}`);
  console.log(`  recall gain over baseline: +${fmt(full.byPredicate.exactMatch.recall - base.byPredicate.exactMatch.recall)}; precision ratio ×${(full.byPredicate.exactMatch.precision / base.byPredicate.exactMatch.precision).toFixed(2)}`);
  for (const p of ['closeMatch', 'broadMatch', 'narrowMatch', 'relatedMatch'] as const) console.log(`  ${p.padEnd(12)} ${line('matcher', full.byPredicate[p])}`);
  console.log(`  overall    ${line('matcher', full.overall)} | ${line('baseline', base.overall)}`);
}

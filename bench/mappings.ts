/**
 * bench/mappings: the biggest matching pair — IVOA facility (~7,900 terms) × PDS4 instrument hosts +
 * facilities + investigations — timed with blocking, against the same matchers scoring every pair of a
 * sample without blocking (the baseline, extrapolated); pairs scored per second; peak RSS. Then the
 * evaluation figures on the development gold sets (UAT crosswalks), beside the exact-label baseline, as the
 * audited harness scores them and as they were scored before, and the cross-tuning figures (tune on one gold
 * set, report on the other).
 * Target (issue 6): < 30 s for the biggest pair.
 * Run: npx tsc -p tsconfig.bench.json && node dist-bench/bench/mappings.js
 */
import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { canonicalIris, computeCandidates, creationOrder, evaluate, goldInput, readGold, type Evaluation, type GoldSet } from '../src/mapping/index.js';
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
console.log(
  `  blocked:    ${blockedSeconds.toFixed(2)} s, ${blocked.pairsScored} pairs scored (${((100 * blocked.pairsScored) / allPairs).toFixed(2)} % of all), ${Math.round(blocked.pairsScored / blockedSeconds)} pairs/s, ${blocked.mappings.length} candidates`,
);
console.log(
  `  exhaustive (baseline, ${sample.length}-term sample extrapolated): ${exhaustiveSeconds.toFixed(2)} s, ${Math.round(exhaustive.pairsScored / sampleSeconds)} pairs/s`,
);
console.log(`  blocking speed-up: ×${(exhaustiveSeconds / blockedSeconds).toFixed(1)}; target < 30 s: ${blockedSeconds < 30 ? 'met' : 'NOT met'}`);
console.log(`  peak RSS: ${rssMB()} MB (includes the loaded mirror)`);

const canonical = canonicalIris(index);
const judging = { canonical, hosted: (iri: string) => index.termByIri(iri), order: creationOrder(index) };
const uat = { terms: index.terms('uat') };
const line = (name: string, e: Evaluation['overall']) =>
  `${name.padEnd(9)} P=${fmt(e.precision)} R=${fmt(e.recall)} F1=${fmt(e.f1)} (${e.truePositives}/${e.predicted}/${e.gold})`;
const golds = [
  ['ASK → UAT', 'uat-crosswalks/ASK_UAT_4.2.0_crosswalk.csv'],
  ['IAUT → UAT', 'uat-crosswalks/IAUT_UAT_4.2.0_crosswalk.csv'],
] as const;
const exactF1 = (gold: GoldSet, margin: number) =>
  evaluate(gold, computeCandidates(goldInput(gold), uat, { exactMargin: margin }).mappings, judging).byPredicate.exactMatch.f1;
const loaded = golds.map(([name, file]) => [name, readGold(readFileSync(mirrorPath(file)), file)] as const);
for (const [name, gold] of loaded) {
  const subjects = goldInput(gold);
  start = performance.now();
  const computed = computeCandidates(subjects, uat).mappings;
  const seconds = (performance.now() - start) / 1000;
  const full = evaluate(gold, computed, judging);
  const base = evaluate(gold, computeCandidates(subjects, uat, { baseline: true }).mappings, judging);
  const rawFull = evaluate(gold, computed, canonical).byPredicate.exactMatch;
  const rawBase = evaluate(gold, computeCandidates(subjects, uat, { baseline: true }).mappings, canonical).byPredicate.exactMatch;
  const stale = new Map<string, number>();
  for (const s of full.stale) stale.set(s.reason, (stale.get(s.reason) ?? 0) + 1);
  console.log(`${name}: ${subjects.terms.length} subjects × ${uat.terms.length} UAT concepts, ${seconds.toFixed(2)} s; gold warnings: ${gold.warnings.length}`);
  console.log(`  exactMatch ${line('matcher', full.byPredicate.exactMatch)} | ${line('baseline', base.byPredicate.exactMatch)}`);
  console.log(
    `  recall gain over baseline: +${fmt(full.byPredicate.exactMatch.recall - base.byPredicate.exactMatch.recall)}; precision ratio ×${(full.byPredicate.exactMatch.precision / base.byPredicate.exactMatch.precision).toFixed(2)}`,
  );
  console.log(
    `  not scored: stale gold pairs ${[...stale].map(([r, n]) => `${r} ${n}`).join(', ') || 'none'}; computed to objects newer than the gold (no. > ${full.newestGoldObject ?? '?'}) ${full.unjudged.newerObjects}, for stale subjects ${full.unjudged.staleSubjects}`,
  );
  console.log(`  as measured before the audit (every pair scored): ${line('matcher', rawFull)} | ${line('baseline', rawBase)}`);
  for (const p of ['closeMatch', 'broadMatch', 'narrowMatch', 'relatedMatch'] as const)
    console.log(`  ${p.padEnd(12)} ${line('matcher', full.byPredicate[p])}`);
  console.log(`  overall    ${line('matcher', full.overall)} | ${line('baseline', base.overall)}`);
}

// Cross-tuning: the one tuned parameter (how far the runner-up must trail for an exactMatch) chosen on one gold set, reported on the other.
const margins = [0, 1, 2];
for (const [i, [tuneName, tuneGold]] of loaded.entries()) {
  const [testName, testGold] = loaded[1 - i]!;
  const tuned = margins.map((m) => ({ m, f1: exactF1(tuneGold, m) }));
  const chosen = tuned.reduce((x, y) => (y.f1 > x.f1 ? y : x));
  console.log(
    `cross-tuning: tuned on ${tuneName} (exact F1 by margin ${tuned.map((t) => `${t.m}: ${fmt(t.f1)}`).join(', ')}) → margin ${chosen.m}; on ${testName}: exact F1 ${fmt(exactF1(testGold, chosen.m))} (margins ${margins.map((m) => `${m}: ${fmt(exactF1(testGold, m))}`).join(', ')})`,
  );
}

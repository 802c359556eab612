/**
 * Top-1 / top-5 accuracy of UCD suggestion from text on test/fixtures/ucd/suggest-eval.json, for the
 * items written for astrovoc and for the real catalogue columns (items with a `source`), against a
 * baseline measured in the same run: the list's own descriptions alone (the best-matching single word,
 * what a plain search of the UCD list gives). Also the time per suggestion.
 * Run: `npx tsc -p tsconfig.bench.json && node dist-bench/bench/ucd-suggest.js [--misses]`.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseUcdList } from '../src/ingest/ucd-list-reader.js';
import { UcdService } from '../src/ucd/index.js';
import { DescriptionIndex } from '../src/ucd/ucd-text-suggester.js';
import { PROJECT_ROOT, readMirror } from '../test/support/mirror.js';

interface Item {
  text: string;
  expected: string[];
  source?: string;
}

interface Score {
  n: number;
  top1: number;
  top5: number;
  misses: string[];
}

function score(items: readonly Item[], rank: (text: string) => string[]): Score {
  let top1 = 0;
  let top5 = 0;
  const misses: string[] = [];
  for (const item of items) {
    const ranked = rank(item.text).slice(0, 5);
    if (item.expected.includes(ranked[0] ?? '')) top1++;
    if (ranked.some((u) => item.expected.includes(u))) top5++;
    else misses.push(`${item.text} → ${ranked.join(' | ') || '(none)'}  (expected ${item.expected[0]})`);
  }
  return { n: items.length, top1: top1 / items.length, top5: top5 / items.length, misses };
}

function main(): void {
  const source = parseUcdList(readMirror('ucd/ucd-list.txt'), 'ucd-list.txt', readMirror('ucd/ucd-list-deprecated.txt'), 'ucd-list-deprecated.txt');
  const service = new UcdService(source, { cacheSize: 0 });
  const descriptions = new DescriptionIndex(service.list);
  const items = (JSON.parse(readFileSync(resolve(PROJECT_ROOT, 'test/fixtures/ucd/suggest-eval.json'), 'utf8')) as { items: Item[] }).items;
  const sets: [string, Item[]][] = [
    ['all', items],
    ['written for astrovoc', items.filter((i) => !i.source)],
    ['real catalogue columns', items.filter((i) => i.source)],
  ];
  const suggester = (text: string): string[] => service.suggest(text, 5).map((c) => c.ucd);
  const baseline = (text: string): string[] => descriptions.search(text.replace(/_/g, ' '), 5).map((r) => r.word);

  console.log(`UCD list ${service.version}; suggest-eval.json: ${items.length} items`);
  const pct = (x: number): string => `${(100 * x).toFixed(1)}%`;
  const ratio = (a: number, b: number): string => (b === 0 ? '∞' : `${(a / b).toFixed(2)}×`);
  for (const [name, set] of sets) {
    const ours = score(set, suggester);
    const base = score(set, baseline);
    console.log(`\n${name} (n=${set.length})`);
    console.log(`  astrovoc suggester:       top-1 ${pct(ours.top1)}  top-5 ${pct(ours.top5)}`);
    console.log(`  baseline (descriptions):  top-1 ${pct(base.top1)}  top-5 ${pct(base.top5)}`);
    console.log(`  ratio:                    top-1 ${ratio(ours.top1, base.top1)}  top-5 ${ratio(ours.top5, base.top5)}`);
    if (process.argv.includes('--misses') && ours.misses.length > 0) console.log(`  misses (not in top 5):\n    ${ours.misses.join('\n    ')}`);
  }

  const texts = items.map((i) => i.text);
  for (let i = 0; i < 3; i++) texts.forEach((t) => service.suggest(t));
  const rounds = 20;
  const started = process.hrtime.bigint();
  for (let i = 0; i < rounds; i++) texts.forEach((t) => service.suggest(t));
  const perCall = Number(process.hrtime.bigint() - started) / 1e3 / (rounds * texts.length);
  const baseStarted = process.hrtime.bigint();
  for (let i = 0; i < rounds; i++) texts.forEach((t) => descriptions.search(t, 5));
  const basePerCall = Number(process.hrtime.bigint() - baseStarted) / 1e3 / (rounds * texts.length);
  console.log(`\ntime per suggestion: ${perCall.toFixed(1)} µs (baseline description search ${basePerCall.toFixed(1)} µs, ${ratio(perCall, basePerCall)})`);
}

main();

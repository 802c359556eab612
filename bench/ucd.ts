/**
 * UCD validation throughput: astrovoc in-process (with and without fixes), over HTTP batch, and
 * astropy's check_ucd (Debian python3-astropy) on the same inputs; then the text suggester's
 * top-1/top-5 accuracy on test/fixtures/ucd/suggest-eval.json.
 * Run: build, then `node dist-bench/bench/ucd.js` (or any TS runner on bench/ucd.ts).
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import express from 'express';
import { ucdRouter } from '../src/http/routes/ucd-routes.js';
import { parseUcdList } from '../src/ingest/ucd-list-reader.js';
import { UcdService } from '../src/ucd/index.js';
import { PROJECT_ROOT, readMirror } from '../test/support/mirror.js';

const ROUNDS = Number(process.env.UCD_BENCH_ROUNDS ?? 20);

function inputs(service: UcdService): string[] {
  const words = service.words().map((w) => w.word);
  const compounds = [
    'pos.eq.ra;meta.main', 'pos.eq.dec;meta.main', 'stat.error;phot.mag;em.opt.V', 'phot.color;em.opt.B;em.opt.V',
    'pos.pm;pos.eq.ra', 'stat.error;pos.pm;pos.eq.dec', 'phot.flux.density;em.radio.750-1500MHz', 'meta.id;meta.main',
    'time.epoch;obs', 'spect.dopplerVeloc.opt;pos.heliocentric',
  ];
  const bad = ['meta.main;pos.eq.ra', 'pos.eq.ra;meta.id', 'phot.mgg', 'foo', 'pos.eq.ra;', 'pos..eq.ra', 'PHOT.MAG', 'pos.lambert', 'ivoa:foo.bar', 'pos.eq.ra; meta.main'];
  return [...words, ...compounds, ...bad];
}

function rate(run: () => void, count: number, rounds: number): number {
  run();
  const started = process.hrtime.bigint();
  for (let i = 0; i < rounds; i++) run();
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  return (count * rounds) / seconds;
}

async function httpRate(service: UcdService, list: string[]): Promise<number> {
  const app = express();
  app.use('/api/v1', ucdRouter(service, {}));
  const server = app.listen(0);
  await new Promise((done) => server.once('listening', done));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/v1/ucd/validate`;
  const post = (): Promise<Response> => fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(list) });
  await (await post()).json();
  const rounds = Math.max(3, Math.floor(ROUNDS / 4));
  const started = process.hrtime.bigint();
  for (let i = 0; i < rounds; i++) await (await post()).json();
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  server.close();
  return (list.length * rounds) / seconds;
}

function astropyRate(list: string[]): number | undefined {
  const dir = mkdtempSync(join(tmpdir(), 'ucd-bench-'));
  const file = join(dir, 'ucds.txt');
  writeFileSync(file, list.join('\n'));
  const script = `
import sys, time, warnings
warnings.simplefilter('ignore')
from astropy.io.votable.ucd import check_ucd
ucds = open(sys.argv[1]).read().split('\\n')
rounds = int(sys.argv[2])
for u in ucds: check_ucd(u, check_controlled_vocabulary=True, has_colon=True)
t = time.perf_counter()
for _ in range(rounds):
    for u in ucds: check_ucd(u, check_controlled_vocabulary=True, has_colon=True)
print(len(ucds) * rounds / (time.perf_counter() - t))
`;
  try {
    return Number(execFileSync('/usr/bin/python3', ['-c', script, file, String(Math.max(2, Math.floor(ROUNDS / 4)))], { encoding: 'utf8' }).trim());
  } catch (error) {
    console.log(`astropy check_ucd: not available (${(error as Error).message.split('\n')[0]}); install python3-astropy`);
    return undefined;
  }
}

function suggestAccuracy(service: UcdService): { n: number; top1: number; top5: number } {
  const items = (JSON.parse(readFileSync(resolve(PROJECT_ROOT, 'test/fixtures/ucd/suggest-eval.json'), 'utf8')) as { items: { text: string; expected: string[] }[] }).items;
  let top1 = 0;
  let top5 = 0;
  for (const item of items) {
    const ranked = service.suggest(item.text, 5).map((c) => c.ucd);
    if (item.expected.includes(ranked[0] ?? '')) top1++;
    if (ranked.some((u) => item.expected.includes(u))) top5++;
  }
  return { n: items.length, top1: top1 / items.length, top5: top5 / items.length };
}

async function main(): Promise<void> {
  const built = process.hrtime.bigint();
  const source = parseUcdList(readMirror('ucd/ucd-list.txt'), 'ucd-list.txt', readMirror('ucd/ucd-list-deprecated.txt'), 'ucd-list-deprecated.txt');
  const service = new UcdService(source);
  console.log(`UCD list ${service.version}: service built in ${(Number(process.hrtime.bigint() - built) / 1e6).toFixed(1)} ms`);
  const list = inputs(service);
  console.log(`inputs: ${list.length} UCDs (every word of the list, 10 compounds, 10 invalid or deprecated), ${ROUNDS} rounds`);

  const uncached = new UcdService(source, { cacheSize: 0 });
  const bare = rate(() => list.forEach((u) => uncached.check(u)), list.length, ROUNDS);
  const full = rate(() => list.forEach((u) => uncached.validate(u)), list.length, ROUNDS);
  const cached = rate(() => list.forEach((u) => service.validate(u)), list.length, ROUNDS);
  const http = await httpRate(service, list);
  const astropy = astropyRate(list);
  const f = (n: number): string => Math.round(n).toLocaleString('en');
  console.log(`astrovoc in-process, cold, validation only:      ${f(bare)} UCD/s`);
  console.log(`astrovoc in-process, cold, with suggestions:      ${f(full)} UCD/s`);
  console.log(`astrovoc in-process, service cache (repeated UCDs): ${f(cached)} UCD/s`);
  console.log(`astrovoc over HTTP batch (POST, ${list.length}/req): ${f(http)} UCD/s`);
  if (astropy !== undefined) {
    console.log(`astropy check_ucd (controlled vocabulary): ${f(astropy)} UCD/s`);
    console.log(
      `ratio in-process / astropy: cold ${(bare / astropy).toFixed(1)}× (validation only), ${(full / astropy).toFixed(1)}× (with suggestions); ` +
        `cached ${(cached / astropy).toFixed(1)}×; target ≥ 10×`,
    );
  }
  const accuracy = suggestAccuracy(service);
  console.log(`suggest from text: n=${accuracy.n} top-1=${accuracy.top1.toFixed(3)} top-5=${accuracy.top5.toFixed(3)}`);
}

await main();

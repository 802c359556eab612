/**
 * UCD validation throughput, in one run on the same inputs: astrovoc in-process (the validation with
 * its diagnostics; with repairs; from the service cache), over HTTP batch, and astropy's check_ucd
 * (Debian python3-astropy, controlled vocabulary on). Two input sets: every word of the list alone
 * plus compounds and bad UCDs (a quarter of it invalid: S words cannot stand alone), and the column
 * UCDs of real catalogues (Gaia DR3, 2MASS, SDSS, Hipparcos, VizieR), written from memory.
 * The machine may be shared: each figure is the best of TRIALS timed runs of about 0.4 s, after a
 * warm-up, the runs of astrovoc interleaved with one another; astropy gets the same treatment.
 * Run: `npx tsc -p tsconfig.bench.json && node dist-bench/bench/ucd.js`.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import express from 'express';
import { apiRouter } from '../src/http/api/mount-routes.js';
import { ucdRoutes } from '../src/http/routes/ucd-routes.js';
import { parseUcdList } from '../src/ingest/ucd-list-reader.js';
import { UcdService } from '../src/ucd/index.js';
import { readMirror } from '../test/support/mirror.js';

const TRIALS = Number(process.env.UCD_BENCH_TRIALS ?? 7);
const TRIAL_SECONDS = 0.4;

const CATALOGUE_UCDS = [
  // Gaia DR3 gaia_source
  'meta.id;meta.main',
  'meta.id',
  'time.epoch;meta.ref',
  'pos.eq.ra;meta.main',
  'stat.error;pos.eq.ra',
  'pos.eq.dec;meta.main',
  'stat.error;pos.eq.dec',
  'pos.parallax.trig',
  'stat.error;pos.parallax.trig',
  'stat.snr;pos.parallax',
  'pos.pm',
  'pos.pm;pos.eq.ra',
  'stat.error;pos.pm;pos.eq.ra',
  'pos.pm;pos.eq.dec',
  'stat.error;pos.pm;pos.eq.dec',
  'stat.correlation',
  'meta.number',
  'stat.fit.chi2',
  'phot.flux;em.opt',
  'stat.error;phot.flux;em.opt',
  'phot.mag;em.opt',
  'phot.flux;em.opt.B',
  'phot.mag;em.opt.B',
  'phot.flux;em.opt.R',
  'phot.mag;em.opt.R',
  'phot.color;em.opt.B;em.opt.R',
  'spect.dopplerVeloc.opt;em.opt.I',
  'stat.error;spect.dopplerVeloc.opt;em.opt.I',
  'phys.temperature.effective',
  'phys.gravity',
  'phys.abund.Z',
  'pos.galactic.lon',
  'pos.galactic.lat',
  'pos.ecliptic.lon',
  'pos.ecliptic.lat',
  'meta.code',
  'meta.code.qual',
  'src.var',
  'phys.absorption;em.opt',
  'phys.luminosity',
  'phys.size.radius',
  'pos.distance',
  // 2MASS point source catalogue
  'phot.mag;em.IR.J',
  'stat.error;phot.mag;em.IR.J',
  'phot.mag;em.IR.H',
  'stat.error;phot.mag;em.IR.H',
  'phot.mag;em.IR.K',
  'stat.error;phot.mag;em.IR.K',
  'time.epoch;obs',
  'pos.angDistance',
  'pos.posAng',
  'stat.error;pos.posAng',
  'meta.code.multip',
  // SDSS photoObj / specObj
  'phot.mag;em.opt.U',
  'phot.mag;em.opt.V',
  'phot.mag;em.opt.I',
  'src.redshift',
  'stat.error;src.redshift',
  'src.class',
  'src.spType',
  'phot.mag.sb',
  'phys.angSize;src',
  'obs.airMass',
  'instr.obsty.seeing',
  'meta.ref.url',
  'meta.bib.bibcode',
  'src.redshift.phot',
  // Hipparcos / VizieR
  'phot.color;em.opt.B;em.opt.V',
  'src.var.amplitude',
  'time.period',
  'src.orbital.eccentricity',
  'phys.mass',
  'time.age',
  'phot.flux.density;em.radio.750-1500MHz',
  'phys.veloc.rotat',
  'spect.line.eqWidth',
  'phys.magAbs;em.opt.V',
  // As found in the wild: UCD1, misplaced words, stray separators, deprecated and misspelled words, a foreign namespace
  'POS_EQ_RA_MAIN',
  'em.opt.V',
  'meta.main;pos.eq.ra',
  'pos.eq.ra;meta.main;',
  'pos.lambert',
  'phot.mag;em.opt.Ks',
  'ivoa:phot.mag',
  'PHYS.sfr',
];

function wordSet(service: UcdService): string[] {
  const words = service.words().map((w) => w.word);
  const compounds = [
    'pos.eq.ra;meta.main',
    'pos.eq.dec;meta.main',
    'stat.error;phot.mag;em.opt.V',
    'phot.color;em.opt.B;em.opt.V',
    'pos.pm;pos.eq.ra',
    'stat.error;pos.pm;pos.eq.dec',
    'phot.flux.density;em.radio.750-1500MHz',
    'meta.id;meta.main',
    'time.epoch;obs',
    'spect.dopplerVeloc.opt;pos.heliocentric',
  ];
  const bad = [
    'meta.main;pos.eq.ra',
    'pos.eq.ra;meta.id',
    'phot.mgg',
    'foo',
    'pos.eq.ra;',
    'pos..eq.ra',
    'PHOT.MAG',
    'pos.lambert',
    'ivoa:foo.bar',
    'pos.eq.ra; meta.main',
  ];
  return [...words, ...compounds, ...bad];
}

/** UCDs per second of one timed run of about TRIAL_SECONDS. */
function timedRun(run: () => void, count: number): number {
  let rounds = 0;
  const started = process.hrtime.bigint();
  let seconds: number;
  do {
    run();
    rounds++;
    seconds = Number(process.hrtime.bigint() - started) / 1e9;
  } while (seconds < TRIAL_SECONDS);
  return (count * rounds) / seconds;
}

/** Best rate of each candidate over TRIALS interleaved runs, after a warm-up run of each. */
function bestRates(candidates: Record<string, () => void>, count: number): Record<string, number> {
  const best: Record<string, number> = {};
  for (const [name, run] of Object.entries(candidates)) {
    timedRun(run, count);
    best[name] = 0;
  }
  for (let trial = 0; trial < TRIALS; trial++) {
    for (const [name, run] of Object.entries(candidates)) best[name] = Math.max(best[name]!, timedRun(run, count));
  }
  return best;
}

async function httpRate(service: UcdService, list: string[]): Promise<number> {
  const app = express();
  app.use(apiRouter([ucdRoutes(service)]));
  const server = app.listen(0, '127.0.0.1');
  await new Promise((done) => server.once('listening', done));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/v1/ucd/validate`;
  const body = JSON.stringify(list);
  const post = async (): Promise<void> => {
    await (await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body })).arrayBuffer();
  };
  for (let i = 0; i < 3; i++) await post();
  let best = 0;
  for (let trial = 0; trial < TRIALS; trial++) {
    let rounds = 0;
    const started = process.hrtime.bigint();
    let seconds: number;
    do {
      await post();
      rounds++;
      seconds = Number(process.hrtime.bigint() - started) / 1e9;
    } while (seconds < TRIAL_SECONDS);
    best = Math.max(best, (list.length * rounds) / seconds);
  }
  server.close();
  return best;
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
trials, seconds = int(sys.argv[2]), float(sys.argv[3])
def run():
    for u in ucds: check_ucd(u, check_controlled_vocabulary=True, has_colon=True)
def timed():
    rounds, t = 0, time.perf_counter()
    while True:
        run(); rounds += 1
        dt = time.perf_counter() - t
        if dt >= seconds: return len(ucds) * rounds / dt
timed()
print(max(timed() for _ in range(trials)))
`;
  try {
    return Number(execFileSync('/usr/bin/python3', ['-c', script, file, String(TRIALS), String(TRIAL_SECONDS)], { encoding: 'utf8' }).trim());
  } catch (error) {
    console.log(`astropy check_ucd: not available (${(error as Error).message.split('\n')[0]}); install python3-astropy`);
    return undefined;
  }
}

const f = (n: number): string => Math.round(n).toLocaleString('en');

async function measure(name: string, list: string[], source: ConstructorParameters<typeof UcdService>[0]): Promise<void> {
  const uncached = new UcdService(source, { cacheSize: 0 });
  const cachedService = new UcdService(source);
  const statuses = new Map<string, number>();
  for (const u of list) {
    const s = uncached.check(u).status;
    statuses.set(s, (statuses.get(s) ?? 0) + 1);
  }
  console.log(`\n${name}: ${list.length} UCDs (${[...statuses].map(([s, n]) => `${n} ${s}`).join(', ')})`);
  const rates = bestRates(
    {
      check: () => list.forEach((u) => uncached.check(u)),
      validate: () => list.forEach((u) => uncached.validate(u)),
      cached: () => list.forEach((u) => cachedService.validate(u)),
    },
    list.length,
  );
  const http = await httpRate(cachedService, list);
  const astropy = astropyRate(list);
  const ratio = (n: number): string => (astropy ? `  ${(n / astropy).toFixed(1)}× astropy` : '');
  console.log(`  astrovoc in-process, no cache, validation with diagnostics: ${f(rates.check!)} UCD/s${ratio(rates.check!)}`);
  console.log(`  astrovoc in-process, no cache, with repairs of the bad ones: ${f(rates.validate!)} UCD/s${ratio(rates.validate!)}`);
  console.log(`  astrovoc in-process, service cache (repeated UCDs):         ${f(rates.cached!)} UCD/s${ratio(rates.cached!)}`);
  console.log(`  astrovoc over HTTP batch (POST, ${list.length} per request):       ${f(http)} UCD/s${ratio(http)}`);
  if (astropy !== undefined) console.log(`  astropy check_ucd (baseline):                               ${f(astropy)} UCD/s  1.0×`);
}

async function main(): Promise<void> {
  const source = parseUcdList(readMirror('ucd/ucd-list.txt'), 'ucd-list.txt', readMirror('ucd/ucd-list-deprecated.txt'), 'ucd-list-deprecated.txt');
  const service = new UcdService(source);
  console.log(`UCD list ${service.version}; best of ${TRIALS} runs of ${TRIAL_SECONDS} s each; target: in-process without cache ≥ 10× astropy`);
  await measure('every word alone, 10 compounds, 10 bad', wordSet(service), source);
  await measure('column UCDs of real catalogues', CATALOGUE_UCDS, source);
}

await main();

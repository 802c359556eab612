import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Command } from 'commander';
import { canonicalIris, computeCandidates, evaluate, goldSubjects, MappingRepository, MappingService, readGold, readSssom } from '../../src/mapping/index.js';
import { registerMapCommands } from '../../src/cli/commands/map-command.js';
import { loadMirrorService } from '../support/loaded-service.js';
import { mirrorPath, PROJECT_ROOT } from '../support/mirror.js';

let service: MappingService;
let tmp: string;
const fixture = (name: string) => resolve(PROJECT_ROOT, 'test/fixtures/mapping', name);

beforeAll(async () => {
  const vocabularies = await loadMirrorService();
  tmp = mkdtempSync(join(tmpdir(), 'astrovoc-map-cli-'));
  service = new MappingService(vocabularies, new MappingRepository(join(tmp, 'mappings')));
  await service.load();
});

afterAll(() => {
  service.close();
  rmSync(tmp, { recursive: true, force: true });
});

async function run(...args: string[]): Promise<{ out: string; err: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const program = new Command('astrovoc').exitOverride();
  registerMapCommands(program, async () => service, { out: (t) => out.push(t), err: (t) => err.push(t), progress: false });
  await program.parseAsync(['node', 'astrovoc', ...args]);
  return { out: out.join('\n'), err: err.join('\n') };
}

describe('astrovoc map', () => {
  it('compute: a plain list of labels against a hosted vocabulary, written as SSSOM TSV', async () => {
    const out = join(tmp, 'frames.sssom.tsv');
    const { err } = await run('map', 'compute', fixture('frames.txt'), 'refframe', '--out', out);
    expect(err).toMatch(/candidates from \d+ pairs scored/);
    const set = readSssom(readFileSync(out, 'utf8'), out);
    const icrs = set.mappings.find((m) => m.subjectLabel === 'ICRS' && m.objectId === 'http://www.ivoa.net/rdf/refframe#ICRS');
    expect(icrs).toMatchObject({ predicateId: 'http://www.w3.org/2004/02/skos/core#exactMatch', mappingTool: 'astrovoc-matcher' });
    expect(set.mappings.every((m) => m.reviewerId === undefined)).toBe(true);
  });

  it('compute: an IVOA terms.csv file and a Turtle file are read as vocabularies', async () => {
    const csv = await run('map', 'compute', mirrorPath('ivoa-vocabularies/messenger/terms.csv'), 'ucd', '--target-ids', '^em\\.');
    expect(csv.out).toContain('em.radio');
    const ttl = await run('map', 'compute', mirrorPath('voparis-ns/ihdea/refframe/ihdea_refframe.ttl'), 'spase-CoordinateSystemName');
    expect(ttl.out).toContain('CoordinateSystemName#GSE');
  });

  it('evaluate: precision, recall and F1 per predicate beside the baseline, on a crosswalk CSV gold set', async () => {
    const computed = join(tmp, 'frames.sssom.tsv');
    const { out } = await run('map', 'evaluate', '--gold', fixture('crosswalk.csv'), '--computed', computed, '--target', 'refframe');
    expect(out).toMatch(/^predicate\s+P\s+R\s+F1/);
    expect(out).toMatch(/exactMatch\s+\d\.\d{3}\s+\d\.\d{3}/);
    expect(out).toContain('matched by label');
  });

  it('an unknown vocabulary or missing file is refused plainly', async () => {
    await expect(run('map', 'compute', 'no-such-vocabulary', 'uat')).rejects.toThrow(/neither a hosted vocabulary id nor a file/);
  });
});

describe('quality on the development gold sets (UAT crosswalks)', () => {
  const canonical = () => canonicalIris(service.vocabularies.index);
  const uat = () => service.hostedInput('uat')!;

  it('Astronomy Subject Keywords → UAT: exact matches beat the exact-label baseline by ≥ 0.25 recall, F1 ≥ 0.8', () => {
    const gold = readGold(readFileSync(mirrorPath('uat-crosswalks/ASK_UAT_4.2.0_crosswalk.csv')), 'ASK');
    const full = evaluate(gold, computeCandidates({ terms: goldSubjects(gold) }, uat()).mappings, canonical()).byPredicate.exactMatch;
    const base = evaluate(gold, computeCandidates({ terms: goldSubjects(gold) }, uat(), { baseline: true }).mappings, canonical()).byPredicate.exactMatch;
    expect(full.recall).toBeGreaterThanOrEqual(base.recall + 0.25);
    expect(full.f1).toBeGreaterThanOrEqual(0.8);
    expect(full.precision).toBeGreaterThanOrEqual(0.88);
  });

  it('IAU Thesaurus → UAT (Windows-1252 file): exact F1 ≥ 0.88, at least the baseline recall', () => {
    const gold = readGold(readFileSync(mirrorPath('uat-crosswalks/IAUT_UAT_4.2.0_crosswalk.csv')), 'IAUT');
    expect(gold.rows.some((r) => r.subjectLabel?.includes('–') || r.objectLabel?.includes('–'))).toBe(true);
    const full = evaluate(gold, computeCandidates({ terms: goldSubjects(gold) }, uat()).mappings, canonical()).byPredicate.exactMatch;
    const base = evaluate(gold, computeCandidates({ terms: goldSubjects(gold) }, uat(), { baseline: true }).mappings, canonical()).byPredicate.exactMatch;
    expect(full.f1).toBeGreaterThanOrEqual(0.88);
    expect(full.recall).toBeGreaterThanOrEqual(base.recall);
  });
});

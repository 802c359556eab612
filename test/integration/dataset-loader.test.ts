import { cp, mkdtemp, appendFile, mkdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadCatalogue } from '../../src/catalogue/index.js';
import { OxigraphStore } from '../../src/store/index.js';
import { VocabularyService } from '../../src/vocab/index.js';
import { mirrorPath, PROJECT_ROOT } from '../support/mirror.js';

/** A small mirror (refframe and timescale) in a temporary directory, so a test can break it. */
async function smallMirror(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'astrovoc-mirror-'));
  for (const file of ['ivoa-vocabularies/vocabs.conf', 'ivoa-vocabularies/refframe/terms.csv', 'ivoa-vocabularies/timescale/terms.csv']) {
    await mkdir(join(dir, file, '..'), { recursive: true });
    await cp(mirrorPath(file), join(dir, file));
  }
  return dir;
}

async function smallCatalogue() {
  return (await loadCatalogue(PROJECT_ROOT)).filter((e) => e.id === 'refframe' || e.id === 'timescale');
}

describe('dataset loader', () => {
  it('a source that fails to read is reported with file and line, and its previous graph stays as it was', async () => {
    const mirror = await smallMirror();
    const store = new OxigraphStore();
    const service = new VocabularyService(store, await smallCatalogue());
    await service.load(mirror);
    const before = await store.listGraphs();
    expect(service.index.counts('refframe').terms).toBe(21);

    await appendFile(join(mirror, 'ivoa-vocabularies/refframe/terms.csv'), 'broken;3;Broken;a level 3 term under a level 1 term\n');
    const report = await service.load(mirror);
    expect(report.failures).toHaveLength(1);
    expect(report.failures[0]!.vocabularyId).toBe('refframe');
    expect(report.failures[0]!.message).toMatch(/refframe\/terms\.csv:22/);
    expect(await store.listGraphs()).toEqual(before);
    expect(service.index.counts('refframe').terms).toBe(21);
    expect(service.index.counts('timescale').terms).toBeGreaterThan(0);
  });

  it('a missing source file is reported by vocabulary and the others still load', async () => {
    const mirror = await smallMirror();
    const entries = await loadCatalogue(PROJECT_ROOT);
    const service = new VocabularyService(
      new OxigraphStore(),
      entries.filter((e) => ['refframe', 'messenger'].includes(e.id)),
    );
    const report = await service.load(mirror);
    expect(report.failures.map((f) => f.vocabularyId)).toEqual(['messenger']);
    expect(report.failures[0]!.message).toMatch(/not found/);
    expect(service.index.counts('refframe').terms).toBe(21);
  });

  it('starts warm from the snapshot while the sources are unchanged, and re-reads them when one changes', async () => {
    const mirror = await smallMirror();
    const snapshots = await mkdtemp(join(tmpdir(), 'astrovoc-snapshot-'));
    const entries = await smallCatalogue();
    const cold = await new VocabularyService(new OxigraphStore(), entries).load(mirror, snapshots);
    expect(cold.fromSnapshot).toBe(false);

    const warm = await new VocabularyService(new OxigraphStore(), entries).load(mirror, snapshots);
    expect(warm.fromSnapshot).toBe(true);
    expect(warm.quads).toBe(cold.quads);
    expect(warm.index.counts('refframe')).toEqual(cold.index.counts('refframe'));

    await appendFile(join(mirror, 'ivoa-vocabularies/timescale/terms.csv'), 'NEWSCALE;1;New scale;A scale added upstream\n');
    const changed = await new VocabularyService(new OxigraphStore(), entries).load(mirror, snapshots);
    expect(changed.fromSnapshot).toBe(false);
    expect(changed.index.term('timescale', 'NEWSCALE')?.labels).toEqual(['New scale']);
  });
});

/**
 * One full load of the mirror, shared by the tests of a file. Under jest (test/global-setup.ts) the run
 * parses the mirror once: the first file to load it writes a snapshot into the run's directory, and every
 * other file waits for it and restores it (the snapshot's fingerprint still covers the sources and the
 * ingest code). Outside jest (the benches) each call reads the sources.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadCatalogue } from '../../src/catalogue/index.js';
import { OxigraphStore } from '../../src/store/index.js';
import { VocabularyService } from '../../src/vocab/index.js';
import { mirrorRoot, PROJECT_ROOT } from './mirror.js';
import { claimed, fileAppears } from './wait-for.js';

/** A full load takes 8–30 s on a loaded machine; the files waiting for it give up well after. */
const BUILD_WAIT_MS = 240_000;

export interface MirrorLoadOptions {
  /** Parse the sources even when the run's snapshot exists (the test of the load itself). */
  fromSources?: boolean;
}

export async function loadMirrorService(options: MirrorLoadOptions = {}): Promise<VocabularyService> {
  const service = new VocabularyService(new OxigraphStore(), await loadCatalogue(PROJECT_ROOT));
  const runDir = process.env.ASTROVOC_TEST_RUN_DIR;
  if (options.fromSources || !runDir) {
    await service.load(mirrorRoot());
    return service;
  }
  const snapshotDir = join(runDir, 'mirror-snapshot');
  const built = join(runDir, 'mirror-snapshot.built');
  if (claimed(snapshotDir)) {
    try {
      await service.load(mirrorRoot(), snapshotDir);
    } finally {
      writeFileSync(built, '');
    }
    return service;
  }
  if (!(await fileAppears(built, BUILD_WAIT_MS))) throw new Error(`the run's mirror snapshot (${snapshotDir}) was not built within ${BUILD_WAIT_MS} ms`);
  // A snapshot that does not match (a failed build writes none) makes this load read the sources.
  await service.load(mirrorRoot(), snapshotDir);
  return service;
}

/** The named vocabularies of the mirror only, read from their sources: for tests that need a few terms, not the whole load. */
export async function loadMirrorVocabularies(ids: readonly string[]): Promise<VocabularyService> {
  const entries = (await loadCatalogue(PROJECT_ROOT)).filter((e) => ids.includes(e.id));
  const service = new VocabularyService(new OxigraphStore(), entries);
  await service.load(mirrorRoot());
  return service;
}

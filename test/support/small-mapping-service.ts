import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { loadCatalogue } from '../../src/catalogue/index.js';
import { MappingRepository, MappingService } from '../../src/mapping/index.js';
import { OxigraphStore } from '../../src/store/index.js';
import { VocabularyService } from '../../src/vocab/index.js';
import { mirrorRoot, PROJECT_ROOT } from './mirror.js';

/** IHDEA refframe and IVOA refframe from the real mirror, with the mapping set between them (proposed candidates): a load of seconds. */
export async function smallMappingService(): Promise<{ service: MappingService; close: () => void }> {
  const entries = (await loadCatalogue(PROJECT_ROOT)).filter((e) => ['refframe', 'ihdea_refframe'].includes(e.id));
  const vocabularies = new VocabularyService(new OxigraphStore(), entries);
  await vocabularies.load(mirrorRoot());
  const dir = mkdtempSync(join(tmpdir(), 'astrovoc-small-mappings-'));
  copyFileSync(resolve(PROJECT_ROOT, 'mappings/ihdea-refframe_refframe.sssom.tsv'), join(dir, 'ihdea-refframe_refframe.sssom.tsv'));
  const service = new MappingService(vocabularies, new MappingRepository(dir), () => new Date('2026-01-02T00:00:00Z'));
  await service.load();
  return {
    service,
    close: () => {
      service.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

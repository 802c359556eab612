/** One full load of the mirror, shared by the tests of a file (loading takes a few seconds). */
import { loadCatalogue } from '../../src/catalogue/index.js';
import { OxigraphStore } from '../../src/store/index.js';
import { VocabularyService } from '../../src/vocab/index.js';
import { mirrorRoot, PROJECT_ROOT } from './mirror.js';

export async function loadMirrorService(): Promise<VocabularyService> {
  const service = new VocabularyService(new OxigraphStore(), await loadCatalogue(PROJECT_ROOT));
  await service.load(mirrorRoot());
  return service;
}

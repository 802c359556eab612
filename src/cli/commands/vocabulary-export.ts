/**
 * `astrovoc export <vocab> --format desise|csv|conf`: a hosted vocabulary in the desise form (VocInVO2), as the IVOA
 * converter writes it next to the Turtle and RDF/XML, or in its source files with the curated changes.
 */
import { exportSource, type CurationService } from '../../curation/index.js';
import { toDesise, writeDesise } from '../../render/index.js';
import type { VocabularyService } from '../../vocab/index.js';

/** The desise text of a loaded vocabulary, or undefined when no vocabulary with that id is loaded. */
export function exportDesise(service: VocabularyService, vocabularyId: string): string | undefined {
  const vocabulary = service.index.vocabulary(vocabularyId);
  return vocabulary ? `${writeDesise(toDesise(vocabulary, service.index.terms(vocabularyId)))}\n` : undefined;
}

/** terms.csv or the vocabs.conf section of a loaded vocabulary, with its curated changes; undefined when none is loaded. */
export async function exportSourceFiles(
  service: VocabularyService,
  curation: CurationService,
  vocabularyId: string,
  format: 'csv' | 'conf',
): Promise<string | undefined> {
  const hosted = service.get(vocabularyId);
  if (!hosted?.meta || !service.sourceDir) return undefined;
  return exportSource(hosted.entry, service.sourceDir, hosted.meta, curation.curated(vocabularyId), format);
}

/**
 * `astrovoc export <vocab> --format desise`: a hosted vocabulary in the desise form (VocInVO2), as
 * the IVOA converter writes it next to the Turtle and RDF/XML.
 */
import { toDesise, writeDesise } from '../../render/index.js';
import type { VocabularyService } from '../../vocab/index.js';

/** The desise text of a loaded vocabulary, or undefined when no vocabulary with that id is loaded. */
export function exportDesise(service: VocabularyService, vocabularyId: string): string | undefined {
  const vocabulary = service.index.vocabulary(vocabularyId);
  return vocabulary ? `${writeDesise(toDesise(vocabulary, service.index.terms(vocabularyId)))}\n` : undefined;
}

/** Finds a term of a hosted vocabulary by what a person or a file gives: its id, its IRI, or one of its labels. */
import type { Term } from '../model/index.js';
import type { VocabularyService } from '../vocab/index.js';
import { labelKey } from './label-normaliser.js';

export class TermResolver {
  private labelKeyIndex: unknown;
  private readonly labelKeyCache = new Map<string, Map<string, Term>>();

  constructor(private readonly vocabularies: VocabularyService) {}

  /** A term of a hosted vocabulary by id, IRI, or (normalised) label: preferred labels first, then alt labels and ids. */
  resolve(vocabularyId: string, value: string): Term | undefined {
    const index = this.vocabularies.index;
    const direct = index.term(vocabularyId, value) ?? index.termByIri(value);
    if (direct) return direct;
    return this.labelKeys(vocabularyId).get(labelKey(value));
  }

  /**
   * Normalised label → term of one vocabulary, built once per term index (labelKey folds Unicode and
   * plurals, too slow to run over every term for each value of a batch translation).
   */
  private labelKeys(vocabularyId: string): ReadonlyMap<string, Term> {
    const index = this.vocabularies.index;
    if (this.labelKeyIndex !== index) {
      this.labelKeyIndex = index;
      this.labelKeyCache.clear();
    }
    let keys = this.labelKeyCache.get(vocabularyId);
    if (!keys) {
      keys = new Map();
      const terms = index.terms(vocabularyId);
      for (const term of terms) for (const label of term.labels) if (!keys.has(labelKey(label))) keys.set(labelKey(label), term);
      for (const term of terms) {
        for (const label of [...term.altLabels, term.id]) if (!keys.has(labelKey(label))) keys.set(labelKey(label), term);
      }
      this.labelKeyCache.set(vocabularyId, keys);
    }
    return keys;
  }
}

/**
 * Translation of terms as a client names them: one term (by IRI, or by a vocabulary and an id, IRI or label), or a
 * batch of values (a column of a portal table), each value resolved and translated on its own, with a problem in
 * its result instead of an error when it names no term.
 */
import type { MappingPredicate } from '../model/index.js';
import { MappingError } from './mapping-error.js';
import type { MappingService } from './mapping-service.js';
import type { Translation } from './translation.js';

export interface TranslationOptions {
  /** The vocabulary to translate into. */
  to: string;
  predicates?: readonly MappingPredicate[];
  minConfidence?: number;
  /** Chain over proposed mappings too. */
  includeProposed?: boolean;
}

/** A term named by its IRI, or by a hosted vocabulary and one of its ids, IRIs or labels. */
export type TermName = { iri: string } | { vocab: string; value: string };

export interface TermTranslation {
  source: { iri: string; label?: string; vocabulary?: string };
  to: string;
  includeProposed: boolean;
  translations: Translation[];
}

export interface ValueTranslation {
  value: string;
  /** The term the value names; absent with `problem`. */
  iri?: string;
  translations: Translation[];
  /** Why the value was not translated: it names no term. */
  problem?: string;
}

export interface BatchTranslation {
  to: string;
  includeProposed: boolean;
  results: ValueTranslation[];
}

function assertHosted(service: MappingService, vocabularyId: string): void {
  if (!service.vocabularies.index.vocabulary(vocabularyId)) throw new MappingError('invalid', `no hosted vocabulary with id ${vocabularyId}`, 'to');
}

function translateIri(service: MappingService, iri: string, options: TranslationOptions): Translation[] {
  return service.translate(iri, options.to, {
    ...(options.predicates ? { predicates: options.predicates } : {}),
    ...(options.minConfidence !== undefined ? { minConfidence: options.minConfidence } : {}),
    includeProposed: options.includeProposed ?? false,
  });
}

/** Best equivalents of one term in `options.to` (MappingError `not-found` when a vocabulary and value name no term, `invalid` for a `to` not hosted). */
export function translateTerm(service: MappingService, term: TermName, options: TranslationOptions): TermTranslation {
  assertHosted(service, options.to);
  let iri: string;
  if ('iri' in term) iri = term.iri;
  else {
    const found = service.resolve(term.vocab, term.value);
    if (!found) throw new MappingError('not-found', `No term of ${term.vocab} has the id, IRI or label ${term.value}`);
    iri = found.iri;
  }
  const translations = translateIri(service, iri, options);
  const source = service.vocabularies.termByIri(iri);
  return {
    source: { iri, ...(source ? { label: source.labels[0], vocabulary: source.vocabularyId } : {}) },
    to: options.to,
    includeProposed: options.includeProposed ?? false,
    translations,
  };
}

/**
 * Best equivalents of each value in `options.to`: a value is a term IRI, or with `vocab` an id, IRI or label of
 * that vocabulary. A value that names no term gets a problem and no translations; the others are unaffected.
 */
export function translateValues(service: MappingService, values: readonly string[], options: TranslationOptions & { vocab?: string }): BatchTranslation {
  assertHosted(service, options.to);
  const { vocab } = options;
  const results = values.map((value): ValueTranslation => {
    const term = vocab ? service.resolve(vocab, value) : service.vocabularies.termByIri(value);
    if (!term) {
      return { value, translations: [], problem: vocab ? `no term of ${vocab} has the id, IRI or label ${value}` : `no hosted term has the IRI ${value}` };
    }
    return { value, iri: term.iri, translations: translateIri(service, term.iri, options) };
  });
  return { to: options.to, includeProposed: options.includeProposed ?? false, results };
}

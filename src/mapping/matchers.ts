/**
 * The matchers as a list: each is a pure function from a pair of terms (their features) to evidence for a
 * mapping, saying which SKOS predicate it supports, how sure it is, and how it knows (semapv justification,
 * measure, match string). The order is the order evidence is combined in (candidate-evidence.ts): keep it.
 */
import { exactLabel, sameIri, wordBag, compactLabel, acronym, containment } from './label-matchers.js';
import { impliedHead, impliedQualifier } from './context-matchers.js';
import type { Evidence } from './evidence.js';
import { definitionSimilarity, labelSimilarity, type SimilarityModel, type VectorCache } from './similarity-matchers.js';
import type { TermContext } from './term-context.js';
import type { TermFeatures } from './term-features.js';

/** What a matcher may read besides the pair: the run's similarity model and each side's vocabulary context. */
export interface MatchContext {
  model: SimilarityModel;
  vectors: VectorCache;
  subjects: TermContext;
  objects: TermContext;
}

export interface Matcher {
  name: string;
  match(a: TermFeatures, b: TermFeatures, context: MatchContext): Evidence | undefined;
}

export const MATCHERS: readonly Matcher[] = [
  { name: 'same-iri', match: (a, b) => sameIri(a, b) },
  { name: 'exact-label', match: (a, b) => exactLabel(a, b) },
  { name: 'word-bag', match: (a, b) => wordBag(a, b) },
  { name: 'compact-label', match: (a, b) => compactLabel(a, b) },
  { name: 'acronym', match: (a, b) => acronym(a, b) },
  {
    name: 'implied-qualifier',
    match: (a, b, { subjects, objects }) => impliedQualifier(a, b, subjects.words(a), objects.words(b), subjects.ancestors(a), objects.ancestors(b)),
  },
  { name: 'implied-head', match: (a, b, { subjects, objects }) => impliedHead(a, b, subjects.parents(a), objects.parents(b)) },
  { name: 'containment', match: (a, b) => containment(a, b) },
  { name: 'label-similarity', match: (a, b, { model, vectors }) => labelSimilarity(a, b, model, vectors) },
  { name: 'definition-similarity', match: (a, b, { model, vectors }) => definitionSimilarity(a, b, model, vectors) },
];

/** The evaluation baseline: the exact normalised label alone. */
export const BASELINE_MATCHERS: readonly Matcher[] = [{ name: 'exact-label', match: (a, b) => exactLabel(a, b, true) }];

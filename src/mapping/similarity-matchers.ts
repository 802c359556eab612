/** The similarity matchers: TF-IDF cosine of labels (words and character trigrams) and of definitions. */
import type { MappingPredicate } from '../model/index.js';
import { charNgrams } from './label-normaliser.js';
import { JUSTIFICATION } from './mapping.js';
import { meaningful, round, type Evidence } from './evidence.js';
import { MATCH_TUNING } from './matching-tuning.js';
import type { LabelView, TermFeatures } from './term-features.js';
import { cosine, type SparseVector, type TfIdf } from './tfidf.js';

const { viewWeight: VIEW_WEIGHT, label: LABEL, definition: DEFINITION } = MATCH_TUNING;

/** Models the similarity matchers share: word and character n-gram TF-IDF over both vocabularies. */
export interface SimilarityModel {
  words: TfIdf;
  grams: TfIdf;
  definitions: TfIdf;
}
/** Labels that carry different numbers name different things (Apollo 10 and Apollo 12, DSS 13 and DSS 14). */
function sameNumbers(a: readonly string[], b: readonly string[]): boolean {
  const na = a.filter((t) => /\d/.test(t));
  const nb = b.filter((t) => /\d/.test(t));
  if (na.length === 0 || nb.length === 0) return true;
  return na.length === nb.length && na.every((t) => nb.includes(t));
}
/** Word and character-trigram TF-IDF cosine over the best pair of labels. */
export function labelSimilarity(a: TermFeatures, b: TermFeatures, model: SimilarityModel, vectors: VectorCache): Evidence | undefined {
  let bestScore = 0;
  let bestPair: [LabelView, LabelView] | undefined;
  for (const va of a.views) {
    for (const vb of b.views) {
      const words = cosine(vectors.words(va, model), vectors.words(vb, model));
      const grams = cosine(vectors.grams(va, model), vectors.grams(vb, model));
      const score =
        (LABEL.words * words + LABEL.grams * grams) *
        Math.min(VIEW_WEIGHT[va.kind], VIEW_WEIGHT[vb.kind]) *
        (sameNumbers(va.tokens, vb.tokens) ? 1 : LABEL.otherNumbers);
      if (score > bestScore) {
        bestScore = score;
        bestPair = [va, vb];
      }
    }
  }
  if (!bestPair || bestScore < LABEL.similarityMin) return undefined;
  const predicate: MappingPredicate = bestScore >= LABEL.similarityClose ? 'closeMatch' : 'relatedMatch';
  return {
    matcher: 'label-similarity',
    predicate,
    confidence: predicate === 'closeMatch' ? Math.min(LABEL.closeCap, bestScore * LABEL.closeFactor) : bestScore * LABEL.relatedFactor,
    score: round(bestScore),
    measure: 'TF-IDF cosine (words and character trigrams)',
    justification: JUSTIFICATION.lexicalThreshold,
    matchString: `${bestPair[0].text} ~ ${bestPair[1].text}`,
  };
}

/** TF-IDF cosine of the definitions: supporting evidence, and a related match on its own when strong. */
export function definitionSimilarity(a: TermFeatures, b: TermFeatures, model: SimilarityModel, vectors: VectorCache): Evidence | undefined {
  if (a.definitionTokens.length < DEFINITION.minTokens || b.definitionTokens.length < DEFINITION.minTokens) return undefined;
  const score = cosine(vectors.definition(a, model), vectors.definition(b, model));
  if (score < DEFINITION.similarityMin) return undefined;
  return {
    matcher: 'definition-similarity',
    predicate: score >= DEFINITION.similarityClose ? 'closeMatch' : 'relatedMatch',
    confidence: Math.min(DEFINITION.cap, score * DEFINITION.factor),
    score: round(score),
    measure: 'TF-IDF cosine of definitions',
    justification: JUSTIFICATION.lexicalThreshold,
    matchString: '',
  };
}

/** Memoised vectors, so that a term's vectors are built once per run. */
export class VectorCache {
  private readonly wordVectors = new WeakMap<LabelView, SparseVector>();
  private readonly gramVectors = new WeakMap<LabelView, SparseVector>();
  private readonly definitionVectors = new WeakMap<TermFeatures, SparseVector>();

  words(view: LabelView, model: SimilarityModel): SparseVector {
    let v = this.wordVectors.get(view);
    if (!v) this.wordVectors.set(view, (v = model.words.vector(meaningful(view.tokens))));
    return v;
  }

  grams(view: LabelView, model: SimilarityModel): SparseVector {
    let v = this.gramVectors.get(view);
    if (!v) this.gramVectors.set(view, (v = model.grams.vector(charNgrams(view.tokens.join(' ')))));
    return v;
  }

  definition(features: TermFeatures, model: SimilarityModel): SparseVector {
    let v = this.definitionVectors.get(features);
    if (!v) this.definitionVectors.set(features, (v = model.definitions.vector(features.definitionTokens)));
    return v;
  }
}

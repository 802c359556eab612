/**
 * The matchers: pure functions from a pair of terms (their features) to evidence for a mapping. Each says
 * which SKOS predicate it supports, how sure it is, and how it knows (semapv justification, measure, match string).
 */
import type { MappingPredicate } from '../model/index.js';
import { cosine, type SparseVector, type TfIdf } from './tfidf.js';
import { JUSTIFICATION } from './mapping.js';
import { charNgrams, nounOf, STOPWORDS } from './label-normaliser.js';
import type { LabelView, TermFeatures } from './term-features.js';

export interface Evidence {
  matcher: string;
  predicate: MappingPredicate;
  /** How sure this evidence alone makes us, 0..1. */
  confidence: number;
  /** The similarity it measured, 0..1. */
  score: number;
  measure: string;
  justification: string;
  matchString: string;
  /** Preferred label against preferred label (or the same IRI): the strongest lexical evidence. */
  strict?: boolean;
  /**
   * For evidence of equivalence (it supports exactMatch), how direct it is: 0 the same IRI, 1 preferred label
   * = preferred label, 2 preferred = alternative label or the same words reordered or run together, 3 two
   * alternative labels, a label trimmed of a facet or parenthesis, an id, an acronym; half steps between them for
   * a label completed by its parent's head word (see impliedHead). Lower wins; a tie between two objects is an
   * ambiguity.
   */
  tier?: number;
  /** The facet dropped from the subject's label to make this match, to be checked against the object's ancestors. */
  facet?: string[];
}

/** Models the similarity matchers share: word and character n-gram TF-IDF over both vocabularies. */
export interface SimilarityModel {
  words: TfIdf;
  grams: TfIdf;
  definitions: TfIdf;
}

const VIEW_WEIGHT: Readonly<Record<LabelView['kind'], number>> = { pref: 1, alt: 0.95, id: 0.9, trimmed: 0.88, facet: 0.85, definition: 0.85 };

/** Tier of a label equality by the kinds of the two labels (see Evidence.tier). */
function viewTier(a: LabelView['kind'], b: LabelView['kind']): number {
  if (a === 'pref' && b === 'pref') return 1;
  if ((a === 'pref' && b === 'alt') || (a === 'alt' && b === 'pref')) return 2;
  return 3;
}

/** Same IRI: the two vocabularies name one concept. */
export function sameIri(a: TermFeatures, b: TermFeatures): Evidence | undefined {
  if (a.term.iri !== b.term.iri) return undefined;
  return {
    matcher: 'same-iri',
    predicate: 'exactMatch',
    confidence: 1,
    score: 1,
    measure: 'identical IRI',
    justification: JUSTIFICATION.lexical,
    matchString: a.term.iri,
    strict: true,
    tier: 0,
  };
}

/** Exact normalised label or alt label (case, accents, punctuation, Greek letters, number). */
export function exactLabel(a: TermFeatures, b: TermFeatures, plain = false): Evidence | undefined {
  let best: Evidence | undefined;
  const usable = (v: LabelView) => !plain || v.kind === 'pref' || v.kind === 'alt';
  for (const va of a.views.filter(usable)) {
    for (const vb of b.views.filter(usable)) {
      if (va.key !== vb.key) continue;
      const confidence = 0.95 * VIEW_WEIGHT[va.kind] * VIEW_WEIGHT[vb.kind];
      if (!best || confidence > best.confidence) {
        best = {
          matcher: 'exact-label',
          predicate: 'exactMatch',
          confidence,
          score: 1,
          measure: 'exact normalised label',
          justification: JUSTIFICATION.lexical,
          matchString: va.key,
          strict: va.kind === 'pref' && vb.kind === 'pref',
          tier: viewTier(va.kind, vb.kind),
          ...(va.facet ? { facet: va.facet } : {}),
        };
      }
    }
  }
  return best;
}

/** The same meaningful words in another order ("galaxies: spiral" ↔ "Spiral galaxies"). */
export function wordBag(a: TermFeatures, b: TermFeatures): Evidence | undefined {
  let best: Evidence | undefined;
  for (const va of a.views) {
    for (const vb of b.views) {
      if (va.bag === '' || va.bag !== vb.bag || va.key === vb.key) continue;
      const confidence = 0.9 * VIEW_WEIGHT[va.kind] * VIEW_WEIGHT[vb.kind];
      if (!best || confidence > best.confidence) {
        best = {
          matcher: 'word-bag',
          predicate: 'exactMatch',
          confidence,
          score: 1,
          measure: 'equal normalised word sets',
          justification: JUSTIFICATION.lexical,
          matchString: va.bag,
          tier: Math.min(3, viewTier(va.kind, vb.kind) + 1),
          ...(va.facet ? { facet: va.facet } : {}),
        };
      }
    }
  }
  return best;
}

/** The same letters with the words split differently: "MAINSEQUENCE STARS" ↔ "Main sequence stars", "Pre-main sequence" ↔ "premainsequence". */
export function compactLabel(a: TermFeatures, b: TermFeatures): Evidence | undefined {
  let best: Evidence | undefined;
  for (const va of a.views) {
    for (const vb of b.views) {
      if (va.compact.length < 6 || va.compact !== vb.compact || va.key === vb.key) continue;
      const confidence = 0.9 * VIEW_WEIGHT[va.kind] * VIEW_WEIGHT[vb.kind];
      if (!best || confidence > best.confidence) {
        best = {
          matcher: 'compact-label',
          predicate: 'exactMatch',
          confidence,
          score: 1,
          measure: 'equal labels but for word splits',
          justification: JUSTIFICATION.lexical,
          matchString: va.compact,
          tier: Math.min(3, viewTier(va.kind, vb.kind) + 1),
          ...(va.facet ? { facet: va.facet } : {}),
        };
      }
    }
  }
  return best;
}

/**
 * One label is the other plus a qualifier its own context already says: "Delta Scuti stars" ↔ "Delta Scuti
 * variable stars" under "Variable stars", "Evolutionary tracks" ↔ "Stellar evolutionary tracks" under "Stellar
 * evolution", "ISM: molecules" ↔ "Interstellar molecules" under "Interstellar medium". Thesauri differ in how
 * much of the parent they repeat in a child's label; the head word must be the same, and the qualifier must
 * come from the longer label's ancestors (or the shorter label's facet), so "Craters" ↔ "Lunar craters" holds
 * only where the lunar craters sit under something lunar. Both UAT crosswalks call most such pairs narrower
 * (as exactMatch they scored precision 0.21 and 0.35), so the longer label is the narrower concept here.
 */
export function impliedQualifier(
  a: TermFeatures,
  b: TermFeatures,
  contextA: ReadonlySet<string>,
  contextB: ReadonlySet<string>,
  ancestorsA: readonly TermFeatures[] = [],
  ancestorsB: readonly TermFeatures[] = [],
): Evidence | undefined {
  let best: Evidence | undefined;
  const nouns = (v: LabelView) => meaningful(v.tokens).map(nounOf);
  for (const va of a.views) {
    if (va.kind === 'definition') continue;
    for (const vb of b.views) {
      if (vb.kind === 'definition') continue;
      const wa = nouns(va);
      const wb = nouns(vb);
      const smallIsA = wa.length < wb.length;
      const extra = smallIsA ? qualifierOf(wa, wb) : qualifierOf(wb, wa);
      if (!extra) continue;
      const context = smallIsA ? contextB : contextA;
      const facetWords = (smallIsA ? va.facet : vb.facet) ?? [];
      const facet = new Set(facetWords.map(nounOf));
      if (!extra.every((w) => context.has(w) || facet.has(w))) continue;
      const same =
        facetWords.length > 0 &&
        (smallIsA ? vb : va).kind === 'pref' &&
        (smallIsA ? ancestorsB : ancestorsA).some((c) => namesConcept(facetWords, c) && extra.every((w) => conceptNouns(c).has(w)));
      // "ISM: magnetic fields" is about the interstellar ones: "Lunar magnetic fields" is a sibling, not narrower.
      if (facetWords.length > 0 && !same && !extra.every((w) => facet.has(w))) continue;
      const confidence = (same ? 0.8 : 0.75) * VIEW_WEIGHT[va.kind] * VIEW_WEIGHT[vb.kind];
      if (!best || confidence > best.confidence) {
        const measure = same
          ? 'equal labels but for a qualifier that restates the facet (the facet names an ancestor of the other term)'
          : 'equal labels but for a qualifier the context implies';
        best = {
          matcher: 'implied-qualifier',
          predicate: same ? 'exactMatch' : smallIsA ? 'narrowMatch' : 'broadMatch',
          confidence,
          score: round(Math.min(wa.length, wb.length) / Math.max(wa.length, wb.length)),
          measure,
          justification: JUSTIFICATION.structural,
          matchString: extra.join(' '),
          ...(same ? { tier: 3 } : {}),
        };
      }
    }
  }
  return best;
}

/**
 * A label that leaves its parent's head word unsaid: "Infrared" (or "Infrared: general") filed under the heading
 * "Sources" is "Infrared sources", not the infrared band. Where the other vocabulary's preferred label is exactly
 * this label plus the parent's head word, that is evidence of equivalence just short of equal preferred labels (the
 * heading is part of what the term says): it outranks the bare label matched as a word set or an alternative
 * label ("Infrared", "Gamma rays"), and yields to a literal preferred label ("Cosmic ray sources").
 */
export function impliedHead(a: TermFeatures, b: TermFeatures, parentsA: readonly TermFeatures[], parentsB: readonly TermFeatures[]): Evidence | undefined {
  return completes(a, b, parentsA) ?? completes(b, a, parentsB, true);
}

function completes(short: TermFeatures, long: TermFeatures, parents: readonly TermFeatures[], reversed = false): Evidence | undefined {
  const heads = headWords(parents);
  if (heads.length === 0) return undefined;
  const said = conceptNouns(short);
  for (const vs of short.views) {
    if (vs.kind === 'definition' || vs.kind === 'facet' || vs.text.includes(':')) continue;
    const words = meaningful(vs.tokens);
    if (words.length === 0) continue;
    for (const head of heads) {
      if (said.has(head)) continue;
      const key = [...words, head].join(' ');
      const vl = long.views.find((v) => (v.kind === 'pref' || v.kind === 'alt') && v.key === key);
      if (!vl) continue;
      const tier = vl.kind !== 'pref' ? 3 : vs.kind === 'pref' || vs.kind === 'trimmed' ? 1.5 : 2.5;
      return {
        matcher: 'implied-head',
        predicate: 'exactMatch',
        confidence: 0.8 * VIEW_WEIGHT[vs.kind] * VIEW_WEIGHT[vl.kind],
        score: 1,
        measure: `label completed by the head word of its parent ("${head}")`,
        justification: JUSTIFICATION.structural,
        matchString: reversed ? `${vl.text} = ${vs.text} + ${head}` : `${vs.text} + ${head} = ${vl.text}`,
        tier,
      };
    }
  }
  return undefined;
}

const headCache = new WeakMap<readonly TermFeatures[], string[]>();

/** The head words of a term's parents (the run's Context hands out one array per term, so this is worked out once per term). */
function headWords(parents: readonly TermFeatures[]): string[] {
  let heads = headCache.get(parents);
  if (!heads) headCache.set(parents, (heads = [...new Set(parents.map(headWord).filter((h): h is string => h !== undefined))]));
  return heads;
}

/** The head word of a concept's preferred label ("Sources" → source, "ISM, Nebulae" → nebula), if it is a word of meaning. */
function headWord(concept: TermFeatures): string | undefined {
  const pref = concept.views.find((v) => v.kind === 'pref');
  const words = pref ? meaningful(pref.tokens) : [];
  const head = words[words.length - 1];
  return head === undefined || /\d/.test(head) || head.length < 3 ? undefined : nounOf(head);
}

/**
 * Whether a facet ("ISM", "methods") names a concept: one of its labels, one of its acronyms, or the head word
 * of its preferred label ("methods" for "Astronomical methods").
 */
function namesConcept(facet: readonly string[], concept: TermFeatures): boolean {
  const key = facet.join(' ');
  if (concept.views.some((v) => (v.kind === 'pref' || v.kind === 'alt') && v.bag === key)) return true;
  if (facet.length !== 1) return false;
  if (concept.acronyms.includes(facet[0]!)) return true;
  const pref = concept.views.find((v) => v.kind === 'pref');
  return pref !== undefined && pref.tokens.length > 1 && pref.tokens[pref.tokens.length - 1] === facet[0];
}

const nounCache = new WeakMap<TermFeatures, Set<string>>();

/** The words (as nouns) of a concept's preferred and alternative labels. */
function conceptNouns(concept: TermFeatures): Set<string> {
  let nouns = nounCache.get(concept);
  if (!nouns)
    nounCache.set(concept, (nouns = new Set(concept.views.filter((v) => v.kind === 'pref' || v.kind === 'alt').flatMap((v) => v.tokens.map(nounOf)))));
  return nouns;
}

/** The one or two words `large` adds to `small` (same head word, `small`'s words in order), if that is all it adds. */
function qualifierOf(small: readonly string[], large: readonly string[]): string[] | undefined {
  if (small.length === 0 || large.length - small.length < 1 || large.length - small.length > 2) return undefined;
  if (small[small.length - 1] !== large[large.length - 1]) return undefined;
  const extra: string[] = [];
  let i = 0;
  for (const w of large) {
    if (i < small.length && w === small[i]) i++;
    else extra.push(w);
  }
  if (i < small.length || extra.some((w) => /\d/.test(w))) return undefined;
  return extra;
}

/** An acronym against its expansion (GSE ↔ Geocentric Solar Ecliptic), in either direction. */
export function acronym(a: TermFeatures, b: TermFeatures): Evidence | undefined {
  const hit = a.acronyms.find((x) => b.expansions.includes(x)) ?? b.acronyms.find((x) => a.expansions.includes(x));
  if (!hit) return undefined;
  return {
    matcher: 'acronym',
    predicate: 'exactMatch',
    confidence: 0.75,
    score: 1,
    measure: 'acronym of the label initials',
    justification: JUSTIFICATION.lexical,
    matchString: hit.toUpperCase(),
    tier: 3,
  };
}

/**
 * One label's words inside the other's, sharing the head word: "Spiral galaxies" ⊂ "Barred spiral galaxies",
 * so the second is narrower (subject skos:narrowMatch object).
 */
export function containment(a: TermFeatures, b: TermFeatures): Evidence | undefined {
  let best: Evidence | undefined;
  for (const va of a.views) {
    for (const vb of b.views) {
      const wa = meaningful(va.tokens);
      const wb = meaningful(vb.tokens);
      if (wa.length === 0 || wb.length === 0 || wa.length === wb.length) continue;
      const [small, large] = wa.length < wb.length ? [wa, wb] : [wb, wa];
      if (!small.every((w) => large.includes(w)) || !large.includes(small[small.length - 1]!)) continue;
      const head = small[small.length - 1]!;
      const faceted = (wa.length < wb.length ? vb : va).text.includes(':');
      if (large[large.length - 1] !== head && !(faceted && large[0] === head)) continue;
      const predicate: MappingPredicate = wa.length < wb.length ? 'narrowMatch' : 'broadMatch';
      const confidence = 0.65 * (small.length / large.length) ** 0.3 * VIEW_WEIGHT[va.kind] * VIEW_WEIGHT[vb.kind];
      if (!best || confidence > best.confidence) {
        best = {
          matcher: 'containment',
          predicate,
          confidence,
          score: small.length / large.length,
          measure: 'word containment',
          justification: JUSTIFICATION.lexical,
          matchString: small.join(' '),
        };
      }
    }
  }
  return best;
}

/** Labels that carry different numbers name different things (Apollo 10 and Apollo 12, DSS 13 and DSS 14). */
function sameNumbers(a: readonly string[], b: readonly string[]): boolean {
  const na = a.filter((t) => /\d/.test(t));
  const nb = b.filter((t) => /\d/.test(t));
  if (na.length === 0 || nb.length === 0) return true;
  return na.length === nb.length && na.every((t) => nb.includes(t));
}

function meaningful(tokens: readonly string[]): string[] {
  return tokens.filter((t) => !STOPWORDS.has(t));
}

/** Word and character-trigram TF-IDF cosine over the best pair of labels. */
export function labelSimilarity(a: TermFeatures, b: TermFeatures, model: SimilarityModel, vectors: VectorCache): Evidence | undefined {
  let bestScore = 0;
  let bestPair: [LabelView, LabelView] | undefined;
  for (const va of a.views) {
    for (const vb of b.views) {
      const words = cosine(vectors.words(va, model), vectors.words(vb, model));
      const grams = cosine(vectors.grams(va, model), vectors.grams(vb, model));
      const score = (0.5 * words + 0.5 * grams) * Math.min(VIEW_WEIGHT[va.kind], VIEW_WEIGHT[vb.kind]) * (sameNumbers(va.tokens, vb.tokens) ? 1 : 0.6);
      if (score > bestScore) {
        bestScore = score;
        bestPair = [va, vb];
      }
    }
  }
  if (!bestPair || bestScore < 0.7) return undefined;
  const predicate: MappingPredicate = bestScore >= 0.85 ? 'closeMatch' : 'relatedMatch';
  return {
    matcher: 'label-similarity',
    predicate,
    confidence: predicate === 'closeMatch' ? Math.min(0.85, bestScore * 0.9) : bestScore * 0.8,
    score: round(bestScore),
    measure: 'TF-IDF cosine (words and character trigrams)',
    justification: JUSTIFICATION.lexicalThreshold,
    matchString: `${bestPair[0].text} ~ ${bestPair[1].text}`,
  };
}

/** TF-IDF cosine of the definitions: supporting evidence, and a related match on its own when strong. */
export function definitionSimilarity(a: TermFeatures, b: TermFeatures, model: SimilarityModel, vectors: VectorCache): Evidence | undefined {
  if (a.definitionTokens.length < 3 || b.definitionTokens.length < 3) return undefined;
  const score = cosine(vectors.definition(a, model), vectors.definition(b, model));
  if (score < 0.35) return undefined;
  return {
    matcher: 'definition-similarity',
    predicate: score >= 0.9 ? 'closeMatch' : 'relatedMatch',
    confidence: Math.min(0.75, score * 0.75),
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

export const round = (n: number): number => Math.round(n * 1000) / 1000;

/**
 * The numbers that tune matching, in one place: thresholds, margins and weights of blocking, of combining the
 * matchers' evidence and of the refinements after it. They were set on the development gold sets (the UAT
 * crosswalks of ASK and IAUT; `npm run bench:mappings` prints the figures they give); changing one changes the
 * candidates, so MATCHER_VERSION moves with it.
 */
import type { LabelView } from './term-features.js';

export const MATCH_TUNING = {
  /** Candidates below this confidence are not proposed. */
  minConfidence: 0.6,
  /**
   * How many tiers the runner-up must trail the best evidence of equivalence by for the best to stand as
   * exactMatch (0: only ties are ambiguous). Margins 1 and 2 scored lower exact F1 on both gold sets.
   */
  exactMargin: 0,
  /** How much a label counts by its kind: a preferred label fully, an id or a label trimmed of a facet less. */
  viewWeight: { pref: 1, alt: 0.95, id: 0.9, trimmed: 0.88, facet: 0.85, definition: 0.85 } satisfies Readonly<Record<LabelView['kind'], number>>,
  blocking: {
    /** A word shared with more targets than max(minPosting, postingShare × targets) is too common to block on. */
    minPosting: 60,
    postingShare: 0.03,
    /** Character trigrams may be this many times more common than words. */
    gramPostingFactor: 3,
    /** A target must share max(minSharedGrams, sharedGramShare × the subject's trigrams) trigrams… */
    minSharedGrams: 3,
    sharedGramShare: 0.4,
    /** …and be among the gramCandidates targets sharing the most. */
    gramCandidates: 15,
  },
  /** Agreeing evidence raises the confidence by `agreement × its confidence × what is left` (a damped noisy-or), up to maxConfidence. */
  combine: { agreement: 0.3, maxConfidence: 0.99 },
  /** Each lexical matcher's confidence, before the weights of the two labels it matched (viewWeight) scale it. */
  matcher: {
    exactLabel: 0.95,
    wordBag: 0.9,
    compactLabel: 0.9,
    acronym: 0.75,
    /** Containment: `containment × (shorter / longer words)^containmentLength`. */
    containment: 0.65,
    containmentLength: 0.3,
    /** A qualifier an ancestor of the longer label names as a concept (`Named`), or one its words merely contain. */
    impliedQualifierNamed: 0.8,
    impliedQualifier: 0.75,
    impliedHead: 0.8,
  },
  label: {
    /** Label similarity is `words × word cosine + grams × trigram cosine`, scaled by the lower label weight. */
    words: 0.5,
    grams: 0.5,
    /** Label similarity below `min` is no evidence; from `close` it supports closeMatch, below it relatedMatch. */
    similarityMin: 0.7,
    similarityClose: 0.85,
    /** Confidence: min(closeCap, closeFactor × similarity) for a closeMatch, relatedFactor × similarity otherwise. */
    closeCap: 0.85,
    closeFactor: 0.9,
    relatedFactor: 0.8,
    /** A pair of labels carrying different numbers scores this fraction of its similarity. */
    otherNumbers: 0.6,
  },
  definition: {
    /** Definitions of fewer meaningful words are not compared. */
    minTokens: 3,
    /** Definition similarity below `min` is no evidence; from `close` it supports closeMatch on its own. */
    similarityMin: 0.35,
    similarityClose: 0.9,
    /** Confidence: min(cap, factor × similarity). */
    cap: 0.75,
    factor: 0.75,
  },
  /** A facet match whose facet names an ancestor of the object gains `confirmed`; otherwise it is only related, its confidence × unconfirmed. */
  facet: { confirmed: 0.3, unconfirmed: 0.8 },
  /** A match moved from a deprecated object to its replacement keeps `redirected` of its confidence; one with no replacement `unreplaced`. */
  deprecated: { redirected: 0.95, unreplaced: 0.8 },
  structural: {
    /** An exactMatch this confident counts as a mapped pair of parents. */
    strongExact: 0.8,
    /** Mapped parents raise the confidence as agreeing evidence of this weight does. */
    agreement: 0.3,
    /** A parent mapped to a child multiplies the confidence by this. */
    conflict: 0.75,
  },
  /** An ambiguous exactMatch becomes a closeMatch with this fraction of its confidence. */
  ambiguousExact: 0.9,
} as const;

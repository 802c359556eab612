/** What a matcher says about a pair of terms, and the helpers every matcher shares. */
import type { MappingPredicate } from '../model/index.js';
import { STOPWORDS } from './label-normaliser.js';
import type { LabelView } from './term-features.js';

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

/** Tier of a label equality by the kinds of the two labels (see Evidence.tier). */
export function viewTier(a: LabelView['kind'], b: LabelView['kind']): number {
  if (a === 'pref' && b === 'pref') return 1;
  if ((a === 'pref' && b === 'alt') || (a === 'alt' && b === 'pref')) return 2;
  return 3;
}

/** The words of a label that carry meaning (stopwords dropped). */
export function meaningful(tokens: readonly string[]): string[] {
  return tokens.filter((t) => !STOPWORDS.has(t));
}

/** Scores and confidences as SSSOM rows write them: three decimals. */
export const round = (n: number): number => Math.round(n * 1000) / 1000;

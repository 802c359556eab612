/** A scored pair: the matchers' evidence combined into one predicate and confidence. */
import type { MappingPredicate } from '../model/index.js';
import type { Evidence } from './evidence.js';
import { MATCH_TUNING } from './matching-tuning.js';
import type { TermFeatures } from './term-features.js';

export interface Scored {
  a: TermFeatures;
  b: TermFeatures;
  predicate: MappingPredicate;
  confidence: number;
  evidence: Evidence[];
  /** Tier of the evidence of equivalence behind an exactMatch (see Evidence.tier). */
  tier?: number;
}

export const pairKey = (subject: string, object: string): string => `${subject}\n${object}`;
export const tripleKey = (subject: string, predicate: string, object: string): string => `${subject}\n${predicate}\n${object}`;

const PREDICATE_RANK: Readonly<Record<MappingPredicate, number>> = { exactMatch: 4, closeMatch: 3, narrowMatch: 2, broadMatch: 2, relatedMatch: 1 };

/**
 * Evidence of equivalence (a label equality of some tier) decides exactMatch, however high a fuzzy similarity
 * scores: a similarity never outranks an equality. Without it the strongest evidence decides. Agreeing evidence
 * from other matchers raises the confidence (a damped noisy-or).
 */
export function combine(a: TermFeatures, b: TermFeatures, evidence: Evidence[]): Scored | undefined {
  if (evidence.length === 0) return undefined;
  const equalities = evidence.filter((e) => e.tier !== undefined).sort((x, y) => x.tier! - y.tier! || y.confidence - x.confidence);
  const sorted = [...evidence].sort((x, y) => y.confidence - x.confidence || PREDICATE_RANK[y.predicate] - PREDICATE_RANK[x.predicate]);
  const primary = equalities[0] ?? sorted[0]!;
  let confidence = primary.confidence;
  const used = [primary];
  for (const e of sorted) {
    if (e === primary) continue;
    const agrees =
      e.predicate === primary.predicate ||
      e.matcher === 'definition-similarity' ||
      (PREDICATE_RANK[e.predicate] >= 3 && PREDICATE_RANK[primary.predicate] >= 3);
    if (!agrees || e.matcher === primary.matcher) continue;
    if (e.tier !== undefined && e.matcher !== 'acronym') continue;
    confidence += MATCH_TUNING.combine.agreement * e.confidence * (1 - confidence);
    used.push(e);
  }
  return {
    a,
    b,
    predicate: primary.predicate,
    confidence: Math.min(MATCH_TUNING.combine.maxConfidence, confidence),
    evidence: used,
    ...(primary.tier !== undefined ? { tier: primary.tier } : {}),
  };
}

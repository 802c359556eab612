/** The lexical matchers: the same IRI, equal labels (exactly, as a word set, run together), acronyms, containment. */
import type { MappingPredicate } from '../model/index.js';
import { JUSTIFICATION } from './mapping.js';
import { meaningful, viewTier, type Evidence } from './evidence.js';
import { MATCH_TUNING } from './matching-tuning.js';
import type { LabelView, TermFeatures } from './term-features.js';

const { viewWeight: VIEW_WEIGHT, matcher: CONFIDENCE } = MATCH_TUNING;

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

/**
 * The most confident evidence over the pairs of label views that `matches` accepts: each pair's confidence is `base`
 * weighted by the kinds of its two views (preferred, alt, trimmed…), and `evidence` describes the best pair.
 */
function bestViewPair(
  aViews: readonly LabelView[],
  bViews: readonly LabelView[],
  base: number,
  matches: (va: LabelView, vb: LabelView) => boolean,
  evidence: (va: LabelView, vb: LabelView, confidence: number) => Evidence,
): Evidence | undefined {
  let best: Evidence | undefined;
  for (const va of aViews) {
    for (const vb of bViews) {
      if (!matches(va, vb)) continue;
      const confidence = base * VIEW_WEIGHT[va.kind] * VIEW_WEIGHT[vb.kind];
      if (!best || confidence > best.confidence) best = evidence(va, vb, confidence);
    }
  }
  return best;
}

/** Exact normalised label or alt label (case, accents, punctuation, Greek letters, number). */
export function exactLabel(a: TermFeatures, b: TermFeatures, plain = false): Evidence | undefined {
  const usable = (v: LabelView) => !plain || v.kind === 'pref' || v.kind === 'alt';
  return bestViewPair(
    a.views.filter(usable),
    b.views.filter(usable),
    CONFIDENCE.exactLabel,
    (va, vb) => va.key === vb.key,
    (va, vb, confidence) => ({
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
    }),
  );
}

/** The same meaningful words in another order ("galaxies: spiral" ↔ "Spiral galaxies"). */
export function wordBag(a: TermFeatures, b: TermFeatures): Evidence | undefined {
  return bestViewPair(
    a.views,
    b.views,
    CONFIDENCE.wordBag,
    (va, vb) => va.bag !== '' && va.bag === vb.bag && va.key !== vb.key,
    (va, vb, confidence) => ({
      matcher: 'word-bag',
      predicate: 'exactMatch',
      confidence,
      score: 1,
      measure: 'equal normalised word sets',
      justification: JUSTIFICATION.lexical,
      matchString: va.bag,
      tier: Math.min(3, viewTier(va.kind, vb.kind) + 1),
      ...(va.facet ? { facet: va.facet } : {}),
    }),
  );
}

/** The same letters with the words split differently: "MAINSEQUENCE STARS" ↔ "Main sequence stars", "Pre-main sequence" ↔ "premainsequence". */
export function compactLabel(a: TermFeatures, b: TermFeatures): Evidence | undefined {
  return bestViewPair(
    a.views,
    b.views,
    CONFIDENCE.compactLabel,
    (va, vb) => va.compact.length >= 6 && va.compact === vb.compact && va.key !== vb.key,
    (va, vb, confidence) => ({
      matcher: 'compact-label',
      predicate: 'exactMatch',
      confidence,
      score: 1,
      measure: 'equal labels but for word splits',
      justification: JUSTIFICATION.lexical,
      matchString: va.compact,
      tier: Math.min(3, viewTier(va.kind, vb.kind) + 1),
      ...(va.facet ? { facet: va.facet } : {}),
    }),
  );
}

/** An acronym against its expansion (GSE ↔ Geocentric Solar Ecliptic), in either direction. */
export function acronym(a: TermFeatures, b: TermFeatures): Evidence | undefined {
  const hit = a.acronyms.find((x) => b.expansions.includes(x)) ?? b.acronyms.find((x) => a.expansions.includes(x));
  if (!hit) return undefined;
  return {
    matcher: 'acronym',
    predicate: 'exactMatch',
    confidence: CONFIDENCE.acronym,
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
      const confidence = CONFIDENCE.containment * (small.length / large.length) ** CONFIDENCE.containmentLength * VIEW_WEIGHT[va.kind] * VIEW_WEIGHT[vb.kind];
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

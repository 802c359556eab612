/**
 * Refinements after scoring, which look beyond one pair: a facet checked against the object's ancestors, a
 * deprecated object replaced, mapped parents, and one unambiguous exactMatch per subject and per object.
 */
import { nounOf } from './label-normaliser.js';
import { JUSTIFICATION } from './mapping.js';
import { pairKey, type Scored } from './candidate-evidence.js';
import type { Evidence } from './evidence.js';
import { MATCH_TUNING } from './matching-tuning.js';
import type { TermContext } from './term-context.js';
import type { TermFeatures } from './term-features.js';

/** All refinements, in order; `targets` are the run's object terms, `context` their vocabulary's context. */
export function refine(scored: Scored[], context: TermContext, targets: readonly TermFeatures[], equivalent: ReadonlySet<string>, exactMargin: number): void {
  facets(scored, context);
  redirectDeprecated(scored, targets);
  structural(scored, equivalent);
  oneBestExact(scored, exactMargin);
}

/**
 * A match made by dropping the subject's facet ("stars: magnetars" = "Magnetars") holds when the object
 * sits under something the facet names (Magnetars under ... Stars); otherwise the facet qualified the
 * term ("X-rays: ISM" is not the interstellar medium) and the match is only related.
 */
function facets(scored: Scored[], context: TermContext): void {
  for (const s of scored) {
    const facet = s.evidence[0]?.facet;
    if (!facet || s.predicate !== 'exactMatch') continue;
    const words = context.words(s.b);
    const own = new Set(s.b.views.flatMap((v) => v.tokens.map(nounOf)));
    if (facet.some((w) => words.has(nounOf(w)) || own.has(nounOf(w)))) {
      s.evidence.push({
        matcher: 'structural',
        predicate: s.predicate,
        confidence: MATCH_TUNING.facet.confirmed,
        score: 1,
        measure: 'facet names an ancestor',
        justification: JUSTIFICATION.structural,
        matchString: facet.join(' '),
      });
    } else {
      s.predicate = 'relatedMatch';
      s.confidence *= MATCH_TUNING.facet.unconfirmed;
      delete s.tier;
    }
  }
}

/**
 * VocInVO2 term lifecycle (ivoasem:deprecated, ivoasem:useInstead): a deprecated term is not to be used. A match to a deprecated object
 * that names a replacement moves to the replacement (when the run has it); a match to one without a
 * replacement is no equivalence to offer, at most a close match.
 */
function redirectDeprecated(scored: Scored[], targets: readonly TermFeatures[]): void {
  const byIri = new Map(targets.map((t) => [t.term.iri, t]));
  const byPair = new Map(scored.map((s) => [pairKey(s.a.term.iri, s.b.term.iri), s]));
  const stronger = (x: Scored, y: Scored) => (x.tier ?? 9) < (y.tier ?? 9) || ((x.tier ?? 9) === (y.tier ?? 9) && x.confidence > y.confidence);
  for (let i = scored.length - 1; i >= 0; i--) {
    const s = scored[i]!;
    if (!s.b.deprecated) continue;
    const replacement = s.b.term.useInstead.map((iri) => byIri.get(iri)).find((t) => t !== undefined && !t.deprecated);
    if (replacement) {
      scored.splice(i, 1);
      const via: Evidence = {
        matcher: 'use-instead',
        predicate: s.predicate,
        confidence: 0,
        score: 1,
        measure: `replacement (useInstead) of the deprecated ${s.b.term.iri}`,
        justification: JUSTIFICATION.structural,
        matchString: s.b.term.labels[0] ?? '',
      };
      const moved: Scored = {
        ...s,
        b: replacement,
        confidence: s.confidence * MATCH_TUNING.deprecated.redirected,
        evidence: [...s.evidence, via],
        ...(s.tier !== undefined ? { tier: s.tier + 1 } : {}),
      };
      const existing = byPair.get(pairKey(s.a.term.iri, replacement.term.iri));
      if (!existing) {
        scored.push(moved);
        byPair.set(pairKey(s.a.term.iri, replacement.term.iri), moved);
      } else if (stronger(moved, existing)) Object.assign(existing, moved);
    } else if (s.predicate === 'exactMatch') {
      s.predicate = 'closeMatch';
      s.confidence *= MATCH_TUNING.deprecated.unreplaced;
      delete s.tier;
    } else s.confidence *= MATCH_TUNING.deprecated.unreplaced;
  }
}

/** Mapped parents raise the confidence of an exact or close match; a parent mapped to a child (a conflict) lowers it. */
function structural(scored: Scored[], equivalent: ReadonlySet<string>): void {
  const strong = new Set(equivalent);
  for (const s of scored)
    if (s.predicate === 'exactMatch' && s.confidence >= MATCH_TUNING.structural.strongExact) strong.add(pairKey(s.a.term.iri, s.b.term.iri));
  for (const s of scored) {
    const pa = s.a.term.parents;
    const pb = s.b.term.parents;
    const agree = pa.some((x) => pb.some((y) => strong.has(pairKey(x, y))));
    const conflict =
      pa.some((x) => s.b.term.children.some((y) => strong.has(pairKey(x, y)))) || s.a.term.children.some((x) => pb.some((y) => strong.has(pairKey(x, y))));
    if (agree) {
      s.confidence = Math.min(MATCH_TUNING.combine.maxConfidence, s.confidence + MATCH_TUNING.structural.agreement * (1 - s.confidence));
      s.evidence.push({
        matcher: 'structural',
        predicate: s.predicate,
        confidence: MATCH_TUNING.structural.agreement,
        score: 1,
        measure: 'mapped parents',
        justification: JUSTIFICATION.structural,
        matchString: '',
      });
    }
    if (conflict) {
      s.confidence *= MATCH_TUNING.structural.conflict;
      s.evidence.push({
        matcher: 'structural-conflict',
        predicate: s.predicate,
        confidence: 0,
        score: 0,
        measure: 'parent mapped to a child',
        justification: JUSTIFICATION.structural,
        matchString: '',
      });
    }
  }
}

/**
 * Equivalence must be unambiguous: a subject's exactMatch stands only when one object has the most direct
 * evidence (the lowest tier) and every other object's evidence trails it by more than EXACT_MARGIN tiers.
 * Otherwise — two objects with the same preferred label, or an alternative label shared by several — each
 * becomes a closeMatch, for a person to choose. Seen from the object, a subject that reaches it less directly
 * than another subject does ("STAR DISTRIBUTION" through an alternative label of Star counts, which "STAR
 * COUNTS" names) is a closeMatch too; subjects that reach it equally directly (two spellings in the source,
 * "COMA" and "COMAS") both stand.
 */
function oneBestExact(scored: Scored[], margin: number): void {
  const equalities = scored.filter((s) => s.predicate === 'exactMatch' && s.tier !== undefined);
  const demote = (s: Scored) => {
    s.predicate = 'closeMatch';
    s.confidence *= MATCH_TUNING.ambiguousExact;
  };
  for (const list of groupBy(equalities, (s) => s.a.term.iri)) {
    list.sort((x, y) => x.tier! - y.tier! || y.confidence - x.confidence);
    const [best, second] = list;
    const tied = second !== undefined && second.tier! - best!.tier! <= margin;
    if (tied) list.forEach(demote);
    else list.slice(1).forEach(demote);
  }
  for (const list of groupBy(equalities, (s) => s.b.term.iri)) {
    const standing = list.filter((s) => s.predicate === 'exactMatch');
    const best = Math.min(...standing.map((s) => s.tier!));
    for (const s of standing) if (s.tier! > best) demote(s);
  }
}

function groupBy<T>(items: readonly T[], key: (item: T) => string): T[][] {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    const list = groups.get(k);
    if (list) list.push(item);
    else groups.set(k, [item]);
  }
  return [...groups.values()];
}

/** The matchers that read a term's place in its vocabulary: a qualifier or a head word its ancestors already say. */
import { nounOf } from './label-normaliser.js';
import { JUSTIFICATION } from './mapping.js';
import { meaningful, round, type Evidence } from './evidence.js';
import { MATCH_TUNING } from './matching-tuning.js';
import type { LabelView, TermFeatures } from './term-features.js';

const { viewWeight: VIEW_WEIGHT, matcher: CONFIDENCE } = MATCH_TUNING;

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
      const confidence = (same ? CONFIDENCE.impliedQualifierNamed : CONFIDENCE.impliedQualifier) * VIEW_WEIGHT[va.kind] * VIEW_WEIGHT[vb.kind];
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
        confidence: CONFIDENCE.impliedHead * VIEW_WEIGHT[vs.kind] * VIEW_WEIGHT[vl.kind],
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

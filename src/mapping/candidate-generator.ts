/**
 * Candidate generation: blocking (an index over normalised labels, words, acronyms and character
 * trigrams of the target vocabulary) picks the pairs worth scoring; the matchers score them; the combined
 * evidence decides predicate and confidence; structural evidence (mapped parents) adjusts it.
 */
import type { MappingPredicate, Term } from '../model/index.js';
import { nounOf, STOPWORDS } from './label-normaliser.js';
import { JUSTIFICATION, mappingKey, predicateIri, MAPPING_RECORD_BASE, type Mapping } from './mapping.js';
import {
  acronym,
  compactLabel,
  containment,
  definitionSimilarity,
  exactLabel,
  impliedHead,
  impliedQualifier,
  labelSimilarity,
  round,
  sameIri,
  VectorCache,
  wordBag,
  type Evidence,
  type SimilarityModel,
} from './matchers.js';
import { capitalStyle, termFeatures, type TermFeatures } from './term-features.js';
import { TfIdf } from './tfidf.js';

export const MATCHER_TOOL = 'astrovoc-matcher';
export const MATCHER_VERSION = '1.2.1';
/** Candidates below this confidence are not proposed. */
export const DEFAULT_MIN_CONFIDENCE = 0.6;

/** One side of a matching run: terms plus where they come from. */
export interface MatchInput {
  terms: readonly Term[];
  /** Further terms of the same vocabulary that are not matched but give context (the headings a term is filed under). */
  context?: readonly Term[];
  /** Source IRI (the vocabulary IRI) and version, for subject_source / object_source. */
  source?: string;
  version?: string;
}

export interface MatchOptions {
  minConfidence?: number;
  /** `subject \n predicate \n object` of rejected suggestions: never proposed again. */
  suppressed?: ReadonlySet<string>;
  /** `subject \n object` pairs some accepted or source-asserted mapping already links: not proposed twice. */
  known?: ReadonlySet<string>;
  /** Pairs (`subject \n object`) known to be equivalent, for structural evidence (accepted, source-asserted). */
  equivalent?: ReadonlySet<string>;
  /** How many tiers the runner-up must trail the best evidence of equivalence by (default EXACT_MARGIN: ties only). */
  exactMargin?: number;
  /** Only the exact normalised label matcher (the evaluation baseline). */
  baseline?: boolean;
  /** Score every pair, without blocking (to measure what blocking saves). */
  exhaustive?: boolean;
  date?: string;
  onProgress?: (done: number, total: number) => void;
}

export interface MatchResult {
  mappings: Mapping[];
  pairsScored: number;
}

interface Scored {
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

export function computeCandidates(source: MatchInput, target: MatchInput, options: MatchOptions = {}): MatchResult {
  const run = candidateRun(source, target, options);
  for (;;) {
    const step = run.next();
    if (step.done) return step.value;
  }
}

/**
 * The same, giving the event loop back after every slice of subjects (a few milliseconds of scoring), so that a
 * server computing candidates inside a request keeps answering others.
 */
export async function computeCandidatesAsync(source: MatchInput, target: MatchInput, options: MatchOptions = {}): Promise<MatchResult> {
  const run = candidateRun(source, target, options);
  for (;;) {
    const step = run.next();
    if (step.done) return step.value;
    await new Promise<void>((resolve) => setImmediate(resolve));
  }
}

/** Subjects scored between two yields. */
const SLICE = 10;

function* candidateRun(source: MatchInput, target: MatchInput, options: MatchOptions): Generator<void, MatchResult> {
  const minConfidence = options.minConfidence ?? DEFAULT_MIN_CONFIDENCE;
  const acronymsA = !capitalStyle(source.terms);
  const acronymsB = !capitalStyle(target.terms);
  const A = yield* featuresOf(source.terms, acronymsA);
  const B = yield* featuresOf(target.terms, acronymsB);
  const model = yield* similarityModel([...A, ...B]);
  const vectors = new VectorCache();
  const blocks = new Blocking(B);
  const contextA = new Context([...A, ...(source.context ?? []).map((t) => termFeatures(t, { acronyms: acronymsA }))]);
  const contextB = new Context([...B, ...(target.context ?? []).map((t) => termFeatures(t, { acronyms: acronymsB }))]);

  const scored: Scored[] = [];
  let pairsScored = 0;
  for (const [i, a] of A.entries()) {
    for (const bi of options.exhaustive ? B.keys() : blocks.candidates(a, options.baseline ?? false)) {
      const b = B[bi]!;
      if (options.known?.has(pairKey(a.term.iri, b.term.iri))) continue;
      pairsScored++;
      const evidence = options.baseline
        ? [exactLabel(a, b, true)]
        : [
            sameIri(a, b),
            exactLabel(a, b),
            wordBag(a, b),
            compactLabel(a, b),
            acronym(a, b),
            impliedQualifier(a, b, contextA.words(a), contextB.words(b), contextA.ancestors(a), contextB.ancestors(b)),
            impliedHead(a, b, contextA.parents(a), contextB.parents(b)),
            containment(a, b),
            labelSimilarity(a, b, model, vectors),
            definitionSimilarity(a, b, model, vectors),
          ];
      const combined = combine(
        a,
        b,
        evidence.filter((e): e is Evidence => e !== undefined),
      );
      if (combined) scored.push(combined);
    }
    if (i % SLICE === SLICE - 1 || i === A.length - 1) {
      options.onProgress?.(i + 1, A.length);
      yield;
    }
  }
  if (!options.baseline) {
    facets(scored, contextB);
    redirectDeprecated(scored, B);
    structural(scored, options.equivalent ?? new Set());
    oneBestExact(scored, options.exactMargin ?? EXACT_MARGIN);
  }
  const mappings = scored
    .filter((s) => s.confidence >= minConfidence)
    .filter((s) => !options.suppressed?.has(tripleKey(s.a.term.iri, predicateIri(s.predicate), s.b.term.iri)))
    .sort((x, y) => (x.a.term.iri < y.a.term.iri ? -1 : x.a.term.iri > y.a.term.iri ? 1 : y.confidence - x.confidence))
    .map((s) => toMapping(s, source, target, options.date ?? new Date().toISOString().slice(0, 10)));
  return { mappings, pairsScored };
}

/** Terms read once for matching, yielding between slices. */
function* featuresOf(terms: readonly Term[], acronyms: boolean): Generator<void, TermFeatures[]> {
  const out: TermFeatures[] = [];
  for (const [i, t] of terms.entries()) {
    out.push(termFeatures(t, { acronyms }));
    if (i % (SLICE * 20) === SLICE * 20 - 1) yield;
  }
  return out;
}

function* similarityModel(all: readonly TermFeatures[]): Generator<void, SimilarityModel> {
  const words = new TfIdf();
  const grams = new TfIdf();
  const definitions = new TfIdf();
  for (const [i, f] of all.entries()) {
    words.add(f.views.flatMap((v) => v.tokens.filter((t) => !STOPWORDS.has(t))));
    grams.add(f.grams);
    definitions.add(f.definitionTokens);
    if (i % (SLICE * 20) === SLICE * 20 - 1) yield;
  }
  return { words, grams, definitions };
}

/** Blocking: which target terms share something rare enough with a source term to be worth scoring. */
class Blocking {
  private readonly byKey = new Map<string, number[]>();
  private readonly byWord = new Map<string, number[]>();
  private readonly byGram = new Map<string, number[]>();
  private readonly byAcronym = new Map<string, number[]>();
  private readonly byExpansion = new Map<string, number[]>();
  private readonly maxPosting: number;

  constructor(private readonly targets: readonly TermFeatures[]) {
    this.maxPosting = Math.max(60, Math.ceil(targets.length * 0.03));
    targets.forEach((t, i) => {
      for (const v of t.views) {
        push(this.byKey, v.key, i);
        push(this.byKey, `bag:${v.bag}`, i);
        for (const w of new Set(v.tokens)) if (!STOPWORDS.has(w)) push(this.byWord, w, i);
      }
      for (const g of t.grams) push(this.byGram, g, i);
      for (const x of t.acronyms) push(this.byAcronym, x, i);
      for (const x of t.expansions) push(this.byExpansion, x, i);
      push(this.byKey, `iri:${t.term.iri}`, i);
    });
  }

  candidates(a: TermFeatures, baseline: boolean): Set<number> {
    const out = new Set<number>();
    const addAll = (list: readonly number[] | undefined) => list?.forEach((i) => out.add(i));
    for (const v of a.views) addAll(this.byKey.get(v.key));
    if (baseline) return out;
    addAll(this.byKey.get(`iri:${a.term.iri}`));
    for (const v of a.views) {
      addAll(this.byKey.get(`bag:${v.bag}`));
      for (const w of new Set(v.tokens)) {
        const posting = this.byWord.get(w);
        if (posting && posting.length <= this.maxPosting) addAll(posting);
      }
    }
    for (const x of a.acronyms) addAll(this.byExpansion.get(x));
    for (const x of a.expansions) addAll(this.byAcronym.get(x));
    const shared = new Map<number, number>();
    for (const g of a.grams) {
      const posting = this.byGram.get(g);
      if (!posting || posting.length > this.maxPosting * 3) continue;
      for (const i of posting) shared.set(i, (shared.get(i) ?? 0) + 1);
    }
    const needed = Math.max(3, a.grams.length * 0.4);
    [...shared.entries()]
      .filter(([, n]) => n >= needed)
      .sort((x, y) => y[1] - x[1])
      .slice(0, 15)
      .forEach(([i]) => out.add(i));
    return out;
  }
}

function push(map: Map<string, number[]>, key: string, value: number): void {
  if (key === '' || key === 'bag:') return;
  const list = map.get(key);
  if (!list) map.set(key, [value]);
  else if (list[list.length - 1] !== value) list.push(value);
}

const PREDICATE_RANK: Readonly<Record<MappingPredicate, number>> = { exactMatch: 4, closeMatch: 3, narrowMatch: 2, broadMatch: 2, relatedMatch: 1 };

/**
 * Evidence of equivalence (a label equality of some tier) decides exactMatch, however high a fuzzy similarity
 * scores: a similarity never outranks an equality. Without it the strongest evidence decides. Agreeing evidence
 * from other matchers raises the confidence (a damped noisy-or).
 */
function combine(a: TermFeatures, b: TermFeatures, evidence: Evidence[]): Scored | undefined {
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
    confidence += 0.3 * e.confidence * (1 - confidence);
    used.push(e);
  }
  return {
    a,
    b,
    predicate: primary.predicate,
    confidence: Math.min(0.99, confidence),
    evidence: used,
    ...(primary.tier !== undefined ? { tier: primary.tier } : {}),
  };
}

/** Words of the labels of a term's ancestors, as nouns: what a label may leave unsaid. */
class Context {
  private readonly byIri: Map<string, TermFeatures>;
  private readonly cache = new Map<TermFeatures, Set<string>>();
  private readonly ancestorCache = new Map<TermFeatures, TermFeatures[]>();
  private readonly parentCache = new Map<TermFeatures, TermFeatures[]>();

  constructor(terms: readonly TermFeatures[]) {
    this.byIri = new Map(terms.map((t) => [t.term.iri, t]));
  }

  words(t: TermFeatures): Set<string> {
    let words = this.cache.get(t);
    if (words) return words;
    words = new Set<string>();
    for (const parent of this.ancestors(t)) {
      for (const v of parent.views) for (const w of v.tokens) if (!STOPWORDS.has(w)) words.add(nounOf(w));
      for (const x of parent.acronyms) words.add(x);
    }
    this.cache.set(t, words);
    return words;
  }

  /** The direct parents the run knows (the same array for a term each time). */
  parents(t: TermFeatures): TermFeatures[] {
    let list = this.parentCache.get(t);
    if (!list) this.parentCache.set(t, (list = t.term.parents.map((iri) => this.byIri.get(iri)).filter((p): p is TermFeatures => p !== undefined)));
    return list;
  }

  /** Ancestors nearest first (at most 50). */
  ancestors(t: TermFeatures): TermFeatures[] {
    let list = this.ancestorCache.get(t);
    if (list) return list;
    list = [];
    const seen = new Set<string>();
    const queue = [...t.term.parents];
    while (queue.length > 0 && seen.size < 50) {
      const iri = queue.shift()!;
      if (seen.has(iri)) continue;
      seen.add(iri);
      const parent = this.byIri.get(iri);
      if (!parent) continue;
      list.push(parent);
      queue.push(...parent.term.parents);
    }
    this.ancestorCache.set(t, list);
    return list;
  }
}

/**
 * A match made by dropping the subject's facet ("stars: magnetars" = "Magnetars") holds when the object
 * sits under something the facet names (Magnetars under ... Stars); otherwise the facet qualified the
 * term ("X-rays: ISM" is not the interstellar medium) and the match is only related.
 */
function facets(scored: Scored[], context: Context): void {
  for (const s of scored) {
    const facet = s.evidence[0]?.facet;
    if (!facet || s.predicate !== 'exactMatch') continue;
    const words = context.words(s.b);
    const own = new Set(s.b.views.flatMap((v) => v.tokens.map(nounOf)));
    if (facet.some((w) => words.has(nounOf(w)) || own.has(nounOf(w)))) {
      s.evidence.push({
        matcher: 'structural',
        predicate: s.predicate,
        confidence: 0.3,
        score: 1,
        measure: 'facet names an ancestor',
        justification: JUSTIFICATION.structural,
        matchString: facet.join(' '),
      });
    } else {
      s.predicate = 'relatedMatch';
      s.confidence *= 0.8;
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
        confidence: s.confidence * 0.95,
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
      s.confidence *= 0.8;
      delete s.tier;
    } else s.confidence *= 0.8;
  }
}

/** Mapped parents raise the confidence of an exact or close match; a parent mapped to a child (a conflict) lowers it. */
function structural(scored: Scored[], equivalent: ReadonlySet<string>): void {
  const strong = new Set(equivalent);
  for (const s of scored) if (s.predicate === 'exactMatch' && s.confidence >= 0.8) strong.add(pairKey(s.a.term.iri, s.b.term.iri));
  for (const s of scored) {
    const pa = s.a.term.parents;
    const pb = s.b.term.parents;
    const agree = pa.some((x) => pb.some((y) => strong.has(pairKey(x, y))));
    const conflict =
      pa.some((x) => s.b.term.children.some((y) => strong.has(pairKey(x, y)))) || s.a.term.children.some((x) => pb.some((y) => strong.has(pairKey(x, y))));
    if (agree) {
      s.confidence = Math.min(0.99, s.confidence + 0.3 * (1 - s.confidence));
      s.evidence.push({
        matcher: 'structural',
        predicate: s.predicate,
        confidence: 0.3,
        score: 1,
        measure: 'mapped parents',
        justification: JUSTIFICATION.structural,
        matchString: '',
      });
    }
    if (conflict) {
      s.confidence *= 0.75;
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

/** How far (in tiers) the runner-up must trail the best equivalence for the best to stand as exactMatch. */
export const EXACT_MARGIN = 0;

/**
 * Equivalence must be unambiguous: a subject's exactMatch stands only when one object has the most direct
 * evidence (the lowest tier) and every other object's evidence trails it by more than EXACT_MARGIN tiers.
 * Otherwise — two objects with the same preferred label, or an alternative label shared by several — each
 * becomes a closeMatch, for a person to choose. Seen from the object, a subject that reaches it less directly
 * than another subject does ("STAR DISTRIBUTION" through an alternative label of Star counts, which "STAR
 * COUNTS" names) is a closeMatch too; subjects that reach it equally directly (two spellings in the source,
 * "COMA" and "COMAS") both stand.
 */
function oneBestExact(scored: Scored[], margin = EXACT_MARGIN): void {
  const equalities = scored.filter((s) => s.predicate === 'exactMatch' && s.tier !== undefined);
  const demote = (s: Scored) => {
    s.predicate = 'closeMatch';
    s.confidence *= 0.9;
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

function toMapping(s: Scored, source: MatchInput, target: MatchInput, date: string): Mapping {
  const matchers = [...new Set(s.evidence.map((e) => e.matcher))];
  const justification = matchers.length > 1 ? JUSTIFICATION.composite : s.evidence[0]!.justification;
  const primary = s.evidence[0]!;
  const predicateId = predicateIri(s.predicate);
  return {
    recordId: `${MAPPING_RECORD_BASE}${mappingKey(s.a.term.iri, predicateId, s.b.term.iri)}`,
    subjectId: s.a.term.iri,
    ...(s.a.term.labels[0] ? { subjectLabel: s.a.term.labels[0] } : {}),
    predicateId,
    objectId: s.b.term.iri,
    ...(s.b.term.labels[0] ? { objectLabel: s.b.term.labels[0] } : {}),
    justification,
    confidence: round(s.confidence),
    similarityScore: primary.score,
    similarityMeasure: s.evidence.map((e) => e.measure).join('; '),
    ...(s.evidence.some((e) => e.matchString) ? { matchString: s.evidence.map((e) => e.matchString).filter(Boolean) } : {}),
    mappingDate: date,
    mappingTool: MATCHER_TOOL,
    mappingToolVersion: MATCHER_VERSION,
    ...(source.source ? { subjectSource: source.source } : {}),
    ...(source.version ? { subjectSourceVersion: source.version } : {}),
    ...(target.source ? { objectSource: target.source } : {}),
    ...(target.version ? { objectSourceVersion: target.version } : {}),
    ...(s.b.deprecated ? { comment: 'the object term is deprecated' } : {}),
  };
}

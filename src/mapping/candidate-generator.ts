/**
 * Candidate generation: blocking (candidate-blocking.ts) picks the pairs worth scoring; the matchers
 * (matchers.ts) score them; the combined evidence decides predicate and confidence (candidate-evidence.ts);
 * the refinements (candidate-refinements.ts) adjust it across pairs. The numbers that tune all of it are in
 * matching-tuning.ts.
 */
import type { Term } from '../model/index.js';
import { combine, pairKey, tripleKey, type Scored } from './candidate-evidence.js';
import { Blocking } from './candidate-blocking.js';
import { refine } from './candidate-refinements.js';
import { round, type Evidence } from './evidence.js';
import { STOPWORDS } from './label-normaliser.js';
import { JUSTIFICATION, mappingKey, predicateIri, MAPPING_RECORD_BASE, type Mapping } from './mapping.js';
import { BASELINE_MATCHERS, MATCHERS, type MatchContext } from './matchers.js';
import { MATCH_TUNING } from './matching-tuning.js';
import { VectorCache, type SimilarityModel } from './similarity-matchers.js';
import { TermContext } from './term-context.js';
import { capitalStyle, termFeatures, type TermFeatures } from './term-features.js';
import { TfIdf } from './tfidf.js';

export { pairKey, tripleKey } from './candidate-evidence.js';

export const MATCHER_TOOL = 'astrovoc-matcher';
export const MATCHER_VERSION = '1.2.1';
/** Candidates below this confidence are not proposed. */
export const DEFAULT_MIN_CONFIDENCE: number = MATCH_TUNING.minConfidence;
/** How far (in tiers) the runner-up must trail the best equivalence for the best to stand as exactMatch. */
export const EXACT_MARGIN: number = MATCH_TUNING.exactMargin;

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
  const blocks = new Blocking(B);
  const context: MatchContext = {
    model,
    vectors: new VectorCache(),
    subjects: new TermContext([...A, ...(source.context ?? []).map((t) => termFeatures(t, { acronyms: acronymsA }))]),
    objects: new TermContext([...B, ...(target.context ?? []).map((t) => termFeatures(t, { acronyms: acronymsB }))]),
  };
  const matchers = options.baseline ? BASELINE_MATCHERS : MATCHERS;

  const scored: Scored[] = [];
  let pairsScored = 0;
  for (const [i, a] of A.entries()) {
    for (const bi of options.exhaustive ? B.keys() : blocks.candidates(a, options.baseline ?? false)) {
      const b = B[bi]!;
      if (options.known?.has(pairKey(a.term.iri, b.term.iri))) continue;
      pairsScored++;
      const evidence = matchers.map((m) => m.match(a, b, context)).filter((e): e is Evidence => e !== undefined);
      const combined = combine(a, b, evidence);
      if (combined) scored.push(combined);
    }
    if (i % SLICE === SLICE - 1 || i === A.length - 1) {
      options.onProgress?.(i + 1, A.length);
      yield;
    }
  }
  if (!options.baseline) refine(scored, context.objects, B, options.equivalent ?? new Set(), options.exactMargin ?? EXACT_MARGIN);
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

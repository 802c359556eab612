/**
 * Precision, recall and F1 of computed mappings against a gold standard, overall and per predicate.
 *
 * What is counted (each decision has a test in test/unit/mapping/evaluation.test.ts):
 * - A true positive is a computed (subject, predicate, object) equal to a gold row's: the predicate must be
 *   the same (a computed exactMatch where the gold says closeMatch is a false positive for exactMatch and a
 *   miss for closeMatch). Rejected computed mappings (negative, `Not`) are not predictions.
 * - Objects are compared through `canonical` (one concept under all its IRIs: the UAT's astrothesaurus.org
 *   numeric IRI and its IVOA rendering `http://www.ivoa.net/rdf/uat#slug`, linked by exactMatch in uat.skos).
 * - A gold "no match" row makes its subject part of the gold: any mapping computed for it is a false positive.
 *   Subjects the gold does not mention are not judged.
 * - Stale gold pairs: when the hosted version of the object vocabulary no longer has the gold's object
 *   (missing), has deprecated it (with or without a useInstead replacement), or no longer carries the gold's
 *   object label among its labels (renamed), the pair cannot be found by a matcher working on the hosted
 *   version. It is neither a miss nor a hit: it is reported in `stale`, and computed mappings of its subject
 *   with its predicate are left unjudged (the gold cannot say what is right for that subject any more).
 * - Newer objects: when the object vocabulary numbers its concepts in creation order (`order`), a concept
 *   newer than every concept the gold names did not exist when the gold was made; a mapping to it is left
 *   unjudged rather than counted as a false positive (the IAU Thesaurus crosswalk predates "Adaptive optics").
 */
import { MAPPING_PREDICATES, type MappingPredicate, type Term } from '../model/index.js';
import { labelKey } from './label-normaliser.js';
import { reviewStatus, skosPredicate, type Mapping } from './mapping.js';
import { labelSubjectIri, type GoldRow, type GoldSet } from './gold-standard.js';

export interface Scores {
  precision: number;
  recall: number;
  f1: number;
  truePositives: number;
  predicted: number;
  gold: number;
}

export type StaleReason = 'missing' | 'deprecated' | 'replaced' | 'renamed';

/** A gold pair the hosted version of the object vocabulary cannot confirm. */
export interface StalePair {
  row: GoldRow;
  reason: StaleReason;
  /** For `replaced`: the useInstead replacement the hosted version names. */
  replacement?: string;
  /** Whether the computed set has the pair anyway (or, for `replaced`, the pair with the replacement). */
  found: boolean;
}

export interface Evaluation {
  overall: Scores;
  byPredicate: Record<MappingPredicate, Scores>;
  /** Subjects the gold set speaks of, and how many of them the computed set maps at all. */
  subjects: number;
  subjectsMapped: number;
  /** How subjects were matched between the sets: by identifier, or by normalised label when the gold has no identifiers the computed set uses. */
  subjectKey: 'id' | 'label';
  /** Gold pairs left out of the scores, with why. */
  stale: StalePair[];
  /** Computed mappings left out of the scores: to objects newer than the gold, or for a subject whose gold pair is stale. */
  unjudged: { newerObjects: number; staleSubjects: number };
  /** The creation order of the newest object the gold names, when known. */
  newestGoldObject?: number;
  /** The judged computed mappings the gold does not have, and the gold mappings the computed set lacks (subject as matched: id or label key). */
  falsePositives: JudgedTriple[];
  misses: JudgedTriple[];
}

export interface JudgedTriple {
  subject: string;
  predicate: MappingPredicate;
  object: string;
}

export interface EvaluationOptions {
  /** One IRI per concept (see above); identity by default. */
  canonical?: (iri: string) => string;
  /** The hosted term of a (canonical) object IRI: what tells stale gold pairs. Without it no pair is stale. */
  hosted?: (iri: string) => Term | undefined;
  /** Creation order of a (canonical) object concept, when its vocabulary tells it (see `creationOrder`). */
  order?: (iri: string) => number | undefined;
}

type Options = EvaluationOptions | ((iri: string) => string);

export function evaluate(gold: GoldSet, computed: readonly Mapping[], options: Options = {}): Evaluation {
  const { canonical = (i: string) => i, hosted, order } = typeof options === 'function' ? { canonical: options } : options;
  const goldIds = new Set(gold.rows.map((r) => r.subjectId).filter((x): x is string => x !== undefined));
  const subjectKey: 'id' | 'label' = computed.some((m) => goldIds.has(m.subjectId)) ? 'id' : 'label';
  const keyOfGold = (r: GoldRow) =>
    subjectKey === 'id'
      ? (r.subjectId ?? (r.subjectLabel !== undefined ? labelSubjectIri(r.subjectLabel) : undefined))
      : r.subjectLabel !== undefined
        ? labelKey(r.subjectLabel)
        : undefined;
  const keyOfComputed = (m: Mapping) => (subjectKey === 'id' ? m.subjectId : m.subjectLabel !== undefined ? labelKey(m.subjectLabel) : undefined);
  const triple = (s: string, p: string, o: string) => `${s}\n${p}\n${o}`;

  const subjects = new Set<string>();
  const goldTriples = new Set<string>();
  const staleRows: { row: GoldRow; subject: string; object: string; reason: StaleReason; replacement?: string }[] = [];
  const staleSubjects = new Set<string>();
  let newestGoldObject: number | undefined;
  for (const row of gold.rows) {
    const s = keyOfGold(row);
    if (s === undefined) continue;
    subjects.add(s);
    if (row.predicate === 'none' || row.predicate === 'other' || !row.objectId) continue;
    const object = canonical(row.objectId);
    const rank = order?.(object);
    if (rank !== undefined) newestGoldObject = Math.max(newestGoldObject ?? rank, rank);
    const stale = hosted ? staleness(row, object, hosted(object), canonical) : undefined;
    if (stale) {
      staleRows.push({ row, subject: s, object, ...stale });
      staleSubjects.add(`${s}\n${row.predicate}`);
    } else goldTriples.add(triple(s, row.predicate, object));
  }

  const predicted = new Set<string>();
  const mapped = new Set<string>();
  const newer = new Set<string>();
  const unjudgedStale = new Set<string>();
  for (const m of computed) {
    const s = keyOfComputed(m);
    const p = skosPredicate(m.predicateId);
    if (s === undefined || !p || !subjects.has(s) || reviewStatus(m) === 'rejected') continue;
    const o = canonical(m.objectId);
    const t = triple(s, p, o);
    mapped.add(s);
    if (goldTriples.has(t)) predicted.add(t);
    else if (staleSubjects.has(`${s}\n${p}`)) unjudgedStale.add(t);
    else if (newestGoldObject !== undefined && (order?.(o) ?? -Infinity) > newestGoldObject) newer.add(t);
    else predicted.add(t);
  }
  const allComputed = new Set([...predicted, ...unjudgedStale, ...newer]);
  const stale: StalePair[] = staleRows.map(({ row, subject, object, reason, replacement }) => ({
    row,
    reason,
    ...(replacement ? { replacement } : {}),
    found:
      allComputed.has(triple(subject, row.predicate, object)) || (replacement !== undefined && allComputed.has(triple(subject, row.predicate, replacement))),
  }));
  const byPredicate = Object.fromEntries(
    MAPPING_PREDICATES.map((p) => [
      p,
      scores(
        [...predicted].filter((t) => t.split('\n')[1] === p),
        [...goldTriples].filter((t) => t.split('\n')[1] === p),
      ),
    ]),
  ) as Record<MappingPredicate, Scores>;
  const untriple = (t: string): JudgedTriple => {
    const [subject, predicate, object] = t.split('\n') as [string, MappingPredicate, string];
    return { subject, predicate, object };
  };
  return {
    overall: scores([...predicted], [...goldTriples]),
    byPredicate,
    subjects: subjects.size,
    subjectsMapped: mapped.size,
    subjectKey,
    stale,
    unjudged: { newerObjects: newer.size, staleSubjects: unjudgedStale.size },
    ...(newestGoldObject !== undefined ? { newestGoldObject } : {}),
    falsePositives: [...predicted].filter((t) => !goldTriples.has(t)).map(untriple),
    misses: [...goldTriples].filter((t) => !predicted.has(t)).map(untriple),
  };
}

function staleness(
  row: GoldRow,
  object: string,
  term: Term | undefined,
  canonical: (iri: string) => string,
): { reason: StaleReason; replacement?: string } | undefined {
  if (!term) return { reason: 'missing' };
  if (term.status.deprecated) {
    const replacement = term.useInstead[0];
    return replacement ? { reason: 'replaced', replacement: canonical(replacement) } : { reason: 'deprecated' };
  }
  if (row.objectLabel !== undefined) {
    const key = labelKey(row.objectLabel);
    if (![...term.labels, ...term.altLabels].some((l) => labelKey(l) === key)) return { reason: 'renamed' };
  }
  return undefined;
}

function scores(predicted: readonly string[], gold: readonly string[]): Scores {
  const goldSet = new Set(gold);
  const truePositives = predicted.filter((t) => goldSet.has(t)).length;
  const precision = predicted.length === 0 ? 0 : truePositives / predicted.length;
  const recall = gold.length === 0 ? 0 : truePositives / gold.length;
  const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
  return { precision, recall, f1, truePositives, predicted: predicted.length, gold: gold.length };
}

/** Precision, recall and F1 of computed mappings against a gold standard, overall and per predicate. */
import { MAPPING_PREDICATES, type MappingPredicate } from '../model/index.js';
import { labelKey } from './label-normaliser.js';
import { reviewStatus, skosPredicate, type Mapping } from './mapping.js';
import type { GoldSet } from './gold-standard.js';

export interface Scores {
  precision: number;
  recall: number;
  f1: number;
  truePositives: number;
  predicted: number;
  gold: number;
}

export interface Evaluation {
  overall: Scores;
  byPredicate: Record<MappingPredicate, Scores>;
  /** Subjects the gold set speaks of, and how many of them the computed set maps at all. */
  subjects: number;
  subjectsMapped: number;
  /** How subjects were matched between the sets: by identifier, or by normalised label when the gold has no identifiers the computed set uses. */
  subjectKey: 'id' | 'label';
}

/**
 * `canonical` names one concept under all its IRIs (the UAT's astrothesaurus.org numeric IRI and its
 * IVOA rendering, linked by exactMatch in uat.skos): both sides' objects go through it.
 */
export function evaluate(gold: GoldSet, computed: readonly Mapping[], canonical: (iri: string) => string = (i) => i): Evaluation {
  const goldIds = new Set(gold.rows.map((r) => r.subjectId).filter((x): x is string => x !== undefined));
  const subjectKey: 'id' | 'label' = computed.some((m) => goldIds.has(m.subjectId)) ? 'id' : 'label';
  const keyOfGold = (r: GoldSet['rows'][number]) => (subjectKey === 'id' ? r.subjectId : r.subjectLabel !== undefined ? labelKey(r.subjectLabel) : undefined);
  const keyOfComputed = (m: Mapping) => (subjectKey === 'id' ? m.subjectId : m.subjectLabel !== undefined ? labelKey(m.subjectLabel) : undefined);

  const subjects = new Set<string>();
  const goldTriples = new Set<string>();
  for (const row of gold.rows) {
    const s = keyOfGold(row);
    if (s === undefined) continue;
    subjects.add(s);
    if (row.predicate === 'none' || row.predicate === 'other' || !row.objectId) continue;
    goldTriples.add(`${s}\n${row.predicate}\n${canonical(row.objectId)}`);
  }
  const predicted = new Set<string>();
  const mapped = new Set<string>();
  for (const m of computed) {
    const s = keyOfComputed(m);
    const p = skosPredicate(m.predicateId);
    if (s === undefined || !p || !subjects.has(s) || reviewStatus(m) === 'rejected') continue;
    predicted.add(`${s}\n${p}\n${canonical(m.objectId)}`);
    mapped.add(s);
  }
  const byPredicate = Object.fromEntries(
    MAPPING_PREDICATES.map((p) => [p, scores([...predicted].filter((t) => t.split('\n')[1] === p), [...goldTriples].filter((t) => t.split('\n')[1] === p))]),
  ) as Record<MappingPredicate, Scores>;
  return { overall: scores([...predicted], [...goldTriples]), byPredicate, subjects: subjects.size, subjectsMapped: mapped.size, subjectKey };
}

function scores(predicted: readonly string[], gold: readonly string[]): Scores {
  const goldSet = new Set(gold);
  const truePositives = predicted.filter((t) => goldSet.has(t)).length;
  const precision = predicted.length === 0 ? 0 : truePositives / predicted.length;
  const recall = gold.length === 0 ? 0 : truePositives / gold.length;
  const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
  return { precision, recall, f1, truePositives, predicted: predicted.length, gold: gold.length };
}

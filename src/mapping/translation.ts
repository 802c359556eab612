/**
 * Translation across vocabularies: a graph (graphology) of the usable mappings — accepted and
 * source-asserted, and on request proposed ones too; never rejected ones, never a link touching a deprecated
 * term — searched best-first for terms of the target vocabulary. SKOS composition rules: exactMatch is
 * transitive and passes any other predicate through (exact∘broad = broad); broad∘broad = broad,
 * narrow∘narrow = narrow; closeMatch and relatedMatch are not transitive, so they end a chain. Confidences
 * multiply along the path.
 *
 * Proposed mappings (candidates no one has reviewed) are used only with `includeProposed`. Each step of a
 * path says its review state, and a translation is `reviewed` when every step is accepted. Answers rank by
 * predicate, then reviewed before unreviewed, then confidence: a path with a proposed step never outranks
 * an accepted path of the same predicate, however confident it is.
 */
import { MultiDirectedGraph } from 'graphology';
import type { MappingPredicate, Term } from '../model/index.js';
import type { ReviewStatus } from './mapping.js';
import { inversePredicate } from './source-asserted.js';

/** The review states a usable mapping may have: rejected mappings are never usable. */
export type UsableStatus = Exclude<ReviewStatus, 'rejected'>;

export interface TranslationEdge {
  predicate: MappingPredicate;
  confidence: number;
  set: string;
  mappingId: string;
  status: UsableStatus;
}

export interface PathStep {
  from: string;
  predicate: MappingPredicate;
  to: string;
  confidence: number;
  set: string;
  mappingId: string;
  /** `accepted` (reviewed, curated or source-asserted) or `proposed` (a candidate no one has reviewed). */
  status: UsableStatus;
}

export interface Translation {
  iri: string;
  label?: string;
  vocabularyId: string;
  predicate: MappingPredicate;
  confidence: number;
  /** Every step of the path is accepted. */
  reviewed: boolean;
  path: PathStep[];
}

export interface TranslateQuery {
  from: string;
  to: string;
  predicates?: readonly MappingPredicate[];
  minConfidence?: number;
  maxHops?: number;
  /** Chain over proposed mappings too (default: accepted and source-asserted only). */
  includeProposed?: boolean;
}

const RANK: Readonly<Record<MappingPredicate, number>> = { exactMatch: 5, closeMatch: 4, broadMatch: 3, narrowMatch: 3, relatedMatch: 2 };

/** The predicate of a chain p1 then p2, or undefined when SKOS does not license the chain. */
export function compose(first: MappingPredicate, second: MappingPredicate): MappingPredicate | undefined {
  if (first === 'exactMatch') return second;
  if (second === 'exactMatch') return first;
  if (first === second && (first === 'broadMatch' || first === 'narrowMatch')) return first;
  return undefined;
}

export interface UsableMapping {
  subject: string;
  predicate: MappingPredicate;
  object: string;
  confidence: number;
  set: string;
  mappingId: string;
  /** Default `accepted`. */
  status?: UsableStatus;
}

export class TranslationGraph {
  private readonly graph = new MultiDirectedGraph<Record<string, never>, TranslationEdge>();
  private proposed = 0;

  constructor(
    mappings: Iterable<UsableMapping>,
    private readonly termOf: (iri: string) => Term | undefined,
  ) {
    for (const m of mappings) {
      if (this.termOf(m.subject)?.status.deprecated || this.termOf(m.object)?.status.deprecated) continue;
      this.graph.mergeNode(m.subject);
      this.graph.mergeNode(m.object);
      const status = m.status ?? 'accepted';
      if (status === 'proposed') this.proposed++;
      this.graph.addDirectedEdge(m.subject, m.object, { predicate: m.predicate, confidence: m.confidence, set: m.set, mappingId: m.mappingId, status });
      this.graph.addDirectedEdge(m.object, m.subject, {
        predicate: inversePredicate(m.predicate),
        confidence: m.confidence,
        set: m.set,
        mappingId: m.mappingId,
        status,
      });
    }
  }

  /** The mappings in the graph, proposed ones included. */
  get size(): number {
    return this.graph.size / 2;
  }

  /** The proposed mappings in the graph (used only with `includeProposed`). */
  get proposedSize(): number {
    return this.proposed;
  }

  /** Best equivalents of `from` in vocabulary `to`, best first. */
  translate(query: TranslateQuery): Translation[] {
    const maxHops = query.maxHops ?? 4;
    const minConfidence = query.minConfidence ?? 0;
    const best = new Map<string, Translation>();
    if (!this.graph.hasNode(query.from)) return [];
    interface State {
      node: string;
      predicate: MappingPredicate | undefined;
      confidence: number;
      reviewed: boolean;
      path: PathStep[];
    }
    const frontier: State[] = [{ node: query.from, predicate: undefined, confidence: 1, reviewed: true, path: [] }];
    // Reviewed and unreviewed paths are settled apart: a confident proposed path to a node must not cut off
    // a weaker accepted one, which may still give a reviewed answer further on.
    const settled = new Map<string, number>();
    while (frontier.length > 0) {
      frontier.sort((x, y) => y.confidence - x.confidence);
      const state = frontier.shift()!;
      const key = `${state.node} ${state.predicate ?? ''} ${state.reviewed ? 'r' : 'p'}`;
      if ((settled.get(key) ?? -1) >= state.confidence) continue;
      settled.set(key, state.confidence);
      if (state.path.length >= maxHops) continue;
      this.graph.forEachOutEdge(state.node, (_edge, attributes, _source, target) => {
        if (attributes.status === 'proposed' && !query.includeProposed) return;
        if (state.path.some((s) => s.from === target) || target === query.from) return;
        const predicate = state.predicate === undefined ? attributes.predicate : compose(state.predicate, attributes.predicate);
        if (!predicate) return;
        const confidence = state.confidence * attributes.confidence;
        if (confidence < minConfidence) return;
        const reviewed = state.reviewed && attributes.status === 'accepted';
        const path = [
          ...state.path,
          {
            from: state.node,
            predicate: attributes.predicate,
            to: target,
            confidence: attributes.confidence,
            set: attributes.set,
            mappingId: attributes.mappingId,
            status: attributes.status,
          },
        ];
        const term = this.termOf(target);
        if (term && term.vocabularyId === query.to && (!query.predicates || query.predicates.includes(predicate))) {
          const current = best.get(target);
          const candidate: Translation = {
            iri: target,
            ...(term.labels[0] ? { label: term.labels[0] } : {}),
            vocabularyId: term.vocabularyId,
            predicate,
            confidence,
            reviewed,
            path,
          };
          if (!current || order(candidate, current) < 0) best.set(target, candidate);
        }
        if (predicate === 'closeMatch' || predicate === 'relatedMatch') return;
        frontier.push({ node: target, predicate, confidence, reviewed, path });
      });
    }
    return [...best.values()].sort(order);
  }
}

/** Best first: the stronger predicate, then a reviewed path before an unreviewed one, then confidence, then the shorter path. */
function order(x: Translation, y: Translation): number {
  return RANK[y.predicate] - RANK[x.predicate] || Number(y.reviewed) - Number(x.reviewed) || y.confidence - x.confidence || x.path.length - y.path.length;
}

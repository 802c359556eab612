/**
 * Translation across vocabularies: a graph (graphology) of the usable mappings — accepted and
 * source-asserted, never rejected ones, never a link touching a deprecated term — searched best-first
 * for terms of the target vocabulary. SKOS composition rules: exactMatch is transitive and passes any
 * other predicate through (exact∘broad = broad); broad∘broad = broad, narrow∘narrow = narrow; closeMatch
 * and relatedMatch are not transitive, so they end a chain. Confidences multiply along the path.
 */
import { MultiDirectedGraph } from 'graphology';
import type { MappingPredicate, Term } from '../model/index.js';
import { inversePredicate } from './source-asserted.js';

export interface TranslationEdge {
  predicate: MappingPredicate;
  confidence: number;
  set: string;
  mappingId: string;
}

export interface PathStep {
  from: string;
  predicate: MappingPredicate;
  to: string;
  confidence: number;
  set: string;
  mappingId: string;
}

export interface Translation {
  iri: string;
  label?: string;
  vocabularyId: string;
  predicate: MappingPredicate;
  confidence: number;
  path: PathStep[];
}

export interface TranslateQuery {
  from: string;
  to: string;
  predicates?: readonly MappingPredicate[];
  minConfidence?: number;
  maxHops?: number;
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
}

export class TranslationGraph {
  private readonly graph = new MultiDirectedGraph<Record<string, never>, TranslationEdge>();

  constructor(
    mappings: Iterable<UsableMapping>,
    private readonly termOf: (iri: string) => Term | undefined,
  ) {
    for (const m of mappings) {
      if (this.termOf(m.subject)?.status.deprecated || this.termOf(m.object)?.status.deprecated) continue;
      this.graph.mergeNode(m.subject);
      this.graph.mergeNode(m.object);
      this.graph.addDirectedEdge(m.subject, m.object, { predicate: m.predicate, confidence: m.confidence, set: m.set, mappingId: m.mappingId });
      this.graph.addDirectedEdge(m.object, m.subject, { predicate: inversePredicate(m.predicate), confidence: m.confidence, set: m.set, mappingId: m.mappingId });
    }
  }

  get size(): number {
    return this.graph.size / 2;
  }

  /** Best equivalents of `from` in vocabulary `to`, best first. */
  translate(query: TranslateQuery): Translation[] {
    const maxHops = query.maxHops ?? 4;
    const minConfidence = query.minConfidence ?? 0;
    const best = new Map<string, Translation>();
    if (!this.graph.hasNode(query.from)) return [];
    interface State { node: string; predicate: MappingPredicate | undefined; confidence: number; path: PathStep[] }
    const frontier: State[] = [{ node: query.from, predicate: undefined, confidence: 1, path: [] }];
    const settled = new Map<string, number>();
    while (frontier.length > 0) {
      frontier.sort((x, y) => y.confidence - x.confidence);
      const state = frontier.shift()!;
      const key = `${state.node} ${state.predicate ?? ''}`;
      if ((settled.get(key) ?? -1) >= state.confidence) continue;
      settled.set(key, state.confidence);
      if (state.path.length >= maxHops) continue;
      this.graph.forEachOutEdge(state.node, (_edge, attributes, _source, target) => {
        if (state.path.some((s) => s.from === target) || target === query.from) return;
        const predicate = state.predicate === undefined ? attributes.predicate : compose(state.predicate, attributes.predicate);
        if (!predicate) return;
        const confidence = state.confidence * attributes.confidence;
        if (confidence < minConfidence) return;
        const path = [...state.path, { from: state.node, predicate: attributes.predicate, to: target, confidence: attributes.confidence, set: attributes.set, mappingId: attributes.mappingId }];
        const term = this.termOf(target);
        if (term && term.vocabularyId === query.to && (!query.predicates || query.predicates.includes(predicate))) {
          const current = best.get(target);
          const candidate: Translation = { iri: target, ...(term.labels[0] ? { label: term.labels[0] } : {}), vocabularyId: term.vocabularyId, predicate, confidence, path };
          if (!current || better(candidate, current)) best.set(target, candidate);
        }
        if (predicate === 'closeMatch' || predicate === 'relatedMatch') return;
        frontier.push({ node: target, predicate, confidence, path });
      });
    }
    return [...best.values()].sort((x, y) => RANK[y.predicate] - RANK[x.predicate] || y.confidence - x.confidence || x.path.length - y.path.length);
  }
}

function better(x: Translation, y: Translation): boolean {
  if (RANK[x.predicate] !== RANK[y.predicate]) return RANK[x.predicate] > RANK[y.predicate];
  if (x.confidence !== y.confidence) return x.confidence > y.confidence;
  return x.path.length < y.path.length;
}

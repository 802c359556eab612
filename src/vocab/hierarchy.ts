import { DirectedGraph } from 'graphology';
import { bfsFromNode } from 'graphology-traversal';
import type { Term, VocabularyMeta } from '../model/index.js';
import type { VocabularyHierarchy } from './lookup-types.js';

/** At most this many paths to the top per term: a polyhierarchy (the UAT) can multiply them. */
export const MAX_PATHS_TO_TOP = 100;

/**
 * The hierarchy of one vocabulary as a graphology graph whose edges run from broader to narrower term.
 * Parents outside the vocabulary are not nodes (the quality checks report them), so every answer is a hosted term.
 */
export class GraphHierarchy implements VocabularyHierarchy {
  private readonly graph = new DirectedGraph();
  private readonly tops: string[];

  constructor(vocabulary: VocabularyMeta, terms: readonly Term[]) {
    for (const term of terms) this.graph.mergeNode(term.iri);
    for (const term of terms) {
      for (const parent of term.parents) {
        if (parent !== term.iri && this.graph.hasNode(parent)) this.graph.mergeEdge(parent, term.iri);
      }
    }
    const declared = (vocabulary.topConcepts ?? []).map((id) => `${vocabulary.termBase}${id}`).filter((iri) => this.graph.hasNode(iri));
    const roots = this.graph.filterNodes((node) => this.graph.inDegree(node) === 0);
    this.tops = [...new Set([...declared, ...roots])];
  }

  has(iri: string): boolean {
    return this.graph.hasNode(iri);
  }

  broader(iri: string): string[] {
    return this.graph.hasNode(iri) ? this.graph.inNeighbors(iri) : [];
  }

  narrower(iri: string): string[] {
    return this.graph.hasNode(iri) ? this.graph.outNeighbors(iri) : [];
  }

  ancestors(iri: string): string[] {
    return this.reachable(iri, 'inbound');
  }

  descendants(iri: string): string[] {
    return this.reachable(iri, 'outbound');
  }

  /** Paths from a top concept down to the term, shortest first; a cycle ends a path where it closes. */
  pathsToTop(iri: string): string[][] {
    if (!this.graph.hasNode(iri)) return [];
    const paths: string[][] = [];
    const climb = (node: string, below: string[]): void => {
      if (paths.length >= MAX_PATHS_TO_TOP) return;
      const path = [node, ...below];
      const parents = this.graph.inNeighbors(node).filter((p) => !path.includes(p));
      if (parents.length === 0) paths.push(path);
      for (const parent of parents) climb(parent, path);
    };
    climb(iri, []);
    return paths.sort((a, b) => a.length - b.length);
  }

  topConcepts(): string[] {
    return [...this.tops];
  }

  hasChildren(iri: string): boolean {
    return this.graph.hasNode(iri) && this.graph.outDegree(iri) > 0;
  }

  private reachable(iri: string, mode: 'inbound' | 'outbound'): string[] {
    if (!this.graph.hasNode(iri)) return [];
    const found: string[] = [];
    bfsFromNode(
      this.graph,
      iri,
      (node) => {
        if (node !== iri) found.push(node);
      },
      { mode },
    );
    return found;
  }
}

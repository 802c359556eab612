import type { Community, Term, VocabularyMeta } from '../model/index.js';
import type { TermIndex } from './term-index.js';

/** How a search hit matched, best first (issue 3's ranking). */
export const MATCH_TYPES = ['exact-label', 'exact-alt-label', 'prefix', 'word', 'fuzzy', 'acronym'] as const;
export type MatchType = (typeof MATCH_TYPES)[number];

export interface SearchQuery {
  q: string;
  vocabularies?: readonly string[];
  communities?: readonly Community[];
  /** Deprecated terms are hidden unless asked for. */
  includeDeprecated?: boolean;
  /** Only terms of this status. */
  status?: 'deprecated' | 'preliminary' | 'stable';
  limit: number;
  offset: number;
  /** Autocomplete mode: prefix matching on the last word, fewer fuzzy candidates. */
  suggest?: boolean;
}

export interface SearchHit {
  term: Term;
  vocabulary: VocabularyMeta;
  match: MatchType;
  score: number;
  /** The label or alt label that matched. */
  matched: string;
}

export interface SearchResult {
  total: number;
  hits: SearchHit[];
}

/** The hierarchy of one vocabulary (a graphology graph underneath); all values are term IRIs. */
export interface VocabularyHierarchy {
  broader(iri: string): string[];
  narrower(iri: string): string[];
  ancestors(iri: string): string[];
  descendants(iri: string): string[];
  /** Each path from a top concept down to the term (top first, term last). */
  pathsToTop(iri: string): string[][];
  topConcepts(): string[];
}

/** What the lookup faces read: the term index, search over it and the hierarchies; rebuilt after every change. */
export interface Lookup {
  readonly index: TermIndex;
  search(query: SearchQuery): SearchResult;
  hierarchy(vocabularyId: string): VocabularyHierarchy | undefined;
  /** A term by label within a vocabulary, Skosmos' precedence: exact prefLabel, then case-insensitive, then altLabel. */
  byLabel(vocabularyId: string, label: string): Term | undefined;
}

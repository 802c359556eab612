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
  /** Whether the term is a node of this hierarchy (a term of the vocabulary). */
  has(iri: string): boolean;
  hasChildren(iri: string): boolean;
}

/** Skosmos-style label matching: `*` is any run of characters; a pattern without `*` matches labels that begin with it. */
export interface LabelPatternQuery {
  pattern: string;
  vocabularies?: readonly string[];
  includeDeprecated?: boolean;
  /** Only terms below this one (its transitive narrower terms; none when no hosted term has this IRI). */
  below?: string;
}

/** A term whose label or alt label matched a pattern (one per term, its preferred label when that matched). */
export interface LabelHit {
  term: Term;
  vocabulary: VocabularyMeta;
  label: string;
  alt: boolean;
}

/** How a label lookup matched, in Skosmos' order of precedence. */
export const LABEL_MATCHES = ['exact-label', 'case-insensitive-label', 'exact-alt-label', 'case-insensitive-alt-label'] as const;
export type LabelMatch = (typeof LABEL_MATCHES)[number];

export interface LabelLookup {
  match: LabelMatch;
  /** Every term matched at the first level of precedence that matched anything; not deprecated ones first. */
  terms: Term[];
}

/** What the lookup faces read: the term index, search over it and the hierarchies; rebuilt after every change. */
export interface Lookup {
  readonly index: TermIndex;
  search(query: SearchQuery): SearchResult;
  hierarchy(vocabularyId: string): VocabularyHierarchy | undefined;
  /** A term by label within a vocabulary, Skosmos' precedence: exact prefLabel, then case-insensitive, then altLabel. */
  byLabel(vocabularyId: string, label: string): Term | undefined;
  /** All the terms `byLabel` chooses from, with the level of precedence that matched. */
  lookupLabel(vocabularyId: string, label: string): LabelLookup | undefined;
  /** Terms whose folded labels match a wildcard pattern, in label order (Skosmos' search). */
  matchLabels(query: LabelPatternQuery): LabelHit[];
  /** Changes with every rebuild (and every process): a validator for ETags. */
  readonly generation: string;
}

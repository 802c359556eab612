/** The search page: the form, and the hits a search returned, with the query's words highlighted. */
import { COMMUNITIES, type Community, type VocabularyMeta } from '../model/index.js';
import type { SearchHit, SearchQuery } from '../vocab/index.js';
import { COMMUNITY_LABELS } from './page-links.js';
import { termPath, vocabularyPath } from './paths.js';

export interface Highlighted {
  text: string;
  hit: boolean;
}

export interface SearchModel {
  title: string;
  q: string;
  community?: string;
  vocab?: string;
  status?: string;
  communities: { id: string; title: string; selected: boolean }[];
  vocabularies: { id: string; title: string; selected: boolean }[];
  statuses: { id: string; title: string; selected: boolean }[];
  searched: boolean;
  total: number;
  results: {
    label: Highlighted[];
    matched?: Highlighted[];
    id: string;
    path: string;
    vocabularyTitle: string;
    vocabularyPath: string;
    definition?: string;
    match: string;
    deprecated: boolean;
    preliminary: boolean;
  }[];
  previous?: string;
  next?: string;
}

export interface SearchForm {
  q: string;
  community?: Community;
  vocab?: string;
  status?: 'deprecated' | 'preliminary' | 'stable' | 'all';
  offset: number;
  limit: number;
}

export const SEARCH_STATUSES = [
  { id: '', title: 'Current terms (deprecated hidden)' },
  { id: 'all', title: 'All, deprecated included' },
  { id: 'stable', title: 'Stable only' },
  { id: 'preliminary', title: 'Preliminary only' },
  { id: 'deprecated', title: 'Deprecated only' },
] as const;

/** The query a search form asks the Lookup for. */
export function searchQueryOf(form: SearchForm): SearchQuery {
  return {
    q: form.q,
    ...(form.vocab ? { vocabularies: [form.vocab] } : {}),
    ...(form.community ? { communities: [form.community] } : {}),
    ...(form.status && form.status !== 'all' ? { status: form.status } : {}),
    includeDeprecated: form.status === 'all' || form.status === 'deprecated',
    limit: form.limit,
    offset: form.offset,
  };
}

/** What the search service answered to the form (Lookup.search). */
export interface SearchResult {
  total: number;
  hits: readonly SearchHit[];
}

export const NO_SEARCH: SearchResult = { total: 0, hits: [] };

/** Whether the form asks a search (a page with an empty query shows the form alone). */
export const asksSearch = (form: SearchForm): boolean => form.q.trim() !== '';

/** The page for a form and what the search service answered to it (NO_SEARCH when the form asks nothing); `vocabularies` fill the form's choice of vocabulary. */
export function searchModel(form: SearchForm, result: SearchResult, vocabularies: readonly VocabularyMeta[]): SearchModel {
  const searched = asksSearch(form);
  const page = (offset: number): string => {
    const params = new URLSearchParams({ q: form.q });
    if (form.community) params.set('community', form.community);
    if (form.vocab) params.set('vocab', form.vocab);
    if (form.status) params.set('status', form.status);
    if (offset > 0) params.set('offset', String(offset));
    return `/search?${params.toString()}`;
  };
  return {
    title: searched ? `Search: ${form.q}` : 'Search',
    q: form.q,
    ...(form.community ? { community: form.community } : {}),
    ...(form.vocab ? { vocab: form.vocab } : {}),
    ...(form.status ? { status: form.status } : {}),
    communities: COMMUNITIES.map((id) => ({ id, title: COMMUNITY_LABELS[id].title, selected: id === form.community })),
    vocabularies: [...vocabularies]
      .sort((a, b) => a.title.localeCompare(b.title))
      .map((v) => ({ id: v.id, title: `${v.title} (${v.id})`, selected: v.id === form.vocab })),
    statuses: SEARCH_STATUSES.map((s) => ({ ...s, selected: s.id === (form.status ?? '') })),
    searched,
    total: result.total,
    results: result.hits.map((hit) => {
      const label = hit.term.labels[0] ?? hit.term.id;
      return {
        label: highlight(label, form.q),
        ...(hit.matched && hit.matched !== label ? { matched: highlight(hit.matched, form.q) } : {}),
        id: hit.term.id,
        path: termPath(hit.vocabulary, hit.term.id),
        vocabularyTitle: hit.vocabulary.title,
        vocabularyPath: vocabularyPath(hit.vocabulary),
        ...(hit.term.definitions[0] ? { definition: hit.term.definitions[0] } : {}),
        match: hit.match,
        deprecated: hit.term.status.deprecated,
        preliminary: hit.term.status.preliminary,
      };
    }),
    ...(form.offset > 0 ? { previous: page(Math.max(0, form.offset - form.limit)) } : {}),
    ...(form.offset + form.limit < result.total ? { next: page(form.offset + form.limit) } : {}),
  };
}

/**
 * Splits a label into the parts that match a word of the query (case- and accent-insensitive, at
 * word starts) and the rest, for <mark>; the template escapes each part.
 */
export function highlight(text: string, query: string): Highlighted[] {
  const fold = (s: string) => s.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase();
  const words = [
    ...new Set(
      fold(query)
        .split(/[^\p{L}\p{N}]+/u)
        .filter((w) => w.length > 0),
    ),
  ].sort((a, b) => b.length - a.length);
  if (words.length === 0) return [{ text, hit: false }];
  // Fold character by character so positions in the folded text map back onto the original.
  const chars = [...text];
  const folded = chars.map(fold);
  const marks = new Array<boolean>(chars.length).fill(false);
  for (let i = 0; i < chars.length; i++) {
    const atWordStart = i === 0 || !/[\p{L}\p{N}]/u.test(chars[i - 1]!);
    if (!atWordStart) continue;
    for (const word of words) {
      let j = i;
      let consumed = '';
      while (j < chars.length && consumed.length < word.length) consumed += folded[j++];
      if (consumed.startsWith(word)) {
        for (let k = i; k < j; k++) marks[k] = true;
        break;
      }
    }
  }
  const parts: Highlighted[] = [];
  chars.forEach((c, i) => {
    const last = parts[parts.length - 1];
    if (last && last.hit === marks[i]) last.text += c;
    else parts.push({ text: c, hit: marks[i]! });
  });
  return parts;
}

import MiniSearch, { type SearchResult as MiniSearchResult } from 'minisearch';
import type { Term, VocabularyMeta } from '../model/index.js';
import { acronymsOf, isAcronymShaped } from './acronym.js';
import { MATCH_TYPES, type LabelHit, type LabelPatternQuery, type MatchType, type SearchHit, type SearchQuery, type SearchResult } from './lookup-types.js';
import { indexWords, normaliseText, words } from './text-normalise.js';

/** One name of a term as it is compared: the text shown, its folded form and its words. */
interface Name {
  text: string;
  folded: string;
  words: ReadonlySet<string>;
  alt: boolean;
}

interface Entry {
  term: Term;
  vocabulary: VocabularyMeta;
  names: Name[];
  /** 0..1: 1 for the smallest vocabularies, 0 for the largest registry (see `vocabularyWeight`). */
  weight: number;
}

interface Candidate {
  match: MatchType;
  matched: string;
  /** 0..1 within the match type. */
  closeness: number;
}

/** How many points each rank of match type is worth: any exact label beats any prefix match, and so on. */
const RANK_POINTS = 100;

/**
 * Search over every hosted term's labels. MiniSearch (an inverted index on a radix tree) finds the
 * candidates for prefix, word and typo-tolerant matches; exact labels, identifiers and acronyms are
 * looked up in maps built here. Each candidate is then classed by how its best label matches the
 * folded query, and ranked: exact label > exact alt label > prefix > word > fuzzy > acronym.
 */
export class SearchIndex {
  private readonly entries: Entry[] = [];
  private readonly exact = new Map<string, { entry: number; name: Name }[]>();
  private readonly ids = new Map<string, number[]>();
  private readonly acronyms = new Map<string, { entry: number; name: Name }[]>();
  /** Every name by its folded form, sorted: a binary search finds the names a query begins. */
  private readonly sorted: { entry: number; name: Name }[] = [];
  private readonly miniSearch = new MiniSearch<{ id: number; label: string; alt: string }>({
    fields: ['label', 'alt'],
    tokenize: (text) => indexWords(text),
    processTerm: (term) => term,
    searchOptions: { tokenize: (text) => words(text), processTerm: (term) => term },
  });

  constructor(vocabularies: readonly VocabularyMeta[], termsOf: (vocabularyId: string) => readonly Term[]) {
    const sizes = vocabularies.map((v) => termsOf(v.id).length);
    const largest = Math.max(2, ...sizes);
    const documents: { id: number; label: string; alt: string }[] = [];
    vocabularies.forEach((vocabulary, v) => {
      const weight = vocabularyWeight(sizes[v]!, largest);
      for (const term of termsOf(vocabulary.id)) {
        const labels = term.labels.length > 0 ? term.labels : [term.id];
        const names = [...labels.map((text) => nameOf(text, false)), ...term.altLabels.map((text) => nameOf(text, true))];
        const index = this.entries.push({ term, vocabulary, names, weight }) - 1;
        for (const name of names) {
          push(this.exact, name.folded, { entry: index, name });
          this.sorted.push({ entry: index, name });
          for (const acronym of acronymsOf(name.text)) push(this.acronyms, acronym, { entry: index, name });
        }
        push(this.ids, normaliseText(term.id), index);
        documents.push({ id: index, label: labels.join(' | '), alt: term.altLabels.join(' | ') });
      }
    });
    this.miniSearch.addAll(documents);
    this.sorted.sort((a, b) => compare(a.name.folded, b.name.folded));
  }

  get size(): number {
    return this.entries.length;
  }

  search(query: SearchQuery): SearchResult {
    const folded = normaliseText(query.q);
    if (folded === '') return { total: 0, hits: [] };
    const candidates = new Map<number, Candidate>();
    const offer = (entry: number, candidate: Candidate) => {
      const known = candidates.get(entry);
      if (!known || better(candidate, known)) candidates.set(entry, candidate);
    };

    for (const { entry, name } of this.exact.get(folded) ?? []) {
      offer(entry, { match: name.alt ? 'exact-alt-label' : 'exact-label', matched: name.text, closeness: 1 });
    }
    for (const entry of this.ids.get(folded) ?? []) offer(entry, { match: 'exact-alt-label', matched: this.entries[entry]!.term.id, closeness: 0.9 });
    this.prefixCandidates(folded, offer);
    if (folded.length >= 2) this.textCandidates(folded, query.suggest === true, query.offset + query.limit, () => candidates.size, offer);
    this.acronymCandidates(query.q, folded, offer);

    const hits: SearchHit[] = [];
    for (const [index, candidate] of candidates) {
      const entry = this.entries[index]!;
      if (!admits(entry, query)) continue;
      const rank = MATCH_TYPES.length - MATCH_TYPES.indexOf(candidate.match);
      const within = 0.6 * candidate.closeness + 0.4 * entry.weight;
      const score = Math.round((rank * RANK_POINTS + within * (RANK_POINTS - 1)) * 100) / 100;
      hits.push({ term: entry.term, vocabulary: entry.vocabulary, match: candidate.match, score, matched: candidate.matched });
    }
    hits.sort((a, b) => b.score - a.score || a.matched.length - b.matched.length || compare(a.matched, b.matched) || compare(a.term.iri, b.term.iri));
    return { total: hits.length, hits: hits.slice(query.offset, query.offset + query.limit) };
  }

  /** Terms with a name matching a `*` pattern (no `*`: names that begin with it), in the order of their folded names. */
  matchLabels(query: LabelPatternQuery): LabelHit[] {
    const pieces = (query.pattern.includes('*') ? query.pattern : `${query.pattern}*`).split('*').map((piece) => normaliseText(piece));
    const prefix = pieces[0]!;
    const rest = pieces.slice(1);
    const tail = rest.length === 1 && rest[0] === '' ? undefined : new RegExp(`^${pieces.map(escapeRegExp).join('.*')}$`);
    const seen = new Map<number, LabelHit>();
    for (let i = this.lowerBound(prefix); i < this.sorted.length && this.sorted[i]!.name.folded.startsWith(prefix); i++) {
      const { entry, name } = this.sorted[i]!;
      const known = seen.get(entry);
      if ((known && !known.alt) || (tail && !tail.test(name.folded))) continue;
      const { term, vocabulary } = this.entries[entry]!;
      if (query.vocabularies && query.vocabularies.length > 0 && !query.vocabularies.includes(vocabulary.id)) continue;
      if (term.status.deprecated && query.includeDeprecated !== true) continue;
      if (!known || !name.alt) seen.set(entry, { term, vocabulary, label: name.text, alt: name.alt });
    }
    return [...seen.values()];
  }

  private lowerBound(folded: string): number {
    let low = 0;
    let high = this.sorted.length;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if (this.sorted[middle]!.name.folded < folded) low = middle + 1;
      else high = middle;
    }
    return low;
  }

  /** Names that begin with the query. */
  private prefixCandidates(folded: string, offer: (entry: number, candidate: Candidate) => void): void {
    for (let i = this.lowerBound(folded); i < this.sorted.length && this.sorted[i]!.name.folded.startsWith(folded); i++) {
      const { entry, name } = this.sorted[i]!;
      if (name.folded !== folded) offer(entry, { match: 'prefix', matched: name.text, closeness: folded.length / name.folded.length - (name.alt ? 0.05 : 0) });
    }
  }

  /**
   * Prefix and word candidates from MiniSearch; typo-tolerant ones only when those leave fewer than
   * `wanted` candidates (fuzzy expansion is the costly part, and fuzzy hits rank below them anyway);
   * and, outside autocomplete, partial matches (some words) only when nothing matched every word.
   */
  private textCandidates(folded: string, suggest: boolean, wanted: number, found: () => number, offer: (entry: number, candidate: Candidate) => void): void {
    const base = {
      fields: ['label', 'alt'],
      boost: { label: 2 },
      prefix: (term: string, i: number, terms: string[]) => term.length >= 2 && (!suggest || i === terms.length - 1),
    };
    const fuzzy = (term: string) => (term.length >= 5 ? (suggest ? 0.2 : 0.25) : term.length === 4 && !suggest ? 1 : false);
    const queryWords = folded.split(' ');
    const take = (results: MiniSearchResult[], partial: boolean) => {
      const best = results[0]?.score ?? 1;
      for (const result of results) {
        const index = result.id as number;
        const relevance = result.score / best;
        const classed = partial ? undefined : classify(this.entries[index]!.names, folded, queryWords);
        if (classed) offer(index, { ...classed, closeness: 0.5 * classed.closeness + 0.5 * relevance });
        else {
          const share = partial ? result.queryTerms.length / queryWords.length : 1;
          const name = closestName(this.entries[index]!.names, result.terms);
          offer(index, { match: 'fuzzy', matched: name.text, closeness: share * (0.5 * relevance + 0.5 * Math.min(1, folded.length / name.folded.length)) });
        }
      }
      return results.length;
    };
    let matched = take(this.miniSearch.search(folded, { ...base, combineWith: 'AND' }), false);
    if (found() < wanted) matched += take(this.miniSearch.search(folded, { ...base, fuzzy, maxFuzzy: 2, combineWith: 'AND' }), false);
    if (matched === 0 && !suggest && folded.includes(' ')) take(this.miniSearch.search(folded, { ...base, combineWith: 'OR' }), true);
  }

  /** `GSE` finds labels with those initials; `Geocentric Solar Ecliptic` finds the label `GSE`. */
  private acronymCandidates(query: string, folded: string, offer: (entry: number, candidate: Candidate) => void): void {
    if (isAcronymShaped(query)) {
      for (const { entry, name } of this.acronyms.get(folded) ?? []) offer(entry, { match: 'acronym', matched: name.text, closeness: name.alt ? 0.8 : 1 });
    }
    if (folded.includes(' ')) {
      for (const acronym of acronymsOf(query)) {
        for (const { entry, name } of this.exact.get(acronym) ?? []) offer(entry, { match: 'acronym', matched: name.text, closeness: name.alt ? 0.8 : 1 });
      }
    }
  }
}

/** Closer to 1 for small curated vocabularies, 0 for the largest registry of named things (facility, PDS4). */
export function vocabularyWeight(size: number, largest: number): number {
  return Math.max(0, 1 - Math.log10(Math.max(size, 1)) / Math.log10(largest));
}

/** The shortest name holding a word that matched (MiniSearch reports the document's words, not the field's value). */
function closestName(names: readonly Name[], matchedWords: readonly string[]): Name {
  const holding = names.filter((name) => matchedWords.some((w) => name.words.has(w)));
  return (holding.length > 0 ? holding : names).reduce((a, b) => (b.folded.length < a.folded.length ? b : a));
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function nameOf(text: string, alt: boolean): Name {
  return { text, folded: normaliseText(text), words: new Set(indexWords(text)), alt };
}

/** The best way any of the names matches: prefix of the whole name, or every query word a word of it (the last may be begun). */
function classify(names: readonly Name[], folded: string, queryWords: readonly string[]): (Omit<Candidate, 'closeness'> & { closeness: number }) | undefined {
  let found: Candidate | undefined;
  for (const name of names) {
    let candidate: Candidate | undefined;
    if (name.folded === folded) candidate = { match: name.alt ? 'exact-alt-label' : 'exact-label', matched: name.text, closeness: 1 };
    else if (name.folded.startsWith(folded))
      candidate = { match: 'prefix', matched: name.text, closeness: folded.length / name.folded.length - (name.alt ? 0.05 : 0) };
    else if (queryWords.every((w, i) => name.words.has(w) || (i === queryWords.length - 1 && [...name.words].some((nw) => nw.startsWith(w))))) {
      candidate = { match: 'word', matched: name.text, closeness: folded.length / name.folded.length - (name.alt ? 0.05 : 0) };
    }
    if (candidate && (!found || better(candidate, found))) found = candidate;
  }
  return found;
}

function better(a: Candidate, b: Candidate): boolean {
  const ra = MATCH_TYPES.indexOf(a.match);
  const rb = MATCH_TYPES.indexOf(b.match);
  return ra < rb || (ra === rb && a.closeness > b.closeness);
}

function admits(entry: Entry, query: SearchQuery): boolean {
  const { term, vocabulary } = entry;
  if (query.vocabularies && query.vocabularies.length > 0 && !query.vocabularies.includes(vocabulary.id)) return false;
  if (query.communities && query.communities.length > 0 && !query.communities.includes(vocabulary.community)) return false;
  if (query.status === 'deprecated') return term.status.deprecated;
  if (query.status === 'preliminary') return term.status.preliminary && (query.includeDeprecated === true || !term.status.deprecated);
  if (query.status === 'stable') return !term.status.preliminary && !term.status.deprecated;
  return query.includeDeprecated === true || !term.status.deprecated;
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

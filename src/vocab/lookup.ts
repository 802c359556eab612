import type { Term } from '../model/index.js';
import { GraphHierarchy } from './hierarchy.js';
import {
  LABEL_MATCHES,
  type LabelHit,
  type LabelLookup,
  type LabelMatch,
  type LabelPatternQuery,
  type Lookup,
  type SearchQuery,
  type SearchResult,
} from './lookup-types.js';
import { SearchIndex } from './search-index.js';
import type { TermIndex } from './term-index.js';
import type { VocabularyService } from './vocabulary-service.js';

/** Everything derived from one term index; replaced as a whole, so a reader never mixes two generations. */
interface LookupState {
  index: TermIndex;
  search: SearchIndex;
  hierarchies: Map<string, GraphHierarchy>;
  labels: Map<string, LabelMaps>;
  generation: string;
}

type LabelMaps = Record<LabelMatch, Map<string, Term[]>>;

/** A live lookup over the service's current index: rebuilt whenever the service reports a change. */
export interface LiveLookup extends Lookup {
  readonly hierarchies: ReadonlyMap<string, GraphHierarchy>;
  /** Stops following the service's changes. */
  close(): void;
}

/**
 * The lookup services over a VocabularyService: search, hierarchies and label lookups, built from
 * the service's term index and rebuilt (then swapped in one assignment) after every load or write.
 */
export function createLookup(service: VocabularyService): LiveLookup {
  const epoch = Date.now().toString(36);
  let builds = 0;
  const build = (index: TermIndex): LookupState => ({ ...derive(index), index, generation: `${epoch}-${++builds}` });
  let state = build(service.index);
  const unsubscribe = service.onChange(() => {
    if (service.index !== state.index) state = build(service.index);
  });

  return {
    get index() {
      return state.index;
    },
    get generation() {
      return state.generation;
    },
    get hierarchies() {
      return state.hierarchies;
    },
    search(query: SearchQuery): SearchResult {
      return state.search.search(query);
    },
    matchLabels: (query: LabelPatternQuery) => matchLabels(state, query),
    hierarchy(vocabularyId: string) {
      return state.hierarchies.get(vocabularyId);
    },
    lookupLabel: (vocabularyId: string, label: string) => lookupLabel(state, vocabularyId, label),
    byLabel: (vocabularyId: string, label: string) => lookupLabel(state, vocabularyId, label)?.terms[0],
    close: () => {
      unsubscribe();
    },
  };
}

function matchLabels(state: LookupState, query: LabelPatternQuery): LabelHit[] {
  const hits = state.search.matchLabels(query);
  if (query.below === undefined) return hits;
  const parent = state.index.termByIri(query.below);
  const below = new Set(parent ? (state.hierarchies.get(parent.vocabularyId)?.descendants(parent.iri) ?? []) : []);
  return hits.filter((hit) => below.has(hit.term.iri));
}

function lookupLabel(state: LookupState, vocabularyId: string, label: string): LabelLookup | undefined {
  const maps = state.labels.get(vocabularyId);
  if (!maps) return undefined;
  const keys: Record<LabelMatch, string> = {
    'exact-label': label,
    'case-insensitive-label': label.toLowerCase(),
    'exact-alt-label': label,
    'case-insensitive-alt-label': label.toLowerCase(),
  };
  for (const match of LABEL_MATCHES) {
    const terms = maps[match].get(keys[match]);
    if (terms && terms.length > 0) return { match, terms: [...terms].sort((a, b) => Number(a.status.deprecated) - Number(b.status.deprecated)) };
  }
  return undefined;
}

function derive(index: TermIndex): Omit<LookupState, 'index' | 'generation'> {
  const hierarchies = new Map<string, GraphHierarchy>();
  const labels = new Map<string, LabelMaps>();
  for (const vocabulary of index.vocabularies) {
    const terms = index.terms(vocabulary.id);
    hierarchies.set(vocabulary.id, new GraphHierarchy(vocabulary, terms));
    labels.set(vocabulary.id, labelMaps(terms));
  }
  return { search: new SearchIndex(index.vocabularies, (id) => index.terms(id)), hierarchies, labels };
}

/** Skosmos' lookup precedence (RestController::findLookupHits): exact prefLabel, case-insensitive prefLabel, then the same for altLabel. */
function labelMaps(terms: readonly Term[]): LabelMaps {
  const maps: LabelMaps = {
    'exact-label': new Map(),
    'case-insensitive-label': new Map(),
    'exact-alt-label': new Map(),
    'case-insensitive-alt-label': new Map(),
  };
  const add = (map: Map<string, Term[]>, key: string, term: Term) => {
    const list = map.get(key);
    if (!list) map.set(key, [term]);
    else if (!list.includes(term)) list.push(term);
  };
  for (const term of terms) {
    for (const label of term.labels) {
      add(maps['exact-label'], label, term);
      add(maps['case-insensitive-label'], label.toLowerCase(), term);
    }
    for (const label of term.altLabels) {
      add(maps['exact-alt-label'], label, term);
      add(maps['case-insensitive-alt-label'], label.toLowerCase(), term);
    }
  }
  return maps;
}

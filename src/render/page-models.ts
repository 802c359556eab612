/**
 * View models for the page templates: plain data, every string as the source gave it (the templates
 * escape). Links come from `paths.ts`; a `LinkStyle` says whether the site is served live (formats
 * by `?format=`) or exported as static files.
 */
import { COMMUNITIES, type Community, type MappingPredicate, type Quad, type Term, type VocabularyMeta, SKOS, RDFS } from '../model/index.js';
import type { HostedVocabulary, Lookup, SearchHit, SearchQuery } from '../vocab/index.js';
import { externalHref } from './external-link.js';
import { termPath, vocabularyPath } from './paths.js';
import { MACHINE_REPRESENTATIONS } from './representations.js';

/** How the pages link to machine-readable forms: live (`?format=`) or as static files. */
export type LinkStyle = 'live' | 'static';

export const COMMUNITY_LABELS: Readonly<Record<Community, { title: string; blurb: string }>> = {
  IVOA: { title: 'IVOA', blurb: 'Vocabularies of the International Virtual Observatory Alliance (ivoa.net/rdf).' },
  IPDA: { title: 'IPDA / EPN-TAP', blurb: 'Planetary science: EPN-TAP vocabularies (voparis-ns) and the PDS4 registered context products.' },
  IHDEA: { title: 'IHDEA / SPASE', blurb: 'Heliophysics: IHDEA reference frames and the enumerations of the SPASE dictionary.' },
  UAT: { title: 'Unified Astronomy Thesaurus', blurb: 'The UAT in its IVOA rendering.' },
  UCD: { title: 'UCD', blurb: 'The IVOA UCD1+ controlled vocabulary.' },
};

/** Download formats of a vocabulary or term page, in the order shown. */
export const DOWNLOADS = MACHINE_REPRESENTATIONS.map((r) => ({ format: r.format, label: r.label, mediaType: r.mediaTypes[0], extension: r.extension }));

export interface DownloadLink {
  label: string;
  mediaType: string;
  href: string;
}

/** Where a static export keeps a vocabulary's files: `<path>/index.html` and `<path>/vocabulary.<ext>`. */
export function staticDownloadHref(vocabulary: Pick<VocabularyMeta, 'id' | 'iri'>, extension: string): string {
  return `${vocabularyPath(vocabulary)}/vocabulary.${extension}`;
}

function downloads(path: string, style: LinkStyle, vocabulary: Pick<VocabularyMeta, 'id' | 'iri'>): DownloadLink[] {
  return DOWNLOADS.map((d) => ({
    label: d.label,
    mediaType: d.mediaType,
    href: style === 'live' ? `${path}?format=${d.format}` : staticDownloadHref(vocabulary, d.extension),
  }));
}

/* ---------- links to terms ---------- */

export interface TermLink {
  label: string;
  id?: string;
  iri: string;
  /** Page path when the term is hosted; absent for an IRI astrovoc does not host. */
  path?: string;
  /** For an IRI astrovoc does not host: the link to it, only when it is http(s) (else the page shows it as text). */
  href?: string;
  vocabularyTitle?: string;
  deprecated: boolean;
  preliminary: boolean;
}

function linkTo(lookup: Lookup, iri: string): TermLink {
  const term = lookup.index.termByIri(iri);
  const vocabulary = term ? lookup.index.vocabulary(term.vocabularyId) : undefined;
  if (!term || !vocabulary) {
    const href = externalHref(iri);
    return { label: iri, iri, ...(href ? { href } : {}), deprecated: false, preliminary: false };
  }
  return {
    label: term.labels[0] ?? term.id,
    id: term.id,
    iri,
    path: termPath(vocabulary, term.id),
    vocabularyTitle: vocabulary.title,
    deprecated: term.status.deprecated,
    preliminary: term.status.preliminary,
  };
}

/* ---------- home ---------- */

export interface HomeModel {
  title: string;
  totals: { vocabularies: number; terms: number; termsText: string };
  communities: {
    id: Community;
    title: string;
    blurb: string;
    terms: number;
    termsText: string;
    vocabularies: {
      id: string;
      title: string;
      path: string;
      flavour: string;
      version?: string;
      terms: number;
      termsText: string;
      deprecated: number;
      preliminary: number;
      failure?: string;
    }[];
  }[];
}

export function homeModel(hosted: readonly HostedVocabulary[]): HomeModel {
  const communities = COMMUNITIES.map((id) => {
    const vocabularies = hosted
      .filter((h) => h.entry.community === id)
      .map((h) => ({
        id: h.entry.id,
        title: h.meta?.title ?? h.entry.title,
        path: vocabularyPath(h.meta ?? h.entry),
        flavour: h.meta?.flavour ?? h.entry.flavour,
        ...(h.meta?.version ? { version: h.meta.version } : {}),
        terms: h.counts.terms,
        termsText: thousands(h.counts.terms),
        deprecated: h.counts.deprecated,
        preliminary: h.counts.preliminary,
        ...(h.failure ? { failure: 'not loaded' } : {}),
      }));
    const terms = vocabularies.reduce((n, v) => n + v.terms, 0);
    return { id, ...COMMUNITY_LABELS[id], terms, termsText: thousands(terms), vocabularies };
  }).filter((c) => c.vocabularies.length > 0);
  const terms = communities.reduce((n, c) => n + c.terms, 0);
  return {
    title: 'Vocabularies',
    totals: { vocabularies: hosted.length, terms, termsText: thousands(terms) },
    communities,
  };
}

/** 16091 → "16,091". */
export const thousands = (n: number): string => n.toLocaleString('en-GB');

/* ---------- vocabulary ---------- */

export interface TreeNode {
  label: string;
  id: string;
  path: string;
  deprecated: boolean;
  preliminary: boolean;
  children: TreeNode[];
  /** Already shown in full elsewhere in the tree (a SKOS term with several parents). */
  shownElsewhere: boolean;
}

export interface VocabularyModel {
  title: string;
  vocabulary: {
    id: string;
    iri: string;
    path: string;
    title: string;
    description?: string;
    community: string;
    flavour: string;
    version?: string;
    previousVersion?: string;
    authors: string[];
    /** `href` only when the licence IRI may be a link (http/https). */
    licence: { name: string; uri: string; href?: string };
    draft: boolean;
    homepage?: string;
    homepageHref?: string;
  };
  counts: { terms: number; deprecated: number; preliminary: number; topTerms: number };
  downloads: DownloadLink[];
  tree: TreeNode[];
  /** Open the first level of the tree (small vocabularies). */
  openTree: boolean;
}

export function vocabularyModel(hosted: HostedVocabulary, lookup: Lookup, style: LinkStyle): VocabularyModel | undefined {
  const meta = hosted.meta;
  if (!meta) return undefined;
  const path = vocabularyPath(meta);
  const terms = lookup.index.terms(meta.id);
  return {
    title: meta.title,
    vocabulary: {
      id: meta.id,
      iri: meta.iri,
      path,
      title: meta.title,
      ...(meta.description ? { description: meta.description } : {}),
      community: COMMUNITY_LABELS[meta.community].title,
      flavour: meta.flavour,
      ...(meta.version ? { version: meta.version } : {}),
      ...(meta.previousVersion ? { previousVersion: meta.previousVersion } : {}),
      authors: meta.authors,
      licence: { name: meta.licence.name, uri: meta.licence.uri, ...linkable('href', meta.licence.uri) },
      draft: meta.draft,
      ...(hosted.entry.homepage ? { homepage: hosted.entry.homepage, ...linkable('homepageHref', hosted.entry.homepage) } : {}),
    },
    counts: hosted.counts,
    downloads: downloads(path, style, meta),
    tree: termTree(meta, terms),
    openTree: terms.length <= 300,
  };
}

/** `{ [key]: href }` when the IRI may be a link, `{}` when it must stay text. */
function linkable<K extends string>(key: K, iri: string): { [k in K]?: string } {
  const href = externalHref(iri);
  return href ? ({ [key]: href } as { [k in K]?: string }) : {};
}

/** The term tree: roots are terms with no parent inside the vocabulary; a subtree is spelt out once. */
export function termTree(vocabulary: VocabularyMeta, terms: readonly Term[]): TreeNode[] {
  const byIri = new Map(terms.map((t) => [t.iri, t]));
  const expanded = new Set<string>();
  const node = (term: Term): TreeNode => {
    const base = {
      label: term.labels[0] ?? term.id,
      id: term.id,
      path: termPath(vocabulary, term.id),
      deprecated: term.status.deprecated,
      preliminary: term.status.preliminary,
    };
    if (expanded.has(term.iri)) return { ...base, shownElsewhere: true, children: [] };
    expanded.add(term.iri);
    const children = term.children.map((iri) => byIri.get(iri)).filter((t): t is Term => t !== undefined);
    return { ...base, shownElsewhere: false, children: children.map(node) };
  };
  const roots = terms.filter((t) => !t.parents.some((p) => byIri.has(p)));
  const tree = roots.map(node);
  // Terms caught in a parent cycle have no root above them: list them at the top rather than drop them.
  for (const term of terms) if (!expanded.has(term.iri)) tree.push(node(term));
  return tree;
}

/* ---------- term ---------- */

export interface MappingGroup {
  /** Title of the target vocabulary, or the target's host for an IRI astrovoc does not host. */
  title: string;
  path?: string;
  links: MappingLinkView[];
}

/** A mapping as the service records it (SSSOM): what a term page shows of each link. */
export interface MappingEvidence {
  predicate: MappingPredicate;
  /** The other end of the mapping, seen from the term. */
  target: string;
  negative: boolean;
  status: 'proposed' | 'accepted' | 'rejected';
  justification?: string;
  confidence?: number;
  reviewer?: string;
  set?: string;
}

export type MappingLinkView = TermLink & {
  predicate: MappingPredicate;
  /** 'source-asserted' for links the vocabulary's own source makes. */
  status: MappingEvidence['status'] | 'source-asserted';
  negative: boolean;
  justification?: string;
  confidence?: string;
  reviewer?: string;
};

export interface TermModel {
  title: string;
  term: {
    id: string;
    iri: string;
    label: string;
    otherLabels: string[];
    altLabels: string[];
    definition?: string;
    otherDefinitions: string[];
    deprecated: boolean;
    preliminary: boolean;
  };
  vocabulary: { id: string; title: string; path: string; iri: string; draft: boolean };
  useInstead: TermLink[];
  breadcrumbs: TermLink[][];
  parents: TermLink[];
  children: TermLink[];
  related: TermLink[];
  mappings: MappingGroup[];
  formats: DownloadLink[];
  /** The term's description as a JSON-LD object (the layout embeds it with safeJson). */
  jsonld?: unknown;
}

export interface TermModelInput {
  term: Term;
  lookup: Lookup;
  /** The term's concise bounded description (for related terms). */
  description: readonly Quad[];
  jsonld?: unknown;
  style: LinkStyle;
  /** Mappings of this term from the mapping sets (curated and computed), if the service has them. */
  mappingEvidence?: readonly MappingEvidence[];
}

const RELATED = new Set([`${SKOS}related`, `${RDFS}seeAlso`]);

export function termModel({ term, lookup, description, jsonld, style, mappingEvidence = [] }: TermModelInput): TermModel | undefined {
  const vocabulary = lookup.index.vocabulary(term.vocabularyId);
  if (!vocabulary) return undefined;
  const path = termPath(vocabulary, term.id);
  const related = [...new Set(description.filter((q) => RELATED.has(q.predicate.value) && q.object.termType === 'NamedNode').map((q) => q.object.value))];
  return {
    title: term.labels[0] ?? term.id,
    term: {
      id: term.id,
      iri: term.iri,
      label: term.labels[0] ?? term.id,
      otherLabels: term.labels.slice(1),
      altLabels: term.altLabels,
      ...(term.definitions[0] ? { definition: term.definitions[0] } : {}),
      otherDefinitions: term.definitions.slice(1),
      deprecated: term.status.deprecated,
      preliminary: term.status.preliminary,
    },
    vocabulary: { id: vocabulary.id, title: vocabulary.title, path: vocabularyPath(vocabulary), iri: vocabulary.iri, draft: vocabulary.draft },
    useInstead: term.useInstead.map((iri) => linkTo(lookup, iri)),
    breadcrumbs: breadcrumbs(term, lookup),
    parents: term.parents.map((iri) => linkTo(lookup, iri)),
    children: term.children.map((iri) => linkTo(lookup, iri)),
    related: related.map((iri) => linkTo(lookup, iri)),
    mappings: mappingGroups(term, lookup, mappingEvidence),
    formats:
      style === 'live'
        ? DOWNLOADS.map((d) => ({ label: d.label, mediaType: d.mediaType, href: `${path}?format=${d.format}` }))
        : downloads(vocabularyPath(vocabulary), 'static', vocabulary).map((d) => ({ ...d, label: `${d.label} (whole vocabulary)` })),
    ...(jsonld !== undefined ? { jsonld } : {}),
  };
}

/** Every path from a top term down to the term's parent (at most 5), from the vocabulary's hierarchy. */
function breadcrumbs(term: Term, lookup: Lookup): TermLink[][] {
  const paths = lookup.hierarchy(term.vocabularyId)?.pathsToTop(term.iri) ?? [];
  return paths
    .map((p) => p.filter((iri) => iri !== term.iri).map((iri) => linkTo(lookup, iri)))
    .filter((p) => p.length > 0)
    .slice(0, 5);
}

/** Mappings grouped by the target's vocabulary: the source's own links, then the mapping sets' (without repeating a link). */
function mappingGroups(term: Term, lookup: Lookup, evidence: readonly MappingEvidence[]): MappingGroup[] {
  const groups = new Map<string, MappingGroup>();
  const seen = new Set<string>();
  const add = (target: string, view: Omit<MappingLinkView, keyof TermLink>) => {
    const key = `${view.predicate} ${view.negative} ${target}`;
    if (seen.has(key)) return;
    seen.add(key);
    const targetTerm = lookup.index.termByIri(target);
    const vocabulary = targetTerm ? lookup.index.vocabulary(targetTerm.vocabularyId) : undefined;
    const groupKey = vocabulary ? `vocabulary:${vocabulary.id}` : `host:${hostOf(target)}`;
    let group = groups.get(groupKey);
    if (!group) {
      group = vocabulary ? { title: vocabulary.title, path: vocabularyPath(vocabulary), links: [] } : { title: hostOf(target), links: [] };
      groups.set(groupKey, group);
    }
    group.links.push({ ...linkTo(lookup, target), ...view });
  };
  for (const mapping of term.mappings) add(mapping.target, { predicate: mapping.predicate, status: 'source-asserted', negative: false });
  for (const e of evidence) {
    add(e.target, {
      predicate: e.predicate,
      status: e.status,
      negative: e.negative,
      ...(e.justification ? { justification: e.justification.replace(/^.*[/#:]/, '') } : {}),
      ...(e.confidence !== undefined ? { confidence: e.confidence.toFixed(2) } : {}),
      ...(e.reviewer ? { reviewer: e.reviewer } : {}),
    });
  }
  return [...groups.values()];
}

function hostOf(iri: string): string {
  try {
    return new URL(iri).host || iri;
  } catch {
    return iri;
  }
}

/* ---------- search ---------- */

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

export function searchModel(form: SearchForm, lookup: Lookup): SearchModel {
  const searched = form.q.trim() !== '';
  const result = searched ? lookup.search(searchQueryOf(form)) : { total: 0, hits: [] as SearchHit[] };
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
    vocabularies: [...lookup.index.vocabularies]
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

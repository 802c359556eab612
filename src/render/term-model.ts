/** The term page: labels, hierarchy, related terms, mappings (the source's own and the mapping sets'), downloads. */
import type { MappingEvidence } from '../mapping/index.js';
import { type ChangeEntry, type MappingPredicate, type Quad, type Term, SKOS, RDFS } from '../model/index.js';
import { historyView, type ChangeView } from './change-view.js';
import type { ProposalSummary } from './editor-model.js';
import type { Lookup } from '../vocab/index.js';
import { safeJson } from './page-renderer.js';
import type { Representations } from './representations.js';
import { DOWNLOADS, downloads, linkTo, type DownloadLink, type LinkStyle, type TermLink } from './page-links.js';
import { termPath, vocabularyPath } from './paths.js';

export interface MappingGroup {
  /** Title of the target vocabulary, or the target's host for an IRI astrovoc does not host. */
  title: string;
  path?: string;
  links: MappingLinkView[];
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
  /** The curated changes that shaped the term, newest first (empty on a static export or without curation). */
  history: ChangeView[];
  /** The proposals (VEPs) about the term. */
  proposals: ProposalSummary[];
  /** The term's description as a JSON-LD object (the layout embeds it with safeJson). */
  jsonld?: unknown;
}

/** What curation says about a term: its recorded changes (any order) and the proposals about it. */
export interface TermCuration {
  history: readonly ChangeEntry[];
  proposals: readonly ProposalSummary[];
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
  curation?: TermCuration;
}

const RELATED = new Set([`${SKOS}related`, `${RDFS}seeAlso`]);

export function termModel({ term, lookup, description, jsonld, style, mappingEvidence = [], curation }: TermModelInput): TermModel | undefined {
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
    history: historyView(curation?.history ?? []),
    proposals: [...(curation?.proposals ?? [])],
    ...(jsonld !== undefined ? { jsonld } : {}),
  };
}

/** What a term page is built from: the same on the live site and in the static export. */
export interface TermPageSources {
  lookup: Lookup;
  representations: Representations;
  /** The mapping sets (curated, computed) when the service hosts them: their links of the term, with their review state. */
  mappings?: { evidenceFor(iri: string): readonly MappingEvidence[] };
}

/** The term page's model, its JSON-LD description ready to embed (safeJson). */
export type TermPage = Omit<TermModel, 'jsonld'> & { jsonld: string };

/**
 * The one term-page builder: the resolver's pages and `astrovoc pages` both call it; they differ only in `style`, and
 * in `curation`, which the live site gives (the term's history and proposals, as the curation services returned them).
 */
export async function termPage(sources: TermPageSources, term: Term, style: LinkStyle, curation?: TermCuration): Promise<TermPage | undefined> {
  const { lookup, representations } = sources;
  const jsonld = await representations.termJsonLd(term);
  const mappingEvidence = sources.mappings?.evidenceFor(term.iri) ?? [];
  const model = termModel({ term, lookup, description: representations.description(term), jsonld, style, mappingEvidence, ...(curation ? { curation } : {}) });
  return model && { ...model, jsonld: safeJson(jsonld) };
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

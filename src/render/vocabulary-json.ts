import type { Term } from '../model/index.js';
import type { HostedVocabulary } from '../vocab/index.js';

/** The JSON shape of a hosted vocabulary in the REST API. */
export function vocabularyJson(hosted: HostedVocabulary) {
  const { entry, meta, counts } = hosted;
  return {
    id: entry.id,
    iri: entry.iri,
    title: meta?.title ?? entry.title,
    description: meta?.description ?? entry.description ?? null,
    community: entry.community,
    flavour: meta?.flavour ?? entry.flavour,
    version: meta?.version ?? null,
    draft: meta?.draft ?? false,
    authors: meta?.authors ?? [],
    licence: meta?.licence ?? entry.licence,
    homepage: entry.homepage ?? null,
    sources: Object.fromEntries(Object.entries(entry.sources).map(([role, s]) => [role, s.url])),
    loaded: meta !== undefined,
    ...(hosted.failure ? { failure: hosted.failure } : {}),
    counts: { ...counts, triples: hosted.triples },
  };
}

/** The JSON shape of a term in the REST API. */
export function termJson(term: Term) {
  return {
    iri: term.iri,
    id: term.id,
    vocabulary: term.vocabularyId,
    label: term.labels[0] ?? term.id,
    labels: term.labels,
    altLabels: term.altLabels,
    definition: term.definitions[0] ?? null,
    definitions: term.definitions,
    parents: term.parents,
    children: term.children,
    status: term.status,
    useInstead: term.useInstead,
    mappings: term.mappings,
  };
}

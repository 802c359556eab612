/** The communities whose vocabularies astrovoc hosts. */
export const COMMUNITIES = ['IVOA', 'IPDA', 'IHDEA', 'UAT', 'UCD'] as const;
export type Community = (typeof COMMUNITIES)[number];

/** VocInVO2 flavours; `SKOS CSV` is an input form published as SKOS. */
export const FLAVOURS = ['RDF Class', 'RDF Property', 'SKOS'] as const;
export type Flavour = (typeof FLAVOURS)[number];

export interface Licence {
  /** Licence IRI, e.g. http://creativecommons.org/publicdomain/zero/1.0/ */
  uri: string;
  /** SPDX-style short name, e.g. CC0-1.0 */
  name: string;
  /** Attribution text in HTML where the source gives one. */
  html?: string;
}

/** What the service knows about one hosted vocabulary (catalogue entry plus what its source says). */
export interface VocabularyMeta {
  id: string;
  iri: string;
  /** Prefix that terms share: `${termBase}${termId}` is a term IRI (usually `${iri}#`). */
  termBase: string;
  title: string;
  description?: string;
  community: Community;
  flavour: Flavour;
  /** Version or timestamp of the hosted version (YYYY-MM-DD for IVOA vocabularies). */
  version?: string;
  previousVersion?: string;
  authors: string[];
  licence: Licence;
  draft: boolean;
  hidden: boolean;
  topConcepts?: string[];
  /** Named graph holding this vocabulary in the store. */
  graph: string;
}

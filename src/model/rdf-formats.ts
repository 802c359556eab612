/**
 * The RDF syntaxes astrovoc reads and writes, each declared once: ingest keys its parsers, render its
 * writers and the store its exports by `name`; content negotiation, the Graph Store, SPARQL results, the
 * catalogue, the static export and the CLI look formats up here. The SPARQL result formats of SELECT and
 * ASK, which are not RDF, are the second table below.
 */

const W3C_FORMATS = 'http://www.w3.org/ns/formats/';

export interface RdfFormat {
  /** What `?format=`, the CLI's `--format` and the code call it. */
  readonly name: string;
  readonly label: string;
  /** The name spelled out, as a catalogue entry gives it (`options.syntax`). */
  readonly syntax: string;
  /** Other names `?format=` and the lookups take (the spelled-out syntax among them). */
  readonly aliases: readonly string[];
  /** The preferred media type first (what astrovoc sends, and the type a request body is sent as), then alternates Accept may name. */
  readonly mediaTypes: readonly [string, ...string[]];
  /** File extensions without the dot, the one astrovoc writes first. */
  readonly extensions: readonly [string, ...string[]];
  /** Triples in named graphs (N-Quads): not a representation of one vocabulary or term. */
  readonly quads: boolean;
  /** Whether render can write it as a vocabulary's or a term's representation (every format can be read and exported by the store). */
  readonly written: boolean;
  /** Its W3C format IRI (https://www.w3.org/ns/formats/), for the SPARQL service description. */
  readonly iri: string;
}

/** In the order the Graph Store offers them (a tie in Accept goes to the first): Turtle is the default. */
export const RDF_FORMATS = [
  {
    name: 'ttl',
    label: 'Turtle',
    syntax: 'turtle',
    aliases: ['turtle'],
    mediaTypes: ['text/turtle', 'application/x-turtle'],
    extensions: ['ttl'],
    quads: false,
    written: true,
    iri: `${W3C_FORMATS}Turtle`,
  },
  {
    name: 'nt',
    label: 'N-Triples',
    syntax: 'ntriples',
    aliases: ['ntriples', 'n-triples'],
    mediaTypes: ['application/n-triples'],
    extensions: ['nt'],
    quads: false,
    written: true,
    iri: `${W3C_FORMATS}N-Triples`,
  },
  {
    name: 'nq',
    label: 'N-Quads',
    syntax: 'nquads',
    aliases: ['nquads', 'n-quads'],
    mediaTypes: ['application/n-quads'],
    extensions: ['nq'],
    quads: true,
    written: false,
    iri: `${W3C_FORMATS}N-Quads`,
  },
  {
    name: 'rdfxml',
    label: 'RDF/XML',
    syntax: 'rdfxml',
    aliases: ['rdf', 'xml'],
    mediaTypes: ['application/rdf+xml'],
    extensions: ['rdf', 'owl', 'skos', 'xml'],
    quads: false,
    written: true,
    iri: `${W3C_FORMATS}RDF_XML`,
  },
  {
    name: 'jsonld',
    label: 'JSON-LD',
    syntax: 'jsonld',
    aliases: ['json-ld'],
    mediaTypes: ['application/ld+json'],
    extensions: ['jsonld'],
    quads: false,
    written: true,
    iri: `${W3C_FORMATS}JSON-LD`,
  },
] as const satisfies readonly RdfFormat[];

export type RdfFormatName = (typeof RDF_FORMATS)[number]['name'];
/** The formats render writes as representations of a vocabulary or a term. */
export type WrittenRdfFormatName = Extract<(typeof RDF_FORMATS)[number], { written: true }>['name'];

export const RDF_FORMAT_NAMES: readonly RdfFormatName[] = RDF_FORMATS.map((f) => f.name);

const lower = (value: string): string => value.trim().toLowerCase();

/** The format a name or an alias names (any case). */
export function rdfFormatByName(name: string): (typeof RDF_FORMATS)[number] | undefined {
  const wanted = lower(name);
  return RDF_FORMATS.find((f) => f.name === wanted || (f.aliases as readonly string[]).includes(wanted));
}

/** The format sent as a media type (parameters such as `; charset=utf-8` are ignored). */
export function rdfFormatByMediaType(mediaType: string): (typeof RDF_FORMATS)[number] | undefined {
  const wanted = lower(mediaType.split(';')[0]!);
  return RDF_FORMATS.find((f) => (f.mediaTypes as readonly string[]).includes(wanted));
}

/** The format of a file by its extension (`ttl`, `.ttl` or a file name). */
export function rdfFormatByExtension(fileOrExtension: string): (typeof RDF_FORMATS)[number] | undefined {
  const wanted = lower(fileOrExtension.slice(fileOrExtension.lastIndexOf('.') + 1));
  return RDF_FORMATS.find((f) => (f.extensions as readonly string[]).includes(wanted));
}

/** The format named `name`, which the type system knows is one of ours. */
export function rdfFormat(name: RdfFormatName): (typeof RDF_FORMATS)[number] {
  return RDF_FORMATS.find((f) => f.name === name)!;
}

/** The preferred media type of a format. */
export const rdfMediaType = (name: RdfFormatName): string => rdfFormat(name).mediaTypes[0];

/** SPARQL 1.1 Query Results formats, which answer SELECT; `ask`: ASK too (CSV and TSV cover SELECT only, their §1). */
export const SPARQL_RESULT_FORMATS = [
  { name: 'json', mediaType: 'application/sparql-results+json', ask: true, iri: `${W3C_FORMATS}SPARQL_Results_JSON` },
  { name: 'xml', mediaType: 'application/sparql-results+xml', ask: true, iri: `${W3C_FORMATS}SPARQL_Results_XML` },
  { name: 'csv', mediaType: 'text/csv', ask: false, iri: `${W3C_FORMATS}SPARQL_Results_CSV` },
  { name: 'tsv', mediaType: 'text/tab-separated-values', ask: false, iri: `${W3C_FORMATS}SPARQL_Results_TSV` },
] as const;

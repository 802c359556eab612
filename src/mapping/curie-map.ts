/** CURIE expansion and compaction against an SSSOM curie_map plus the prefixes SSSOM builds in. */
import { DC, OWL, RDF, RDFS, SEMAPV, SKOS, SSSOM, XSD } from '../model/index.js';
import { MAPPING_RECORD_BASE } from './mapping.js';
import { allowedScheme } from './mapping-identifier.js';

/** SSSOM's built-in prefixes (SSSOM 1.0, "Built-in prefixes"): a file need not declare them. */
export const BUILT_IN_PREFIXES: Readonly<Record<string, string>> = {
  sssom: SSSOM,
  owl: OWL,
  rdf: RDF,
  rdfs: RDFS,
  skos: SKOS,
  semapv: SEMAPV,
  linkml: 'https://w3id.org/linkml/',
};

/** Prefixes astrovoc writes with; the writer declares those it uses in curie_map. */
export const ASTROVOC_PREFIXES: Readonly<Record<string, string>> = {
  xsd: XSD,
  dcterms: DC,
  astrovoc: 'https://astrovoc.org/ns#',
  amap: MAPPING_RECORD_BASE,
  avuser: 'https://astrovoc.org/user/',
  orcid: 'https://orcid.org/',
};

export class CurieMap {
  private readonly map: Record<string, string>;
  /** Namespaces longest first, for compaction. */
  private readonly byLength: [string, string][];

  /** Prefixes `compact` has used. */
  readonly used = new Set<string>();

  constructor(declared: Readonly<Record<string, string>>, extra: Readonly<Record<string, string>> = {}) {
    this.map = { ...extra, ...BUILT_IN_PREFIXES, ...declared };
    this.byLength = Object.entries(this.map).sort((a, b) => b[1].length - a[1].length);
  }

  namespace(prefix: string): string | undefined {
    return this.map[prefix];
  }

  /** The IRI of a CURIE, or an IRI written out of an accepted scheme (mapping-identifier); undefined otherwise. */
  expand(value: string): string | undefined {
    const colon = value.indexOf(':');
    if (colon <= 0) return undefined;
    const namespace = this.map[value.slice(0, colon)];
    if (namespace !== undefined) return namespace + value.slice(colon + 1);
    return allowedScheme(value) !== undefined ? value : undefined;
  }

  /** The shortest CURIE for an IRI, or the IRI itself when no declared namespace fits. */
  compact(iri: string): string {
    for (const [prefix, namespace] of this.byLength) {
      if (iri.startsWith(namespace) && iri.length > namespace.length) {
        const local = iri.slice(namespace.length);
        if (/^[^\s|]+$/.test(local)) {
          this.used.add(prefix);
          return `${prefix}:${local}`;
        }
      }
    }
    return iri;
  }
}

/**
 * A term as an editor sees and changes it: the fields of one row of an IVOA terms.csv (VocInVO2 §3.2, Appendix A),
 * independent of how the vocabulary's flavour spells them in RDF. Curated changes carry these records (before and
 * after), the editor forms show them, and the terms.csv export writes them.
 */
export type TermLifecycle = 'approved' | 'preliminary' | 'deprecated';

/** A relation to another resource that is neither a parent nor the replacement: skos:related, a mapping link. */
export interface TermLink {
  /** Full predicate IRI, e.g. http://www.w3.org/2004/02/skos/core#related. */
  predicate: string;
  /** Full IRI of the other resource (a term of this vocabulary or any other). */
  target: string;
}

export interface TermRecord {
  /** The term's local id: `[A-Za-z0-9_-]+`; its IRI is the vocabulary's termBase + id. */
  id: string;
  label: string;
  /** The definition; empty when the term has none. */
  description: string;
  altLabels: string[];
  /** Ids of the direct parents in the same vocabulary; the first is the tree parent (terms.csv level). */
  parents: string[];
  status: TermLifecycle;
  /** Id of the replacement of a deprecated term (VocInVO2 ivoasem:useInstead), in the same vocabulary. */
  useInstead?: string;
  links: TermLink[];
}

/** The fields of a record a change may set, besides its id. */
export const TERM_RECORD_FIELDS = ['label', 'description', 'altLabels', 'parents', 'status', 'useInstead', 'links'] as const;
export type TermRecordField = (typeof TERM_RECORD_FIELDS)[number];

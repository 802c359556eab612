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

export const TERM_ACTIONS = ['add', 'modify', 'deprecate', 'approve', 'remove'] as const;
/** What an editor does to a term: add it (preliminary), change its fields, deprecate it, approve it, remove a preliminary one. */
export type TermAction = (typeof TERM_ACTIONS)[number];

/** A change to one term as an editor or an accepted proposal asks for it, before it is checked and recorded. */
export interface TermChange {
  action: TermAction;
  /** The term's id. */
  term: string;
  /** add: the new term's fields (label required); modify: the fields to change (a move changes `parents`). */
  fields?: Partial<Pick<TermRecord, 'label' | 'description' | 'altLabels' | 'parents' | 'links'>>;
  /** deprecate: the id of the replacement, if any. */
  useInstead?: string;
}

/** One entry of a vocabulary's append-only change log: who did what to which term, when and why. */
export interface ChangeEntry {
  /** Unique and increasing within the vocabulary's log (e.g. a sequence number with a random suffix). */
  id: string;
  vocabulary: string;
  /** The owner of the token that made the change: never a field of the request. */
  who: string;
  /** ISO 8601 time of the change. */
  when: string;
  action: TermAction;
  term: string;
  /** The term before (null for an add) and after (null for a remove) the change. */
  before: TermRecord | null;
  after: TermRecord | null;
  why?: string;
  /** The proposal (VEP) that the change carries out, if any. */
  proposal?: string;
}

/** A logged change that no longer applies to what upstream now says: reported, never dropped and never silently winning. */
export interface CurationConflict {
  change: ChangeEntry;
  /** The field upstream changed too, when that is the cause. */
  field?: TermRecordField;
  /** Why it does not apply, in words: "the term was removed upstream", "upstream changed the label too". */
  reason: string;
  /** The term as upstream (plus the changes before this one) has it now; null when it is gone. */
  current: TermRecord | null;
}

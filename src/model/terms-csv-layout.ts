/**
 * How a row of an IVOA terms.csv is written, apart from what it says: which fields are quoted, the white space
 * around them (messenger pads its columns) and the order of the relations in `more_relations`. The terms.csv
 * reader of records notes it for each row and the writer follows it, so a regenerated row keeps its source's look
 * and an export differs from the source only where a term changed.
 */
export interface TermsCsvFieldLayout {
  /** Quoted in the source although its text may not need it (refframe quotes most descriptions). */
  quoted: boolean;
  /** White space before and after the field's text (inside the quotes of a quoted field). */
  lead: string;
  trail: string;
}

export interface TermsCsvRelationLayout {
  /** The relation's CURIE as written, e.g. `ivoasem:useInstead`, `skos:altLabel`. */
  name: string;
  /** White space before the relation (the separator) and inside its parentheses around the object. */
  before: string;
  objectLead: string;
  objectTrail: string;
}

export interface TermsCsvRowLayout {
  /** term, level, label, description and, when the row has the column (even empty), more_relations. */
  fields: TermsCsvFieldLayout[];
  /** The relations of more_relations in the order they are written. */
  relations: TermsCsvRelationLayout[];
}

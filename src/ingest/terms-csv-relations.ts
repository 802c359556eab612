/**
 * The `more_relations` column of an IVOA terms.csv: space-separated `property(object)` or bare
 * `property` (VocInVO2 Appendix A), e.g. `ivoasem:deprecated ivoasem:useInstead(FK4)`,
 * `skos:exactMatch(http://...)`, `skos:altLabel(Specola "Angelo Ferretti Torricelli")`.
 */
import { IVOASEM, PREFIXES, RDFS, SKOS } from '../model/index.js';
import { IngestError } from './ingest-error.js';
import type { CsvField } from './terms-csv-rows.js';

/** What a relation's object is: nothing (a flag), a term or other resource, or text. */
type ObjectKind = 'flag' | 'resource' | 'text';

const RELATIONS: Readonly<Record<string, { iri: string; object: ObjectKind }>> = {
  'ivoasem:deprecated': { iri: `${IVOASEM}deprecated`, object: 'flag' },
  'ivoasem:preliminary': { iri: `${IVOASEM}preliminary`, object: 'flag' },
  'ivoasem:useInstead': { iri: `${IVOASEM}useInstead`, object: 'resource' },
  'rdfs:subClassOf': { iri: `${RDFS}subClassOf`, object: 'resource' },
  'rdfs:subPropertyOf': { iri: `${RDFS}subPropertyOf`, object: 'resource' },
  'skos:broader': { iri: `${SKOS}broader`, object: 'resource' },
  'skos:narrower': { iri: `${SKOS}narrower`, object: 'resource' },
  'skos:related': { iri: `${SKOS}related`, object: 'resource' },
  'skos:exactMatch': { iri: `${SKOS}exactMatch`, object: 'resource' },
  'skos:closeMatch': { iri: `${SKOS}closeMatch`, object: 'resource' },
  'skos:broadMatch': { iri: `${SKOS}broadMatch`, object: 'resource' },
  'skos:narrowMatch': { iri: `${SKOS}narrowMatch`, object: 'resource' },
  'skos:relatedMatch': { iri: `${SKOS}relatedMatch`, object: 'resource' },
  'skos:altLabel': { iri: `${SKOS}altLabel`, object: 'text' },
  'skos:hiddenLabel': { iri: `${SKOS}hiddenLabel`, object: 'text' },
};

/** The relations astrovoc accepts in `more_relations`, by CURIE. */
export const KNOWN_RELATIONS: readonly string[] = Object.keys(RELATIONS);

export type RelationObject = { kind: 'flag' } | { kind: 'iri'; value: string } | { kind: 'text'; value: string };

export interface Relation {
  /** The CURIE as written, e.g. `ivoasem:useInstead`. */
  name: string;
  predicate: string;
  object: RelationObject;
  column: number;
}

const TERM_ID = /^[A-Za-z0-9_-]+$/;
const ABSOLUTE_IRI = /^[A-Za-z][A-Za-z0-9+.-]*:\/\/[^\s<>"{}|\\^`]+$/;
const CURIE = /^([A-Za-z][A-Za-z0-9_.-]*):([^\s()<>"]*)$/;

/** Parses one `more_relations` field; local term ids become `${termBase}id`. */
export function parseRelations(field: CsvField, termBase: string, fileName: string): Relation[] {
  const text = field.text;
  const relations: Relation[] = [];
  // Columns are exact for unquoted fields; inside quotes a `""` escape shifts them by one each.
  const columnAt = (offset: number): number => field.column + (field.quoted ? 1 : 0) + offset;
  const fail = (code: string, detail: string, offset: number): never => {
    throw new IngestError(code, detail, { file: fileName, line: field.line, column: columnAt(offset) });
  };

  let pos = 0;
  while (pos < text.length) {
    if (/\s/.test(text[pos] ?? '')) {
      pos += 1;
      continue;
    }
    const start = pos;
    while (pos < text.length && !/[\s(]/.test(text[pos] ?? '')) pos += 1;
    const name = text.slice(start, pos);
    let objectText: string | undefined;
    let objectStart = pos;
    if (text[pos] === '(') {
      objectStart = pos + 1;
      let depth = 1;
      pos += 1;
      while (pos < text.length && depth > 0) {
        if (text[pos] === '(') depth += 1;
        else if (text[pos] === ')') depth -= 1;
        pos += 1;
      }
      if (depth > 0) fail('malformed-relation', `"${name}(" is never closed: expected ")"`, start);
      objectText = text.slice(objectStart, pos - 1);
      if (pos < text.length && !/\s/.test(text[pos] ?? '')) {
        fail('malformed-relation', `expected a space after "${text.slice(start, pos)}", found "${text[pos]}"`, pos);
      }
    }

    const relation = RELATIONS[name];
    if (!relation) {
      const prefix = CURIE.exec(name)?.[1];
      const why = prefix && !(prefix in PREFIXES) ? `unknown prefix "${prefix}"` : `unknown relation "${name}"`;
      fail('unknown-relation', `${why}; expected one of ${KNOWN_RELATIONS.join(', ')}`, start);
    }
    const known = relation as { iri: string; object: ObjectKind };
    const object = resolveObject(name, known.object, objectText, termBase, (code, detail) => fail(code, detail, objectStart));
    relations.push({ name, predicate: known.iri, object, column: columnAt(start) });
  }
  return relations;
}

function resolveObject(
  name: string,
  kind: ObjectKind,
  objectText: string | undefined,
  termBase: string,
  fail: (code: string, detail: string) => never,
): RelationObject {
  if (kind === 'flag') {
    if (objectText !== undefined) fail('malformed-relation', `"${name}" is a flag and takes no object, found "(${objectText})"`);
    return { kind: 'flag' };
  }
  const value = objectText?.trim();
  if (!value) return fail('malformed-relation', `"${name}" needs an object: ${name}(...)`);
  if (kind === 'text') return { kind: 'text', value };
  return { kind: 'iri', value: resolveResource(value, termBase, fail) };
}

/** A full IRI, a CURIE with a known prefix, `#term` or a bare term id of this vocabulary. */
export function resolveResource(value: string, termBase: string, fail: (code: string, detail: string) => never): string {
  if (ABSOLUTE_IRI.test(value)) return value;
  const local = value.startsWith('#') ? value.slice(1) : value;
  if (TERM_ID.test(local)) return `${termBase}${local}`;
  const curie = CURIE.exec(value);
  if (curie) {
    const namespace = PREFIXES[curie[1] ?? ''];
    if (namespace === undefined) return fail('unknown-prefix', `unknown prefix "${curie[1]}" in "${value}"; known: ${Object.keys(PREFIXES).join(', ')}`);
    return `${namespace}${curie[2] ?? ''}`;
  }
  return fail('bad-relation-object', `expected a term id, a CURIE or an absolute IRI, found "${value}"`);
}

/**
 * Rows and sets as a curated write makes them: identifiers checked, text on one line, people as IRIs, a
 * review declared as SSSOM wants it.
 */
import type { Mapping, MappingSet } from './mapping.js';
import { MappingError } from './mapping-error.js';
import type { CurieMap } from './curie-map.js';
import { parseIdentifier } from './mapping-identifier.js';

export const USER_BASE = 'https://astrovoc.org/user/';

/** Text written into one TSV cell: one line, whitespace runs and control characters as one space. */
export function oneLine(text: string): string {
  return text.replace(/[\s\p{Cc}]+/gu, ' ').trim();
}

/** A reviewer or author as an IRI: IRIs and ORCID CURIEs stay, a plain name becomes an astrovoc user IRI. */
export function personIri(who: string): string {
  if (/^https?:\/\//.test(who)) return who;
  if (/^orcid:/i.test(who)) return `https://orcid.org/${who.slice(6)}`;
  return `${USER_BASE}${encodeURIComponent(who)}`;
}

export function emptyCuratedSet(name: string): MappingSet {
  return {
    name,
    meta: {
      mappingSetId: `https://astrovoc.org/mappings/${encodeURIComponent(name)}`,
      license: 'https://creativecommons.org/publicdomain/zero/1.0/',
      curieMap: {},
      other: { mapping_set_title: 'Mappings curated by hand in astrovoc', mapping_set_description: 'Added with POST /api/v1/mappings by maintainers.' },
    },
    mappings: [],
  };
}

/** A set with one row replaced by its reviewed form, declaring what a review writes (the astrovoc prefix, review_date). */
export function withReview(set: MappingSet, row: Mapping, reviewed: Mapping): MappingSet {
  return {
    ...set,
    meta: { ...set.meta, curieMap: { astrovoc: 'https://astrovoc.org/ns#', ...set.meta.curieMap }, other: withReviewDateExtension(set.meta.other) },
    mappings: set.mappings.map((m) => (m === row ? reviewed : m)),
  };
}

export function sameRow(a: Mapping, b: Mapping): boolean {
  const canonical = (m: Mapping) =>
    JSON.stringify(m, (_k, v: unknown) =>
      v !== null && typeof v === 'object' && !Array.isArray(v) ? Object.fromEntries(Object.entries(v).sort(([x], [y]) => x.localeCompare(y))) : v,
    );
  return canonical(a) === canonical(b);
}

/** An identifier of a new mapping as an IRI, or a MappingError naming the field. */
export function identifier(value: string, curies: CurieMap, field: string): string {
  const parsed = parseIdentifier(value.trim(), curies);
  if ('problem' in parsed) throw new MappingError('invalid', `${field}: ${parsed.problem}`, field);
  return parsed.iri;
}

/** SSSOM 1.0 extension slots must be declared: astrovoc records the day of a review in `review_date`. */
function withReviewDateExtension(other: Record<string, unknown>): Record<string, unknown> {
  const definitions = Array.isArray(other.extension_definitions) ? (other.extension_definitions as Record<string, unknown>[]) : [];
  if (definitions.some((d) => d.slot_name === 'review_date')) return other;
  return { ...other, extension_definitions: [...definitions, { slot_name: 'review_date', property: 'astrovoc:reviewDate', type_hint: 'xsd:date' }] };
}

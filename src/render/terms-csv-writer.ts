/**
 * Writes TermRecords as rows of an IVOA terms.csv (`term;level;label;description;more_relations`, VocInVO2
 * Appendix A), the way the IVOA files write them and readTermsCsv reads them back. Without a layout a row is
 * written plainly: a field is quoted when it holds `;`, `"` or a line break (inner quotes doubled, as Python's
 * csv module does), no padding, no empty more_relations column, relations in the order
 * flags, useInstead, further parents, alternative labels, links. With the layout of a source row the row keeps
 * that row's quoting, padding and relation order.
 */
import type { Flavour, TermRecord, TermsCsvFieldLayout, TermsCsvRowLayout } from '../model/index.js';
import { AstrovocError, PREFIXES } from '../model/index.js';

export interface TermsCsvRowOptions {
  /** Spells the further parents: skos:broader (SKOS, the default), rdfs:subClassOf, rdfs:subPropertyOf. */
  flavour?: Flavour;
  layout?: TermsCsvRowLayout;
}

const PARENT_RELATION: Readonly<Record<Flavour, string>> = {
  SKOS: 'skos:broader',
  'RDF Class': 'rdfs:subClassOf',
  'RDF Property': 'rdfs:subPropertyOf',
};
const PARENT_NAMES = new Set(Object.values(PARENT_RELATION));
const TERM_ID = /^[A-Za-z0-9_-]+$/;

interface RelationItem {
  name: string;
  object?: string;
}

/** One row, without a line break. `level` places the term; `termBase` makes targets in the vocabulary ids. */
export function formatTermsCsvRow(record: TermRecord, level: number, termBase: string, options: TermsCsvRowOptions = {}): string {
  const layout = options.layout;
  const relations = orderRelations(relationItems(record, level, termBase, options.flavour ?? 'SKOS', layout), layout);
  const fields = [record.id, String(level), record.label, record.description];
  if (relations !== '' || (layout?.fields.length ?? 0) > 4) fields.push(relations);
  return fields.map((text, index) => formatField(text, layout?.fields[index])).join(';');
}

function formatField(text: string, layout: TermsCsvFieldLayout | undefined): string {
  const raw = `${layout?.lead ?? ''}${text}${layout?.trail ?? ''}`;
  // A quote opens a quoted field only as its first character; elsewhere it is text (coosys-flavour writes
  // `"spherical"` unquoted in a description), so a source row that did not quote such a field keeps it so.
  const mustQuote = /[;\r\n]/.test(raw) || raw.startsWith('"') || (!layout && raw.includes('"'));
  return layout?.quoted || mustQuote ? `"${raw.replaceAll('"', '""')}"` : raw;
}

function relationItems(record: TermRecord, level: number, termBase: string, flavour: Flavour, layout: TermsCsvRowLayout | undefined): RelationItem[] {
  const items: RelationItem[] = [];
  if (record.status === 'deprecated') items.push({ name: 'ivoasem:deprecated' });
  if (record.status === 'preliminary') items.push({ name: 'ivoasem:preliminary' });
  if (record.useInstead !== undefined) items.push({ name: 'ivoasem:useInstead', object: resourceText(record.useInstead, termBase) });
  // The source row's spelling of its further parents wins over the flavour's.
  const parentName = layout?.relations.find((relation) => PARENT_NAMES.has(relation.name))?.name ?? PARENT_RELATION[flavour];
  for (const parent of record.parents.slice(level > 1 ? 1 : 0)) items.push({ name: parentName, object: resourceText(parent, termBase) });
  for (const altLabel of record.altLabels) items.push({ name: 'skos:altLabel', object: altLabel });
  for (const link of record.links) items.push({ name: curieOf(link.predicate), object: resourceText(link.target, termBase) });
  return items;
}

/** A term of the vocabulary as its id, anything else as its full IRI. */
function resourceText(value: string, termBase: string): string {
  const local = value.startsWith(termBase) ? value.slice(termBase.length) : value;
  return TERM_ID.test(local) ? local : value;
}

function curieOf(predicate: string): string {
  for (const [prefix, namespace] of Object.entries(PREFIXES)) {
    const local = predicate.startsWith(namespace) ? predicate.slice(namespace.length) : undefined;
    if (local && /^[A-Za-z][A-Za-z0-9_-]*$/.test(local)) return `${prefix}:${local}`;
  }
  throw new AstrovocError('unprocessable', `a terms.csv relation must be a known CURIE (skos:, rdfs:, ivoasem:...); cannot write <${predicate}>`);
}

/** The relations in the layout's order (each slot takes the next item of its name), then the rest in the plain order. */
function orderRelations(items: RelationItem[], layout: TermsCsvRowLayout | undefined): string {
  const left = [...items];
  const parts: string[] = [];
  for (const slot of layout?.relations ?? []) {
    const index = left.findIndex((item) => item.name === slot.name);
    if (index === -1) continue;
    const [item] = left.splice(index, 1);
    if (item) parts.push(`${parts.length ? slot.before || ' ' : ''}${relationText(item, slot.objectLead, slot.objectTrail)}`);
  }
  for (const item of left) parts.push(`${parts.length ? ' ' : ''}${relationText(item, '', '')}`);
  return parts.join('');
}

function relationText(item: RelationItem, lead: string, trail: string): string {
  return item.object === undefined ? item.name : `${item.name}(${lead}${item.object}${trail})`;
}

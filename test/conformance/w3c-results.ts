/**
 * Expected and actual SPARQL results as RDF graphs, compared by rdf-isomorphic: each solution is a blank
 * node with one triple per binding, so blank nodes in results match up to renaming (SPARQL 1.1 Query
 * §18.5 result equivalence), duplicate solutions count (bag semantics), and typed literals compare by
 * lexical form and datatype. For an ordered result each solution also carries its index.
 */
import { readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { XMLParser } from 'fast-xml-parser';
import N3 from 'n3';
import oxigraph from 'oxigraph';
import { isomorphic } from 'rdf-isomorphic';
import type * as RDF from '@rdfjs/types';
import { termFromSparqlJson, type SparqlJsonTerm } from '../../src/store/index.js';

const { namedNode, blankNode, literal, quad } = N3.DataFactory;
const XSD_STRING = 'http://www.w3.org/2001/XMLSchema#string';
const RS = 'http://www.w3.org/2001/sw/DataAccess/tests/result-set#';

export type Solutions = { kind: 'boolean'; value: boolean } | { kind: 'solutions'; rows: Map<string, RDF.Term>[] };

export function solutionsFromJson(text: string): Solutions {
  const json = JSON.parse(text) as { boolean?: boolean; results?: { bindings: Record<string, SparqlJsonTerm>[] } };
  if (typeof json.boolean === 'boolean') return { kind: 'boolean', value: json.boolean };
  return { kind: 'solutions', rows: json.results!.bindings.map((b) => new Map(Object.entries(b).map(([k, v]) => [k, jsonTerm(v)]))) };
}

/** The shared SPARQL JSON reader, with language tags lower-cased for comparison (they are case-insensitive). */
function jsonTerm(term: SparqlJsonTerm): RDF.Term {
  const parsed = termFromSparqlJson(term);
  return parsed.termType === 'Literal' ? lit(parsed.value, parsed.language, parsed.datatype.value) : parsed;
}

function lit(value: string, language?: string, datatype?: string): RDF.Literal {
  if (language) return literal(value, language.toLowerCase());
  return literal(value, namedNode(datatype ?? XSD_STRING));
}

const xml = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@',
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: false,
  isArray: (name) => ['result', 'binding', 'variable'].includes(name),
});

export function solutionsFromXml(text: string): Solutions {
  const doc = xml.parse(text) as { sparql: { boolean?: string; results?: { result?: XmlResult[] } | string } };
  if (doc.sparql.boolean !== undefined) return { kind: 'boolean', value: String(doc.sparql.boolean).trim() === 'true' };
  const results = typeof doc.sparql.results === 'object' ? (doc.sparql.results.result ?? []) : [];
  return { kind: 'solutions', rows: results.map((r) => new Map((r.binding ?? []).map((b) => [b['@name'], xmlTerm(b)]))) };
}

type XmlValue = string | { '#text'?: string; '@datatype'?: string; '@xml:lang'?: string };
interface XmlResult {
  binding?: { '@name': string; uri?: XmlValue; bnode?: XmlValue; literal?: XmlValue }[];
}

function text(value: XmlValue | undefined): string {
  if (value === undefined) return '';
  return typeof value === 'string' ? value : (value['#text'] ?? '');
}

function xmlTerm(binding: { uri?: XmlValue; bnode?: XmlValue; literal?: XmlValue }): RDF.Term {
  if (binding.uri !== undefined) return namedNode(text(binding.uri).trim());
  if (binding.bnode !== undefined) return blankNode(text(binding.bnode).trim());
  const value = binding.literal;
  const attrs = typeof value === 'object' ? value : {};
  return lit(text(value), attrs['@xml:lang'], attrs['@datatype']);
}

/** A result set written in RDF (the rs: vocabulary of the DAWG tests). */
export function solutionsFromResultSetGraph(path: string): Solutions {
  const store = new N3.Store(new N3.Parser({ baseIRI: pathToFileURL(path).href }).parse(readFileSync(path, 'utf8')));
  const set = store.getSubjects(`http://www.w3.org/1999/02/22-rdf-syntax-ns#type`, `${RS}ResultSet`, null)[0]!;
  const bool = store.getObjects(set, `${RS}boolean`, null)[0];
  if (bool) return { kind: 'boolean', value: bool.value === 'true' };
  const rows = store.getObjects(set, `${RS}solution`, null).map((solution) => {
    const row = new Map<string, RDF.Term>();
    for (const binding of store.getObjects(solution, `${RS}binding`, null)) {
      const variable = store.getObjects(binding, `${RS}variable`, null)[0]!.value;
      row.set(variable, store.getObjects(binding, `${RS}value`, null)[0]!);
    }
    const index = store.getObjects(solution, `${RS}index`, null)[0];
    return { row, index: index ? Number(index.value) : undefined };
  });
  if (rows.every((r) => r.index !== undefined)) rows.sort((a, b) => a.index! - b.index!);
  return { kind: 'solutions', rows: rows.map((r) => r.row) };
}

export function solutionsEqual(expected: Solutions, actual: Solutions, ordered: boolean): boolean {
  if (expected.kind === 'boolean' || actual.kind === 'boolean') {
    return expected.kind === actual.kind && (expected as { value: boolean }).value === (actual as { value: boolean }).value;
  }
  if (expected.rows.length !== actual.rows.length) return false;
  if (isomorphic(asGraph(expected.rows, false), asGraph(actual.rows, false)) === false) return false;
  return !ordered || isomorphic(asGraph(expected.rows, true), asGraph(actual.rows, true));
}

function asGraph(rows: Map<string, RDF.Term>[], ordered: boolean): RDF.Quad[] {
  const quads: RDF.Quad[] = [];
  rows.forEach((row, i) => {
    const node = blankNode(`row${i}`);
    quads.push(quad(node, namedNode('urn:rs:row'), literal('row')));
    if (ordered) quads.push(quad(node, namedNode('urn:rs:index'), literal(String(i))));
    for (const [variable, term] of row) quads.push(quad(node, namedNode(`urn:rs:var:${variable}`), canonical(term) as RDF.Quad_Object));
  });
  return quads;
}

const XSD = 'http://www.w3.org/2001/XMLSchema#';
const INTEGER_TYPES = new Set(
  [
    'integer',
    'nonPositiveInteger',
    'negativeInteger',
    'long',
    'int',
    'short',
    'byte',
    'nonNegativeInteger',
    'unsignedLong',
    'unsignedInt',
    'unsignedShort',
    'unsignedByte',
    'positiveInteger',
  ].map((t) => XSD + t),
);
const FLOATING_TYPES = new Set(['decimal', 'double', 'float'].map((t) => XSD + t));

/**
 * Numeric and boolean literals compare by value within their datatype ("1.0"^^xsd:decimal = "1"^^xsd:decimal,
 * "3.0E4"^^xsd:double = "30000"^^xsd:double), as the suite's results are written in non-canonical forms
 * (XSD 1.1 Part 2 §3.3: canonical mappings); the datatype itself must still match.
 */
function canonical(term: RDF.Term): RDF.Term {
  if (term.termType !== 'Literal') return term;
  const datatype = term.datatype.value;
  const value = term.value.trim();
  if (INTEGER_TYPES.has(datatype) && /^[+-]?\d+$/.test(value)) return literal(BigInt(value).toString(), term.datatype);
  if (FLOATING_TYPES.has(datatype) && /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(value)) return literal(String(Number(value)), term.datatype);
  if (datatype === `${XSD}boolean` && /^(true|false|1|0)$/.test(value)) return literal(String(value === 'true' || value === '1'), term.datatype);
  return term;
}

/** A graph result: an RDF document (N-Triples from the endpoint, Turtle or RDF/XML from the suite). */
export function graphFromText(text: string, format: string, baseIri: string): RDF.Quad[] {
  if (format === 'application/rdf+xml') return oxigraph.parse(text, { format, base_iri: baseIri });
  return new N3.Parser({ baseIRI: baseIri, format: format === 'application/n-triples' ? 'N-Triples' : 'Turtle' }).parse(text);
}

export function graphsEqual(expected: RDF.Quad[], actual: RDF.Quad[]): boolean {
  return isomorphic(expected, actual);
}

/**
 * CSV/TSV results (SPARQL 1.1 Query Results CSV and TSV §3, §4) compared as bags of rows keyed by the header,
 * so the column order of SELECT * does not matter; blank node labels are compared as "some blank node".
 */
export function tabularEqual(expected: string, actual: string, separator: ',' | '\t'): boolean {
  return tabularRows(expected, separator).join('\n') === tabularRows(actual, separator).join('\n');
}

function tabularRows(text: string, separator: ',' | '\t'): string[] {
  const lines = splitRows(text.replace(/\r\n/g, '\n').replace(/\n+$/, ''), separator);
  const header = lines[0] ?? [];
  const order = header.map((name, i) => ({ name, i })).sort((a, b) => a.name.localeCompare(b.name));
  return [
    order.map((c) => c.name).join(separator),
    ...lines
      .slice(1)
      .map((cells) => order.map((c) => (cells[c.i] ?? '').replace(/^_:.*$/, '_:')).join(separator))
      .sort(),
  ];
}

function splitRows(text: string, separator: string): string[][] {
  if (separator === '\t') return text.split('\n').map((line) => line.split('\t'));
  const rows: string[][] = [[]];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i += 1) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        cell += '"';
        i += 1;
      } else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"') quoted = true;
    else if (c === ',' || c === '\n') {
      rows[rows.length - 1]!.push(cell);
      cell = '';
      if (c === '\n') rows.push([]);
    } else cell += c;
  }
  rows[rows.length - 1]!.push(cell);
  return rows;
}

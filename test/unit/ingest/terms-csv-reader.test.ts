import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { ReadResult } from '../../../src/ingest/reader.js';
import { readTermsCsv } from '../../../src/ingest/terms-csv-reader.js';
import { splitTermsCsv } from '../../../src/ingest/terms-csv-rows.js';
import { DC, FOAF, IVOASEM, OWL, RDF, RDFS, SKOS, type Quad, type VocabularyMeta } from '../../../src/model/index.js';
import { PROJECT_ROOT } from '../../support/mirror.js';
import { ingestErrorOf } from '../../support/ingest-error.js';
import { vocabularyMeta } from '../../support/vocabulary-meta.js';

const FIXTURES = resolve(PROJECT_ROOT, 'test', 'fixtures', 'terms-csv');
const BASE = 'http://example.org/voc/demo';
const encode = (text: string): Uint8Array => new TextEncoder().encode(text);
const fixture = (name: string): Uint8Array => readFileSync(resolve(FIXTURES, name));

const catalogueView = (id: string): VocabularyMeta => vocabularyMeta(id, BASE, { title: `catalogue title of ${id}`, graph: `urn:test:${id}` });

/** Reads terms (a fixture name or inline CSV text) against a section of the fixture vocabs.conf. */
function read(section: string, terms?: string): ReadResult {
  return readTermsCsv({
    files: {
      terms: { name: `${section}.csv`, bytes: terms === undefined ? fixture(`${section}.csv`) : encode(terms) },
      config: { name: 'vocabs.conf', bytes: fixture('vocabs.conf') },
    },
    vocabulary: catalogueView(section),
    options: { section },
  });
}

const objects = (quads: Quad[], subject: string, predicate: string): string[] =>
  quads.filter((quad) => quad.subject.value === subject && quad.predicate.value === predicate).map((quad) => quad.object.value);
const term = (id: string): string => `${BASE}#${id}`;

describe('readTermsCsv: RDF Class flavour (classes fixture)', () => {
  const { quads, vocabulary, warnings } = read('classes');

  it('VocInVO2 flavours: terms are rdfs:Class with rdfs:label and rdfs:comment', () => {
    expect(objects(quads, term('root'), `${RDF}type`)).toEqual([`${RDFS}Class`]);
    expect(objects(quads, term('root'), `${RDFS}label`)).toEqual(['Root']);
    expect(objects(quads, term('root'), `${RDFS}comment`)).toEqual(['The root; it has a semicolon']);
  });

  it('App. A: level builds rdfs:subClassOf from row order, across comment and blank lines', () => {
    expect(objects(quads, term('child'), `${RDFS}subClassOf`).sort()).toEqual([term('other'), term('root')]);
    expect(objects(quads, term('grandchild'), `${RDFS}subClassOf`)).toEqual([term('child')]);
    expect(objects(quads, term('old'), `${RDFS}subClassOf`)).toEqual([term('root')]);
    expect(objects(quads, term('other'), `${RDFS}subClassOf`)).toEqual([]);
  });

  it('trims padded fields, resolves "" escapes and keeps a quote inside an unquoted field', () => {
    expect(objects(quads, term('child'), `${RDFS}comment`)).toEqual(['A child, padded.']);
    expect(objects(quads, term('grandchild'), `${RDFS}comment`)).toEqual(['Says "hello" in quotes']);
    expect(objects(quads, term('other'), `${RDFS}comment`)).toEqual(['Has an "inner" quote unquoted']);
  });

  it('more_relations: flags get the empty string, useInstead(#id) and bare ids become term IRIs', () => {
    expect(objects(quads, term('old'), `${IVOASEM}deprecated`)).toEqual(['']);
    expect(objects(quads, term('old'), `${IVOASEM}useInstead`)).toEqual([term('child')]);
    expect(objects(quads, term('child'), `${IVOASEM}preliminary`)).toEqual(['']);
    expect(objects(quads, term('root'), `${IVOASEM}preliminary`)).toEqual([]);
  });

  it('more_relations: full IRIs stay as written; altLabel text keeps spaces, quotes and parentheses', () => {
    expect(objects(quads, term('other'), `${SKOS}exactMatch`)).toEqual(['http://example.org/x#y']);
    const altLabel = quads.find((quad) => quad.predicate.value === `${SKOS}altLabel`);
    expect(altLabel?.object.termType).toBe('Literal');
    expect(altLabel?.object.value).toBe('Other thing (the "second")');
  });

  it('reads a row with a trailing ";" (empty more_relations)', () => {
    expect(objects(quads, term('last'), `${RDFS}label`)).toEqual(['Last']);
  });

  it('writes the vocabulary node with the Dublin Core metadata of its vocabs.conf section', () => {
    const node = BASE;
    expect(objects(quads, node, `${RDF}type`)).toEqual([`${OWL}Ontology`]);
    expect(objects(quads, node, `${DC}created`)).toEqual(['2025-01-02']);
    expect(objects(quads, node, `${DC}license`)).toEqual(['http://creativecommons.org/publicdomain/zero/1.0/']);
    expect(objects(quads, node, `${IVOASEM}vocflavour`)).toEqual(['RDF Class']);
    expect(objects(quads, node, `${DC}description`)).toEqual(['A tiny RDF Class vocabulary\nover two lines.']);
    const title = quads.find((quad) => quad.subject.value === node && quad.predicate.value === `${DC}title`);
    expect(title?.object).toMatchObject({ value: 'Demo classes', language: 'en' });
    const creators = quads.filter((quad) => quad.subject.value === node && quad.predicate.value === `${DC}creator`).map((quad) => quad.object);
    expect(creators.every((creator) => creator.termType === 'BlankNode')).toBe(true);
    const names = creators.map((creator) => objects(quads, creator.value, `${FOAF}name`)[0]);
    expect(names).toEqual(['Doe, J.', 'Roe, R.']);
    expect(objects(quads, `${DC}creator`, `${RDF}type`)).toEqual([`${OWL}AnnotationProperty`]);
  });

  it('fills the vocabulary metadata from the section and keeps the catalogue identity', () => {
    expect(vocabulary).toMatchObject({
      id: 'classes',
      iri: BASE,
      title: 'Demo classes',
      version: '2025-01-02',
      flavour: 'RDF Class',
      authors: ['Doe, J.', 'Roe, R.'],
      draft: false,
      hidden: false,
      licence: { uri: 'http://creativecommons.org/publicdomain/zero/1.0/', name: 'CC0-1.0' },
    });
    expect(warnings).toEqual([]);
  });

  it('puts every quad in the catalogue graph, each triple once', () => {
    expect(new Set(quads.map((quad) => quad.graph.value))).toEqual(new Set(['urn:test:classes']));
    const named = quads.filter((quad) => quad.subject.termType === 'NamedNode').map((q) => `${q.subject.value} ${q.predicate.value} ${q.object.value}`);
    expect(new Set(named).size).toBe(named.length);
  });
});

describe('readTermsCsv: other flavours', () => {
  it('VocInVO2 flavours: RDF Property terms are rdf:Property linked by rdfs:subPropertyOf', () => {
    const { quads } = read('properties');
    expect(objects(quads, term('sub-prop'), `${RDF}type`)).toEqual([`${RDF}Property`]);
    expect(objects(quads, term('sub-prop'), `${RDFS}subPropertyOf`)).toEqual([term('prop')]);
    expect(objects(quads, BASE, `${IVOASEM}vocflavour`)).toEqual(['RDF Property']);
  });

  it('VocInVO2 flavours: SKOS CSV is published as SKOS: skos:Concept, prefLabel, definition, several broader', () => {
    const { quads, vocabulary } = read('concepts');
    expect(vocabulary.flavour).toBe('SKOS');
    expect(objects(quads, BASE, `${IVOASEM}vocflavour`)).toEqual(['SKOS']);
    expect(objects(quads, term('b'), `${RDF}type`)).toEqual([`${SKOS}Concept`]);
    expect(objects(quads, term('b'), `${SKOS}prefLabel`)).toEqual(['B']);
    expect(objects(quads, term('b'), `${SKOS}definition`)).toEqual(['Concept B, under A and also C.']);
    expect(objects(quads, term('b'), `${SKOS}broader`).sort()).toEqual([term('a'), term('c')]);
    expect(objects(quads, term('b'), `${SKOS}related`)).toEqual([term('a')]);
    expect(objects(quads, term('c'), `${SKOS}exactMatch`)).toEqual([`${RDFS}Resource`]);
    // Like the converter: no ConceptScheme, inScheme or narrower triples.
    expect(quads.some((quad) => [`${SKOS}inScheme`, `${SKOS}narrower`].includes(quad.predicate.value))).toBe(false);
  });

  it('VocInVO2 lifecycle: draft makes every term preliminary, once even where the row says so too', () => {
    const { quads, vocabulary } = read('concepts');
    expect(vocabulary).toMatchObject({ draft: true, previousVersion: '2024-12-01' });
    for (const id of ['a', 'b', 'c']) expect(objects(quads, term(id), `${IVOASEM}preliminary`)).toEqual(['']);
  });

  it('takes the licence from licenseuri and licensehtml', () => {
    const { quads, vocabulary } = read('concepts');
    expect(vocabulary.licence).toEqual({
      uri: 'https://creativecommons.org/licenses/by/4.0/',
      name: 'CC-BY-4.0',
      html: '<a href="https://creativecommons.org/licenses/by/4.0/">CC-BY</a>',
    });
    expect(objects(quads, BASE, `${DC}license`)).toEqual(['https://creativecommons.org/licenses/by/4.0/']);
  });
});

describe('readTermsCsv: repeated term ids', () => {
  it('keeps every row on the one IRI and warns once per repeating row, naming all lines', () => {
    const { quads, warnings } = read('classes', 'x;1;First;One.\ny;1;Y;Why.\nx;1;Second;Two.\nx;1;Third;Three.\n');
    expect(objects(quads, term('x'), `${RDFS}label`)).toEqual(['First', 'Second', 'Third']);
    expect(objects(quads, term('x'), `${RDFS}comment`)).toEqual(['One.', 'Two.', 'Three.']);
    expect(warnings).toEqual([
      { code: 'repeated-term-id', message: expect.stringContaining('lines 1, 3, 4'), location: { file: 'classes.csv', line: 3 } },
      { code: 'repeated-term-id', message: expect.stringContaining('lines 1, 3, 4'), location: { file: 'classes.csv', line: 4 } },
    ]);
  });
});

describe('readTermsCsv: bad input is an IngestError naming file, line and column', () => {
  it('a level jump (level 3 after level 1)', () => {
    const error = ingestErrorOf(() => read('level-jump'));
    expect(error.code).toBe('level-jump');
    expect(error.location).toEqual({ file: 'level-jump.csv', line: 2, column: 6 });
    expect(error.message).toBe('level-jump.csv:2:6: level 3 follows level 1: a term can be at most one level below the term above it');
  });

  it('a first row below level 1', () => {
    expect(ingestErrorOf(() => read('classes', 'a;2;A;x\n')).detail).toBe('the first term must be at level 1, found level 2');
  });

  it('an unknown relation', () => {
    const error = ingestErrorOf(() => read('unknown-relation'));
    expect(error.code).toBe('unknown-relation');
    expect(error.location).toEqual({ file: 'unknown-relation.csv', line: 2, column: 38 });
    expect(error.detail).toMatch(/^unknown relation "skos:seeAlso"; expected one of ivoasem:deprecated/);
  });

  it('an unknown prefix, as relation or as object', () => {
    expect(ingestErrorOf(() => read('classes', 'a;1;A;x;foo:bar(a)\n')).detail).toMatch(/^unknown prefix "foo"/);
    const error = ingestErrorOf(() => read('classes', 'a;1;A;x;skos:exactMatch(foo:bar)\n'));
    expect(error.code).toBe('unknown-prefix');
    expect(error.location).toEqual({ file: 'classes.csv', line: 1, column: 25 });
  });

  it('an unbalanced quote, at the line and column where it opens', () => {
    const error = ingestErrorOf(() => read('unbalanced-quote'));
    expect(error.code).toBe('csv-unbalanced-quote');
    expect(error.location).toEqual({ file: 'unbalanced-quote.csv', line: 2, column: 11 });
  });

  it('a malformed relation: unclosed "prop(", a flag with an object, a relation without one', () => {
    const unclosed = ingestErrorOf(() => read('classes', 'a;1;A;x;ivoasem:useInstead(b\n'));
    expect(unclosed).toMatchObject({ code: 'malformed-relation', location: { line: 1, column: 9 } });
    expect(unclosed.detail).toBe('"ivoasem:useInstead(" is never closed: expected ")"');
    expect(ingestErrorOf(() => read('classes', 'a;1;A;x;ivoasem:deprecated(b)\n')).detail).toMatch(/is a flag and takes no object/);
    expect(ingestErrorOf(() => read('classes', 'a;1;A;x;ivoasem:useInstead\n')).detail).toMatch(/needs an object/);
    expect(ingestErrorOf(() => read('classes', 'a;1;A;x;skos:broader(two words)\n')).code).toBe('bad-relation-object');
  });

  it('a bad term id, a bad level, too few and too many fields', () => {
    expect(ingestErrorOf(() => read('classes', 'a b;1;A;x\n')).code).toBe('bad-term-id');
    expect(ingestErrorOf(() => read('classes', 'a;one;A;x\n')).location).toEqual({ file: 'classes.csv', line: 1, column: 3 });
    expect(ingestErrorOf(() => read('classes', 'a;1;A\n')).code).toBe('csv-too-few-fields');
    expect(ingestErrorOf(() => read('classes', 'a;1;A;x;;unquoted; semicolon\n')).code).toBe('csv-too-many-fields');
  });

  it('an unknown section or flavour in vocabs.conf, and a missing file role', () => {
    expect(ingestErrorOf(() => read('nowhere', 'a;1;A;x\n')).code).toBe('unknown-section');
    const flavour = ingestErrorOf(() => read('bad-flavour', 'a;1;A;x\n'));
    expect(flavour.code).toBe('unknown-flavour');
    expect(flavour.location).toEqual({ file: 'vocabs.conf', line: 49 });
    const missing = ingestErrorOf(() => readTermsCsv({ files: {}, vocabulary: catalogueView('classes'), options: {} }));
    expect(missing.code).toBe('missing-file');
  });
});

describe('splitTermsCsv', () => {
  it('reads a quoted field across lines and reports where each row and field starts', () => {
    const rows = splitTermsCsv('a;1;"two\nlines";x\r\n\r\nb;1;B;y', 'f.csv');
    expect(rows.map((row) => row.line)).toEqual([1, 4]);
    expect(rows[0]?.fields[2]).toEqual({ text: 'two\nlines', line: 1, column: 5, quoted: true });
    expect(rows[1]?.fields[3]).toEqual({ text: 'y', line: 4, column: 7, quoted: false });
  });
});

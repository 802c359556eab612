import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { vocabularyGraphIri, type Quad, type VocabularyMeta } from '../../../src/model/index.js';
import type { ReadResult } from '../../../src/ingest/reader.js';
import { listSpaseEnumerations, readSpaseJson, spacedLabel } from '../../../src/ingest/spase-json-reader.js';
import { readMirror, PROJECT_ROOT } from '../../support/mirror.js';
import { ingestErrorOf } from '../../support/ingest-error.js';
import { vocabularyMeta, APACHE_2 } from '../../support/vocabulary-meta.js';

const SKOS = 'http://www.w3.org/2004/02/skos/core#';
const RDF_TYPE = 'http://www.w3.org/1999/02/22-rdf-syntax-ns#type';
const SPASE_FILE = 'spase/spase-base-2.7.0.json';
const LIST_BASE = 'http://www.spase-group.org/data/schema/list/';

const vocabulary = (list: string): VocabularyMeta =>
  vocabularyMeta(`spase-${list}`, `${LIST_BASE}${list}`, {
    title: list,
    community: 'IHDEA',
    flavour: 'SKOS',
    licence: APACHE_2,
    graph: vocabularyGraphIri(`spase-${list}`, '2.7.0'),
  });

const spaseBytes = readMirror(SPASE_FILE);
const readList = (list: string, bytes = spaseBytes, name = SPASE_FILE): ReadResult =>
  readSpaseJson({ files: { data: { name, bytes } }, vocabulary: vocabulary(list), options: { list } });
const fixture = (name: string): Uint8Array => readFileSync(resolve(PROJECT_ROOT, 'test/fixtures/spase', name));

function objects(quads: readonly Quad[], subject: string, predicate: string): string[] {
  return quads.filter((q) => q.subject.value === subject && q.predicate.value === `${SKOS}${predicate}`).map((q) => q.object.value);
}

describe('readSpaseJson on the SPASE base model 2.7.0', () => {
  it('lists the 67 enumeration lists, one vocabulary each', () => {
    const lists = listSpaseEnumerations(spaseBytes, SPASE_FILE);
    expect(lists).toHaveLength(67);
    expect(lists).toEqual(expect.arrayContaining(['CoordinateSystemName', 'MeasurementType', 'InstrumentType', 'Region']));
    // `member` also has a stale "Product" list (renamed ModelProduct in 2.6.1); it is not an enumeration.
    expect(lists).not.toContain('Product');
  });

  it('reads CoordinateSystemName: 51 concepts, GSE defined by the dictionary, all top concepts of the scheme', () => {
    const result = readList('CoordinateSystemName');
    const scheme = `${LIST_BASE}CoordinateSystemName`;
    const concepts = result.quads.filter((q) => q.predicate.value === RDF_TYPE && q.object.value === `${SKOS}Concept`);
    expect(concepts).toHaveLength(51);
    const gse = `${scheme}#GSE`;
    expect(objects(result.quads, gse, 'prefLabel')).toEqual(['GSE']);
    expect(objects(result.quads, gse, 'altLabel')).toEqual([]);
    expect(objects(result.quads, gse, 'definition')[0]).toMatch(/^Geocentric Solar Ecliptic - A coordinate system where the x-axis is from Earth to Sun/);
    expect(objects(result.quads, gse, 'inScheme')).toEqual([scheme]);
    expect(objects(result.quads, gse, 'topConceptOf')).toEqual([scheme]);
    expect(objects(result.quads, scheme, 'hasTopConcept')).toHaveLength(51);
    expect(objects(result.quads, `${scheme}#StonyhurstHeliographic`, 'altLabel')).toEqual(['Stonyhurst Heliographic']);
    expect(result.quads.every((q) => q.graph.value === vocabularyGraphIri('spase-CoordinateSystemName', '2.7.0'))).toBe(true);
    expect(result.warnings).toEqual([]);
  });

  it('takes the scheme metadata from the list and the model: title, definition, version 2.7.0, Apache-2.0', () => {
    const { vocabulary: meta } = readList('CoordinateSystemName');
    expect(meta).toMatchObject({
      title: 'CoordinateSystemName',
      description: 'Identifiers of the origin and orientation of a set of typically orthogonal axes.',
      version: '2.7.0',
      licence: { name: 'Apache-2.0' },
      flavour: 'SKOS',
    });
  });

  it('reads every one of the 67 lists, each member defined, ids with no dots (so every list is flat)', () => {
    let concepts = 0;
    for (const list of listSpaseEnumerations(spaseBytes, SPASE_FILE)) {
      const result = readList(list);
      expect(result.warnings).toEqual([]);
      expect(result.quads.some((q) => q.predicate.value === `${SKOS}broader`)).toBe(false);
      concepts += result.quads.filter((q) => q.predicate.value === RDF_TYPE && q.object.value === `${SKOS}Concept`).length;
    }
    expect(concepts).toBeGreaterThan(800);
  });
});

describe('readSpaseJson on small fixtures', () => {
  it('builds skos:broader from dotted member ids and warns when a dotted parent is missing', () => {
    const result = readList('Region', fixture('dotted.json'), 'fixtures/dotted.json');
    const base = `${LIST_BASE}Region#`;
    expect(objects(result.quads, `${base}Earth.Magnetosheath`, 'broader')).toEqual([`${base}Earth`]);
    expect(objects(result.quads, `${base}Earth.Magnetosheath`, 'topConceptOf')).toEqual([]);
    expect(objects(result.quads, `${base}Earth`, 'topConceptOf')).toEqual([`${LIST_BASE}Region`]);
    expect(objects(result.quads, `${base}HeliosphereInner`, 'altLabel')).toEqual(['Heliosphere Inner']);
    expect(result.warnings.map((w) => [w.code, w.location.pointer])).toEqual([
      ['missing-definition', '/dictionary/Earth.Magnetosphere.Magnetotail'],
      ['missing-parent', '/member/Region/Earth.Magnetosphere.Magnetotail'],
    ]);
    expect(result.vocabulary.version).toBe('9.9.9');
  });

  it('rejects truncated JSON with the line and column where it ends', () => {
    const error = ingestErrorOf(() => readList('Region', fixture('truncated.json'), 'fixtures/truncated.json'));
    expect(error.code).toBe('json-syntax');
    expect(error.location).toMatchObject({ file: 'fixtures/truncated.json', line: 15, column: 1 });
    expect(error.detail).toContain('end of input');
  });

  it('rejects a list without a definition with the JSON pointer, line and column', () => {
    const error = ingestErrorOf(() => readList('Region', fixture('wrong-shape.json'), 'fixtures/wrong-shape.json'));
    expect(error.code).toBe('spase-shape');
    expect(error.location).toMatchObject({ file: 'fixtures/wrong-shape.json', pointer: '/list/Colour/definition', line: 5, column: 15 });
  });

  it('rejects an unknown list name and a list without members', () => {
    expect(ingestErrorOf(() => readList('NoSuchList')).code).toBe('bad-option');
    const error = ingestErrorOf(() => readList('Empty', fixture('dotted.json'), 'fixtures/dotted.json'));
    expect(error.location.pointer).toBe('/member/Empty');
  });

  it('spaces CamelCase ids for altLabels and leaves acronyms alone', () => {
    expect(spacedLabel('LocalGeomagnetic')).toBe('Local Geomagnetic');
    expect(spacedLabel('HTTPServer')).toBe('HTTP Server');
    expect(spacedLabel('GSE')).toBe('GSE');
    expect(spacedLabel('SSE_L')).toBe('SSE_L');
    expect(spacedLabel('1P-Halley')).toBe('1P-Halley');
  });
});

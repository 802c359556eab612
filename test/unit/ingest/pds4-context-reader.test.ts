import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { vocabularyGraphIri, type Quad, type VocabularyMeta } from '../../../src/model/index.js';
import type { ReadResult } from '../../../src/ingest/reader.js';
import { pds4TermId, readPds4Context, PDS4_PRODUCT_TYPES } from '../../../src/ingest/pds4-context-reader.js';
import { readMirror, PROJECT_ROOT } from '../../support/mirror.js';
import { ingestErrorOf } from '../../support/ingest-error.js';
import { vocabularyMeta, APACHE_2 } from '../../support/vocabulary-meta.js';

const SKOS = 'http://www.w3.org/2004/02/skos/core#';
const PDS4_FILE = 'pds4/registered_context_products.json';
const BASE = 'https://astrovoc.example/pds4/';

const vocabulary = (productType: string): VocabularyMeta =>
  vocabularyMeta(`pds4-${productType}`, `${BASE}${productType}`, {
    title: `PDS4 context products: ${productType}`,
    community: 'IPDA',
    flavour: 'SKOS',
    licence: APACHE_2,
  });

const pds4Bytes = readMirror(PDS4_FILE);
const read = (productType: string, bytes = pds4Bytes, name = PDS4_FILE): ReadResult =>
  readPds4Context({ files: { data: { name, bytes } }, vocabulary: vocabulary(productType), options: { productType } });
const fixture = (name: string): Uint8Array => readFileSync(resolve(PROJECT_ROOT, 'test/fixtures/pds4', name));

function objects(quads: readonly Quad[], subject: string, predicate: string): string[] {
  return quads.filter((q) => q.subject.value === subject && q.predicate.value === `${SKOS}${predicate}`).map((q) => q.object.value);
}
const notations = (r: ReadResult): Quad[] => r.quads.filter((q) => q.predicate.value === `${SKOS}notation`);
const concepts = (r: ReadResult): Set<string> => new Set(r.quads.filter((q) => q.object.value === `${SKOS}Concept`).map((q) => q.subject.value));

describe('readPds4Context on the registered context products', () => {
  const entries = (JSON.parse(new TextDecoder().decode(pds4Bytes)) as { Product_Context: { lidvid: string }[] }).Product_Context;

  it('has 5,899 entries: 3,230 targets, 1,829 instruments, 375 hosts, 338 investigations, 126 facilities (and one airborne)', () => {
    const count = (type: string): number => entries.filter((e) => e.lidvid.split(':')[4] === type).length;
    expect(entries).toHaveLength(5899);
    expect(PDS4_PRODUCT_TYPES.map(count)).toEqual([3230, 1829, 375, 338, 126]);
    expect(count('airborne')).toBe(1);
  });

  it.each([
    ['target', 1665, 1221, 22],
    ['instrument', 1035, 0, 29],
    ['instrument_host', 130, 0, 3],
    ['investigation', 133, 0, 5],
    ['facility', 103, 0, 2],
  ])('reads %s: %i products (one per LID), %i repeated LIDVIDs reported, %i product types (of the newest versions)', (type, lids, duplicates, types) => {
    const result = read(type);
    expect(notations(result)).toHaveLength(lids);
    expect(concepts(result).size).toBe(lids + types);
    expect(result.warnings).toHaveLength(duplicates);
    expect(result.warnings.every((w) => w.code === 'duplicate-entry' && /^\/Product_Context\/\d+$/.test(w.location.pointer ?? ''))).toBe(true);
    expect(result.quads.every((q) => q.graph.value === vocabularyGraphIri(`pds4-${type}`, undefined))).toBe(true);
  });

  it('names a target by its LID, labels it with the newest name and keeps the older names as altLabels', () => {
    const result = read('target');
    const bennu = `${BASE}target#asteroid.101955_bennu`;
    expect(objects(result.quads, bennu, 'notation')).toEqual(['urn:nasa:pds:context:target:asteroid.101955_bennu']);
    expect(objects(result.quads, bennu, 'prefLabel')).toHaveLength(1);
    expect(objects(result.quads, bennu, 'altLabel')).toHaveLength(1);
    expect(objects(result.quads, bennu, 'broader')).toEqual([`${BASE}target#Asteroid`]);
    expect(objects(result.quads, `${BASE}target#asteroid.2020ge`, 'prefLabel')).toEqual(['2020 GE']);
  });

  it('keeps ESA and NASA products with the same id apart (vex.virtis)', () => {
    const result = read('instrument');
    expect(objects(result.quads, `${BASE}instrument#vex.virtis`, 'notation')).toEqual(['urn:nasa:pds:context:instrument:vex.virtis']);
    expect(objects(result.quads, `${BASE}instrument#esa:psa:vex.virtis`, 'notation')).toEqual(['urn:esa:psa:context:instrument:vex.virtis']);
  });
});

describe('readPds4Context on small fixtures', () => {
  const base = `${BASE}target#`;

  it('orders versions numerically (1.10 after 1.9), reports a repeated LIDVID with its pointer, gives types as broader concepts', () => {
    const result = read('target', fixture('context.json'), 'fixtures/context.json');
    const bennu = `${base}asteroid.101955_bennu`;
    expect(objects(result.quads, bennu, 'prefLabel')).toEqual(['101955 Bennu']);
    expect(objects(result.quads, bennu, 'altLabel').sort()).toEqual(['(101955) Bennu', 'Bennu (old)']);
    expect(result.warnings).toEqual([
      {
        code: 'duplicate-entry',
        message: expect.stringContaining('first at /Product_Context/0'),
        location: { file: 'fixtures/context.json', pointer: '/Product_Context/3' },
      },
    ]);
    expect(objects(result.quads, `${base}comet.67p`, 'broader').sort()).toEqual([`${base}Comet`, `${base}Trans-Neptunian_Object`]);
    expect(objects(result.quads, `${base}Trans-Neptunian_Object`, 'prefLabel')).toEqual(['Trans-Neptunian Object']);
    expect(objects(result.quads, `${base}Asteroid`, 'topConceptOf')).toEqual([`${BASE}target`]);
    expect(objects(result.quads, bennu, 'topConceptOf')).toEqual([]);
    expect(concepts(result).size).toBe(3 + 4);
  });

  it('makes products typed N/A top concepts and gives no N/A concept', () => {
    const result = read('instrument', fixture('context.json'), 'fixtures/context.json');
    expect(objects(result.quads, `${BASE}instrument#vex.hk`, 'topConceptOf')).toEqual([`${BASE}instrument`]);
    expect(concepts(result)).not.toContain(`${BASE}instrument#N_A`);
    expect(concepts(result).size).toBe(3 + 1);
  });

  it('derives term ids from LIDs: the last field for NASA, agency and node first for others', () => {
    expect(pds4TermId('urn:nasa:pds:context:target:asteroid.2020ge')).toBe('asteroid.2020ge');
    expect(pds4TermId('urn:jaxa:darts:context:instrument_host:spacecraft.hayabusa2')).toBe('jaxa:darts:spacecraft.hayabusa2');
  });

  it('rejects truncated JSON with the line and column', () => {
    const error = ingestErrorOf(() => read('target', fixture('truncated.json'), 'fixtures/truncated.json'));
    expect(error.code).toBe('json-syntax');
    expect(error.location).toMatchObject({ file: 'fixtures/truncated.json', line: 5 });
  });

  it('rejects a name that is not a list with the JSON pointer, line and column', () => {
    const error = ingestErrorOf(() => read('target', fixture('wrong-shape.json'), 'fixtures/wrong-shape.json'));
    expect(error.code).toBe('pds4-shape');
    expect(error.location).toMatchObject({ pointer: '/Product_Context/1/name', line: 4, column: 15 });
  });

  it('rejects a LIDVID without a version with its pointer', () => {
    const error = ingestErrorOf(() => read('target', fixture('bad-lidvid.json'), 'fixtures/bad-lidvid.json'));
    expect(error.location).toMatchObject({ pointer: '/Product_Context/1/lidvid', line: 4 });
    expect(error.detail).toContain('urn:nasa:pds:context:target:planet.venus');
  });

  it('rejects an unknown product type and a product type with no entries', () => {
    expect(ingestErrorOf(() => read('airplane')).code).toBe('bad-option');
    expect(ingestErrorOf(() => read('facility', fixture('context.json'), 'fixtures/context.json')).detail).toContain('no context product of type facility');
  });
});

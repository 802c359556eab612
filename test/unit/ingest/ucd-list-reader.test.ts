import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { IngestError } from '../../../src/ingest/ingest-error.js';
import { parseUcdList, readUcdList } from '../../../src/ingest/ucd-list-reader.js';
import { IVOASEM, SKOS, vocabularyGraphIri, type Quad, type VocabularyMeta } from '../../../src/model/index.js';
import { PROJECT_ROOT, readMirror } from '../../support/mirror.js';
import { ingestErrorOf } from '../../support/ingest-error.js';

const fixture = (name: string): Uint8Array => readFileSync(resolve(PROJECT_ROOT, 'test/fixtures/ucd', name));
const UCD = 'http://www.ivoa.net/rdf/ucd#';

function parseVersion(dir: string, withDeprecated = true) {
  return parseUcdList(
    readMirror(`${dir}/ucd-list.txt`),
    'ucd-list.txt',
    withDeprecated ? readMirror(`${dir}/ucd-list-deprecated.txt`) : undefined,
    'ucd-list-deprecated.txt',
  );
}

const vocabulary: VocabularyMeta = {
  id: 'ucd',
  iri: 'http://www.ivoa.net/rdf/ucd',
  termBase: UCD,
  title: 'UCD1+ controlled vocabulary',
  community: 'UCD',
  flavour: 'SKOS',
  authors: [],
  licence: { uri: 'http://creativecommons.org/publicdomain/zero/1.0/', name: 'CC0-1.0' },
  draft: false,
  hidden: false,
  graph: vocabularyGraphIri('ucd', '1.6'),
};

describe('parseUcdList on the real lists', () => {
  const v16 = parseVersion('ucd');

  test('EN 1.6: 568 words and 211 deprecated words, version from the #EN-UCDlist tag', () => {
    expect(v16.words).toHaveLength(568);
    expect(v16.deprecated).toHaveLength(211);
    expect(v16.version).toBe('1.6');
    expect(v16.date).toBe('2024-12-18');
  });

  test('EN 1.6 changes: stat.stdev is Q, pos.lambert is deprecated for pos.projection', () => {
    expect(v16.words.find((w) => w.word === 'stat.stdev')?.code).toBe('Q');
    expect(v16.words.some((w) => w.word === 'pos.lambert')).toBe(false);
    expect(v16.deprecated.find((d) => d.word === 'pos.lambert')).toMatchObject({ replacement: 'pos.projection', line: 219 });
  });

  test('EN 1.5 has 554 words and 210 deprecated words; 1.4 has 547 words and no version tag', () => {
    const v15 = parseVersion('ucd/versions/1.5');
    expect(v15.words).toHaveLength(554);
    expect(v15.deprecated).toHaveLength(210);
    expect(v15.version).toBe('1.5');
    const v14 = parseVersion('ucd/versions/1.4', false);
    expect(v14.words).toHaveLength(547);
    expect(v14.version).toBe('');
    expect(v14.warnings.map((w) => w.code)).toContain('ucd-list-no-version-tag');
  });

  test('the 1.4 list with tabs between the columns still reads; descriptions are trimmed', () => {
    const v14 = parseVersion('ucd/versions/1.4', false);
    expect(v14.words[0]).toEqual({ word: 'arith', code: 'Q', description: 'Arithmetic quantities' });
  });

  test('known defect: a replacement spelled in another case (phys.atmol.sweight) is warned and the list spelling kept', () => {
    const entry = v16.deprecated.find((d) => d.word === 'phys.at.level.sweight');
    expect(entry?.replacement).toBe('phys.atmol.sWeight');
    expect(v16.warnings).toContainEqual(expect.objectContaining({ code: 'ucd-deprecated-replacement-case', location: expect.objectContaining({ line: 47 }) }));
  });

  test('known defect: replacements that start with an S word are warned (a naive upgrade is invalid)', () => {
    const secondFirst = v16.warnings.filter((w) => w.code === 'ucd-deprecated-replacement-secondary-first');
    expect(secondFirst.length).toBe(26);
    expect(secondFirst.map((w) => w.message).join('\n')).toContain('em.line.Halpha of em.opt.R.Halpha');
  });

  test('compound replacements are kept whole (phot.color.B-V → phot.color;em.opt.B;em.opt.V)', () => {
    expect(v16.deprecated.find((d) => d.word === 'phot.color.B-V')?.replacement).toBe('phot.color;em.opt.B;em.opt.V');
  });
});

describe('parseUcdList quirks and bad input (fixtures)', () => {
  test('comment lines mid-file, blank lines, tabs and double spaces are tolerated', () => {
    const parsed = parseUcdList(fixture('quirky-list.txt'), 'quirky-list.txt', fixture('quirky-deprecated.txt'), 'quirky-deprecated.txt');
    expect(parsed.version).toBe('9.9');
    expect(parsed.words.map((w) => w.word)).toEqual(['arith', 'phot.mag', 'em.opt', 'em.opt.V', 'meta.id', 'meta.main']);
    expect(parsed.deprecated).toEqual([
      { word: 'phot.mag.V', replacement: 'phot.mag;em.opt.V', line: 3 },
      { word: 'old.band', replacement: 'em.opt.V', line: 5 },
      { word: 'old.name', replacement: 'meta.id', line: 6 },
    ]);
    expect(parsed.warnings.map((w) => w.code).sort()).toEqual(['ucd-deprecated-replacement-case', 'ucd-deprecated-replacement-secondary-first']);
  });

  test('a row without three "|" fields is an IngestError naming file and line', () => {
    const error = ingestErrorOf(() => parseUcdList(fixture('bad-fields.txt'), 'bad-fields.txt'));
    expect(error.code).toBe('ucd-list-bad-line');
    expect(error.location).toEqual({ file: 'bad-fields.txt', line: 3, column: 1 });
  });

  test('an unknown syntax code is an IngestError with line and column', () => {
    const error = ingestErrorOf(() => parseUcdList(fixture('bad-code.txt'), 'bad-code.txt'));
    expect(error).toMatchObject({ code: 'ucd-list-bad-code', location: { file: 'bad-code.txt', line: 2, column: 1 } });
    expect(error.message).toContain('P, S, Q, E, C or V');
  });

  test('a word with a space is an IngestError pointing at the word', () => {
    const error = ingestErrorOf(() => parseUcdList(fixture('bad-word.txt'), 'bad-word.txt'));
    expect(error).toMatchObject({ code: 'ucd-list-bad-word', location: { line: 2, column: 5 } });
  });

  test('a deprecation row with three fields is an IngestError', () => {
    const error = ingestErrorOf(() => parseUcdList(fixture('quirky-list.txt'), 'l', fixture('bad-deprecated.txt'), 'bad-deprecated.txt'));
    expect(error).toMatchObject({ code: 'ucd-deprecated-bad-line', location: { file: 'bad-deprecated.txt', line: 1 } });
  });
});

describe('readUcdList: the hosted UCD vocabulary', () => {
  const result = readUcdList({
    files: {
      list: { name: 'ucd-list.txt', bytes: readMirror('ucd/ucd-list.txt') },
      deprecated: { name: 'ucd-list-deprecated.txt', bytes: readMirror('ucd/ucd-list-deprecated.txt') },
    },
    vocabulary,
    options: {},
  });
  const about = (subject: string, predicate: string): Quad[] =>
    result.quads.filter((q) => q.subject.value === `${UCD}${subject}` && q.predicate.value === predicate);

  test('every quad is in the vocabulary graph; version 1.6 in the metadata', () => {
    expect(result.quads.every((q) => q.graph.value === vocabulary.graph)).toBe(true);
    expect(result.vocabulary.version).toBe('1.6');
  });

  test('568 + 211 concepts, each with prefLabel and inScheme', () => {
    const concepts = result.quads.filter((q) => q.object.value === `${SKOS}Concept`);
    expect(concepts).toHaveLength(568 + 211);
    expect(about('phot.mag', `${SKOS}prefLabel`)[0]?.object.value).toBe('phot.mag');
    expect(about('phot.mag', `${SKOS}inScheme`)[0]?.object.value).toBe(vocabulary.iri);
  });

  test('VEP-019: the syntax code is ivoasem:ucd-syntax-code; definition from the description', () => {
    expect(about('stat.stdev', `${IVOASEM}ucd-syntax-code`)[0]?.object.value).toBe('Q');
    expect(about('phot.mag', `${SKOS}definition`)[0]?.object.value).toBe('Photometric magnitude');
  });

  test('skos:broader follows the atom prefix to the nearest word (phot.mag → phot, em.IR.8-15um → em.IR)', () => {
    expect(about('phot.mag', `${SKOS}broader`).map((q) => q.object.value)).toEqual([`${UCD}phot`]);
    expect(about('em.IR.8-15um', `${SKOS}broader`).map((q) => q.object.value)).toEqual([`${UCD}em.IR`]);
    expect(about('phot', `${SKOS}broader`)).toHaveLength(0);
    expect(result.vocabulary.topConcepts).toContain('phot');
  });

  test('VocInVO2 lifecycle: a deprecated word has ivoasem:deprecated and useInstead to the replacement IRI', () => {
    expect(about('pos.lambert', `${IVOASEM}deprecated`)).toHaveLength(1);
    expect(about('pos.lambert', `${IVOASEM}useInstead`)[0]?.object).toMatchObject({ termType: 'NamedNode', value: `${UCD}pos.projection` });
  });

  test('a compound replacement is kept as one literal UCD, not split into several useInstead links', () => {
    const useInstead = about('phot.color.B-V', `${IVOASEM}useInstead`);
    expect(useInstead).toHaveLength(1);
    expect(useInstead[0]?.object).toMatchObject({ termType: 'Literal', value: 'phot.color;em.opt.B;em.opt.V' });
  });

  test('a missing list file is an IngestError', () => {
    expect(() => readUcdList({ files: {}, vocabulary, options: {} })).toThrow(IngestError);
  });
});

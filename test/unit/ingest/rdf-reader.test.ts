import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import jsonld from 'jsonld';
import { isomorphic } from 'rdf-isomorphic';
import { factory, vocabularyGraphIri, type Quad, type RdfTerm, type VocabularyMeta } from '../../../src/model/index.js';
import type { ReadResult, ReaderInput } from '../../../src/ingest/reader.js';
import { readRdf } from '../../../src/ingest/rdf-reader.js';
import { mirrorPath, referenceBuildPath, PROJECT_ROOT } from '../../support/mirror.js';
import { ingestErrorOf } from '../../support/ingest-error.js';
import { vocabularyMeta } from '../../support/vocabulary-meta.js';

const RDF_TYPE = 'http://www.w3.org/1999/02/22-rdf-syntax-ns#type';
const SKOS = 'http://www.w3.org/2004/02/skos/core#';
const RDFS = 'http://www.w3.org/2000/01/rdf-schema#';
const CC0 = { uri: 'http://creativecommons.org/publicdomain/zero/1.0/', name: 'CC0-1.0' };

const vocabulary = (id: string, iri: string): VocabularyMeta =>
  vocabularyMeta(id, iri, { title: `catalogue title of ${id}`, community: 'IPDA', flavour: 'SKOS' });

function input(path: string, syntax: string, id: string, iri: string, name = path): ReaderInput {
  return { files: { data: { name, bytes: readFileSync(path) } }, vocabulary: vocabulary(id, iri), options: { syntax } };
}

const fixture = (name: string): string => resolve(PROJECT_ROOT, 'test/fixtures/rdf', name);

function readFixture(name: string, syntax: string, iri = 'http://example.org/voc'): ReadResult {
  return readRdf(input(fixture(name), syntax, 'example', iri, `fixtures/${name}`));
}

function subjectsOfType(quads: readonly Quad[], type: string): Set<string> {
  return new Set(quads.filter((q) => q.predicate.value === RDF_TYPE && q.object.value === type).map((q) => q.subject.value));
}

interface JsonLdTerm {
  termType: string;
  value: string;
  language?: string;
  datatype?: { value: string };
}
interface JsonLdQuad {
  subject: JsonLdTerm;
  predicate: JsonLdTerm;
  object: JsonLdTerm;
}

function fromJsonLd(t: JsonLdTerm): RdfTerm {
  if (t.termType === 'BlankNode') return factory.blankNode(t.value.replace(/^_:/, ''));
  if (t.termType === 'Literal') return factory.literal(t.value, t.language || factory.namedNode(t.datatype!.value));
  return factory.namedNode(t.value);
}

/** The graph with every quad moved to the default graph, for comparison with other parsers. */
function triples(quads: readonly Quad[]): Quad[] {
  return quads.map((q) => factory.quad(q.subject, q.predicate, q.object));
}

describe('readRdf on the real vocabularies', () => {
  it('reads the IHDEA reference frames (Turtle): 120 frames, metadata from the owl:Ontology node', () => {
    const iri = 'http://voparis-ns.obspm.fr/rdf/ihdea/refframe';
    const result = readRdf(input(mirrorPath('voparis-ns/ihdea/refframe/ihdea_refframe.ttl'), 'turtle', 'ihdea-refframe', iri));
    const frames = subjectsOfType(result.quads, `${RDFS}Class`);
    expect(frames.size).toBe(120);
    for (const id of ['GSE', 'GSM', 'HEEQ', 'IAU_MARS']) expect(frames).toContain(`${iri}#${id}`);
    expect(result.quads.every((q) => q.graph.value === result.vocabulary.graph)).toBe(true);
    expect(result.vocabulary).toMatchObject({
      title: 'Reference Frames',
      version: '2023-11-29',
      authors: ['Cecconi, B.', 'Weigel, R.', 'Genot, V.'],
      flavour: 'RDF Class',
      licence: CC0,
    });
    expect(result.vocabulary.description).toMatch(/^A collection of reference frames/);
    expect(result.warnings).toEqual([]);
  });

  it('reads the UAT in its IVOA rendering (RDF/XML): 2,411 skos:Concept, all under http://www.ivoa.net/rdf/uat#', () => {
    const iri = 'http://www.ivoa.net/rdf/uat';
    const result = readRdf(input(mirrorPath('ivoa-vocabularies/uat/uat.skos'), 'rdfxml', 'uat', iri));
    const concepts = subjectsOfType(result.quads, `${SKOS}Concept`);
    expect(concepts.size).toBe(2411);
    expect([...concepts].every((c) => c.startsWith(`${iri}#`))).toBe(true);
    expect(concepts).toContain(`${iri}#dc-stars`);
    // The file's scheme node is the UAT's own <http://astrothesaurus.org/uat/1>, not the IVOA IRI.
    expect(result.warnings.map((w) => w.code)).toEqual(['no-vocabulary-node']);
    expect(result.warnings[0]!.message).toContain('http://astrothesaurus.org/uat/1');
    expect(result.vocabulary.title).toBe('catalogue title of uat');
  });

  it('reads the EPN-TAP product types as Turtle and as RDF/XML: same 14 classes and labels, but the .rdf is the older 2023-11-11 version', () => {
    const iri = 'http://voparis-ns.obspm.fr/rdf/epn/2.0/product-type';
    const ttl = readRdf(input(mirrorPath('voparis-ns/epn/2.0/product-type/epn-product-type.ttl'), 'turtle', 'epn-product-type', iri));
    const rdf = readRdf(input(mirrorPath('voparis-ns/epn/2.0/product-type/epn-product-type.rdf'), 'rdfxml', 'epn-product-type', iri));
    const labels = (r: ReadResult): string[] =>
      r.quads
        .filter((q) => q.predicate.value === `${RDFS}label` && q.subject.value.startsWith(`${iri}#`))
        .map((q) => `${q.subject.value} ${q.object.value}`)
        .sort();
    expect(subjectsOfType(ttl.quads, `${RDFS}Class`)).toEqual(subjectsOfType(rdf.quads, `${RDFS}Class`));
    expect(subjectsOfType(ttl.quads, `${RDFS}Class`).size).toBe(14);
    expect(labels(ttl)).toEqual(labels(rdf));
    // Upstream publishes two different versions under the two names, so the graphs are not isomorphic.
    expect(ttl.vocabulary.version).toBe('2024-03-28');
    expect(rdf.vocabulary.version).toBe('2023-11-11');
    expect(rdf.vocabulary.title).toBe('EPNcore Dataproduct Type');
    expect(isomorphic(ttl.quads, rdf.quads)).toBe(false);
  });

  it('gives isomorphic graphs from the Turtle, RDF/XML and JSON-LD the IVOA converter builds of each vocabulary', () => {
    for (const name of ['refframe', 'messenger', 'product-type', 'object-type', 'timescale']) {
      const iri = `http://www.ivoa.net/rdf/${name}`;
      const read = (ext: string, syntax: string): ReadResult => readRdf(input(referenceBuildPath(`${name}/${name}.${ext}`), syntax, name, iri));
      const ttl = read('ttl', 'turtle');
      expect(ttl.quads.length).toBeGreaterThan(20);
      expect(isomorphic(ttl.quads, read('rdf', 'rdfxml').quads)).toBe(true);
      expect(isomorphic(ttl.quads, read('json', 'jsonld').quads)).toBe(true);
    }
  });

  it('reads JSON-LD as the jsonld package does (checked on the IVOA builds)', async () => {
    for (const name of ['refframe', 'messenger', 'data-source']) {
      const iri = `http://www.ivoa.net/rdf/${name}`;
      const path = referenceBuildPath(`${name}/${name}.json`);
      const ours = triples(readRdf(input(path, 'jsonld', name, iri)).quads);
      const theirs = (await jsonld.toRDF(JSON.parse(readFileSync(path, 'utf8')) as jsonld.JsonLdDocument, { base: iri })) as unknown as JsonLdQuad[];
      const asN3 = theirs.map((q) =>
        factory.quad(fromJsonLd(q.subject) as Quad['subject'], fromJsonLd(q.predicate) as Quad['predicate'], fromJsonLd(q.object) as Quad['object']),
      );
      expect(asN3.length).toBe(ours.length);
      expect(isomorphic(ours, asN3)).toBe(true);
    }
  });

  it('reads the IPDA instrument types; its pds: prefix lacks a "#", so term IRIs run into the vocabulary IRI', () => {
    const iri = 'http://voparis-ns.obspm.fr/rdf/ipda/instrument';
    const result = readRdf(input(mirrorPath('voparis-ns/ipda/instrument_types/instrument_types.ttl'), 'turtle', 'ipda-instrument', iri));
    const labelled = new Set(result.quads.filter((q) => q.predicate.value === `${RDFS}label` && q.subject.value !== iri).map((q) => q.subject.value));
    expect(labelled.size).toBe(185);
    expect(labelled).toContain(`${iri}Aircraft`);
    expect(result.vocabulary.title).toBe('Instrument Types for NASA/PDS3, NASA/PDS4 and PSA');
    expect(result.vocabulary.version).toBe('2024-04-11');
  });

  it('reads the astronomy subject keywords: 394 skos:Concept (two of them declared twice upstream), flavour SKOS', () => {
    const iri = 'http://voparis-ns.obspm.fr/rdf/editors/astro-subjects-keywords';
    const result = readRdf(input(mirrorPath('voparis-ns/editors/astro-subjects-keywords/keywords.ttl'), 'turtle', 'keywords', iri));
    expect(subjectsOfType(result.quads, `${SKOS}Concept`).size).toBe(394);
    const prefLabels = (id: string): string[] =>
      result.quads.filter((q) => q.subject.value === `${iri}#${id}` && q.predicate.value === `${SKOS}prefLabel`).map((q) => q.object.value);
    // Upstream's second block for stars-variables-delta-scuti is meant to be stars-variables-general.
    expect(prefLabels('stars-variables-delta-scuti').sort()).toEqual(['Stars: variables: delta Scuti', 'Stars: variables: general']);
    expect(result.vocabulary).toMatchObject({ title: 'Astronomical Subject Keywords', flavour: 'SKOS', version: '2024-04-11' });
  });

  it('reads the MASER ontology cleanly, but it holds only its header: no class, no concept', () => {
    const iri = 'http://voparis-ns.obspm.fr/rdf/maser/maseront';
    const result = readRdf(input(mirrorPath('voparis-ns/maser/ontology/maseront.ttl'), 'turtle', 'maser', iri));
    expect(result.quads).toHaveLength(18);
    expect(subjectsOfType(result.quads, `${RDFS}Class`).size).toBe(0);
    expect(subjectsOfType(result.quads, `${SKOS}Concept`).size).toBe(0);
    // Its title is copied from the instrument types vocabulary upstream.
    expect(result.vocabulary.title).toBe('Instrument Types for NASA/PDS3, NASA/PDS4 and PSA');
  });
});

describe('readRdf on small fixtures', () => {
  it('takes title (English first), description, version, authors (foaf:name), licence and flavour from JSON-LD', () => {
    const result = readFixture('voc.jsonld', 'jsonld');
    expect(result.vocabulary).toMatchObject({
      title: 'Example',
      description: 'A small vocabulary.',
      version: '2024-01-02',
      licence: { uri: 'http://creativecommons.org/licenses/by/4.0/', name: 'CC-BY-4.0' },
      flavour: 'SKOS',
    });
    // dc:creator values are a set in RDF: their order in the document carries no meaning.
    expect([...result.vocabulary.authors].sort()).toEqual(['Doe, J.', 'Roe, R.']);
    expect(result.warnings.map((w) => w.code)).toEqual(['licence-differs']);
    expect(subjectsOfType(result.quads, `${SKOS}Concept`)).toEqual(new Set(['http://example.org/voc#a', 'http://example.org/voc#b']));
  });

  it('puts quads of source named graphs into the vocabulary graph, once each, and says so', () => {
    const result = readFixture('graphs.nq', 'nquads');
    expect(result.quads).toHaveLength(4);
    expect(new Set(result.quads.map((q) => q.graph.value))).toEqual(new Set([vocabularyGraphIri('example', undefined)]));
    expect(result.warnings.map((w) => w.code)).toEqual(['no-vocabulary-node', 'named-graphs-merged']);
  });

  it('labels blank nodes the same on every run and differently in different graphs', () => {
    const first = readFixture('graphs.nq', 'nquads');
    const again = readFixture('graphs.nq', 'nquads');
    const blank = (r: ReadResult): string => r.quads.find((q) => q.subject.termType === 'BlankNode')!.subject.value;
    expect(blank(again)).toBe(blank(first));
    const other = readRdf({
      ...input(fixture('graphs.nq'), 'nquads', 'example', 'http://example.org/voc'),
      vocabulary: { ...vocabulary('example', 'http://example.org/voc'), graph: 'urn:other' },
    });
    expect(blank(other)).not.toBe(blank(first));
  });

  it('rejects broken Turtle with the file and line (n3)', () => {
    const error = ingestErrorOf(() => readFixture('broken.ttl', 'turtle'));
    expect(error.code).toBe('rdf-syntax');
    expect(error.location).toMatchObject({ file: 'fixtures/broken.ttl', line: 9 });
    expect(error.message).toMatch(/^fixtures\/broken\.ttl:9: not valid Turtle/);
  });

  it('rejects broken N-Triples with the file and line', () => {
    const error = ingestErrorOf(() => readFixture('broken.nt', 'ntriples'));
    expect(error.location).toMatchObject({ file: 'fixtures/broken.nt', line: 3 });
  });

  it('rejects RDF/XML that is not well-formed with the line and column of the bad end tag', () => {
    const error = ingestErrorOf(() => readFixture('broken.rdf', 'rdfxml'));
    expect(error.code).toBe('rdf-syntax');
    expect(error.location).toMatchObject({ file: 'fixtures/broken.rdf', line: 8 });
    expect(error.location.column).toBeGreaterThan(1);
    expect(error.detail).toContain('skos:prefLabel');
  });

  it('rejects truncated RDF/XML, which oxigraph alone would accept', () => {
    const error = ingestErrorOf(() => readFixture('truncated.rdf', 'rdfxml'));
    expect(error.location.file).toBe('fixtures/truncated.rdf');
    expect(error.location.line).toBe(7);
    expect(error.detail).toMatch(/ends before the end tags of rdf:RDF, skos:Concept/);
  });

  it('rejects well-formed RDF/XML with an invalid IRI, at the line that holds it', () => {
    const error = ingestErrorOf(() => readFixture('bad-iri.rdf', 'rdfxml'));
    expect(error.location).toMatchObject({ file: 'fixtures/bad-iri.rdf', line: 7 });
    expect(error.detail).toContain('http://example.org/voc#b c');
  });

  it('rejects truncated JSON-LD with the file and line', () => {
    const error = ingestErrorOf(() => readFixture('truncated.jsonld', 'jsonld'));
    expect(error.code).toBe('rdf-syntax');
    expect(error.location.file).toBe('fixtures/truncated.jsonld');
    expect(error.location.line).toBeGreaterThanOrEqual(25);
  });

  it('refuses to fetch a remote JSON-LD context, naming it and its line', () => {
    const error = ingestErrorOf(() => readFixture('remote-context.jsonld', 'jsonld'));
    expect(error.code).toBe('remote-context');
    expect(error.location).toMatchObject({ file: 'fixtures/remote-context.jsonld', line: 2 });
    expect(error.detail).toContain('https://schema.org/');
  });

  it('rejects an unknown syntax option and a missing data file', () => {
    expect(ingestErrorOf(() => readFixture('broken.ttl', 'n3')).code).toBe('bad-option');
    const noFile = { files: {}, vocabulary: vocabulary('example', 'http://example.org/voc'), options: { syntax: 'turtle' } };
    expect(ingestErrorOf(() => readRdf(noFile)).code).toBe('missing-source');
  });
});

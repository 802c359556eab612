import { parseRdf } from '../../../src/ingest/index.js';
import {
  factory,
  iri,
  literal,
  RDF_FORMATS,
  rdfFormat,
  rdfFormatByExtension,
  rdfFormatByMediaType,
  rdfFormatByName,
  SPARQL_RESULT_FORMATS,
  type Quad,
  type RdfFormatName,
} from '../../../src/model/index.js';
import { writeRdf, writesRdf } from '../../../src/render/index.js';
import { OxigraphStore } from '../../../src/store/index.js';
import { RDF_SYNTAXES } from '../../../src/catalogue/index.js';

const triple = factory.quad(iri('http://example.org/a'), iri('http://www.w3.org/2004/02/skos/core#prefLabel'), literal('A'));

/** One document per format of the registry (the Record asks for each). */
const SAMPLES: Record<RdfFormatName, string> = {
  ttl: '<http://example.org/a> <http://www.w3.org/2004/02/skos/core#prefLabel> "A" .',
  nt: '<http://example.org/a> <http://www.w3.org/2004/02/skos/core#prefLabel> "A" .\n',
  nq: '<http://example.org/a> <http://www.w3.org/2004/02/skos/core#prefLabel> "A" <urn:g> .\n',
  rdfxml:
    '<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns:skos="http://www.w3.org/2004/02/skos/core#">' +
    '<rdf:Description rdf:about="http://example.org/a"><skos:prefLabel>A</skos:prefLabel></rdf:Description></rdf:RDF>',
  jsonld: '{"@id": "http://example.org/a", "http://www.w3.org/2004/02/skos/core#prefLabel": "A"}',
};

const sameTriple = (quads: readonly Quad[]) => {
  expect(quads).toHaveLength(1);
  expect([quads[0]!.subject.value, quads[0]!.predicate.value, quads[0]!.object.value]).toEqual([triple.subject.value, triple.predicate.value, 'A']);
};

describe('the RDF format registry', () => {
  it.each(RDF_FORMATS.map((f) => [f.name, f] as const))('%s resolves by its name, every alias, media type and extension', (_name, format) => {
    for (const name of [format.name, format.syntax, ...format.aliases, format.name.toUpperCase()]) expect(rdfFormatByName(name)).toBe(format);
    for (const mediaType of format.mediaTypes) {
      expect(rdfFormatByMediaType(mediaType)).toBe(format);
      expect(rdfFormatByMediaType(`${mediaType}; charset=utf-8`)).toBe(format);
    }
    for (const extension of format.extensions) {
      expect(rdfFormatByExtension(extension)).toBe(format);
      expect(rdfFormatByExtension(`vocabulary.${extension}`)).toBe(format);
    }
    expect(rdfFormat(format.name)).toBe(format);
  });

  it('no name, media type or extension belongs to two formats; unknown ones resolve to nothing', () => {
    const claims = (key: (f: (typeof RDF_FORMATS)[number]) => readonly string[]) => RDF_FORMATS.flatMap((f) => [...new Set(key(f))]);
    for (const list of [claims((f) => [f.name, ...f.aliases]), claims((f) => f.mediaTypes), claims((f) => f.extensions)]) {
      expect(new Set(list).size).toBe(list.length);
    }
    expect(rdfFormatByName('n3')).toBeUndefined();
    expect(rdfFormatByName('__proto__')).toBeUndefined();
    expect(rdfFormatByMediaType('application/json')).toBeUndefined();
    expect(rdfFormatByExtension('csv')).toBeUndefined();
  });

  it('the catalogue names the syntaxes as the registry spells them out', () => {
    expect(RDF_SYNTAXES).toEqual(['turtle', 'ntriples', 'nquads', 'rdfxml', 'jsonld']);
  });

  it.each(RDF_FORMATS.map((f) => [f.name] as const))('ingest reads %s', (name) => {
    sameTriple(parseRdf(SAMPLES[name], name, 'sample', 'http://example.org/'));
  });

  it.each(RDF_FORMATS.map((f) => [f.name, f.written] as const))(
    'render writes %s exactly when the registry says so (%s), and reads it back',
    async (name, written) => {
      expect(writesRdf(name)).toBe(written);
      if (writesRdf(name)) sameTriple(parseRdf(await writeRdf([triple], name), name, 'written', 'http://example.org/'));
    },
  );

  it.each(RDF_FORMATS.map((f) => [f.name] as const))('the store exports a graph in %s', async (name) => {
    const store = new OxigraphStore();
    await store.replaceGraphs(new Map([['urn:g', [triple]]]));
    sameTriple(parseRdf(await store.exportGraph('urn:g', name), name, 'exported', 'http://example.org/'));
  });

  it('SPARQL result formats have distinct names and media types, none an RDF format', () => {
    expect(new Set(SPARQL_RESULT_FORMATS.map((f) => f.name)).size).toBe(SPARQL_RESULT_FORMATS.length);
    for (const format of SPARQL_RESULT_FORMATS) expect(rdfFormatByMediaType(format.mediaType)).toBeUndefined();
  });
});

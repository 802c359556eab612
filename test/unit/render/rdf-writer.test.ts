import jsonld from 'jsonld';
import N3 from 'n3';
import oxigraph from 'oxigraph';
import rdfIsomorphic from 'rdf-isomorphic';
import { QuadsBySubject, prefixesFor, writeRdf } from '../../../src/render/index.js';
import type { Quad } from '../../../src/model/index.js';

const { isomorphic } = rdfIsomorphic;
const TTL = `
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
@prefix ex: <http://example.org/voc#> .
ex:a a skos:Concept ; skos:prefLabel "A"@en, "Ä \\"quoted\\" <b>"; skos:note [ skos:note [ skos:note "deep" ] ] ; skos:broader ex:b .
ex:b a skos:Concept ; skos:prefLabel "B" ; skos:note [ skos:note "b's" ] .
`;
const quads = (): N3.Quad[] => new N3.Parser().parse(TTL);

describe('RDF writer', () => {
  it("W3C CBD: a term's triples and, recursively, those of the blank nodes it reaches, and nothing of other terms", () => {
    const described = new QuadsBySubject(quads()).describe('http://example.org/voc#a');
    expect(described).toHaveLength(7);
    expect(described.some((q) => q.subject.value === 'http://example.org/voc#b')).toBe(false);
    expect(described.filter((q) => q.object.value === 'deep')).toHaveLength(1);
  });

  it.each(['ttl', 'nt', 'rdfxml', 'jsonld'] as const)('%s round-trips the triples (parsed back by another library)', async (format) => {
    const text = await writeRdf(quads(), format, prefixesFor({ id: 'voc', termBase: 'http://example.org/voc#' }));
    let back: Quad[];
    if (format === 'jsonld') back = (await jsonld.toRDF(JSON.parse(text) as jsonld.JsonLdDocument)) as unknown as Quad[];
    else if (format === 'rdfxml')
      back = new N3.Parser({ format: 'N-Triples' }).parse(
        new oxigraph.Store(oxigraph.parse(text, { format: 'application/rdf+xml' })).dump({
          format: 'application/n-triples',
          from_graph_name: oxigraph.defaultGraph(),
        }),
      );
    else back = new N3.Parser({ format: format === 'nt' ? 'N-Triples' : 'Turtle' }).parse(text);
    expect(
      isomorphic(
        back.map((q) => N3.DataFactory.quad(q.subject as N3.Quad_Subject, q.predicate as N3.Quad_Predicate, q.object as N3.Quad_Object)),
        quads(),
      ),
    ).toBe(true);
  });

  it('Turtle and JSON-LD use the prefixes, and one for the vocabulary named after its id', async () => {
    const prefixes = prefixesFor({ id: 'voc', termBase: 'http://example.org/voc#' });
    expect(prefixes.voc).toBe('http://example.org/voc#');
    const ttl = await writeRdf(quads(), 'ttl', prefixes);
    expect(ttl).toContain('@prefix voc: <http://example.org/voc#>.');
    expect(ttl).toContain('voc:a a skos:Concept');
    const json = JSON.parse(await writeRdf(quads(), 'jsonld', prefixes)) as Record<string, unknown>;
    expect((json['@context'] as Record<string, string>).skos).toBe('http://www.w3.org/2004/02/skos/core#');
  });

  it('an id that cannot be a prefix name, or a namespace already named, gets no new prefix', () => {
    expect(prefixesFor({ id: '4x:y', termBase: 'http://example.org/x#' }).voc).toBe('http://example.org/x#');
    expect(Object.keys(prefixesFor({ id: 'ivoasem', termBase: 'http://www.ivoa.net/rdf/ivoasem#' })).filter((k) => k.startsWith('ivoasem'))).toEqual([
      'ivoasem',
    ]);
  });
});

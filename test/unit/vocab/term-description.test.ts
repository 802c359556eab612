import N3 from 'n3';
import { factory, iri, literal, SKOS, type Quad } from '../../../src/model/index.js';
import { OxigraphStore } from '../../../src/store/index.js';
import { describeTerm } from '../../../src/vocab/term-description.js';

const EX = 'http://example.org/voc#';
const GRAPH = 'urn:astrovoc:vocabulary:ex';
const t = (s: string, p: string, o: Quad['object']): Quad => factory.quad(iri(`${EX}${s}`), iri(p), o);
const lines = (quads: readonly Quad[]): string[] => {
  const writer = new N3.Writer({ format: 'N-Triples' });
  return quads.map((q) => writer.quadToString(q.subject as N3.Quad_Subject, q.predicate as N3.Quad_Predicate, q.object as N3.Quad_Object)).sort();
};

describe('describeTerm (Skosmos /data of a concept)', () => {
  it('gives the term triples and the prefLabels of what they point to, in its graph only, as the CONSTRUCT Skosmos runs', async () => {
    const store = new OxigraphStore();
    await store.replaceGraphs(
      new Map([
        [
          GRAPH,
          [
            t('a', `${SKOS}prefLabel`, literal('A', 'en')),
            t('a', `${SKOS}broader`, iri(`${EX}b`)),
            t('a', `${SKOS}related`, iri(`${EX}a`)),
            t('a', `${SKOS}exactMatch`, iri('http://elsewhere.org/x')),
            t('b', `${SKOS}prefLabel`, literal('B', 'en')),
            t('b', `${SKOS}altLabel`, literal('Bee', 'en')),
            t('c', `${SKOS}prefLabel`, literal('C', 'en')),
          ],
        ],
        ['urn:astrovoc:vocabulary:other', [t('a', `${SKOS}note`, literal('elsewhere')), t('b', `${SKOS}prefLabel`, literal('Other B'))]],
      ]),
    );
    const described = describeTerm(store, `${EX}a`, GRAPH);
    const constructed = await store.query(
      `CONSTRUCT { <${EX}a> ?p ?o . ?o <${SKOS}prefLabel> ?l } WHERE { GRAPH <${GRAPH}> { <${EX}a> ?p ?o . OPTIONAL { ?o <${SKOS}prefLabel> ?l } } }`,
    );
    expect(constructed.kind).toBe('quads');
    expect(lines(described)).toEqual(lines(constructed.kind === 'quads' ? constructed.quads : []));
    expect(lines(described)).toHaveLength(5);
    expect(described.every((q) => q.graph.termType === 'DefaultGraph')).toBe(true);
  });
});

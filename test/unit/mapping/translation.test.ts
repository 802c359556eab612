import { TranslationGraph, compose, type UsableMapping } from '../../../src/mapping/index.js';
import type { Term } from '../../../src/model/index.js';

function term(vocabularyId: string, id: string, deprecated = false): Term {
  return { iri: `http://example.org/${vocabularyId}#${id}`, id, vocabularyId, labels: [id], altLabels: [], definitions: [], parents: [], children: [], status: { preliminary: false, deprecated }, useInstead: [], mappings: [] };
}
const terms = [term('a', 'comet'), term('b', 'comet'), term('c', 'comets'), term('c', 'small-bodies'), term('d', 'comet'), term('d', 'old-comet', true), term('e', 'comet'), term('f', 'x')];
const byIri = new Map(terms.map((t) => [t.iri, t]));
const iri = (v: string, id: string) => `http://example.org/${v}#${id}`;
const link = (s: string, predicate: UsableMapping['predicate'], o: string, confidence = 1, set = 'test'): UsableMapping => ({ subject: s, predicate, object: o, confidence, set, mappingId: `${s}>${o}` });

describe('SKOS chaining rules', () => {
  it('exactMatch passes any predicate through; broad∘broad = broad; broad∘narrow, close∘close and related∘related are not licensed', () => {
    expect(compose('exactMatch', 'exactMatch')).toBe('exactMatch');
    expect(compose('exactMatch', 'broadMatch')).toBe('broadMatch');
    expect(compose('narrowMatch', 'exactMatch')).toBe('narrowMatch');
    expect(compose('broadMatch', 'broadMatch')).toBe('broadMatch');
    expect(compose('broadMatch', 'narrowMatch')).toBeUndefined();
    expect(compose('closeMatch', 'closeMatch')).toBeUndefined();
    expect(compose('relatedMatch', 'relatedMatch')).toBeUndefined();
  });
});

describe('translation over mappings', () => {
  const graph = new TranslationGraph(
    [
      link(iri('a', 'comet'), 'exactMatch', iri('b', 'comet'), 0.9),
      link(iri('b', 'comet'), 'exactMatch', iri('c', 'comets'), 0.8),
      link(iri('c', 'comets'), 'broadMatch', iri('c', 'small-bodies')),
      link(iri('a', 'comet'), 'closeMatch', iri('e', 'comet'), 0.7),
      link(iri('e', 'comet'), 'closeMatch', iri('f', 'x')),
      link(iri('a', 'comet'), 'exactMatch', iri('d', 'old-comet')),
    ],
    (i) => byIri.get(i),
  );

  it('SKOS: exactMatch is transitive; confidences multiply along the path, which is returned', () => {
    const [best] = graph.translate({ from: iri('a', 'comet'), to: 'c' });
    expect(best).toMatchObject({ iri: iri('c', 'comets'), predicate: 'exactMatch' });
    expect(best!.confidence).toBeCloseTo(0.72);
    expect(best!.path.map((s) => s.to)).toEqual([iri('b', 'comet'), iri('c', 'comets')]);
  });

  it('exact∘broad = broad: the broader term of the target vocabulary comes after the exact one', () => {
    const results = graph.translate({ from: iri('a', 'comet'), to: 'c' });
    expect(results.map((r) => [r.iri, r.predicate])).toEqual([
      [iri('c', 'comets'), 'exactMatch'],
      [iri('c', 'small-bodies'), 'broadMatch'],
    ]);
    expect(graph.translate({ from: iri('a', 'comet'), to: 'c', predicates: ['exactMatch'] })).toHaveLength(1);
  });

  it('closeMatch is not transitive: one close hop is an answer, two are not', () => {
    expect(graph.translate({ from: iri('a', 'comet'), to: 'e' })[0]).toMatchObject({ predicate: 'closeMatch', confidence: 0.7 });
    expect(graph.translate({ from: iri('a', 'comet'), to: 'f' })).toEqual([]);
  });

  it('mappings are read both ways: the inverse of broadMatch is narrowMatch', () => {
    const [r] = graph.translate({ from: iri('c', 'small-bodies'), to: 'a' });
    expect(r).toMatchObject({ iri: iri('a', 'comet'), predicate: 'narrowMatch' });
    expect(r!.path).toHaveLength(3);
    const [n] = graph.translate({ from: iri('c', 'small-bodies'), to: 'c' });
    expect(n).toMatchObject({ iri: iri('c', 'comets'), predicate: 'narrowMatch' });
  });

  it('no chain through a link to a deprecated term', () => {
    expect(graph.translate({ from: iri('a', 'comet'), to: 'd' })).toEqual([]);
  });

  it('min_confidence drops weak paths', () => {
    expect(graph.translate({ from: iri('a', 'comet'), to: 'c', minConfidence: 0.75 })).toEqual([]);
  });
});

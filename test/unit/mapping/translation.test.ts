import { TranslationGraph, compose, type UsableMapping } from '../../../src/mapping/index.js';
import type { Term } from '../../../src/model/index.js';

function term(vocabularyId: string, id: string, deprecated = false): Term {
  return {
    iri: `http://example.org/${vocabularyId}#${id}`,
    id,
    vocabularyId,
    labels: [id],
    altLabels: [],
    definitions: [],
    parents: [],
    children: [],
    status: { preliminary: false, deprecated },
    useInstead: [],
    mappings: [],
  };
}
const terms = [
  term('a', 'comet'),
  term('b', 'comet'),
  term('c', 'comets'),
  term('c', 'small-bodies'),
  term('d', 'comet'),
  term('d', 'old-comet', true),
  term('e', 'comet'),
  term('f', 'x'),
];
const byIri = new Map(terms.map((t) => [t.iri, t]));
const iri = (v: string, id: string) => `http://example.org/${v}#${id}`;
const link = (s: string, predicate: UsableMapping['predicate'], o: string, confidence = 1, set = 'test'): UsableMapping => ({
  subject: s,
  predicate,
  object: o,
  confidence,
  set,
  mappingId: `${s}>${o}`,
});

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

describe('translation over proposed mappings, on request', () => {
  const more = [
    term('p', 'x'),
    term('p', 'w'),
    term('q', 'x'),
    term('q', 'y'),
    term('q', 'z'),
    term('m', 'x'),
    term('r', 'x'),
    term('s', 'a'),
    term('s', 'b'),
    term('t', 'x'),
  ];
  const all = new Map([...terms, ...more].map((t) => [t.iri, t]));
  const proposed = (s: string, predicate: UsableMapping['predicate'], o: string, confidence: number, set = 'candidates'): UsableMapping => ({
    ...link(s, predicate, o, confidence, set),
    mappingId: `${s}>${o}?`,
    status: 'proposed',
  });
  const graph = new TranslationGraph(
    [
      // p#x → q: an accepted exact match, a more confident proposed one to another term, a proposed close one, and a proposed exact one to the same term.
      link(iri('p', 'x'), 'exactMatch', iri('q', 'x'), 0.6),
      proposed(iri('p', 'x'), 'exactMatch', iri('q', 'y'), 0.99),
      proposed(iri('p', 'x'), 'closeMatch', iri('q', 'z'), 0.9),
      proposed(iri('p', 'x'), 'exactMatch', iri('q', 'x'), 0.99),
      // p#x → m#x twice (proposed and confident, accepted and weak), then m#x → r#x accepted.
      proposed(iri('p', 'x'), 'exactMatch', iri('m', 'x'), 0.99),
      link(iri('p', 'x'), 'exactMatch', iri('m', 'x'), 0.5, 'curated'),
      link(iri('m', 'x'), 'exactMatch', iri('r', 'x')),
      // m#x → t#x proposed: a path accepted then proposed.
      proposed(iri('m', 'x'), 'broadMatch', iri('t', 'x'), 0.8),
      // p#w → s: accepted close, proposed exact.
      link(iri('p', 'w'), 'closeMatch', iri('s', 'a'), 0.9),
      proposed(iri('p', 'w'), 'exactMatch', iri('s', 'b'), 0.8),
    ],
    (i) => all.get(i),
  );

  it('counts the proposed mappings apart', () => {
    expect(graph.size).toBe(10);
    expect(graph.proposedSize).toBe(6);
  });

  it('by default proposed mappings are not used: every answer is reviewed and every step accepted', () => {
    const results = graph.translate({ from: iri('p', 'x'), to: 'q' });
    expect(results.map((r) => [r.iri, r.predicate, r.reviewed])).toEqual([[iri('q', 'x'), 'exactMatch', true]]);
    expect(results[0]!.path.map((s) => s.status)).toEqual(['accepted']);
    expect(graph.translate({ from: iri('p', 'x'), to: 't' })).toEqual([]);
    expect(graph.translate({ from: iri('p', 'x'), to: 'q', includeProposed: false })).toEqual(results);
  });

  it('with includeProposed, proposed mappings are used and say so: status per step, reviewed: false', () => {
    const results = graph.translate({ from: iri('p', 'x'), to: 'q', includeProposed: true });
    expect(results.map((r) => [r.iri, r.predicate, r.reviewed])).toEqual([
      [iri('q', 'x'), 'exactMatch', true],
      [iri('q', 'y'), 'exactMatch', false],
      [iri('q', 'z'), 'closeMatch', false],
    ]);
    expect(results[1]!.path).toEqual([
      {
        from: iri('p', 'x'),
        predicate: 'exactMatch',
        to: iri('q', 'y'),
        confidence: 0.99,
        set: 'candidates',
        mappingId: `${iri('p', 'x')}>${iri('q', 'y')}?`,
        status: 'proposed',
      },
    ]);
  });

  it('a proposed path never outranks an accepted path of the same predicate, to the same term or to another, however confident', () => {
    const [best] = graph.translate({ from: iri('p', 'x'), to: 'q', includeProposed: true });
    // The proposed exact match to q#x (0.99) loses to the accepted one (0.6) for the same term...
    expect(best).toMatchObject({ iri: iri('q', 'x'), reviewed: true, confidence: 0.6 });
    // ...and the proposed exact match to q#y (0.99) comes after it.
    expect(graph.translate({ from: iri('p', 'x'), to: 'q', includeProposed: true, predicates: ['exactMatch'] }).map((r) => r.iri)).toEqual([
      iri('q', 'x'),
      iri('q', 'y'),
    ]);
  });

  it('a confident proposed path through a term does not cut off a weaker accepted one through the same term', () => {
    const [r] = graph.translate({ from: iri('p', 'x'), to: 'r', includeProposed: true });
    expect(r).toMatchObject({ iri: iri('r', 'x'), predicate: 'exactMatch', reviewed: true, confidence: 0.5 });
    expect(r!.path.map((s) => [s.set, s.status])).toEqual([
      ['curated', 'accepted'],
      ['test', 'accepted'],
    ]);
  });

  it('a path with an accepted and a proposed step is unreviewed; the SKOS rules still hold (exact∘broad = broad)', () => {
    const [r] = graph.translate({ from: iri('r', 'x'), to: 't', includeProposed: true });
    expect(r).toMatchObject({ iri: iri('t', 'x'), predicate: 'broadMatch', reviewed: false, confidence: 0.8 });
    expect(r!.path.map((s) => [s.to, s.status])).toEqual([
      [iri('m', 'x'), 'accepted'],
      [iri('t', 'x'), 'proposed'],
    ]);
    // Between two unreviewed paths, the more confident one wins (p#x → m#x proposed 0.99, rather than accepted 0.5).
    const [p] = graph.translate({ from: iri('p', 'x'), to: 't', includeProposed: true });
    expect(p!.path.map((s) => s.status)).toEqual(['proposed', 'proposed']);
    expect(p!.confidence).toBeCloseTo(0.792);
  });

  it('the predicate ranks first: a proposed exactMatch comes before an accepted closeMatch', () => {
    expect(graph.translate({ from: iri('p', 'w'), to: 's' }).map((r) => [r.iri, r.predicate, r.reviewed])).toEqual([[iri('s', 'a'), 'closeMatch', true]]);
    expect(graph.translate({ from: iri('p', 'w'), to: 's', includeProposed: true }).map((r) => [r.iri, r.predicate, r.reviewed])).toEqual([
      [iri('s', 'b'), 'exactMatch', false],
      [iri('s', 'a'), 'closeMatch', true],
    ]);
  });

  it('min_confidence applies to proposed paths too', () => {
    expect(graph.translate({ from: iri('p', 'x'), to: 'q', includeProposed: true, minConfidence: 0.95 }).map((r) => [r.iri, r.reviewed])).toEqual([
      [iri('q', 'x'), false],
      [iri('q', 'y'), false],
    ]);
  });
});

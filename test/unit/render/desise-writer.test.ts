import { toDesise, writeDesise } from '../../../src/render/index.js';
import { meta, terms } from './fixtures.js';

describe('desise writer (VocInVO2 desise)', () => {
  const classes = meta('classes', 'RDF Class');
  // a ─ b ─ d ─ f
  //   └ c ─ e
  const tree = terms(classes, { a: [], b: ['a'], c: ['a'], d: ['b'], e: ['c'], f: ['d'] });

  it("RDF Class: narrower lists every descendant once, children first then each one's descendants in turn (convert.py order)", () => {
    const desise = toDesise(classes, tree);
    expect(desise.terms.a!.narrower).toEqual(['b', 'c', 'd', 'f', 'e']);
    expect(desise.terms.b!.narrower).toEqual(['d', 'f']);
    expect(desise.terms.f!.narrower).toEqual([]);
    expect(desise.terms.f!.wider).toEqual(['d']);
  });

  it('SKOS: narrower is the direct children only, wider every direct parent', () => {
    const skos = meta('concepts', 'SKOS');
    const desise = toDesise(skos, terms(skos, { a: [], b: ['a'], c: ['a', 'b'] }));
    expect(desise.terms.a!.narrower).toEqual(['b', 'c']);
    expect(desise.terms.c!.wider).toEqual(['a', 'b']);
  });

  it('keys in a fixed order; deprecated and preliminary only when they apply, as ""', () => {
    const vocabulary = meta('flags', 'RDF Property');
    const list = terms(
      vocabulary,
      { old: [], new: [] },
      {
        old: { status: { deprecated: true, preliminary: true }, useInstead: ['http://example.org/rdf/flags#new'], definitions: ['Old one'] },
      },
    );
    const desise = toDesise(vocabulary, list);
    expect(Object.keys(desise.terms.old!)).toEqual(['label', 'description', 'deprecated', 'useInstead', 'preliminary', 'wider', 'narrower']);
    expect(desise.terms.old).toMatchObject({ deprecated: '', preliminary: '', useInstead: 'new', description: 'Old one' });
    expect(Object.keys(desise.terms.new!)).toEqual(['label', 'description', 'wider', 'narrower']);
    expect(desise.terms.new!.description).toBeNull();
  });

  it('a replacement or parent outside the vocabulary is written as its full IRI', () => {
    const vocabulary = meta('outside', 'SKOS');
    const list = terms(
      vocabulary,
      { x: ['http://other.org/voc#y'] },
      { x: { status: { deprecated: true, preliminary: false }, useInstead: ['http://other.org/voc#z'] } },
    );
    const desise = toDesise(vocabulary, list);
    expect(desise.terms.x).toMatchObject({ wider: ['http://other.org/voc#y'], useInstead: 'http://other.org/voc#z' });
  });

  it('a parent cycle (not a tree, against VocInVO2) ends instead of looping', () => {
    const vocabulary = meta('cycle', 'RDF Class');
    const desise = toDesise(vocabulary, terms(vocabulary, { a: ['c'], b: ['a'], c: ['b'] }));
    expect(new Set(desise.terms.a!.narrower)).toEqual(new Set(['b', 'c']));
  });

  it('one term keeps the vocabulary envelope; the text is two-space indented JSON', () => {
    const only = tree.find((t) => t.id === 'd')!;
    const desise = toDesise(classes, tree, [only]);
    expect(Object.keys(desise.terms)).toEqual(['d']);
    expect(desise.terms.d!.narrower).toEqual(['f']);
    expect(writeDesise(desise)).toBe(JSON.stringify({ uri: classes.iri, flavour: 'RDF Class', terms: { d: desise.terms.d } }, null, 2));
  });
});

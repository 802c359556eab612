import { highlight, searchQueryOf, termTree } from '../../../src/render/index.js';
import { meta, terms } from './fixtures.js';

const marked = (parts: { text: string; hit: boolean }[]) => parts.map((p) => (p.hit ? `[${p.text}]` : p.text)).join('');

describe('highlighting the matched text', () => {
  it.each([
    ['Galactic', 'gal', '[Gal]actic'],
    ['Old Galactic', 'gal', 'Old [Gal]actic'],
    ['Geocentric Solar Ecliptic', 'solar ecl', 'Geocentric [Solar] [Ecl]iptic'],
    ['Méridien', 'meri', '[Méri]dien'],
    ['Spectral Cube', 'ube', 'Spectral Cube'],
    ['<script>', 'script', '<[script]>'],
    ['anything', '', 'anything'],
  ])('%s for "%s" → %s', (text, query, expected) => {
    expect(marked(highlight(text, query))).toBe(expected);
  });
});

describe('the term tree of a vocabulary page', () => {
  it('a term with two parents is spelt out under the first and marked under the second', () => {
    const vocabulary = meta('skos', 'SKOS');
    const tree = termTree(vocabulary, terms(vocabulary, { a: [], b: [], c: ['a', 'b'], d: ['c'] }));
    expect(tree.map((n) => n.id)).toEqual(['a', 'b']);
    expect(tree[0]!.children[0]).toMatchObject({ id: 'c', shownElsewhere: false, children: [{ id: 'd' }] });
    expect(tree[1]!.children[0]).toMatchObject({ id: 'c', shownElsewhere: true, children: [] });
  });

  it('terms caught in a parent cycle are listed at the top rather than dropped', () => {
    const vocabulary = meta('cycle', 'RDF Class');
    const tree = termTree(vocabulary, terms(vocabulary, { r: [], x: ['y'], y: ['x'] }));
    const ids = (nodes: typeof tree): string[] => nodes.flatMap((n) => [n.id, ...ids(n.children)]);
    expect(new Set(ids(tree))).toEqual(new Set(['r', 'x', 'y']));
  });
});

describe('the search form as a lookup query', () => {
  it('hides deprecated terms unless status is all or deprecated', () => {
    expect(searchQueryOf({ q: 'x', offset: 0, limit: 20 })).toMatchObject({ includeDeprecated: false });
    expect(searchQueryOf({ q: 'x', status: 'all', offset: 0, limit: 20 })).toMatchObject({ includeDeprecated: true });
    expect(searchQueryOf({ q: 'x', status: 'all', offset: 0, limit: 20 }).status).toBeUndefined();
    expect(searchQueryOf({ q: 'x', status: 'deprecated', vocab: 'refframe', community: 'IVOA', offset: 5, limit: 5 })).toEqual({
      q: 'x',
      status: 'deprecated',
      includeDeprecated: true,
      vocabularies: ['refframe'],
      communities: ['IVOA'],
      offset: 5,
      limit: 5,
    });
  });
});

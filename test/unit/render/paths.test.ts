import { PagePaths, termPath, vocabularyPath } from '../../../src/render/index.js';

const refframe = { id: 'refframe', iri: 'http://www.ivoa.net/rdf/refframe' };
const datalink = { id: 'datalink', iri: 'http://www.ivoa.net/rdf/datalink/core' };
const spase = { id: 'spase-Role', iri: 'https://astrovoc.org/rdf/spase/Role' };

describe('page paths', () => {
  const paths = new PagePaths([refframe, datalink, spase]);

  it('IVOA IRIs keep their path below ivoa.net/rdf; others use the catalogue id', () => {
    expect(vocabularyPath(datalink)).toBe('/rdf/datalink/core');
    expect(vocabularyPath(spase)).toBe('/rdf/spase-Role');
    expect(termPath(refframe, 'ICRS')).toBe('/rdf/refframe/ICRS');
  });

  it('resolves vocabulary and term paths, with or without a trailing slash, encoded or not', () => {
    expect(paths.resolve('/rdf/datalink/core')).toEqual({ vocabulary: datalink });
    expect(paths.resolve('/rdf/datalink/core/')).toEqual({ vocabulary: datalink });
    expect(paths.resolve('/rdf/datalink/core/progenitor')).toEqual({ vocabulary: datalink, termId: 'progenitor' });
    expect(paths.resolve('/rdf/spase-Role/a%3Ab')).toEqual({ vocabulary: spase, termId: 'a:b' });
    expect(paths.resolve('/rdf/spase-Role/a:b')).toEqual({ vocabulary: spase, termId: 'a:b' });
  });

  it('names nothing for unknown vocabularies, extra segments or broken percent-encoding', () => {
    expect(paths.resolve('/rdf/datalink')).toBeUndefined();
    expect(paths.resolve('/rdf/refframe/ICRS/more')).toBeUndefined();
    expect(paths.resolve('/rdf/refframe/%E0%A4%A')).toBeUndefined();
    expect(paths.resolve('/other/refframe')).toBeUndefined();
  });

  it('refuses two vocabularies that would share a path', () => {
    expect(() => new PagePaths([refframe, { id: 'refframe', iri: 'https://example.org/x' }])).toThrow('would share the page path /rdf/refframe');
  });
});

import { TermIndex, resolveIri } from '../../../src/vocab/index.js';
import { meta, terms } from '../render/fixtures.js';

const frames = meta('frames', 'RDF Class', 'http://example.org/rdf/frames');
const core = meta('core', 'RDF Class', 'http://example.org/rdf/link/core');
const index = TermIndex.fromJSON([frames, core], { terms: [...terms(frames, { ICRS: [], FK5: ['ICRS'] }), ...terms(core, { this: [] })] });

describe('resolveIri: from an IRI to the hosted vocabulary or term it names', () => {
  it('a term IRI names its term and vocabulary', () => {
    expect(resolveIri(index, 'http://example.org/rdf/frames#FK5')).toEqual({ vocabulary: frames, term: expect.objectContaining({ id: 'FK5' }) });
    expect(resolveIri(index, 'http://example.org/rdf/link/core#this')?.vocabulary).toBe(core);
  });

  it('a vocabulary IRI names the vocabulary, with or without a trailing # or /', () => {
    for (const iri of ['http://example.org/rdf/frames', 'http://example.org/rdf/frames#', 'http://example.org/rdf/frames/']) {
      expect(resolveIri(index, iri)).toEqual({ vocabulary: frames });
    }
  });

  it('an IRI astrovoc does not host, or an unknown term of a hosted vocabulary, names nothing', () => {
    expect(resolveIri(index, 'http://example.org/rdf/nothing')).toBeUndefined();
    expect(resolveIri(index, 'http://example.org/rdf/frames#NOPE')).toBeUndefined();
  });
});

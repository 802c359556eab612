import { formatLocation, vocabularyGraphIri, iri, literal, factory } from '../../src/model/index.js';
import oxigraph from 'oxigraph';

describe('model', () => {
  it('formats a location as file:line:column', () => {
    expect(formatLocation({ file: 'refframe/terms.csv', line: 3, column: 7 })).toBe('refframe/terms.csv:3:7');
    expect(formatLocation({ file: 'a.json', pointer: '/list/0' })).toBe('a.json at /list/0');
  });
  it('names one graph per vocabulary version', () => {
    expect(vocabularyGraphIri('refframe', '2022-02-22')).toBe('urn:astrovoc:vocabulary:refframe@2022-02-22');
  });
  it('builds RDF/JS quads that oxigraph accepts', () => {
    const store = new oxigraph.Store();
    store.add(oxigraph.fromQuad(factory.quad(iri('http://e/s'), iri('http://e/p'), literal('x'))));
    expect(store.size).toBe(1);
  });
});

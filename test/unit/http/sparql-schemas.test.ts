import oxigraph from 'oxigraph';
import { sparqlResultsSchema } from '../../../src/http/routes/sparql-schemas.js';

/** The answers the endpoint sends are oxigraph's serialisations: the declared schema must describe them. */
function results(query: string): unknown {
  const store = new oxigraph.Store();
  store.load('<urn:s> <urn:p> "chat"@fr , "2"^^<http://www.w3.org/2001/XMLSchema#integer> , _:b , <urn:o> .', { format: 'text/turtle' });
  return JSON.parse(store.query(query, { results_format: 'application/sparql-results+json' }) as string);
}

describe('the SPARQL JSON results schema (SPARQL 1.1 Query Results JSON Format §3)', () => {
  it('describes SELECT answers with IRIs, blank nodes, language-tagged and typed literals, and unbound variables', () => {
    const answer = results('SELECT ?o ?unbound WHERE { <urn:s> <urn:p> ?o }');
    expect(answer).toMatchObject({ head: { vars: ['o', 'unbound'] } });
    expect(sparqlResultsSchema.safeParse(answer).error).toBeUndefined();
  });

  it('describes ASK answers', () => {
    const answer = results('ASK { <urn:s> <urn:p> <urn:o> }');
    expect(answer).toMatchObject({ boolean: true });
    expect(sparqlResultsSchema.safeParse(answer).error).toBeUndefined();
  });

  it('refuses what is neither: bindings without head.vars, a term of no known type, a string boolean', () => {
    expect(sparqlResultsSchema.safeParse({ head: {}, results: { bindings: [] } }).success).toBe(false);
    expect(sparqlResultsSchema.safeParse({ head: { vars: ['o'] }, results: { bindings: [{ o: { type: 'iri', value: 'urn:o' } }] } }).success).toBe(false);
    expect(sparqlResultsSchema.safeParse({ head: {}, boolean: 'true' }).success).toBe(false);
  });
});

import N3 from 'n3';
import { iriRef, serviceDescriptionTurtle } from '../../../src/sparql/service-description.js';

describe('service description: request text in an IRI cannot add triples', () => {
  test('iriRef percent-encodes every character Turtle forbids in an IRIREF, and keeps the others', () => {
    expect(iriRef('http://x> . <urn:injected> <urn:p> <urn:o/sparql')).toBe('http://x%3E%20.%20%3Curn:injected%3E%20%3Curn:p%3E%20%3Curn:o/sparql');
    expect(iriRef('http://example.org:8080/a/sparql?x=1#f')).toBe('http://example.org:8080/a/sparql?x=1#f');
  });

  test('an endpoint holding Turtle syntax gives one service, and no other subject', async () => {
    const turtle = await serviceDescriptionTurtle({
      endpoint: 'http://x> . <urn:injected> <urn:p> <urn:o/sparql',
      resultMediaTypes: [],
      statistics: [],
      vocabularies: [],
      federation: false,
    });
    const quads = new N3.Parser().parse(turtle);
    expect(quads.some((q) => q.subject.value.startsWith('urn:injected'))).toBe(false);
    expect(new Set(quads.filter((q) => q.subject.termType === 'NamedNode').map((q) => q.subject.value))).toEqual(
      new Set(['http://x%3E%20.%20%3Curn:injected%3E%20%3Curn:p%3E%20%3Curn:o/sparql']),
    );
  });
});

import { evidenceOf, JUSTIFICATION, predicateIri, type Mapping, type MappingRecord } from '../../../src/mapping/index.js';

const A = 'http://example.org/a#x';
const B = 'http://example.org/b#y';

const record = (mapping: Mapping, status: MappingRecord['status'] = 'proposed'): MappingRecord => ({ id: 'm', set: 'curated', status, etag: '"e"', mapping });

describe('mapping evidence on a term page', () => {
  it('faces the term: from the subject as written, from the object by the inverse predicate', () => {
    const broad = record(
      {
        subjectId: A,
        predicateId: predicateIri('broadMatch'),
        objectId: B,
        justification: JUSTIFICATION.manual,
        confidence: 0.8,
        reviewerId: ['https://orcid.org/1'],
      },
      'accepted',
    );
    expect(evidenceOf([broad], A)).toEqual([
      {
        predicate: 'broadMatch',
        target: B,
        negative: false,
        status: 'accepted',
        justification: JUSTIFICATION.manual,
        confidence: 0.8,
        reviewer: 'https://orcid.org/1',
        set: 'curated',
      },
    ]);
    expect(evidenceOf([broad], B)).toMatchObject([{ predicate: 'narrowMatch', target: A }]);
  });

  it('says a negative mapping is one, and leaves out other terms and non-SKOS predicates', () => {
    const negative = record(
      { subjectId: A, predicateId: predicateIri('exactMatch'), predicateModifier: 'Not', objectId: B, justification: JUSTIFICATION.manual },
      'rejected',
    );
    const other = record({ subjectId: B, predicateId: 'http://www.w3.org/2002/07/owl#sameAs', objectId: A, justification: JUSTIFICATION.manual });
    expect(evidenceOf([negative, other], A)).toEqual([expect.objectContaining({ predicate: 'exactMatch', negative: true, status: 'rejected' })]);
    expect(evidenceOf([negative], 'http://example.org/c#z')).toEqual([]);
  });
});

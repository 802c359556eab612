import { MappingError, translateTerm, translateValues, type MappingService } from '../../../src/mapping/index.js';
import { smallMappingService } from '../../support/small-mapping-service.js';

const IHDEA = 'http://voparis-ns.obspm.fr/rdf/ihdea/refframe#';
const REFFRAME = 'http://www.ivoa.net/rdf/refframe#';

let service: MappingService;
let close: () => void;

beforeAll(async () => {
  ({ service, close } = await smallMappingService());
});

afterAll(() => close());

function thrown(run: () => unknown): unknown {
  try {
    run();
  } catch (error) {
    return error;
  }
  return undefined;
}

describe('translateTerm: one term named by IRI, or by vocabulary and value', () => {
  it('over proposed candidates only on request; the source says its label and vocabulary', () => {
    const plain = translateTerm(service, { iri: `${IHDEA}ICRS` }, { to: 'refframe' });
    expect(plain.includeProposed).toBe(false);
    expect(plain.translations.some((t) => t.iri === `${REFFRAME}ICRS`)).toBe(false);
    const proposed = translateTerm(service, { iri: `${IHDEA}ICRS` }, { to: 'refframe', includeProposed: true });
    expect(proposed.source).toEqual({ iri: `${IHDEA}ICRS`, label: 'ICRS', vocabulary: 'ihdea_refframe' });
    expect(proposed.translations[0]).toMatchObject({ iri: `${REFFRAME}ICRS`, predicate: 'exactMatch', reviewed: false });
  });

  it('by vocabulary and label, the same term as by IRI', () => {
    const byLabel = translateTerm(service, { vocab: 'ihdea_refframe', value: 'icrs' }, { to: 'refframe', includeProposed: true });
    expect(byLabel.source.iri).toBe(`${IHDEA}ICRS`);
    expect(byLabel.translations.map((t) => t.iri)).toContain(`${REFFRAME}ICRS`);
  });

  it('a value naming no term is not-found; a target not hosted is invalid, naming to', () => {
    expect(thrown(() => translateTerm(service, { vocab: 'ihdea_refframe', value: 'no such frame' }, { to: 'refframe' }))).toMatchObject({
      code: 'not-found',
      message: 'No term of ihdea_refframe has the id, IRI or label no such frame',
    });
    const error = thrown(() => translateTerm(service, { iri: `${IHDEA}ICRS` }, { to: 'nowhere' }));
    expect(error).toBeInstanceOf(MappingError);
    expect(error).toMatchObject({ code: 'invalid', location: { parameter: 'to' } });
  });
});

describe('translateValues: a batch of values, one result each, in order', () => {
  it('a value naming no term gets a problem; the others are translated', () => {
    const batch = translateValues(service, [`${IHDEA}ICRS`, 'urn:nothing'], { to: 'refframe', includeProposed: true });
    expect(batch).toMatchObject({ to: 'refframe', includeProposed: true });
    expect(batch.results.map((r) => r.value)).toEqual([`${IHDEA}ICRS`, 'urn:nothing']);
    expect(batch.results[0]).toMatchObject({ iri: `${IHDEA}ICRS`, translations: [expect.objectContaining({ iri: `${REFFRAME}ICRS` })] });
    expect(batch.results[0]!.problem).toBeUndefined();
    expect(batch.results[1]).toEqual({ value: 'urn:nothing', translations: [], problem: 'no hosted term has the IRI urn:nothing' });
  });

  it('with a vocabulary, values are its ids, IRIs or labels', () => {
    const batch = translateValues(service, ['ICRS', 'nowhere'], { to: 'refframe', vocab: 'ihdea_refframe', includeProposed: true });
    expect(batch.results[0]?.iri).toBe(`${IHDEA}ICRS`);
    expect(batch.results[1]).toEqual({ value: 'nowhere', translations: [], problem: 'no term of ihdea_refframe has the id, IRI or label nowhere' });
  });

  it('a target not hosted is invalid, naming to', () => {
    expect(thrown(() => translateValues(service, ['ICRS'], { to: 'nowhere' }))).toMatchObject({ code: 'invalid', location: { parameter: 'to' } });
  });
});

import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { AstrovocError } from '../../../src/model/index.js';
import { computeFromUpload, computeHosted, MappingError, MAX_UPLOADED_TERMS, type MappingService } from '../../../src/mapping/index.js';
import { PROJECT_ROOT } from '../../support/mirror.js';
import { smallMappingService } from '../../support/small-mapping-service.js';

const REFFRAME = 'http://www.ivoa.net/rdf/refframe#';
const LIMITS = { timeoutMs: 20_000 };
const text = (value: string) => new TextEncoder().encode(value);

let service: MappingService;
let close: () => void;

beforeAll(async () => {
  ({ service, close } = await smallMappingService());
});

afterAll(() => close());

/** The error a promise rejects with (the test fails if it resolves). */
async function rejection(promise: Promise<unknown>): Promise<AstrovocError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(AstrovocError);
  return error as AstrovocError;
}

describe('computeHosted: candidates between two hosted vocabularies', () => {
  it('is an SSSOM set named source-target with a computed mapping_set_id, and says how many pairs were scored', async () => {
    const computed = await computeHosted(service, { source: 'ihdea_refframe', target: 'refframe' });
    expect(computed.set.name).toBe('ihdea_refframe-refframe');
    expect(computed.set.meta.mappingSetId).toBe('https://astrovoc.org/mappings/computed/ihdea_refframe-refframe');
    expect(computed.pairsScored).toBeGreaterThan(0);
    expect(computed.set.mappings.length).toBeGreaterThan(0);
    expect(computed.set.mappings.every((m) => m.objectId.startsWith(REFFRAME))).toBe(true);
  });

  it('a higher min confidence leaves fewer candidates', async () => {
    const all = await computeHosted(service, { source: 'ihdea_refframe', target: 'refframe', minConfidence: 0 });
    const sure = await computeHosted(service, { source: 'ihdea_refframe', target: 'refframe', minConfidence: 0.95 });
    expect(sure.set.mappings.length).toBeLessThan(all.set.mappings.length);
    expect(sure.set.mappings.every((m) => (m.confidence ?? 0) >= 0.95)).toBe(true);
  });

  it('a vocabulary not hosted is an invalid request naming the field', async () => {
    const error = await rejection(computeHosted(service, { source: 'nowhere', target: 'refframe' }));
    expect(error).toBeInstanceOf(MappingError);
    expect(error).toMatchObject({ code: 'invalid', kind: 'bad-request', location: { parameter: 'source' } });
    expect((await rejection(computeHosted(service, { source: 'refframe', target: 'nowhere' }))).location?.parameter).toBe('target');
  });
});

describe('computeFromUpload: candidates from an uploaded vocabulary file to a hosted one', () => {
  it('a list of labels: its terms, named by the upload, are the subjects', async () => {
    const computed = await computeFromUpload(
      service,
      { bytes: readFileSync(resolve(PROJECT_ROOT, 'test/fixtures/mapping/frames.txt')), syntax: 'labels', target: 'refframe', name: 'frames' },
      LIMITS,
    );
    expect(computed.set.name).toBe('frames-refframe');
    const icrs = computed.set.mappings.find((m) => m.objectId === `${REFFRAME}ICRS`);
    expect(icrs?.subjectId).toMatch(/^https:\/\/astrovoc\.org\/local\/frames#/);
    expect(icrs?.predicateId).toBe('http://www.w3.org/2004/02/skos/core#exactMatch');
  });

  it('without a name the upload is called "upload"', async () => {
    const computed = await computeFromUpload(service, { bytes: text('ICRS\n'), syntax: 'labels', target: 'refframe' }, LIMITS);
    expect(computed.set.name).toBe('upload-refframe');
  });

  it('a malformed file is invalid input titled for a vocabulary file, pointing at the body and its line', async () => {
    const bytes = readFileSync(resolve(PROJECT_ROOT, 'test/fixtures/mapping/broken-level.terms.csv'));
    const error = await rejection(computeFromUpload(service, { bytes, syntax: 'terms-csv', target: 'refframe' }, LIMITS));
    expect(error).toMatchObject({ kind: 'invalid-input', title: 'Malformed vocabulary file', location: { parameter: 'body', line: 4 } });
    expect(error.fields).toMatchObject({ code: 'bad-level', line: 4 });
  });

  it('a file without terms is refused as empty', async () => {
    const error = await rejection(computeFromUpload(service, { bytes: text('# nothing but a comment\n'), syntax: 'labels', target: 'refframe' }, LIMITS));
    expect(error).toMatchObject({ kind: 'invalid-input', title: 'Empty vocabulary file', location: { parameter: 'body' } });
  });

  it(`more than ${MAX_UPLOADED_TERMS} terms is too large, naming the limit`, async () => {
    const many = Array.from({ length: MAX_UPLOADED_TERMS + 1 }, (_, i) => `Frame number ${i}`).join('\n');
    const error = await rejection(computeFromUpload(service, { bytes: text(many), syntax: 'labels', target: 'refframe' }, LIMITS));
    expect(error).toMatchObject({ kind: 'too-large', title: 'Too many terms', location: { parameter: 'body' }, fields: { limit: MAX_UPLOADED_TERMS } });
  });

  it('a target not hosted is refused before the file is parsed', async () => {
    const error = await rejection(computeFromUpload(service, { bytes: text('\u0000not even text'), syntax: 'ttl', target: 'nowhere' }, LIMITS));
    expect(error).toMatchObject({ code: 'invalid', location: { parameter: 'target' } });
  });
});

import { readFileSync, readdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { readSssom, writeSssom, SssomError, reviewStatus, mappingSetQuads, mappingGraphIri } from '../../../src/mapping/index.js';
import { SKOS } from '../../../src/model/index.js';
import { PROJECT_ROOT } from '../../support/mirror.js';

const fixture = (name: string) => resolve(PROJECT_ROOT, 'test/fixtures/mapping', name);
const read = (name: string) => readSssom(readFileSync(fixture(name), 'utf8'), fixture(name));

function errorOf(name: string): SssomError {
  try {
    read(name);
  } catch (error) {
    if (error instanceof SssomError) return error;
    throw error;
  }
  throw new Error(`${name} was read without error`);
}

describe('SSSOM TSV reader', () => {
  it('reads the YAML header, expands CURIEs with curie_map and the built-in prefixes, and splits | multi-values', () => {
    const set = read('valid.sssom.tsv');
    expect(set.name).toBe('valid');
    expect(set.meta.mappingSetId).toBe('https://example.org/sets/frames');
    expect(set.meta.other.mapping_set_title).toBe('Frames, a test set');
    const [gse, heeq, icrs] = set.mappings;
    expect(gse).toMatchObject({
      subjectId: 'http://voparis-ns.obspm.fr/rdf/ihdea/refframe#GSE',
      predicateId: `${SKOS}exactMatch`,
      objectId: 'https://astrovoc.org/rdf/spase/CoordinateSystemName#GSE',
      justification: 'https://w3id.org/semapv/vocab/LexicalMatching',
      confidence: 0.92,
      matchString: ['gse', 'GSE'],
      authorId: ['https://orcid.org/0000-0001-0000-0001'],
      extra: { local_note: 'kept verbatim' },
    });
    expect(heeq!.predicateModifier).toBe('Not');
    expect(icrs!.objectId).toBe('http://www.ivoa.net/rdf/refframe#ICRS');
  });

  it('derives review states from standard columns: Not = rejected, a reviewer or manual curation = accepted, else proposed', () => {
    const set = read('valid.sssom.tsv');
    expect(set.mappings.map((m) => reviewStatus(m))).toEqual(['accepted', 'rejected', 'proposed']);
  });

  it('round trip: read → write → read gives the same set', () => {
    const first = read('valid.sssom.tsv');
    const second = readSssom(writeSssom(first), fixture('valid.sssom.tsv'));
    expect(second).toEqual(first);
  });

  it('round trip holds for every committed candidate set in mappings/', () => {
    const dir = resolve(PROJECT_ROOT, 'mappings');
    const files = readdirSync(dir).filter((f) => f.endsWith('.sssom.tsv'));
    expect(files.length).toBeGreaterThanOrEqual(10);
    for (const file of files) {
      const first = readSssom(readFileSync(resolve(dir, file), 'utf8'), file);
      expect(readSssom(writeSssom(first), file)).toEqual(first);
    }
  });

  it('SSSOM: mapping_set_id and license are required of a set; the error names the field', () => {
    const error = errorOf('no-license.sssom.tsv');
    expect(error.code).toBe('sssom.missingSetField');
    expect(error.field).toBe('license');
    expect(error.message).toContain('no-license.sssom.tsv');
  });

  it('SSSOM: a table without mapping_justification is refused, naming the header line and the column', () => {
    const error = errorOf('no-justification-column.sssom.tsv');
    expect(error.code).toBe('sssom.missingColumn');
    expect(error.field).toBe('mapping_justification');
    expect(error.location.line).toBe(9);
  });

  it('an empty required cell is refused with its line and column', () => {
    const error = errorOf('empty-subject.sssom.tsv');
    expect(error).toMatchObject({ code: 'sssom.missingValue', field: 'subject_id', location: { line: 11, column: 1 } });
  });

  it('confidence outside 0..1 is refused', () => {
    expect(errorOf('bad-confidence.sssom.tsv')).toMatchObject({ code: 'sssom.badConfidence', field: 'confidence', location: { line: 10, column: 5 } });
  });

  it('a CURIE whose prefix curie_map does not declare is refused', () => {
    const error = errorOf('unknown-prefix.sssom.tsv');
    expect(error).toMatchObject({ code: 'sssom.unknownPrefix', field: 'object_id', location: { line: 10, column: 3 } });
    expect(error.message).toContain('nasa');
  });

  it('predicate_modifier accepts only Not', () => {
    expect(errorOf('bad-modifier.sssom.tsv')).toMatchObject({ code: 'sssom.badPredicateModifier', field: 'predicate_modifier' });
  });

  it('a header that is not YAML is refused with its line', () => {
    expect(errorOf('bad-yaml.sssom.tsv')).toMatchObject({ code: 'sssom.badHeader', location: { line: 2 } });
  });
});

describe('mapping set as RDF', () => {
  it('asserts the SKOS triple of positive mappings only, and reifies every mapping with its SSSOM metadata in the set graph', () => {
    const set = read('valid.sssom.tsv');
    const quads = mappingSetQuads(set);
    const graph = mappingGraphIri('valid');
    expect(quads.every((q) => q.graph.value === graph)).toBe(true);
    const direct = quads.filter((q) => q.predicate.value.startsWith(SKOS));
    expect(direct.map((q) => q.subject.value.split('#')[1])).toEqual(['GSE', 'ICRS']);
    const axioms = quads.filter((q) => q.predicate.value === 'http://www.w3.org/2002/07/owl#annotatedSource');
    expect(axioms).toHaveLength(3);
    expect(quads.some((q) => q.predicate.value === 'https://w3id.org/sssom/predicate_modifier' && q.object.value === 'Not')).toBe(true);
  });
});

import { copyFileSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import {
  readSssom,
  readSssomLenient,
  writeSssom,
  writeSssomExternal,
  SssomError,
  reviewStatus,
  mappingSetQuads,
  mappingGraphIri,
  MappingRepository,
  CurieMap,
  IRI_SCHEMES,
  MAX_IDENTIFIER_LENGTH,
  iriProblem,
  parseIdentifier,
  prepareSssomFile,
  type MappingSet,
} from '../../../src/mapping/index.js';
import { SKOS } from '../../../src/model/index.js';
import { PROJECT_ROOT } from '../../support/mirror.js';

const fixture = (name: string) => resolve(PROJECT_ROOT, 'test/fixtures/mapping', name);
const read = (name: string) => readSssom(readFileSync(fixture(name), 'utf8'), fixture(name));

function errorOf(name: string): SssomError {
  return thrown(() => read(name), name);
}

function thrown(work: () => unknown, what: string): SssomError {
  try {
    work();
  } catch (error) {
    if (error instanceof SssomError) return error;
    throw error;
  }
  throw new Error(`${what} was read without error`);
}

/** The `#` header lines of a written file, without the `#`, and its column names. */
function layout(text: string): { header: string[]; columns: string[] } {
  const lines = text.split('\n');
  return { header: lines.filter((l) => l.startsWith('#')).map((l) => l.slice(1)), columns: lines.find((l) => !l.startsWith('#'))!.split('\t') };
}

const committed = (): { file: string; text: string }[] => {
  const dir = resolve(PROJECT_ROOT, 'mappings');
  return readdirSync(dir)
    .filter((f) => f.endsWith('.sssom.tsv'))
    .map((f) => ({ file: f, text: readFileSync(resolve(dir, f), 'utf8') }));
};

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

describe('SSSOM propagatable slots: propagation on read (SSSOM/TSV §Propagatable slots › Propagation)', () => {
  const IHDEA_SOURCE = 'http://voparis-ns.obspm.fr/rdf/ihdea/refframe';

  it('SSSOM/TSV §Propagation: set-level values of propagatable slots are copied onto every mapping, typed as their column (CURIEs expanded), and removed from the set', () => {
    const set = read('propagated.sssom.tsv');
    expect(set.mappings).toHaveLength(2);
    for (const m of set.mappings) {
      expect(m).toMatchObject({
        mappingTool: 'astrovoc-matcher',
        mappingToolVersion: '1.10',
        mappingDate: '2025-03-04',
        similarityMeasure: 'TF-IDF cosine',
        subjectSource: IHDEA_SOURCE,
        subjectSourceVersion: '2023-11-29',
        objectSource: 'http://www.ivoa.net/rdf/refframe',
        objectSourceVersion: '2022-02-22',
      });
    }
    expect(set.meta.other).toEqual({ mapping_set_title: 'Set-level values for every mapping' });
  });

  it('SSSOM/TSV §Propagation: a slot that any mapping has its own value in is non-propagatable — mappings keep their own value (the others get none) and the set keeps its value', () => {
    const set = read('propagation-conflict.sssom.tsv');
    const [icrs, fk5] = set.mappings;
    expect(icrs!.mappingTool).toBe('row-level-tool');
    expect(fk5!.mappingTool).toBeUndefined();
    expect(set.meta.other.mapping_tool).toBe('set-level-tool');
    // mapping_tool_version has no column: it propagates as usual.
    expect(set.mappings.map((m) => m.mappingToolVersion)).toEqual(['2.0', '2.0']);
    expect(set.meta.other).not.toHaveProperty('mapping_tool_version');
  });

  it('a set-level value that every mapping repeats (the layout of the committed mappings/ files) loads as if propagated: the rows keep it and the set does not repeat it', () => {
    const set = read('propagation-conflict.sssom.tsv');
    expect(set.mappings.map((m) => m.subjectSource)).toEqual([IHDEA_SOURCE, IHDEA_SOURCE]);
    expect(set.meta.other).not.toHaveProperty('subject_source');
    const files = committed();
    expect(files.length).toBeGreaterThanOrEqual(10);
    for (const { file, text } of files) {
      const loaded = readSssom(text, file);
      if (loaded.mappings.length === 0) continue; // a set without mappings keeps them: see below
      expect(loaded.meta.other).not.toHaveProperty('mapping_tool');
      expect(loaded.mappings.every((m) => m.mappingTool === 'astrovoc-matcher' && m.subjectSource !== undefined && m.objectSource !== undefined)).toBe(true);
    }
  });

  it('a set without mappings keeps its set-level values (nothing to propagate them onto)', () => {
    const text = [
      '#mapping_set_id: https://example.org/empty',
      '#license: https://creativecommons.org/publicdomain/zero/1.0/',
      '#mapping_tool: astrovoc-matcher',
      'subject_id\tpredicate_id\tobject_id\tmapping_justification',
      '',
    ].join('\n');
    const set = readSssom(text, 'empty.sssom.tsv');
    expect(set.meta.other.mapping_tool).toBe('astrovoc-matcher');
    expect(readSssom(writeSssom(set), 'empty.sssom.tsv')).toEqual(set);
  });

  it('propagation can be turned off: { propagate: false } leaves the set-level values on the set', () => {
    const set = readSssom(readFileSync(fixture('propagated.sssom.tsv'), 'utf8'), fixture('propagated.sssom.tsv'), { propagate: false });
    expect(set.mappings[0]!.mappingTool).toBeUndefined();
    expect(set.meta.other).toMatchObject({ mapping_tool: 'astrovoc-matcher', object_source: 'http://www.ivoa.net/rdf/refframe' });
  });

  it('a set-level entity value whose prefix curie_map does not declare is refused, naming the file, the header line and the slot', () => {
    const error = errorOf('propagated-unknown-prefix.sssom.tsv');
    expect(error).toMatchObject({ code: 'sssom.unknownPrefix', field: 'object_source', location: { line: 5 } });
    expect(error.location.file).toBe(fixture('propagated-unknown-prefix.sssom.tsv'));
    expect(error.message).toContain('propagated-unknown-prefix.sssom.tsv:5');
    expect(error.message).toContain('nasa');
  });

  it('header values are the text written: mapping_set_version 1.10 and mapping_tool_version 2.0 are not read (or written back) as numbers', () => {
    const text = [
      '#mapping_set_id: https://example.org/v',
      '#license: https://creativecommons.org/publicdomain/zero/1.0/',
      '#mapping_set_version: 1.10',
      '#mapping_tool_version: 2.0',
      'subject_id\tpredicate_id\tobject_id\tmapping_justification',
      'skos:a\tskos:exactMatch\tskos:b\tsemapv:ManualMappingCuration',
      '',
    ].join('\n');
    const set = readSssom(text, 'v.sssom.tsv');
    expect(set.meta.other.mapping_set_version).toBe('1.10');
    expect(set.mappings[0]!.mappingToolVersion).toBe('2.0');
    const written = writeSssom(set);
    expect(written).toMatch(/^#mapping_set_version: "?1\.10"?$/m);
    const again = readSssom(written, 'v.sssom.tsv');
    expect(again.meta.other.mapping_set_version).toBe('1.10');
    expect(again.mappings[0]!.mappingToolVersion).toBe('2.0');
  });

  it('an empty value, null or ~ in the header is no value: nothing is propagated from it', () => {
    const text = [
      '#mapping_set_id: https://example.org/v',
      '#license: https://creativecommons.org/publicdomain/zero/1.0/',
      '#mapping_tool: null',
      '#object_source: ~',
      '#mapping_date:',
      'subject_id\tpredicate_id\tobject_id\tmapping_justification',
      'skos:a\tskos:exactMatch\tskos:b\tsemapv:ManualMappingCuration',
      '',
    ].join('\n');
    const [mapping] = readSssom(text, 'v.sssom.tsv').mappings;
    expect(mapping!.mappingTool).toBeUndefined();
    expect(mapping!.objectSource).toBeUndefined();
    expect(mapping!.mappingDate).toBeUndefined();
  });

  it('a set-level value of the wrong shape is refused with its line', () => {
    const text = [
      '#mapping_set_id: https://example.org/x',
      '#license: https://creativecommons.org/publicdomain/zero/1.0/',
      '#mapping_tool:',
      '#  name: not a string',
      'subject_id\tpredicate_id\tobject_id\tmapping_justification',
      '',
    ].join('\n');
    expect(thrown(() => readSssom(text, 'shape.sssom.tsv'), 'shape')).toMatchObject({
      code: 'sssom.badSetField',
      field: 'mapping_tool',
      location: { file: 'shape.sssom.tsv', line: 3 },
    });
  });
});

describe('SSSOM propagatable slots: condensation on write (SSSOM/TSV §Propagatable slots › Condensation)', () => {
  it('SSSOM/TSV §Condensation: a propagatable slot with the same value on every mapping is written once in the header, not as a column', () => {
    const { header, columns } = layout(writeSssom(read('propagated.sssom.tsv')));
    expect(header).toEqual(
      expect.arrayContaining([
        'mapping_tool: astrovoc-matcher',
        'mapping_tool_version: "1.10"',
        'mapping_date: 2025-03-04',
        'similarity_measure: TF-IDF cosine',
        'subject_source: ihdeasrc:refframe',
        'object_source: http://www.ivoa.net/rdf/refframe',
      ]),
    );
    expect(columns).toEqual(['subject_id', 'predicate_id', 'object_id', 'mapping_justification', 'confidence', 'similarity_score']);
  });

  it('SSSOM/TSV §Condensation is deactivatable: { condense: false } writes every column and no set-level copy', () => {
    const { header, columns } = layout(writeSssom(read('propagated.sssom.tsv'), { condense: false }));
    expect(columns).toEqual(
      expect.arrayContaining([
        'mapping_tool',
        'mapping_tool_version',
        'mapping_date',
        'similarity_measure',
        'subject_source',
        'subject_source_version',
        'object_source',
        'object_source_version',
      ]),
    );
    expect(header.some((l) => /^(mapping_tool|subject_source|object_source|mapping_date)\b/.test(l))).toBe(false);
  });

  it('SSSOM/TSV §Condensation: a slot whose values differ between mappings, or differ from the value the set already has, stays a column', () => {
    const set = read('propagation-conflict.sssom.tsv');
    const differing = layout(writeSssom(set));
    expect(differing.columns).toContain('mapping_tool');
    expect(differing.header).toContain('mapping_tool: set-level-tool');
    expect(differing.columns).not.toContain('subject_source');
    expect(differing.header).toContain('subject_source: http://voparis-ns.obspm.fr/rdf/ihdea/refframe');

    const sameOnRows: MappingSet = { ...set, mappings: set.mappings.map((m) => ({ ...m, mappingTool: 'row-level-tool' })) };
    const clash = layout(writeSssom(sameOnRows));
    expect(clash.columns).toContain('mapping_tool');
    expect(clash.header).toContain('mapping_tool: set-level-tool');
  });

  it('condensing a committed mappings/ set writes subject_source, object_source and mapping_tool once, in the header', () => {
    const { file, text } = committed().find((f) => f.file === 'ihdea-refframe_refframe.sssom.tsv')!;
    const { header, columns } = layout(writeSssom(readSssom(text, file)));
    for (const slot of ['subject_source', 'object_source', 'mapping_tool']) {
      expect(columns).not.toContain(slot);
      expect(header.filter((l) => l.startsWith(`${slot}:`))).toHaveLength(1);
    }
  });

  it('round trip with and without condensation: read → write → read gives equal sets (fixtures and every committed set)', () => {
    const sets = [
      ...['valid.sssom.tsv', 'propagated.sssom.tsv', 'propagation-conflict.sssom.tsv'].map((name) => ({
        file: fixture(name),
        text: readFileSync(fixture(name), 'utf8'),
      })),
      ...committed(),
    ];
    for (const { file, text } of sets) {
      const first = readSssom(text, file);
      for (const condense of [true, false]) {
        expect({ file, condense, set: readSssom(writeSssom(first, { condense }), file) }).toEqual({ file, condense, set: first });
      }
    }
  });
});

describe('SSSOM external metadata mode: a sibling .sssom.yml (SSSOM/TSV §External metadata mode)', () => {
  const siblingMetadata = () => ({ text: readFileSync(fixture('sibling.sssom.yml'), 'utf8'), file: fixture('sibling.sssom.yml') });
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'astrovoc-sssom-'));
  });
  afterEach(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  it('SSSOM/TSV §External metadata mode: readSssom takes the metadata block from the sibling YAML, and propagates from it', () => {
    const tsv = readFileSync(fixture('sibling.sssom.tsv'), 'utf8');
    const set = readSssom(tsv, fixture('sibling.sssom.tsv'), { metadata: siblingMetadata() });
    expect(set).toMatchObject({
      name: 'sibling',
      metadataLayout: 'external',
      meta: { mappingSetId: 'https://example.org/sets/sibling', other: { mapping_set_title: 'Metadata in a sibling file' } },
    });
    expect(set.mappings.map((m) => [m.mappingTool, m.objectSource])).toEqual([
      ['astrovoc-matcher', 'http://www.ivoa.net/rdf/refframe'],
      ['astrovoc-matcher', 'http://www.ivoa.net/rdf/refframe'],
    ]);
  });

  it('an error in the sibling metadata names the .sssom.yml file and its line', () => {
    const metadataFile = fixture('sibling-bad.sssom.yml');
    const error = thrown(
      () =>
        readSssom(readFileSync(fixture('sibling-bad.sssom.tsv'), 'utf8'), fixture('sibling-bad.sssom.tsv'), {
          metadata: { text: readFileSync(metadataFile, 'utf8'), file: metadataFile },
        }),
      'sibling-bad',
    );
    expect(error).toMatchObject({ code: 'sssom.unknownPrefix', field: 'subject_source', location: { file: metadataFile, line: 5 } });
    expect(error.message).toContain('sibling-bad.sssom.yml:5');

    const broken = thrown(
      () =>
        readSssom('subject_id\tpredicate_id\tobject_id\tmapping_justification\n', 'x.sssom.tsv', {
          metadata: { text: 'mapping_set_id: https://example.org/x\nlicense: [unclosed\n', file: 'x.sssom.yml' },
        }),
      'x',
    );
    expect(broken).toMatchObject({ code: 'sssom.badHeader', location: { file: 'x.sssom.yml', line: 2 } });
    const missing = thrown(
      () =>
        readSssom('subject_id\tpredicate_id\tobject_id\tmapping_justification\n', 'x.sssom.tsv', {
          metadata: { text: 'mapping_set_id: https://example.org/x\n', file: 'x.sssom.yml' },
        }),
      'x',
    );
    expect(missing).toMatchObject({ code: 'sssom.missingSetField', field: 'license', location: { file: 'x.sssom.yml' } });
  });

  it('in external metadata mode, a fault in the table still names the TSV file, its line and column', () => {
    const tsv =
      'subject_id\tpredicate_id\tobject_id\tmapping_justification\tconfidence\nihdea:ICRS\tskos:exactMatch\trefframe:ICRS\tsemapv:LexicalMatching\t1.5\n';
    const error = thrown(() => readSssom(tsv, join(dir, 't.sssom.tsv'), { metadata: siblingMetadata() }), 't');
    expect(error).toMatchObject({ code: 'sssom.badConfidence', field: 'confidence', location: { file: join(dir, 't.sssom.tsv'), line: 2, column: 5 } });
  });

  it('a TSV file with # lines and a sibling .sssom.yml is refused (sssom.twoMetadataBlocks), naming the TSV file and line 1', () => {
    const error = thrown(
      () => readSssom(readFileSync(fixture('valid.sssom.tsv'), 'utf8'), fixture('valid.sssom.tsv'), { metadata: siblingMetadata() }),
      'valid',
    );
    expect(error).toMatchObject({ code: 'sssom.twoMetadataBlocks', location: { file: fixture('valid.sssom.tsv'), line: 1 } });
    expect(error.message).toContain('sibling.sssom.yml');
  });

  it('MappingRepository.readAll reads the sibling when the TSV has no # lines, and reports a TSV that has both as a failure', async () => {
    copyFileSync(fixture('sibling.sssom.tsv'), join(dir, 'sibling.sssom.tsv'));
    copyFileSync(fixture('sibling.sssom.yml'), join(dir, 'sibling.sssom.yml'));
    copyFileSync(fixture('valid.sssom.tsv'), join(dir, 'both.sssom.tsv'));
    copyFileSync(fixture('sibling.sssom.yml'), join(dir, 'both.sssom.yml'));
    copyFileSync(fixture('valid.sssom.tsv'), join(dir, 'embedded.sssom.tsv'));
    const { sets, failures } = await new MappingRepository(dir).readAll();
    expect(sets.map((s) => [s.name, s.metadataLayout])).toEqual([
      ['embedded', undefined],
      ['sibling', 'external'],
    ]);
    expect(sets[1]!.mappings[0]!.mappingTool).toBe('astrovoc-matcher');
    expect(failures).toHaveLength(1);
    expect(failures[0]).toMatchObject({ code: 'sssom.twoMetadataBlocks', location: { file: join(dir, 'both.sssom.tsv'), line: 1 } });
    expect(failures[0]!.message).toContain('both.sssom.yml');
  });

  it('MappingRepository.write keeps the layout it found: a set read with a sibling is written as a table without # lines plus the sibling YAML; an embedded set stays one file', async () => {
    copyFileSync(fixture('sibling.sssom.tsv'), join(dir, 'sibling.sssom.tsv'));
    copyFileSync(fixture('sibling.sssom.yml'), join(dir, 'sibling.sssom.yml'));
    copyFileSync(fixture('valid.sssom.tsv'), join(dir, 'embedded.sssom.tsv'));
    const repository = new MappingRepository(dir);
    const { sets } = await repository.readAll();
    const changed = sets.map((s) => ({ ...s, mappings: s.mappings.map((m, i) => (i === 0 ? { ...m, comment: 'reviewed' } : m)) }));
    for (const set of changed) await repository.write(set);

    expect(readdirSync(dir).sort()).toEqual(['embedded.sssom.tsv', 'sibling.sssom.tsv', 'sibling.sssom.yml']);
    const table = readFileSync(join(dir, 'sibling.sssom.tsv'), 'utf8');
    expect(table.split('\n')[0]).toBe('subject_id\tsubject_label\tpredicate_id\tobject_id\tobject_label\tmapping_justification\tconfidence\tcomment');
    expect(table.split('\n').some((l) => l.startsWith('#'))).toBe(false);
    const metadata = readFileSync(join(dir, 'sibling.sssom.yml'), 'utf8');
    expect(metadata.split('\n')).toEqual(
      expect.arrayContaining(['mapping_set_id: https://example.org/sets/sibling', 'mapping_tool: astrovoc-matcher', 'object_source: refframesrc:refframe']),
    );
    expect(metadata.split('\n').some((l) => l.startsWith('#'))).toBe(false);
    expect(readFileSync(join(dir, 'embedded.sssom.tsv'), 'utf8').startsWith('#mapping_set_id: https://example.org/sets/frames\n')).toBe(true);

    const again = await repository.readAll();
    expect(again.failures).toEqual([]);
    expect(again.sets).toEqual(changed);
  });

  it('writeSssomExternal round trip: table + sibling YAML read back to the same set, with and without condensation', () => {
    const first = readSssom(readFileSync(fixture('sibling.sssom.tsv'), 'utf8'), fixture('sibling.sssom.tsv'), { metadata: siblingMetadata() });
    for (const condense of [true, false]) {
      const { table, metadata } = writeSssomExternal(first, { condense });
      expect(readSssom(table, fixture('sibling.sssom.tsv'), { metadata: { text: metadata, file: join(dir, 'out.sssom.yml') } })).toEqual(first);
    }
  });
});

describe('identifiers and the read-back check (hardening item 8)', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'astrovoc-sssom-readback-'));
  });
  afterEach(() => {
    rmSync(dir, { recursive: true, force: true });
  });
  const curies = new CurieMap({ refframe: 'http://www.ivoa.net/rdf/refframe#' });

  it("an IRI is absolute, RFC 3987 (oxigraph's parser), of an accepted scheme; a CURIE needs a declared prefix", () => {
    for (const ok of [
      'http://www.ivoa.net/rdf/refframe#ICRS',
      'https://example.org/é',
      'urn:isbn:0451450523',
      'ivo://ivoa.net/std/VOResource',
      'mailto:a@example.org',
    ])
      expect(iriProblem(ok)).toBeUndefined();
    expect(iriProblem('tag:example.org,2026:x')).toMatch(/scheme tag: is not accepted/);
    expect(iriProblem('javascript:alert(1)')).toMatch(/scheme javascript: is not accepted/);
    expect(iriProblem('http://example.org/a>b')).toMatch(/not an IRI \(RFC 3987\)/);
    expect(iriProblem('http://example.org/a b')).toMatch(/not an IRI/);
    expect(iriProblem('http://example.org/%zz')).toMatch(/not an IRI/);
    expect(iriProblem('ICRS')).toMatch(/not an absolute IRI/);
    expect(iriProblem(`http://example.org/${'a'.repeat(MAX_IDENTIFIER_LENGTH)}`)).toMatch(/at most/);
    expect(parseIdentifier('refframe:ICRS', curies)).toEqual({ iri: 'http://www.ivoa.net/rdf/refframe#ICRS' });
    expect(parseIdentifier('skos:exactMatch', curies)).toEqual({ iri: `${SKOS}exactMatch` });
    expect(parseIdentifier('uat:stars', curies)).toMatchObject({ code: 'unknownPrefix' });
    expect(parseIdentifier('refframe:a>b', curies)).toMatchObject({ code: 'badIri' });
    expect(IRI_SCHEMES).toEqual(['http', 'https', 'urn', 'ivo', 'mailto']);
  });

  it('one bad row is reported with its line and slot, and the other rows are read; the strict reader throws it', () => {
    const text = [
      '#mapping_set_id: https://example.org/s',
      '#license: https://creativecommons.org/publicdomain/zero/1.0/',
      '#curie_map:',
      '#  refframe: http://www.ivoa.net/rdf/refframe#',
      'subject_id\tpredicate_id\tobject_id\tmapping_justification\tconfidence',
      'refframe:ICRS\tskos:exactMatch\trefframe:FK5\tsemapv:LexicalMatching\t0.5',
      'refframe:ICRS\tskos:exactMatch\tjavascript:alert(1)\tsemapv:LexicalMatching\t0.5',
      'refframe:FK4\tskos:exactMatch\trefframe:FK5\tsemapv:LexicalMatching\t2',
      'refframe:FK4\tskos:closeMatch\trefframe:FK5\tsemapv:LexicalMatching\t0.7\textra',
      'refframe:GALACTIC\tskos:closeMatch\trefframe:FK5\tsemapv:LexicalMatching\t0.7',
    ].join('\n');
    const { set, rowErrors } = readSssomLenient(text, 'x.sssom.tsv');
    expect(set.mappings.map((m) => m.subjectId.split('#')[1])).toEqual(['ICRS', 'GALACTIC']);
    expect(rowErrors.map((e) => [e.code, e.location.line, e.field])).toEqual([
      ['sssom.unknownPrefix', 7, 'object_id'],
      ['sssom.badConfidence', 8, 'confidence'],
      ['sssom.extraCells', 9, undefined],
    ]);
    expect(thrown(() => readSssom(text, 'x.sssom.tsv'), 'x')).toMatchObject({ code: 'sssom.unknownPrefix', location: { line: 7 } });
  });

  it('every committed set reads back as written, so that a review of any of its rows is not refused', () => {
    for (const { file, text } of committed()) {
      const set = readSssom(text, file);
      expect(() => prepareSssomFile(file, set)).not.toThrow();
      const reviewed = {
        ...set,
        mappings: set.mappings.map((m) => ({
          ...m,
          reviewerId: ['https://astrovoc.org/user/alice'],
          comment: 'checked',
          extra: { ...(m.extra ?? {}), review_date: '2026-12-07' },
        })),
      };
      expect(() => prepareSssomFile(file, reviewed)).not.toThrow();
    }
  });

  it('a set that would not read back (an identifier the reader refuses) is refused before any file is touched', async () => {
    const set = read('valid.sssom.tsv');
    const bad: MappingSet = { ...set, name: 'bad', mappings: [...set.mappings, { ...set.mappings[0]!, objectId: 'tag:example.org,2026:x' }] };
    expect(thrown(() => prepareSssomFile(join(dir, 'bad.sssom.tsv'), bad), 'bad')).toMatchObject({ code: 'sssom.unknownPrefix', field: 'object_id' });
    await expect(new MappingRepository(dir).write(bad)).rejects.toBeInstanceOf(SssomError);
    expect(readdirSync(dir)).toEqual([]);
  });
});

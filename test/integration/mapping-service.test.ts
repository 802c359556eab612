import { cpSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { computeCandidates, MappingRepository, MappingService, mappingGraphIri, readSssom, type MappingService as Service } from '../../src/mapping/index.js';
import type { VocabularyService } from '../../src/vocab/index.js';
import { loadMirrorService } from '../support/loaded-service.js';
import { PROJECT_ROOT } from '../support/mirror.js';

const SKOS = 'http://www.w3.org/2004/02/skos/core#';
let vocabularies: VocabularyService;
let dir: string;
let service: Service;

beforeAll(async () => {
  vocabularies = await loadMirrorService();
  dir = mkdtempSync(join(tmpdir(), 'astrovoc-mappings-'));
  cpSync(resolve(PROJECT_ROOT, 'mappings'), dir, { recursive: true });
  service = new MappingService(vocabularies, new MappingRepository(dir), () => new Date('2026-01-02T03:04:05Z'));
  await service.load();
});

afterAll(() => {
  service.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('mapping sets in the store', () => {
  it('each set in mappings/ and the source-asserted set is a named graph queryable in SPARQL, with SSSOM metadata on each mapping', async () => {
    const graph = mappingGraphIri('ihdea-refframe_spase-coordinate-system-name');
    const result = await vocabularies.store.query(`
      PREFIX owl: <http://www.w3.org/2002/07/owl#> PREFIX sssom: <https://w3id.org/sssom/> PREFIX skos: <${SKOS}>
      SELECT ?conf ?just WHERE { GRAPH <${graph}> {
        <http://voparis-ns.obspm.fr/rdf/ihdea/refframe#GSE> skos:exactMatch <https://astrovoc.org/rdf/spase/CoordinateSystemName#GSE> .
        ?a owl:annotatedSource <http://voparis-ns.obspm.fr/rdf/ihdea/refframe#GSE> ; owl:annotatedTarget <https://astrovoc.org/rdf/spase/CoordinateSystemName#GSE> ;
           sssom:confidence ?conf ; sssom:mapping_justification ?just } }`);
    expect(result.kind).toBe('bindings');
    if (result.kind !== 'bindings') return;
    expect(result.rows).toHaveLength(1);
    expect(Number(result.rows[0]!.get('conf')!.value)).toBeGreaterThan(0.8);
    const graphs = (await vocabularies.store.listGraphs()).map((g) => g.graph);
    expect(graphs).toContain(mappingGraphIri('source-asserted'));
    expect(service.listSets().length).toBeGreaterThanOrEqual(12);
  });

  it('links the sources assert are imported once (a link and its inverse count as one), as accepted, semapv:UnspecifiedMatching', () => {
    const cube = service.list({ subject: 'http://voparis-ns.obspm.fr/rdf/epn/2.0/product-type#cu', object: 'http://www.ivoa.net/rdf/product-type#cube' });
    expect(cube.mappings).toHaveLength(1);
    expect(cube.mappings[0]).toMatchObject({
      set: 'source-asserted',
      status: 'accepted',
      mapping: { objectId: 'http://www.ivoa.net/rdf/product-type#cube', justification: 'https://w3id.org/semapv/vocab/UnspecifiedMatching' },
    });
    const asserted = service.listSets().find((s) => s.name === 'source-asserted')!;
    const termLinks = vocabularies.index.vocabularies.flatMap((v) => vocabularies.index.terms(v.id)).reduce((n, t) => n + t.mappings.length, 0);
    expect(asserted.mappings).toBeLessThanOrEqual(termLinks);
    expect(asserted.mappings).toBeGreaterThan(2500);
  });

  it('a term page can show every mapping of a term, whichever end it is', () => {
    const gse = service.forTerm('https://astrovoc.org/rdf/spase/CoordinateSystemName#GSE');
    expect(gse.length).toBeGreaterThanOrEqual(1);
    expect(gse.every((r) => r.mapping.objectId.endsWith('#GSE') || r.mapping.subjectId.endsWith('#GSE'))).toBe(true);
  });

  it('filters by vocabulary, status and predicate', () => {
    const proposed = service.list({ vocab: 'spase-CoordinateSystemName', status: 'proposed', predicate: 'exactMatch', limit: 1000 });
    expect(proposed.total).toBeGreaterThan(10);
    expect(proposed.mappings.every((r) => r.status === 'proposed' && r.mapping.predicateId === `${SKOS}exactMatch`)).toBe(true);
  });

  it('translates over source-asserted links: EPN-TAP target_class star → IVOA object-type star', () => {
    const [best] = service.translate('http://voparis-ns.obspm.fr/rdf/epn/2.0/target-class#star', 'object-type');
    expect(best).toMatchObject({ iri: 'http://www.ivoa.net/rdf/object-type#star', predicate: 'exactMatch', confidence: 1 });
  });

  it('a proposed mapping is not used for translation until accepted; accepted, it chains (small-body class comet → EPN comet → UAT comets)', async () => {
    const from = 'http://voparis-ns.obspm.fr/rdf/epn/2.0/small-body-dynamical-class#comet';
    expect(service.translate(from, 'uat')).toEqual([]);
    const proposal = service.list({ subject: 'http://voparis-ns.obspm.fr/rdf/epn/2.0/target-class#comet', object: 'http://www.ivoa.net/rdf/uat#comets' })
      .mappings[0]!;
    expect(proposal.status).toBe('proposed');
    await service.review(proposal.id, { decision: 'accept', reviewer: 'alice', comment: 'checked' }, [proposal.etag]);
    const [best] = service.translate(from, 'uat');
    expect(best).toMatchObject({ iri: 'http://www.ivoa.net/rdf/uat#comets', predicate: 'exactMatch' });
    expect(best!.path).toHaveLength(2);
  });

  it('reviews need the current ETag: missing → precondition-required, stale → precondition-failed', async () => {
    const record = service.list({ set: 'facility_pds4-facilities', status: 'proposed' }).mappings[0]!;
    await expect(service.review(record.id, { decision: 'reject', reviewer: 'bob' }, undefined)).rejects.toMatchObject({ code: 'precondition-required' });
    await expect(service.review(record.id, { decision: 'reject', reviewer: 'bob' }, ['"stale"'])).rejects.toMatchObject({ code: 'precondition-failed' });
  });

  it('a rejection is a negative mapping written to the SSSOM file with reviewer and date, logged, survives a restart, and suppresses the suggestion in later runs', async () => {
    const record = service.list({ set: 'ihdea-refframe_spase-coordinate-system-name', predicate: 'closeMatch' }).mappings[0]!;
    await service.review(record.id, { decision: 'reject', reviewer: 'orcid:0000-0002-1825-0097', comment: 'HEE is not HEEQ' }, [record.etag]);

    const file = readSssom(readFileSync(join(dir, 'ihdea-refframe_spase-coordinate-system-name.sssom.tsv'), 'utf8'), 'reread');
    const row = file.mappings.find(
      (m) => m.subjectId === record.mapping.subjectId && m.objectId === record.mapping.objectId && m.predicateId === record.mapping.predicateId,
    )!;
    expect(row).toMatchObject({
      predicateModifier: 'Not',
      reviewerId: ['https://orcid.org/0000-0002-1825-0097'],
      comment: 'HEE is not HEEQ',
      extra: { review_date: '2026-01-02' },
    });
    const log = readFileSync(join(dir, 'changes.jsonl'), 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { action: string; mapping: string });
    expect(log.at(-1)).toMatchObject({ action: 'reject', mapping: record.id });

    const restarted = new MappingService(vocabularies, new MappingRepository(dir));
    await restarted.load();
    expect(restarted.get(record.id)).toMatchObject({ status: 'rejected' });
    const asked = await vocabularies.store.query(
      `ASK { GRAPH <${mappingGraphIri('ihdea-refframe_spase-coordinate-system-name')}> { <${record.mapping.subjectId}> <${record.mapping.predicateId}> <${record.mapping.objectId}> } }`,
    );
    expect(asked).toEqual({ kind: 'boolean', value: false });
    const rerun = restarted.compute(restarted.hostedInput('ihdea_refframe')!, restarted.hostedInput('spase-CoordinateSystemName')!);
    expect(
      rerun.mappings.some(
        (m) => m.subjectId === record.mapping.subjectId && m.objectId === record.mapping.objectId && m.predicateId === record.mapping.predicateId,
      ),
    ).toBe(false);
    restarted.close();
  });

  it('a rejection also suppresses the same link computed the other way round (B closeMatch A for A closeMatch B)', async () => {
    const spase = () => service.hostedInput('spase-CoordinateSystemName')!;
    const ihdea = () => service.hostedInput('ihdea_refframe')!;
    const reversed = computeCandidates(spase(), ihdea()).mappings;
    const record = service
      .list({ set: 'ihdea-refframe_spase-coordinate-system-name', status: 'proposed' })
      .mappings.find((r) =>
        reversed.some(
          (m) =>
            m.subjectId === r.mapping.objectId &&
            m.objectId === r.mapping.subjectId &&
            m.predicateId === r.mapping.predicateId &&
            /#(exact|close|related)Match$/.test(m.predicateId),
        ),
      )!;
    expect(record).toBeDefined();
    await service.review(record.id, { decision: 'reject', reviewer: 'orcid:0000-0002-1825-0097' }, [record.etag]);
    const rerun = service.compute(spase(), ihdea()).mappings;
    expect(
      rerun.some((m) => m.subjectId === record.mapping.objectId && m.objectId === record.mapping.subjectId && m.predicateId === record.mapping.predicateId),
    ).toBe(false);
  });

  it('a mapping file whose header cannot be read is reported with file and line, and the other sets still load; a bad row is reported and its set loads', async () => {
    const broken = mkdtempSync(join(tmpdir(), 'astrovoc-broken-'));
    cpSync(resolve(PROJECT_ROOT, 'mappings/epn-product-type_product-type.sssom.tsv'), join(broken, 'good.sssom.tsv'));
    cpSync(resolve(PROJECT_ROOT, 'test/fixtures/mapping/bad-yaml.sssom.tsv'), join(broken, 'bad-header.sssom.tsv'));
    cpSync(resolve(PROJECT_ROOT, 'test/fixtures/mapping/bad-confidence.sssom.tsv'), join(broken, 'bad-row.sssom.tsv'));
    const other = new MappingService(vocabularies, new MappingRepository(broken));
    const report = await other.load();
    expect(report.failures).toHaveLength(1);
    expect(report.failures[0]!.message).toMatch(/bad-header\.sssom\.tsv:\d+/);
    expect(report.rowErrors).toHaveLength(1);
    expect(report.rowErrors[0]!.message).toMatch(/bad-row\.sssom\.tsv:10:5 \(confidence\)/);
    expect(other.listSets().map((s) => s.name)).toEqual(['bad-row', 'good', 'source-asserted']);
    expect(other.listSets()[0]).toMatchObject({ mappings: 0, unreadableRows: [{ line: 10, field: 'confidence' }] });
    other.close();
    rmSync(broken, { recursive: true, force: true });
    await service.load();
  });

  it('a curated mapping is accepted at once; adding it twice is a conflict; a source-asserted mapping cannot be reviewed', async () => {
    const added = await service.add(
      {
        subjectId: 'https://astrovoc.org/rdf/spase/CoordinateSystemName#J2000',
        predicate: 'closeMatch',
        objectId: 'http://www.ivoa.net/rdf/refframe#FK5',
        comment: 'mean equator and equinox of J2000',
      },
      'carol',
    );
    expect(added).toMatchObject({
      set: 'curated',
      status: 'accepted',
      mapping: { authorId: ['https://astrovoc.org/user/carol'], justification: 'https://w3id.org/semapv/vocab/ManualMappingCuration' },
    });
    await expect(
      service.add(
        { subjectId: 'https://astrovoc.org/rdf/spase/CoordinateSystemName#J2000', predicate: 'closeMatch', objectId: 'http://www.ivoa.net/rdf/refframe#FK5' },
        'carol',
      ),
    ).rejects.toMatchObject({ code: 'conflict' });
    expect(service.translate('https://astrovoc.org/rdf/spase/CoordinateSystemName#J2000', 'refframe')[0]).toMatchObject({
      iri: 'http://www.ivoa.net/rdf/refframe#FK5',
      predicate: 'closeMatch',
    });
    const asserted = service.list({ set: 'source-asserted' }).mappings[0]!;
    await expect(service.review(asserted.id, { decision: 'reject', reviewer: 'x' }, [asserted.etag])).rejects.toMatchObject({ code: 'conflict' });
  });
});

import { loadMirrorService } from '../support/loaded-service.js';
import type { VocabularyService } from '../../src/vocab/index.js';

let service: VocabularyService;
// This file tests the load itself, so it parses the sources rather than restoring the run's snapshot.
beforeAll(async () => {
  service = await loadMirrorService({ fromSources: true });
}, 120_000);

const counts = (id: string) => service.index.counts(id);

describe('loading the whole mirror', () => {
  it('loads every catalogue entry without a failure', () => {
    expect(service.report?.failures).toEqual([]);
    expect(
      service
        .list()
        .filter((v) => !v.meta)
        .map((v) => v.entry.id),
    ).toEqual([]);
  });

  it('VocInVO2: refframe has 21 terms, 7 deprecated, each deprecated term with its useInstead', () => {
    expect(counts('refframe')).toMatchObject({ terms: 21, deprecated: 7 });
    const deprecated = service.index.terms('refframe').filter((t) => t.status.deprecated);
    expect(deprecated.every((t) => t.useInstead.length === 1)).toBe(true);
    expect(service.index.term('refframe', 'galactic')?.useInstead).toEqual(['http://www.ivoa.net/rdf/refframe#GALACTIC']);
  });

  it('facility keeps 7,895 distinct terms from 7,985 rows and warns of each of the 90 repeated ids with its lines', () => {
    expect(counts('facility').terms).toBe(7895);
    const repeats = service.report!.warnings.filter((w) => w.location.file.includes('facility') && w.code === 'repeated-term-id');
    expect(repeats).toHaveLength(90);
    const phoenix = service.index.term('facility', 'phoenix')!;
    // Line 89 has the label PHOENIX and no description; line 4269 has Phoenix with one: both stay.
    expect(phoenix.labels).toEqual(['PHOENIX', 'Phoenix']);
    expect(phoenix.definitions).toHaveLength(1);
    expect(repeats.find((w) => w.message.includes('phoenix'))?.message).toMatch(/89\b.*4269|4269.*\b89\b/);
  });

  it('hosts object-type (151), UAT (2,411 concepts) and the other IVOA vocabularies', () => {
    expect(counts('object-type').terms).toBe(151);
    expect(counts('uat').terms).toBe(2411);
    expect(counts('messenger').terms).toBe(10);
    expect(counts('datalink').terms).toBe(22);
  });

  it('hosts the UCD list EN 1.6: 568 words and 211 deprecated words', () => {
    const ucd = counts('ucd');
    expect(ucd.terms - ucd.deprecated).toBe(568);
    expect(ucd.deprecated).toBe(211);
  });

  it('hosts the planetary and heliophysics vocabularies', () => {
    expect(counts('ihdea_refframe').terms).toBe(120);
    expect(counts('epn_target_class').terms).toBe(15);
    expect(counts('spase-CoordinateSystemName').terms).toBe(51);
    expect(service.list().filter((v) => v.entry.id.startsWith('spase-'))).toHaveLength(67);
    expect(service.list().filter((v) => v.entry.id.startsWith('pds4-'))).toHaveLength(5);
    expect(counts('pds4-targets').terms).toBeGreaterThan(1600);
  });

  it('answers a term by IRI with its hierarchy and status', () => {
    const icrs = service.termByIri('http://www.ivoa.net/rdf/refframe#ICRS')!;
    expect(icrs.labels).toEqual(['ICRS']);
    expect(icrs.parents).toEqual(['http://www.ivoa.net/rdf/refframe#EQUATORIAL']);
    const equatorial = service.termByIri('http://www.ivoa.net/rdf/refframe#EQUATORIAL')!;
    expect(equatorial.children).toContain(icrs.iri);
  });

  it('keeps each vocabulary version in its own named graph', async () => {
    const graphs = (await service.store.listGraphs()).map((g) => g.graph);
    expect(graphs).toContain('urn:astrovoc:vocabulary:refframe@2022-02-22');
    expect(graphs.length).toBe(service.index.vocabularies.length);
  });
});

describe('the UAT, published by the IVOA as RDF/XML', () => {
  it('takes its version, title and top concepts from its vocabs.conf section', () => {
    const uat = service.index.vocabulary('uat')!;
    expect(uat.version).toBe('2026-01-02');
    expect(uat.title).toBe('Unified Astronomy Thesaurus (IVOA rendering)');
    expect(uat.topConcepts).toContain('stellar-astronomy');
  });
});

describe('RDF vocabularies with upstream quirks', () => {
  it('IPDA instrument types: terms typed only through rdfs:subClassOf (RDFS entailment) under the prefix that lacks its "#"', () => {
    const aircraft = service.index.term('ipda_instrument_types', 'Aircraft')!;
    expect(aircraft.labels).toEqual(['Aircraft']);
    expect(aircraft.parents).toEqual(['http://voparis-ns.obspm.fr/rdf/ipda/instrumentInstrument_Host']);
    expect(counts('ipda_instrument_types').terms).toBeGreaterThan(150);
  });
});

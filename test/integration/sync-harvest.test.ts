import { mkdtemp, readFile } from 'node:fs/promises';
import type { Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { catalogueEntrySchema, sync } from '../../src/catalogue/index.js';
import { createApp } from '../../src/http/index.js';
import { SparqlService, sparqlConfig } from '../../src/sparql/index.js';
import { OxigraphStore } from '../../src/store/index.js';
import { VocabularyService } from '../../src/vocab/index.js';
import { loadMirrorService } from '../support/loaded-service.js';

/** Issue 4: a catalogue source may be a SPARQL endpoint plus a CONSTRUCT query, harvested by sync. */
let peer: Server;
let peerSparql: SparqlService;
let endpoint: string;

beforeAll(async () => {
  const vocabularies = await loadMirrorService();
  peerSparql = await SparqlService.start(vocabularies, sparqlConfig({ workers: 1, queueLimit: 4 }));
  peer = createApp({ vocabularies, sparql: peerSparql, log: () => {} }).listen(0, '127.0.0.1');
  await new Promise((done) => peer.once('listening', done));
  endpoint = `http://127.0.0.1:${(peer.address() as { port: number }).port}/sparql`;
}, 120_000);

afterAll(async () => {
  await new Promise((done) => peer.close(done));
  await peerSparql.close();
});

const harvestedRefframe = () =>
  catalogueEntrySchema.parse({
    id: 'refframe-harvested',
    community: 'IVOA',
    title: 'Reference Frames (harvested)',
    flavour: 'RDF Class',
    format: 'rdf',
    iri: 'http://www.ivoa.net/rdf/refframe',
    licence: { uri: 'http://creativecommons.org/publicdomain/zero/1.0/', name: 'CC0-1.0' },
    sources: {
      data: {
        url: endpoint,
        construct: 'CONSTRUCT { ?s ?p ?o } WHERE { GRAPH <urn:astrovoc:vocabulary:refframe@2022-02-22> { ?s ?p ?o } }',
        mirror: 'harvested/refframe.nt',
      },
    },
    options: { syntax: 'ntriples' },
  });

describe('sync harvests a vocabulary from a SPARQL endpoint', () => {
  it('SPARQL 1.1 Protocol §2.1.3: POSTs the CONSTRUCT, stores N-Triples, and the rdf reader loads them', async () => {
    const cacheDir = await mkdtemp(join(tmpdir(), 'astrovoc-harvest-'));
    const entry = harvestedRefframe();
    const report = await sync([entry], { cacheDir });
    expect(report.failed).toEqual([]);
    expect(report.files[0]).toMatchObject({ status: 'fetched', entries: ['refframe-harvested'] });
    const text = await readFile(join(cacheDir, 'harvested/refframe.nt'), 'utf8');
    expect(text).toContain('<http://www.ivoa.net/rdf/refframe#ICRS>');

    const service = new VocabularyService(new OxigraphStore(), [entry]);
    const loaded = await service.load(cacheDir);
    expect(loaded.failures).toEqual([]);
    expect(service.index.counts('refframe-harvested')).toMatchObject({ terms: 21, deprecated: 7 });
  });

  it("a harvest the endpoint refuses is reported by name, with the endpoint's status", async () => {
    const cacheDir = await mkdtemp(join(tmpdir(), 'astrovoc-harvest-'));
    const entry = harvestedRefframe();
    entry.sources.data!.construct = 'CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ';
    const report = await sync([entry], { cacheDir });
    expect(report.failedEntries).toEqual(['refframe-harvested']);
    expect(report.failed[0]!.reason).toMatch(/HTTP 400/);
  });

  it('a source whose construct is not a CONSTRUCT query is a catalogue error', () => {
    const entry = { ...harvestedRefframe() };
    expect(() => catalogueEntrySchema.parse({ ...entry, sources: { data: { ...entry.sources.data, construct: 'SELECT * WHERE { ?s ?p ?o }' } } })).toThrow(
      /CONSTRUCT/,
    );
  });
});

import { resolve } from 'node:path';
import type { CatalogueEntry } from '../../../src/catalogue/index.js';
import { OxigraphStore } from '../../../src/store/index.js';
import { createLookup, VocabularyService, type LiveLookup } from '../../../src/vocab/index.js';
import { PROJECT_ROOT } from '../../support/mirror.js';

/** test/fixtures/terms-csv/classes.csv: root > child > grandchild, root > old (deprecated), other, last. */
const CLASSES: CatalogueEntry = {
  id: 'classes',
  community: 'IVOA',
  title: 'Demo classes',
  flavour: 'RDF Class',
  format: 'ivoa-terms-csv',
  iri: 'https://example.org/rdf/classes',
  licence: { uri: 'http://creativecommons.org/publicdomain/zero/1.0/', name: 'CC0-1.0' },
  sources: {
    terms: { url: 'https://example.org/classes/terms.csv', mirror: 'classes.csv' },
    config: { url: 'https://example.org/vocabs.conf', mirror: 'vocabs.conf' },
  },
  options: { section: 'classes' },
};
const NS = 'https://example.org/rdf/classes#';

let lookup: LiveLookup;

beforeAll(async () => {
  const service = new VocabularyService(new OxigraphStore(), [CLASSES]);
  expect((await service.load(resolve(PROJECT_ROOT, 'test', 'fixtures', 'terms-csv'))).failures).toEqual([]);
  lookup = createLookup(service);
});
afterAll(() => lookup.close());

const ids = (query: Parameters<LiveLookup['matchLabels']>[0]) => lookup.matchLabels(query).map((hit) => hit.term.id);

describe('matchLabels below a term (Skosmos search `parent`)', () => {
  it('keeps only the transitive narrower terms of the term, not the term itself', () => {
    expect(ids({ pattern: '*' })).toEqual(expect.arrayContaining(['root', 'child', 'grandchild', 'other', 'last']));
    expect(ids({ pattern: '*', below: `${NS}root` }).sort()).toEqual(['child', 'grandchild']);
    expect(ids({ pattern: '*', below: `${NS}root`, includeDeprecated: true }).sort()).toEqual(['child', 'grandchild', 'old']);
    expect(ids({ pattern: 'g', below: `${NS}root` })).toEqual(['grandchild']);
  });

  it('finds nothing below a term without narrower terms or an IRI no hosted term has', () => {
    expect(ids({ pattern: '*', below: `${NS}grandchild` })).toEqual([]);
    expect(ids({ pattern: '*', below: 'https://example.org/nowhere#x' })).toEqual([]);
  });
});

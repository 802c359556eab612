import type { CatalogueEntry } from '../../src/catalogue/index.js';

/** The hostile fixture vocabulary of test/fixtures/pages (markup and script in its labels and descriptions). */
export const EVIL_ENTRY: CatalogueEntry = {
  id: 'evil',
  community: 'IVOA',
  title: 'Evil',
  flavour: 'RDF Class',
  format: 'ivoa-terms-csv',
  iri: 'https://example.org/rdf/evil',
  licence: { uri: 'http://creativecommons.org/publicdomain/zero/1.0/', name: 'CC0-1.0' },
  sources: {
    terms: { url: 'https://example.org/evil/terms.csv', mirror: 'evil/terms.csv' },
    config: { url: 'https://example.org/vocabs.conf', mirror: 'vocabs.conf' },
  },
  options: { section: 'evil' },
};

/** The formats vocabulary sources come in, one reader each (src/ingest); the catalogue names one per entry. */
export const SOURCE_FORMATS = ['ivoa-terms-csv', 'rdf', 'spase-json', 'pds4-context', 'ucd-list'] as const;
export type SourceFormat = (typeof SOURCE_FORMATS)[number];

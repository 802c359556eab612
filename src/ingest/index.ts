import type { SourceFormat } from '../model/index.js';
import type { Reader } from './reader.js';
import { readTermsCsv } from './terms-csv-reader.js';
import { readRdf } from './rdf-reader.js';
import { readSpaseJson } from './spase-json-reader.js';
import { readPds4Context } from './pds4-context-reader.js';
import { readUcdList } from './ucd-list-reader.js';

export { IngestError } from './ingest-error.js';
export { decodeUtf8, type Reader, type ReaderInput, type ReadResult, type SourceFile } from './reader.js';
export { parseVocabsConf, findVocabsConfSection, type VocabsConfSection } from './vocabs-conf-reader.js';
export { readTermsCsv, readRdf, readSpaseJson, readPds4Context, readUcdList };
export { listSpaseEnumerations } from './spase-json-reader.js';
export { parseUcdList, type UcdListParse } from './ucd-list-reader.js';

const READERS: Readonly<Record<SourceFormat, Reader>> = {
  'ivoa-terms-csv': readTermsCsv,
  rdf: readRdf,
  'spase-json': readSpaseJson,
  'pds4-context': readPds4Context,
  'ucd-list': readUcdList,
};

export function readerFor(format: SourceFormat): Reader {
  return READERS[format];
}
export { parseRdf } from './rdf-parse.js';
export { InputBoundError } from './ingest-error.js';
export { parseUntrustedRdf, checkUntrustedText, ingestErrorOf, DEFAULT_PARSE_RESOURCE_LIMITS, type UntrustedParseLimits } from './untrusted-rdf.js';
export { MAX_JSON_DEPTH, MAX_XML_ENTITIES, MAX_XML_ENTITY_EXPANSION } from './untrusted-input-checks.js';
export { positionAt } from './json-location.js';
export { ParseGate, ParseBusyError, UNTRUSTED_PARSES } from './parse-gate.js';
export { readTermsCsvRecords, type TermsCsvRecords, type TermsCsvRecordRow } from './terms-csv-records.js';

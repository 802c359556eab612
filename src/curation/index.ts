export { CurationService } from './curation-service.js';
export { ChangeLog, type CuratedState } from './change-log.js';
export { replayChanges, type Replay } from './change-replay.js';
export { termRecordOf, rewriteGraph, labelLanguage, changedFields, type RecordChange } from './term-rdf.js';
export * from './proposal.js';
export * from './vep-text.js';
export * from './proposal-service.js';

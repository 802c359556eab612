export { TermIndex, type TermCounts } from './term-index.js';
export { loadDataset, readSourceFiles, readVocabularies, initialMeta, type LoadOptions, type LoadReport, type LoadFailure } from './dataset-loader.js';
export { VocabularyService, type HostedVocabulary } from './vocabulary-service.js';
export * from './lookup-types.js';

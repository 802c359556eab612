export { TermIndex, type TermCounts } from './term-index.js';
export { loadDataset, readSourceFiles, readVocabularies, initialMeta, type LoadOptions, type LoadReport, type LoadFailure } from './dataset-loader.js';
export { VocabularyService, type HostedVocabulary, type WriteResult } from './vocabulary-service.js';
export * from './lookup-types.js';
export { createLookup, type LiveLookup } from './lookup.js';
export { SearchIndex } from './search-index.js';
export { GraphHierarchy } from './hierarchy.js';
export { normaliseText, words } from './text-normalise.js';
export { acronymsOf, isAcronymShaped } from './acronym.js';

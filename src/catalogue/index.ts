export * from './catalogue-entry.js';
export { CatalogueError } from './catalogue-error.js';
export { CATALOGUE_FILES, loadCatalogue, parseCatalogue, checkCatalogue, type CatalogueFile } from './catalogue-loader.js';
export { FORMAT_REQUIREMENTS, RDF_SYNTAXES, PDS4_PRODUCT_TYPES, type FormatRequirement } from './format-requirements.js';
export { sourceFiles, type SourceFile } from './source-files.js';
export { resolveSourceDir, sourcePath, missingSources, type MissingSource } from './source-dir.js';
export {
  sync,
  DEFAULT_TIMEOUT_MS,
  type SyncOptions,
  type SyncReport,
  type SyncFileReport,
  type SyncStatus,
  type SyncProgress,
  type SyncLogger,
} from './sync.js';
export { SYNC_STATE_FILE, readSyncState, writeSyncState, type SyncState, type FileSyncState } from './sync-state.js';
export { writeFileAtomic } from './atomic-write.js';
export { createProgressBar, type ProgressBar } from './progress-bar.js';

export * from './store.js';
export { OxigraphStore } from './oxigraph-store.js';
export { writeSnapshot, readSnapshotManifest, loadSnapshot, readSnapshotAttachment, type SnapshotManifest } from './snapshot.js';

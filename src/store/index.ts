export * from './store.js';
export { OxigraphStore } from './oxigraph-store.js';
export { writeSnapshot, readSnapshotManifest, loadSnapshot, readSnapshotAttachment, type SnapshotManifest } from './snapshot.js';
export { RemoteSparqlStore, RemoteStoreError, type RemoteSparqlStoreOptions } from './remote-sparql-store.js';
export { termFromSparqlJson, type SparqlJsonTerm } from './sparql-json-term.js';
export { syncFolder } from './sync-folder.js';
export { CheckedLog, checkedJsonLine, readCheckedJsonLine, type CheckedLines } from './checked-log.js';

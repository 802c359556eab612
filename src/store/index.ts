export * from './store.js';
export { OxigraphStore } from './oxigraph-store.js';

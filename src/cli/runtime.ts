import { resolve } from 'node:path';
import { mkdir } from 'node:fs/promises';
import pino from 'pino';
import { loadCatalogue, sync, createProgressBar, type SyncReport } from '../catalogue/index.js';
import { OxigraphStore, RemoteSparqlStore, type Store } from '../store/index.js';
import { VocabularyService, type LoadReport } from '../vocab/index.js';
import { MappingRepository, MappingService } from '../mapping/index.js';
import { CurationService } from '../curation/index.js';
import { storeHeaderRecord, type Config } from '../config/index.js';

/** The project root: where the catalogue lives (dist/cli or src/cli are two levels down). */
export const PROJECT_ROOT = resolve(import.meta.dirname, '..', '..');

/** Logs to standard error; main sets its level from the configuration (ASTROVOC_LOG_LEVEL) once it is loaded. */
export const logger = pino({ level: 'info' }, pino.destination(2));

/** The store the configuration asks for: a RemoteSparqlStore when a query endpoint is given, else the embedded one. */
export function openStore(config: Config): Store {
  if (!config.storeQuery) return new OxigraphStore();
  return new RemoteSparqlStore({
    queryEndpoint: config.storeQuery,
    ...(config.storeUpdate ? { updateEndpoint: config.storeUpdate } : {}),
    ...(config.storeGraphStore ? { graphStoreEndpoint: config.storeGraphStore } : {}),
    headers: storeHeaderRecord(config.storeHeaders),
  });
}

export const dataDir = (config: Config): string => resolve(config.dataDir ?? resolve(PROJECT_ROOT, 'data'));
export const cacheDir = (config: Config) => resolve(dataDir(config), 'cache');
export const snapshotDir = (config: Config) => resolve(dataDir(config), 'snapshot');
/** The journal of graphs written through the Graph Store and SPARQL Update (embedded store). */
export const graphsDir = (config: Config) => resolve(dataDir(config), 'graphs');

/** The record of editors' changes to hosted vocabularies: a change log and a state per vocabulary. */
export const curationDir = (config: Config) => resolve(dataDir(config), 'curation');

/** A mirror given with --from or ASTROVOC_MIRROR, if any. */
export const mirrorDir = (config: Config): string | undefined => (config.mirror ? resolve(config.mirror) : undefined);

/** Fetches (or copies from the mirror) every source into the cache, with a progress bar on a terminal. */
export async function runSync(config: Config): Promise<SyncReport> {
  const entries = await loadCatalogue(PROJECT_ROOT);
  await mkdir(cacheDir(config), { recursive: true });
  const from = mirrorDir(config);
  const bar = process.stderr.isTTY ? createProgressBar() : undefined;
  try {
    return await sync(entries, { cacheDir: cacheDir(config), ...(from ? { from } : {}), ...(bar ? { onProgress: bar.update } : {}) });
  } finally {
    bar?.stop();
  }
}

/**
 * Opens the service: with a mirror, loads straight from it; otherwise syncs from the canonical
 * locations into the cache (unless `offline`) and loads whatever the cache holds.
 */
export async function openService(
  config: Config,
  how: { offline?: boolean; ignoreSnapshot?: boolean } = {},
): Promise<{ service: VocabularyService; curation: CurationService; report: LoadReport; syncReport?: SyncReport }> {
  const entries = await loadCatalogue(PROJECT_ROOT);
  const mirror = mirrorDir(config);
  let syncReport: SyncReport | undefined;
  if (!mirror && !how.offline) syncReport = await runSync(config);
  const store = openStore(config);
  const service = new VocabularyService(store, entries, store.kind === 'embedded' ? { graphsDir: graphsDir(config) } : {});
  // Before the load: every load replays the curated changes over the upstream graphs it wrote.
  const curation = new CurationService(service, curationDir(config));
  // The snapshot belongs to the embedded store; a remote store keeps its own manifest graph instead.
  if (!service.remote) await mkdir(snapshotDir(config), { recursive: true });
  const report = await service.load(mirror ?? cacheDir(config), service.remote ? undefined : snapshotDir(config), how.ignoreSnapshot ?? false);
  return { service, curation, report, ...(syncReport ? { syncReport } : {}) };
}

/** The committed mapping sets (ASTROVOC_MAPPINGS overrides the folder). */
export const mappingsDir = (config: Config): string => resolve(config.mappingsDir ?? resolve(PROJECT_ROOT, 'mappings'));

/** Loads the mapping sets into the store as named graphs; a broken set is reported and the others load. */
export async function openMappings(service: VocabularyService, config: Config): Promise<MappingService> {
  const mappings = new MappingService(service, new MappingRepository(mappingsDir(config)));
  const report = await mappings.load();
  for (const failure of report.failures) logger.error(`mapping set not loaded: ${failure.message}`);
  for (const error of report.rowErrors) logger.warn(`mapping row not loaded: ${error.message}`);
  for (const note of report.recovery) logger.warn(`change log: ${note}`);
  return mappings;
}

import { resolve } from 'node:path';
import { mkdir } from 'node:fs/promises';
import pino from 'pino';
import { loadCatalogue, sync, createProgressBar, type SyncReport } from '../catalogue/index.js';
import { OxigraphStore, RemoteSparqlStore, type Store } from '../store/index.js';
import { VocabularyService, type LoadReport } from '../vocab/index.js';
import { MappingRepository, MappingService } from '../mapping/index.js';

/** The project root: where the catalogue lives (dist/cli or src/cli are two levels down). */
export const PROJECT_ROOT = resolve(import.meta.dirname, '..', '..');

export const logger = pino({ level: process.env.ASTROVOC_LOG_LEVEL ?? 'info' }, pino.destination(2));

export interface RuntimeOptions {
  dataDir?: string;
  from?: string;
  /** A remote store's SPARQL query endpoint (or ASTROVOC_STORE_QUERY); without it the store is embedded. */
  storeQuery?: string;
  /** Its update endpoint (or ASTROVOC_STORE_UPDATE; default: the query endpoint). */
  storeUpdate?: string;
  /** Its Graph Store Protocol endpoint (or ASTROVOC_STORE_GRAPH_STORE). */
  storeGraphStore?: string;
  /** Request headers 'Name: value' sent to it (or ASTROVOC_STORE_HEADERS, one per line), e.g. credentials. */
  storeHeader?: string[];
}

/** A store option that cannot be used, naming the option. */
export class StoreOptionError extends Error {}

/** The store the options ask for: a RemoteSparqlStore when a query endpoint is given, else the embedded one. */
export function openStore(options: RuntimeOptions, env: NodeJS.ProcessEnv = process.env): Store {
  const queryEndpoint = options.storeQuery ?? env.ASTROVOC_STORE_QUERY;
  const updateEndpoint = options.storeUpdate ?? env.ASTROVOC_STORE_UPDATE;
  const graphStoreEndpoint = options.storeGraphStore ?? env.ASTROVOC_STORE_GRAPH_STORE;
  const headerLines = options.storeHeader ?? (env.ASTROVOC_STORE_HEADERS ?? '').split('\n').filter((line) => line.trim() !== '');
  if (!queryEndpoint) {
    if (updateEndpoint || graphStoreEndpoint || headerLines.length > 0)
      throw new StoreOptionError('--store-update, --store-graph-store and --store-header need --store-query (or ASTROVOC_STORE_QUERY)');
    return new OxigraphStore();
  }
  for (const [option, url] of [
    ['--store-query', queryEndpoint],
    ['--store-update', updateEndpoint],
    ['--store-graph-store', graphStoreEndpoint],
  ] as const) {
    if (url !== undefined && !/^https?:\/\/\S+$/.test(url)) throw new StoreOptionError(`${option}: ${JSON.stringify(url)} is not an http(s) URL`);
  }
  const headers: Record<string, string> = {};
  for (const line of headerLines) {
    const match = /^([!#$%&'*+.^_`|~0-9A-Za-z-]+):\s*(.*)$/.exec(line.trim());
    if (!match) throw new StoreOptionError(`--store-header: ${JSON.stringify(line)} is not 'Name: value'`);
    headers[match[1]!.toLowerCase()] = match[2]!;
  }
  return new RemoteSparqlStore({
    queryEndpoint,
    ...(updateEndpoint ? { updateEndpoint } : {}),
    ...(graphStoreEndpoint ? { graphStoreEndpoint } : {}),
    headers,
  });
}

export function dataDir(options: RuntimeOptions): string {
  return resolve(options.dataDir ?? process.env.ASTROVOC_DATA ?? resolve(PROJECT_ROOT, 'data'));
}

export const cacheDir = (options: RuntimeOptions) => resolve(dataDir(options), 'cache');
export const snapshotDir = (options: RuntimeOptions) => resolve(dataDir(options), 'snapshot');
/** The journal of graphs written through the Graph Store and SPARQL Update (embedded store). */
export const graphsDir = (options: RuntimeOptions) => resolve(dataDir(options), 'graphs');

/** A mirror given with --from or ASTROVOC_MIRROR, if any. */
export function mirrorDir(options: RuntimeOptions): string | undefined {
  const dir = options.from ?? process.env.ASTROVOC_MIRROR;
  return dir ? resolve(dir) : undefined;
}

/** Fetches (or copies from the mirror) every source into the cache, with a progress bar on a terminal. */
export async function runSync(options: RuntimeOptions): Promise<SyncReport> {
  const entries = await loadCatalogue(PROJECT_ROOT);
  await mkdir(cacheDir(options), { recursive: true });
  const from = mirrorDir(options);
  const bar = process.stderr.isTTY ? createProgressBar() : undefined;
  try {
    return await sync(entries, { cacheDir: cacheDir(options), ...(from ? { from } : {}), ...(bar ? { onProgress: bar.update } : {}) });
  } finally {
    bar?.stop();
  }
}

/**
 * Opens the service: with a mirror, loads straight from it; otherwise syncs from the canonical
 * locations into the cache (unless `offline`) and loads whatever the cache holds.
 */
export async function openService(
  options: RuntimeOptions & { offline?: boolean; ignoreSnapshot?: boolean },
): Promise<{ service: VocabularyService; report: LoadReport; syncReport?: SyncReport }> {
  const entries = await loadCatalogue(PROJECT_ROOT);
  const mirror = mirrorDir(options);
  let syncReport: SyncReport | undefined;
  if (!mirror && !options.offline) syncReport = await runSync(options);
  const store = openStore(options);
  const service = new VocabularyService(store, entries, store.kind === 'embedded' ? { graphsDir: graphsDir(options) } : {});
  // The snapshot belongs to the embedded store; a remote store keeps its own manifest graph instead.
  if (!service.remote) await mkdir(snapshotDir(options), { recursive: true });
  const report = await service.load(mirror ?? cacheDir(options), service.remote ? undefined : snapshotDir(options), options.ignoreSnapshot ?? false);
  return { service, report, ...(syncReport ? { syncReport } : {}) };
}

/** The committed mapping sets (ASTROVOC_MAPPINGS overrides the folder). */
export const mappingsDir = (): string => resolve(process.env.ASTROVOC_MAPPINGS ?? resolve(PROJECT_ROOT, 'mappings'));

/** Loads the mapping sets into the store as named graphs; a broken set is reported and the others load. */
export async function openMappings(service: VocabularyService): Promise<MappingService> {
  const mappings = new MappingService(service, new MappingRepository(mappingsDir()));
  const report = await mappings.load();
  for (const failure of report.failures) logger.error(`mapping set not loaded: ${failure.message}`);
  for (const error of report.rowErrors) logger.warn(`mapping row not loaded: ${error.message}`);
  for (const note of report.recovery) logger.warn(`change log: ${note}`);
  return mappings;
}

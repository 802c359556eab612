import { resolve } from 'node:path';
import { mkdir } from 'node:fs/promises';
import pino from 'pino';
import { loadCatalogue, sync, createProgressBar, type SyncReport } from '../catalogue/index.js';
import { OxigraphStore } from '../store/index.js';
import { VocabularyService, type LoadReport } from '../vocab/index.js';
import { MappingRepository, MappingService } from '../mapping/index.js';

/** The project root: where the catalogue lives (dist/cli or src/cli are two levels down). */
export const PROJECT_ROOT = resolve(import.meta.dirname, '..', '..');

export const logger = pino({ level: process.env.ASTROVOC_LOG_LEVEL ?? 'info' }, pino.destination(2));

export interface RuntimeOptions {
  dataDir?: string;
  from?: string;
}

export function dataDir(options: RuntimeOptions): string {
  return resolve(options.dataDir ?? process.env.ASTROVOC_DATA ?? resolve(PROJECT_ROOT, 'data'));
}

export const cacheDir = (options: RuntimeOptions) => resolve(dataDir(options), 'cache');
export const snapshotDir = (options: RuntimeOptions) => resolve(dataDir(options), 'snapshot');

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
export async function openService(options: RuntimeOptions & { offline?: boolean; ignoreSnapshot?: boolean }): Promise<{ service: VocabularyService; report: LoadReport; syncReport?: SyncReport }> {
  const entries = await loadCatalogue(PROJECT_ROOT);
  const mirror = mirrorDir(options);
  let syncReport: SyncReport | undefined;
  if (!mirror && !options.offline) syncReport = await runSync(options);
  const service = new VocabularyService(new OxigraphStore(), entries);
  await mkdir(snapshotDir(options), { recursive: true });
  const report = await service.load(mirror ?? cacheDir(options), snapshotDir(options), options.ignoreSnapshot ?? false);
  return { service, report, ...(syncReport ? { syncReport } : {}) };
}

/** The committed mapping sets (ASTROVOC_MAPPINGS overrides the folder). */
export const mappingsDir = (): string => resolve(process.env.ASTROVOC_MAPPINGS ?? resolve(PROJECT_ROOT, 'mappings'));

/** Loads the mapping sets into the store as named graphs; a broken set is reported and the others load. */
export async function openMappings(service: VocabularyService): Promise<MappingService> {
  const mappings = new MappingService(service, new MappingRepository(mappingsDir()));
  const report = await mappings.load();
  for (const failure of report.failures) logger.error(`mapping set not loaded: ${failure.message}`);
  return mappings;
}

import { readFile, stat } from 'node:fs/promises';
import { resolve } from 'node:path';
import { rdfMediaType } from '../model/index.js';
import type { CatalogueEntry } from './catalogue-entry.js';
import { writeFileAtomic } from './atomic-write.js';
import { sourcePath } from './source-dir.js';
import { sourceFiles, type SourceFile } from './source-files.js';
import { readSyncState, writeSyncState, type FileSyncState, type SyncState } from './sync-state.js';

export type SyncStatus = 'fetched' | 'not-modified' | 'copied' | 'failed';

/** What happened to one source file. */
export interface SyncFileReport extends SourceFile {
  status: SyncStatus;
  /** Size of the file now in the cache (0 when it failed). */
  bytes: number;
  /** Where the file now is: cacheDir/<mirror>. */
  path: string;
  /** Why it failed, e.g. `HTTP 404 Not Found` or `connect ECONNREFUSED 127.0.0.1:9`. */
  reason?: string;
}

export interface SyncReport {
  cacheDir: string;
  from?: string;
  files: SyncFileReport[];
  failed: SyncFileReport[];
  /** Entry ids with at least one source that failed. */
  failedEntries: string[];
}

export interface SyncProgress {
  done: number;
  total: number;
  /** The file just finished; absent on the first event. */
  file?: SyncFileReport;
}

/** The part of a pino logger sync uses. */
export interface SyncLogger {
  info(object: object, message?: string): void;
  warn(object: object, message?: string): void;
}

export interface SyncOptions {
  cacheDir: string;
  /** A mirror directory (laid out like shared/upstream) to copy from instead of fetching. */
  from?: string;
  fetch?: typeof fetch;
  /** Per request, headers and body; default 30 s. */
  timeoutMs?: number;
  /** Requests in flight at once; default 4. */
  concurrency?: number;
  onProgress?: (progress: SyncProgress) => void;
  logger?: SyncLogger;
  now?: () => Date;
}

export const DEFAULT_TIMEOUT_MS = 30_000;
const DEFAULT_CONCURRENCY = 4;
const USER_AGENT = 'astrovoc-sync (+https://github.com/ivoa-std/Vocabularies)';

/**
 * Brings every distinct source file of the entries into `cacheDir/<mirror>`: copied from `from/<mirror>`
 * when a mirror is given, else fetched from its URL with a conditional request. Each file is written
 * atomically; a file that fails is reported (with the entries that need it) and the others still sync.
 */
export async function sync(entries: readonly CatalogueEntry[], options: SyncOptions): Promise<SyncReport> {
  const cacheDir = resolve(options.cacheDir);
  const from = options.from === undefined ? undefined : resolve(options.from);
  const files = sourceFiles(entries);
  const state = await readSyncState(cacheDir, (reason) => options.logger?.warn({ cacheDir }, `ignoring sync state: ${reason}`));
  const context: FileContext = {
    cacheDir,
    state,
    fetch: options.fetch ?? globalThis.fetch,
    timeoutMs: options.timeoutMs ?? DEFAULT_TIMEOUT_MS,
    now: options.now ?? (() => new Date()),
  };

  const reports = new Array<SyncFileReport>(files.length);
  let done = 0;
  options.onProgress?.({ done, total: files.length });
  await forEachLimited(files, options.concurrency ?? DEFAULT_CONCURRENCY, async (file, index) => {
    const report = from ? await copyFile(file, from, context) : await fetchFile(file, context);
    reports[index] = report;
    done++;
    if (report.status === 'failed') options.logger?.warn({ file: file.mirror, url: file.url, entries: file.entries, reason: report.reason }, 'source failed');
    else options.logger?.info({ file: file.mirror, status: report.status, bytes: report.bytes }, 'source synced');
    options.onProgress?.({ done, total: files.length, file: report });
  });
  await writeSyncState(cacheDir, state);

  const failed = reports.filter((report) => report.status === 'failed');
  const failedEntries = [...new Set(failed.flatMap((report) => report.entries))];
  return { cacheDir, ...(from ? { from } : {}), files: reports, failed, failedEntries };
}

interface FileContext {
  cacheDir: string;
  state: SyncState;
  fetch: typeof fetch;
  timeoutMs: number;
  now: () => Date;
}

async function copyFile(file: SourceFile, from: string, context: FileContext): Promise<SyncFileReport> {
  const target = sourcePath(context.cacheDir, file.mirror);
  let bytes: Buffer;
  try {
    bytes = await readFile(sourcePath(from, file.mirror));
  } catch (error) {
    return failure(file, target, `not in the mirror ${from}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
  }
  try {
    await writeFileAtomic(target, bytes);
  } catch (error) {
    return failure(file, target, `cannot write ${target}: ${(error as Error).message}`);
  }
  // The copy replaces whatever was fetched, so the fetched file's validators no longer describe it.
  delete context.state.files[file.mirror];
  return { ...file, status: 'copied', bytes: bytes.length, path: target };
}

async function fetchFile(file: SourceFile, context: FileContext): Promise<SyncFileReport> {
  const target = sourcePath(context.cacheDir, file.mirror);
  const cachedSize = await stat(target).then(
    (s) => s.size,
    () => undefined,
  );
  const previous = context.state.files[file.mirror];
  // A harvest is re-run every time: the query, not only the endpoint, decides what comes back.
  const conditional = cachedSize !== undefined && previous?.url === file.url && !file.construct ? previous : undefined;
  const headers: Record<string, string> = { 'user-agent': USER_AGENT };
  if (conditional?.etag) headers['if-none-match'] = conditional.etag;
  if (conditional?.lastModified) headers['if-modified-since'] = conditional.lastModified;

  let response: Response;
  let body: ArrayBuffer | undefined;
  try {
    response = await context.fetch(file.url, { ...requestFor(file, headers), redirect: 'follow', signal: AbortSignal.timeout(context.timeoutMs) });
    if (response.ok) body = await response.arrayBuffer();
    else await response.body?.cancel();
  } catch (error) {
    return failure(file, target, requestFailure(error, context.timeoutMs));
  }

  if (response.status === 304 && conditional && cachedSize !== undefined) {
    context.state.files[file.mirror] = { ...conditional, ...validators(response, conditional), syncedAt: context.now().toISOString() };
    return { ...file, status: 'not-modified', bytes: cachedSize, path: target };
  }
  if (!body) return failure(file, target, `HTTP ${response.status}${response.statusText ? ` ${response.statusText}` : ''}`);
  try {
    await writeFileAtomic(target, new Uint8Array(body));
  } catch (error) {
    return failure(file, target, `cannot write ${target}: ${(error as Error).message}`);
  }
  context.state.files[file.mirror] = { url: file.url, ...validators(response), syncedAt: context.now().toISOString() };
  return { ...file, status: 'fetched', bytes: body.byteLength, path: target };
}

/**
 * A plain GET for a file; for a harvested source, the CONSTRUCT query POSTed to the endpoint as the
 * SPARQL 1.1 Protocol says (§2.1.3, application/sparql-query), asking for N-Triples.
 */
function requestFor(file: SourceFile, headers: Record<string, string>): RequestInit {
  if (!file.construct) return { headers };
  return {
    method: 'POST',
    headers: { ...headers, 'content-type': 'application/sparql-query', accept: rdfMediaType('nt') },
    body: file.construct,
  };
}

/** ETag and Last-Modified of a response; a 304 may omit them (RFC 9110 §15.4.5), then the earlier ones stay. */
function validators(response: Response, previous?: FileSyncState): Pick<FileSyncState, 'etag' | 'lastModified'> {
  const etag = response.headers.get('etag') ?? previous?.etag;
  const lastModified = response.headers.get('last-modified') ?? previous?.lastModified;
  return { ...(etag ? { etag } : {}), ...(lastModified ? { lastModified } : {}) };
}

function requestFailure(error: unknown, timeoutMs: number): string {
  // Duck-typed: errors raised inside fetch may come from another realm (e.g. under jest), failing instanceof.
  const { name, message, cause } = (typeof error === 'object' && error !== null ? error : {}) as {
    name?: string;
    message?: string;
    cause?: { message?: string };
  };
  if (name === 'TimeoutError' || name === 'AbortError') return `no answer within ${timeoutMs} ms`;
  // undici reports network errors as TypeError('fetch failed') with the system error as its cause.
  if (cause?.message) return cause.message;
  return message ?? String(error);
}

function failure(file: SourceFile, path: string, reason: string): SyncFileReport {
  return { ...file, status: 'failed', bytes: 0, path, reason };
}

async function forEachLimited<T>(items: readonly T[], limit: number, work: (item: T, index: number) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const index = next++;
      await work(items[index]!, index);
    }
  };
  await Promise.all(Array.from({ length: Math.min(Math.max(limit, 1), items.length) }, worker));
}

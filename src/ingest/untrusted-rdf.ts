/**
 * RDF from a request body: checked for the shapes that blow parsers up (untrusted-input-checks), then parsed
 * in a disposable worker with a time and heap limit (src/sandbox). Oxigraph traps on some inputs (a stack
 * overflow on deep JSON-LD), and a trapped WebAssembly instance leaves every oxigraph Store of its thread
 * unusable, so untrusted RDF never reaches the main thread's oxigraph. The worker answers N-Quads, which
 * n3 reads here in linear time. Trusted catalogue sources keep the synchronous parseRdf.
 */
import { setImmediate as nextTurn } from 'node:timers/promises';
import N3 from 'n3';
import type { ResourceLimits } from 'node:worker_threads';
import type { Quad, RdfFormatName } from '../model/index.js';
import { runDisposable, SandboxError } from '../sandbox/index.js';
import { IngestError, InputBoundError } from './ingest-error.js';
import type { RdfParseTask } from './rdf-parse-worker.js';
import { checkJsonDepth, checkXmlEntities } from './untrusted-input-checks.js';
import { UNTRUSTED_PARSES } from './parse-gate.js';

export interface UntrustedParseLimits {
  /** The parse is stopped past this many milliseconds (the service gives its SPARQL query time limit). */
  timeoutMs: number;
  /** Heap of the parsing worker; default 512 MB old generation. */
  resourceLimits?: ResourceLimits;
  /** Deepest JSON nesting taken (default MAX_JSON_DEPTH). */
  maxJsonDepth?: number;
}

export const DEFAULT_PARSE_RESOURCE_LIMITS: ResourceLimits = { maxOldGenerationSizeMb: 512, maxYoungGenerationSizeMb: 64 };

/** Checks untrusted text in a format before any parser sees it (throws InputBoundError). */
export function checkUntrustedText(text: string, format: RdfFormatName, file: string, maxJsonDepth?: number): void {
  if (format === 'jsonld') checkJsonDepth(text, file, maxJsonDepth);
  if (format === 'rdfxml') checkXmlEntities(text, file);
}

/** Parses untrusted RDF off the main thread; throws IngestError (with line and column) or InputBoundError. */
export async function parseUntrustedRdf(text: string, format: RdfFormatName, file: string, baseIri: string, limits: UntrustedParseLimits): Promise<Quad[]> {
  checkUntrustedText(text, format, file, limits.maxJsonDepth);
  const nquads = await UNTRUSTED_PARSES.run(() =>
    runDisposable<RdfParseTask, string>(
      new URL('./rdf-parse-worker.js', import.meta.url),
      { text, format, file, baseIri },
      {
        timeoutMs: limits.timeoutMs,
        resourceLimits: limits.resourceLimits ?? DEFAULT_PARSE_RESOURCE_LIMITS,
      },
    ),
  ).catch((error: unknown) => {
    throw ingestErrorOf(error, file, limits.timeoutMs);
  });
  return parseNQuadsInSlices(nquads);
}

/** Lines of N-Quads parsed between two turns of the event loop. */
const PARSE_SLICE_LINES = 5000;

/**
 * The worker's N-Quads (one quad per line, as oxigraph writes them) read in slices of lines that give the
 * event loop back: a body of megabytes takes several short turns, not one long one. Blank node labels are
 * the same in every slice, so the quads are those one parse would give.
 */
async function parseNQuadsInSlices(nquads: string): Promise<Quad[]> {
  const quads: Quad[] = [];
  let start = 0;
  while (start < nquads.length) {
    let end = start;
    for (let line = 0; line < PARSE_SLICE_LINES && end !== -1 && end < nquads.length; line++) end = nquads.indexOf('\n', end) + 1 || -1;
    const stop = end === -1 ? nquads.length : end;
    for (const quad of new N3.Parser({ format: 'N-Quads' }).parse(nquads.slice(start, stop))) quads.push(quad);
    start = stop;
    if (start < nquads.length) await nextTurn();
  }
  return quads;
}

/** The IngestError a disposable parse ended with: the worker's own (rebuilt from its data), or one for a timeout or a crash. */
export function ingestErrorOf(error: unknown, file: string, timeoutMs: number): unknown {
  if (!(error instanceof SandboxError)) return error;
  if (error.code === 'timeout') {
    return new InputBoundError('parse-time', `parsing took longer than its time limit of ${timeoutMs} ms`, { file }, 'parse time (ms)', timeoutMs);
  }
  if (error.code === 'crashed') {
    return new IngestError('parser-crashed', `the parser gave up on this input (${error.message.replace(/^the worker failed: /, '')})`, { file });
  }
  const remote = error.details.remote;
  const fields = (remote?.fields ?? {}) as {
    code?: string;
    detail?: string;
    location?: IngestError['location'];
    bound?: string;
    limit?: number;
    term?: string;
  };
  if (remote?.name === 'InputBoundError' && fields.bound !== undefined && fields.limit !== undefined) {
    return new InputBoundError(fields.code ?? 'bound', fields.detail ?? remote.message, fields.location ?? { file }, fields.bound, fields.limit, fields.term);
  }
  if (remote?.name === 'IngestError') return new IngestError(fields.code ?? 'rdf-syntax', fields.detail ?? remote.message, fields.location ?? { file });
  return new IngestError('parse-failed', remote?.message ?? error.message, { file });
}

/**
 * GET /health: each part of the service says its own state, so a dead SPARQL pool or a broken store is
 * seen, not hidden behind `ok`. A part is a function (easy to add one, or to swap one for a richer
 * source); a check that throws or does not answer in time is `down`. The answer is 503 when a required
 * part is down, so a load balancer takes the instance out.
 */
import type { MappingService } from '../mapping/index.js';
import type { VocabularyService } from '../vocab/index.js';

export type PartStatus = 'up' | 'degraded' | 'down';

export interface PartState {
  status: PartStatus;
  [detail: string]: unknown;
}

export interface HealthPart {
  /** A required part that is down makes the whole answer 503. */
  required: boolean;
  check: () => PartState | Promise<PartState>;
}

export interface HealthReport {
  status: 'ok' | 'degraded';
  /** 503 when a required part is down, else 200. */
  httpStatus: 200 | 503;
  parts: Record<string, PartState>;
}

/** How long one part may take to answer before it counts as down. */
export const HEALTH_CHECK_TIMEOUT_MS = 2000;

export async function checkHealth(parts: Readonly<Record<string, HealthPart>>, timeoutMs = HEALTH_CHECK_TIMEOUT_MS): Promise<HealthReport> {
  const entries = await Promise.all(Object.entries(parts).map(async ([name, part]) => [name, part, await bounded(part.check, timeoutMs)] as const));
  const down = entries.some(([, part, state]) => part.required && state.status === 'down');
  return {
    status: entries.every(([, , state]) => state.status === 'up') ? 'ok' : 'degraded',
    httpStatus: down ? 503 : 200,
    parts: Object.fromEntries(entries.map(([name, , state]) => [name, state])),
  };
}

async function bounded(check: HealthPart['check'], timeoutMs: number): Promise<PartState> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<PartState>((resolve) => {
    timer = setTimeout(() => resolve({ status: 'down', error: `no answer within ${timeoutMs} ms` }), timeoutMs);
  });
  try {
    return await Promise.race([Promise.resolve().then(check), late]);
  } catch (error) {
    return { status: 'down', error: error instanceof Error ? `${error.name}: ${error.message}` : String(error) };
  } finally {
    clearTimeout(timer);
  }
}

/** Finds one quad: a store whose WebAssembly trapped, or a remote store that is unreachable, fails it. */
const STORE_PROBE = 'ASK { GRAPH ?g { ?s ?p ?o } }';

/** The store answers a trivial query, and so does the local dataset the pages read (a remote store's replica). */
export function storePart(vocabularies: VocabularyService): HealthPart {
  return {
    required: true,
    check: async () => {
      await vocabularies.store.query(STORE_PROBE);
      if (vocabularies.remote) vocabularies.store.local.querySerialised(STORE_PROBE, 'application/sparql-results+json');
      return { status: 'up', backend: vocabularies.remote ? 'remote' : 'embedded' };
    },
  };
}

/** The term index: down when it holds no term, degraded when a vocabulary failed to load. */
export function indexPart(vocabularies: VocabularyService): HealthPart {
  return {
    required: true,
    check: () => {
      const report = vocabularies.report;
      const failures = report?.failures.length ?? 0;
      const terms = vocabularies.index.size;
      return {
        status: terms === 0 ? 'down' : failures > 0 ? 'degraded' : 'up',
        vocabularies: vocabularies.index.vocabularies.length,
        terms,
        failures,
      };
    },
  };
}

/** The mapping sets: degraded when a set could not be read at load (`failed` names them). */
export function mappingsPart(mappings: MappingService, failed: readonly string[] = []): HealthPart {
  return {
    required: false,
    check: () => {
      const sets = mappings.listSets();
      return {
        status: failed.length > 0 ? 'degraded' : 'up',
        sets: sets.length,
        mappings: sets.reduce((n, s) => n + s.mappings, 0),
        failures: failed.length,
        ...(failed.length ? { failed } : {}),
      };
    },
  };
}

/**
 * The SPARQL engine from its state (workers and queue today; a richer status plugs in the same way).
 * When it is idle, `probe` (a trivial query) shows it still answers: a closed or dead pool fails it.
 * A busy engine is not probed, so /health never waits behind a long query.
 */
export function sparqlPart(
  state: () => { engine?: string; workers: number; busy?: number; queued?: number; [detail: string]: unknown },
  probe?: () => Promise<unknown>,
): HealthPart {
  return {
    required: false,
    check: async () => {
      const current = state();
      if (current.workers === 0 && current.engine !== 'remote') return { ...current, status: 'down' };
      if (probe && !current.busy && !current.queued) {
        try {
          await probe();
        } catch (error) {
          return { ...current, status: 'down', error: error instanceof Error ? error.message : String(error) };
        }
      }
      return { ...current, status: 'up' };
    },
  };
}

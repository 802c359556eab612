import type { Worker } from 'node:worker_threads';
import { spawnWorker } from '../sandbox/index.js';
import type { DatasetImage, GraphContent } from './dataset-image.js';
import type { PoolToWorker, WorkerLoad, WorkerOutcome, WorkerQuery, WorkerToPool } from './query-protocol.js';
import { SparqlError } from './sparql-error.js';

export interface QueryPoolOptions {
  /** Number of worker threads (one query each at a time). */
  size: number;
  /** Queries waiting for a worker beyond which the pool answers `busy`. */
  queueLimit: number;
  /** Workers one client may hold at once (default: all but one, at least one). */
  clientShare?: number;
  /**
   * Queries one client may have waiting beyond which it is told `client-busy` (default: half of queueLimit, at least
   * one; a quarter refused the bind joins another astrovoc sends its peers through Comunica, all from one address).
   */
  clientQueueLimit?: number;
}

/** A query's answer, or the federated query it turned out to be. */
export type PoolOutcome = Exclude<WorkerOutcome, { kind: 'error' }>;

/** Who asks (an address), for the per-client share of the pool. */
export interface RunOptions {
  timeoutMs: number;
  client: string;
}

interface Job {
  request: WorkerQuery;
  client: string;
  resolve: (outcome: PoolOutcome) => void;
  reject: (error: Error) => void;
  timer?: NodeJS.Timeout;
  slot?: Slot;
  done: boolean;
}

interface Slot {
  worker: Worker;
  job?: Job;
  /** The data generation this worker has loaded (-1: none yet, or its load failed). */
  loaded: number;
  /** The generation it is loading now, if any. */
  loading?: number;
  /** The generation whose load failed, if any. */
  failed?: number;
  /** A client whose runaway query cost this worker: the replacement counts against its share until it is ready. */
  chargedTo?: string;
}

interface Change {
  generation: number;
  graphs: GraphContent[];
}

interface LoadWaiter {
  generation: number;
  resolve: () => void;
}

const WORKER_URL = new URL('./query-worker.js', import.meta.url);

/**
 * Runs queries in worker threads, because parsing (sparqljs) and evaluating (oxigraph) are synchronous and
 * would block the event loop. Each worker holds its own store loaded from a shared N-Quads dump, then kept
 * current by changes (the new content of the graphs each write changed), each a new data generation. A query
 * over its time limit, or one that breaks its worker's engine (a WebAssembly trap), costs that worker,
 * which is replaced before it serves again. A query only ever runs on a worker holding the newest data.
 * One client holds at most `clientShare` workers and `clientQueueLimit` waiting queries.
 */
export class QueryPool {
  private readonly slots: Slot[] = [];
  private readonly queue: Job[] = [];
  /** The last full dump, the generation it is, and the changes since, in order: any generation rebuilds from them. */
  private base: SharedArrayBuffer = new SharedArrayBuffer(0);
  private baseGeneration = 0;
  private changes: Change[] = [];
  private changedBytes = 0;
  private generation = 0;
  private closed = false;
  private restarts = 0;
  private waiters: LoadWaiter[] = [];
  private readonly clientShare: number;
  private readonly clientQueueLimit: number;

  constructor(private readonly options: QueryPoolOptions) {
    this.clientShare = options.clientShare ?? Math.max(1, options.size - 1);
    this.clientQueueLimit = options.clientQueueLimit ?? Math.max(1, Math.floor(options.queueLimit / 2));
    for (let i = 0; i < options.size; i += 1) this.slots.push(this.spawn());
  }

  /**
   * Replaces the dataset every worker queries by a full dump; answers its generation. From now on queries go
   * only to workers holding it (`loaded` tells when they do).
   */
  publishData(nquads: string): number {
    const bytes = Buffer.from(nquads, 'utf8');
    const shared = new SharedArrayBuffer(bytes.byteLength);
    new Uint8Array(shared).set(bytes);
    this.generation += 1;
    this.base = shared;
    this.baseGeneration = this.generation;
    this.changes = [];
    this.changedBytes = 0;
    return this.advance();
  }

  /** Replaces some graphs' content in every worker's dataset (a write's change); answers its generation. */
  publishChanges(graphs: GraphContent[]): number {
    this.generation += 1;
    this.changes.push({ generation: this.generation, graphs });
    this.changedBytes += graphs.reduce((sum, g) => sum + g.ntriples.length, 0);
    return this.advance();
  }

  /**
   * Whether the changes since the last full dump have grown past half its size or `maxChanges` writes: then the
   * next change should be published as a full dump, so that a new worker does not replay a long history.
   */
  shouldCompact(maxChanges = 500): boolean {
    return this.changes.length >= maxChanges || this.changedBytes > this.base.byteLength / 2;
  }

  /** The dataset as of the newest generation, for a disposable worker to rebuild (an update's scratch copy). */
  get image(): DatasetImage {
    return { base: this.base, changes: this.changes.map((c) => c.graphs) };
  }

  /**
   * Resolves when every worker not busy with an older query has loaded `generation` (a busy one reloads when
   * its query ends); throws when one could not.
   */
  async loaded(generation: number): Promise<void> {
    await new Promise<void>((resolve) => {
      this.waiters.push({ generation, resolve });
      this.notifyLoaded();
    });
    if (this.slots.some((s) => s.failed !== undefined && s.failed >= generation && s.loaded < generation)) {
      throw new SparqlError('engine', 'A query worker could not load the dataset');
    }
  }

  private advance(): number {
    for (const slot of this.slots) if (!slot.job) this.reload(slot);
    return this.generation;
  }

  /**
   * Runs a request; rejects with SparqlError 'timeout' after `timeoutMs` (queue time, parse and guard included),
   * 'busy' when the queue is full, 'client-busy' when this client's share of the queue is, or the error the
   * request itself raised.
   */
  run(request: WorkerQuery, options: RunOptions): Promise<PoolOutcome> {
    if (this.closed) return Promise.reject(new SparqlError('engine', 'The query engine is shut down'));
    const retryAfter = Math.max(1, Math.ceil(options.timeoutMs / 1000));
    const idle = this.slots.some((s) => this.isIdle(s));
    if (!idle && this.queue.length >= this.options.queueLimit) {
      return Promise.reject(
        new SparqlError('busy', `All ${this.slots.length} query workers are busy and ${this.queue.length} queries are waiting; try again shortly`, {
          retryAfter,
        }),
      );
    }
    const waiting = this.queue.filter((j) => j.client === options.client).length;
    if (waiting >= this.clientQueueLimit) {
      return Promise.reject(
        new SparqlError(
          'client-busy',
          `This client already has ${this.running(options.client)} queries running and ${waiting} waiting, its share (bound: ${this.clientShare} running, ${this.clientQueueLimit} waiting); try again shortly`,
          {
            retryAfter,
            bound: 'client-queue',
            limit: this.clientQueueLimit,
          },
        ),
      );
    }
    return new Promise((resolve, reject) => {
      const job: Job = { request, client: options.client, resolve, reject, done: false };
      job.timer = setTimeout(() => this.expire(job, options.timeoutMs), options.timeoutMs);
      this.queue.push(job);
      this.dispatch();
    });
  }

  /** Workers, those running a query, queries waiting, workers replaced so far: for health reports and tests. */
  get state(): { workers: number; busy: number; queued: number; restarts: number } {
    return { workers: this.slots.length, busy: this.slots.filter((s) => s.job).length, queued: this.queue.length, restarts: this.restarts };
  }

  async close(): Promise<void> {
    this.closed = true;
    const stopped = new SparqlError('engine', 'The query engine is shutting down');
    for (const job of this.queue.splice(0)) this.finish(job, stopped);
    for (const slot of this.slots) if (slot.job) this.finish(slot.job, stopped);
    for (const waiter of this.waiters.splice(0)) waiter.resolve();
    await Promise.all(this.slots.map((slot) => slot.worker.terminate()));
  }

  private spawn(chargedTo?: string): Slot {
    const worker = spawnWorker(WORKER_URL, { input: this.loadFrom(-1) });
    const slot: Slot = { worker, loaded: -1, loading: this.generation, ...(chargedTo !== undefined ? { chargedTo } : {}) };
    worker.on('message', (message: WorkerToPool) => this.onMessage(slot, message));
    worker.on('error', (error) => this.replace(slot, new SparqlError('engine', `The query engine failed: ${error.message}`)));
    worker.on('exit', (code) => this.replace(slot, new SparqlError('engine', `The query engine stopped (worker exit code ${code})`)));
    return slot;
  }

  /** Throws a worker away (and the query it ran, with `error`) and starts a fresh one in its place. */
  private replace(slot: Slot, error: SparqlError, chargedTo?: string): void {
    const index = this.slots.indexOf(slot);
    if (index < 0 || this.closed) return;
    const job = slot.job;
    slot.job = undefined;
    void slot.worker.terminate();
    this.restarts += 1;
    this.slots[index] = this.spawn(chargedTo ?? job?.client);
    if (job) this.finish(job, error);
    this.notifyLoaded();
    this.dispatch();
  }

  private reload(slot: Slot): void {
    if (slot.loading !== undefined || slot.loaded === this.generation) return;
    slot.loading = this.generation;
    slot.worker.postMessage({ type: 'load', ...this.loadFrom(slot.loaded) } satisfies PoolToWorker);
  }

  /** What brings a worker at generation `from` (-1: nothing usable) to the newest: the changes since, or the whole image. */
  private loadFrom(from: number): WorkerLoad {
    if (from >= this.baseGeneration) return { changes: this.changes.filter((c) => c.generation > from).map((c) => c.graphs), generation: this.generation };
    return { ...this.image, generation: this.generation };
  }

  private isIdle(slot: Slot): boolean {
    return slot.loading === undefined && !slot.job && slot.loaded === this.generation;
  }

  private running(client: string): number {
    return this.slots.filter((s) => s.job?.client === client || (s.chargedTo === client && !s.job)).length;
  }

  private onMessage(slot: Slot, message: WorkerToPool): void {
    if (!this.slots.includes(slot)) return;
    if (message.type === 'ready' || message.type === 'load-failed') {
      slot.loading = undefined;
      slot.chargedTo = undefined;
      if (message.type === 'ready') slot.loaded = message.generation;
      else {
        slot.loaded = -1;
        slot.failed = message.generation;
      }
      if (message.type === 'ready' && slot.loaded !== this.generation) this.reload(slot);
      this.notifyLoaded();
      this.dispatch();
      return;
    }
    const job = slot.job;
    const outcome = message.outcome;
    if (outcome.kind === 'error' && outcome.fatal) {
      this.replace(slot, new SparqlError(outcome.code, `${outcome.message}; its worker was replaced`, outcome.details), job?.client);
      return;
    }
    slot.job = undefined;
    if (job) {
      if (outcome.kind === 'error') this.finish(job, new SparqlError(outcome.code, outcome.message, outcome.details));
      else this.finish(job, undefined, outcome);
    }
    this.reload(slot);
    this.notifyLoaded();
    this.dispatch();
  }

  private expire(job: Job, timeoutMs: number): void {
    if (job.done) return;
    const error = new SparqlError('timeout', `The query ran over its time limit of ${timeoutMs} ms and was stopped`, {
      retryAfter: Math.max(1, Math.ceil(timeoutMs / 1000)),
    });
    if (job.slot && job.slot.job === job) {
      this.replace(job.slot, error);
      return;
    }
    const queued = this.queue.indexOf(job);
    if (queued >= 0) this.queue.splice(queued, 1);
    this.finish(job, error);
  }

  private finish(job: Job, error?: Error, outcome?: PoolOutcome): void {
    if (job.done) return;
    job.done = true;
    if (job.timer) clearTimeout(job.timer);
    if (error) job.reject(error);
    else job.resolve(outcome!);
  }

  /** Each idle worker takes the oldest waiting query whose client is within its share. */
  private dispatch(): void {
    for (const slot of this.slots) {
      if (this.queue.length === 0) return;
      if (!this.isIdle(slot)) continue;
      const next = this.queue.findIndex((job) => this.running(job.client) < this.clientShare);
      if (next < 0) return;
      const job = this.queue.splice(next, 1)[0]!;
      job.slot = slot;
      slot.job = job;
      slot.worker.postMessage({ type: 'query', request: job.request } satisfies PoolToWorker);
    }
  }

  /** Readiness by data generation, not by idleness: a worker busy with an earlier query never holds a write back. */
  private notifyLoaded(): void {
    this.waiters = this.waiters.filter((waiter) => {
      const settled = this.slots.every(
        (s) => s.job !== undefined || s.loaded >= waiter.generation || (s.failed !== undefined && s.failed >= waiter.generation),
      );
      if (settled) waiter.resolve();
      return !settled;
    });
  }
}

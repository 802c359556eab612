import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { dirname, resolve } from 'node:path';
import { Worker } from 'node:worker_threads';
import { SparqlError } from './sparql-error.js';

/** What a worker runs: one query over its copy of the dataset, serialised by oxigraph in `format`. */
export interface WorkerQuery {
  sparql: string;
  format: string;
  /** Default graph = union of all named graphs (used when no explicit dataset is given). */
  union: boolean;
  /** An explicit dataset (SPARQL 1.1 Protocol §2.1.4); '' stands for the store's own default graph. */
  defaultGraphs?: string[];
  namedGraphs?: string[];
  baseIri?: string;
}

export interface QueryPoolOptions {
  /** Number of worker threads (one query each at a time). */
  size: number;
  /** Queries waiting for a worker beyond which the pool answers `busy`. */
  queueLimit: number;
  /** The worker script; by default query-worker.mjs next to this module (or in src/ when running from dist/). */
  workerFile?: string;
}

interface Job {
  request: WorkerQuery;
  resolve: (body: Buffer) => void;
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
}

type WorkerMessage =
  | { type: 'ready'; generation: number }
  | { type: 'load-failed'; generation: number; message: string }
  | { type: 'answer'; id: number; ok: true; body: Uint8Array }
  | { type: 'answer'; id: number; ok: false; message: string };

/**
 * Runs oxigraph queries in worker threads, because oxigraph's query() is synchronous and would block the
 * event loop. Each worker holds its own store loaded from a shared N-Quads dump; a query over its time
 * limit gets its worker terminated and replaced; a full queue refuses work at once.
 */
export class QueryPool {
  private readonly slots: Slot[] = [];
  private readonly queue: Job[] = [];
  private data: SharedArrayBuffer = new SharedArrayBuffer(0);
  private generation = 0;
  private readonly workerFile: string;
  private closed = false;
  private readyWaiters: (() => void)[] = [];

  constructor(private readonly options: QueryPoolOptions) {
    this.workerFile = options.workerFile ?? defaultWorkerFile();
    for (let i = 0; i < options.size; i += 1) this.slots.push(this.spawn());
  }

  /** Replaces the dataset every worker queries; resolves when all workers have loaded it. Queries already running finish on the old data. */
  async setData(nquads: string): Promise<void> {
    const bytes = Buffer.from(nquads, 'utf8');
    const shared = new SharedArrayBuffer(bytes.byteLength);
    new Uint8Array(shared).set(bytes);
    this.data = shared;
    this.generation += 1;
    for (const slot of this.slots) if (!slot.job) this.reload(slot);
    await this.whenReady();
    const failed = this.slots.find((s) => s.loaded !== this.generation);
    if (failed) throw new SparqlError('engine', 'A query worker could not load the dataset');
  }

  /** Runs a query; rejects with SparqlError 'timeout' after `timeoutMs` (queue time included) or 'busy' when the queue is full. */
  /** The serialised answer, as UTF-8 bytes. */
  run(request: WorkerQuery, timeoutMs: number): Promise<Buffer> {
    if (this.closed) return Promise.reject(new SparqlError('engine', 'The query engine is shut down'));
    const idle = this.slots.some((s) => this.isIdle(s));
    if (!idle && this.queue.length >= this.options.queueLimit) {
      return Promise.reject(
        new SparqlError('busy', `All ${this.slots.length} query workers are busy and ${this.queue.length} queries are waiting; try again shortly`, {
          retryAfter: Math.max(1, Math.ceil(timeoutMs / 1000)),
        }),
      );
    }
    return new Promise((resolvePromise, rejectPromise) => {
      const job: Job = { request, resolve: resolvePromise, reject: rejectPromise, done: false };
      job.timer = setTimeout(() => this.expire(job, timeoutMs), timeoutMs);
      this.queue.push(job);
      this.dispatch();
    });
  }

  /** Workers running or loading, and queries waiting: for health reports and tests. */
  get state(): { workers: number; busy: number; queued: number } {
    return { workers: this.slots.length, busy: this.slots.filter((s) => s.job).length, queued: this.queue.length };
  }

  async close(): Promise<void> {
    this.closed = true;
    for (const job of this.queue.splice(0)) this.finish(job, new SparqlError('engine', 'The query engine is shutting down'));
    await Promise.all(this.slots.map((slot) => slot.worker.terminate()));
  }

  private spawn(): Slot {
    const worker = new Worker(this.workerFile, { workerData: { data: this.data, generation: this.generation } });
    const slot: Slot = { worker, loaded: -1, loading: this.generation };
    worker.on('message', (message: WorkerMessage) => this.onMessage(slot, message));
    worker.on('error', (error) => this.onCrash(slot, error));
    worker.on('exit', (code) => {
      if (!this.closed && this.slots.includes(slot)) this.onCrash(slot, new Error(`query worker exited with code ${code}`));
    });
    return slot;
  }

  private reload(slot: Slot): void {
    if (slot.loading !== undefined || slot.loaded === this.generation) return;
    slot.loading = this.generation;
    slot.worker.postMessage({ type: 'load', data: this.data, generation: this.generation });
  }

  private isIdle(slot: Slot): boolean {
    return slot.loading === undefined && !slot.job && slot.loaded === this.generation;
  }

  private onMessage(slot: Slot, message: WorkerMessage): void {
    if (message.type === 'ready' || message.type === 'load-failed') {
      slot.loading = undefined;
      slot.loaded = message.type === 'ready' ? message.generation : -1;
      if (message.type === 'ready' && slot.loaded !== this.generation) this.reload(slot);
      this.notifyReady();
      this.dispatch();
      return;
    }
    const job = slot.job;
    slot.job = undefined;
    if (job) {
      if (message.ok) this.finish(job, undefined, Buffer.from(message.body.buffer, message.body.byteOffset, message.body.byteLength));
      else this.finish(job, new SparqlError('query-rejected', message.message));
    }
    this.reload(slot);
    this.dispatch();
  }

  private onCrash(slot: Slot, error: Error): void {
    const index = this.slots.indexOf(slot);
    if (index < 0 || this.closed) return;
    const job = slot.job;
    slot.job = undefined;
    void slot.worker.terminate();
    this.slots[index] = this.spawn();
    if (job) this.finish(job, new SparqlError('engine', `The query engine failed: ${error.message}`));
  }

  private expire(job: Job, timeoutMs: number): void {
    if (job.done) return;
    const error = new SparqlError('timeout', `The query ran over its time limit of ${timeoutMs} ms and was stopped`, {
      retryAfter: Math.max(1, Math.ceil(timeoutMs / 1000)),
    });
    const slot = job.slot;
    if (slot) {
      const index = this.slots.indexOf(slot);
      slot.job = undefined;
      void slot.worker.terminate();
      if (index >= 0) this.slots[index] = this.spawn();
    } else {
      const queued = this.queue.indexOf(job);
      if (queued >= 0) this.queue.splice(queued, 1);
    }
    this.finish(job, error);
  }

  private finish(job: Job, error?: Error, body?: Buffer): void {
    if (job.done) return;
    job.done = true;
    if (job.timer) clearTimeout(job.timer);
    if (error) job.reject(error);
    else job.resolve(body!);
  }

  private dispatch(): void {
    for (const slot of this.slots) {
      if (this.queue.length === 0) return;
      if (!this.isIdle(slot)) continue;
      const job = this.queue.shift()!;
      job.slot = slot;
      slot.job = job;
      slot.worker.postMessage({ type: 'query', id: 0, request: job.request });
    }
  }

  private whenReady(): Promise<void> {
    if (this.allReady()) return Promise.resolve();
    return new Promise((resolvePromise) => this.readyWaiters.push(resolvePromise));
  }

  /** Every worker has settled on the current data (loaded it, or failed to). */
  private allReady(): boolean {
    return this.slots.every((s) => s.loading === undefined && !s.job && (s.loaded === this.generation || s.loaded === -1));
  }

  private notifyReady(): void {
    if (!this.allReady()) return;
    for (const waiter of this.readyWaiters.splice(0)) waiter();
  }
}

/** query-worker.mjs beside this module, else (running compiled, if the build did not copy it) src/sparql/ in the nearest folder above. */
function defaultWorkerFile(): string {
  const here = fileURLToPath(new URL('.', import.meta.url));
  const beside = resolve(here, 'query-worker.mjs');
  if (existsSync(beside)) return beside;
  for (let dir = here; dir !== dirname(dir); dir = dirname(dir)) {
    const inSource = resolve(dir, 'src', 'sparql', 'query-worker.mjs');
    if (existsSync(inSource)) return inSource;
  }
  throw new Error(`query-worker.mjs not found beside ${here} nor in a src/sparql/ above it`);
}

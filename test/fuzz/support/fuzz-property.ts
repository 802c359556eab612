/**
 * The properties every fuzzed request must keep, and the runner that checks them with fast-check:
 *
 *   - no 5xx: whatever the input, the answer is a 2xx–4xx (a bad input is the client's fault, a 4xx naming it);
 *   - no crash: the server process is still running afterwards;
 *   - the answer within ANSWER_BOUND_MS;
 *   - /health, probed from the test all the while, answers each time within HEALTH_BOUND_MS (nothing stalls the event loop);
 *   - the service still works afterwards: a known term and a SPARQL query still answer (nothing poisoned the store).
 *
 * Runs are bounded: each property has a fixed seed and number of runs; FUZZ_RUNS=N runs every property N
 * times, FUZZ_SEED=S changes the seed, FUZZ_SHRINK=1 shrinks a failure to a smaller counterexample (slow
 * when the failure is a stall), FUZZ_ALL=1 goes on after a failure and lists every kind found. fast-check
 * prints the seed and path of a failure.
 */
import fc from 'fast-check';
import { FuzzServer, type Answer } from './fuzz-server.js';

export const ANSWER_BOUND_MS = 15_000;
export const HEALTH_BOUND_MS = 200;
const HEALTH_TIMEOUT_MS = 5_000;
const PROBE_PAUSE_MS = 10;

/** One generated request. `summary` stands for it in failure reports (bodies can be megabytes). */
export interface FuzzRequest {
  method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  /** Path and query, already percent-encoded (generators may put raw bytes such as %FF there on purpose). */
  path: string;
  headers?: Record<string, string>;
  body?: string | Uint8Array;
  /** The request to confirm a slow /health with, when the same one would be answered from a cache (default: the same). */
  again?: () => FuzzRequest;
}

const MAX_SHOWN = 300;

function shorten(text: string): string {
  return text.length <= MAX_SHOWN ? JSON.stringify(text) : `${JSON.stringify(text.slice(0, MAX_SHOWN))}… (${text.length} chars)`;
}

export function describeRequest(r: FuzzRequest): string {
  const body =
    r.body === undefined
      ? ''
      : typeof r.body === 'string'
        ? ` body ${shorten(r.body)}`
        : ` body ${r.body.length} bytes ${shorten(Buffer.from(r.body.subarray(0, MAX_SHOWN)).toString('latin1'))}`;
  const headers = r.headers
    ? ` headers ${JSON.stringify(Object.fromEntries(Object.entries(r.headers).filter(([k]) => k.toLowerCase() !== 'authorization')))}`
    : '';
  return `${r.method} ${shorten(r.path)}${headers}${body}`;
}

/** Gives the request a short printed form, which fast-check uses when it reports a counterexample. */
export function request(r: FuzzRequest): FuzzRequest {
  return Object.defineProperty(r, fc.toStringMethod, { value: () => describeRequest(r), enumerable: false });
}

/** A request made anew for its confirmation try, so that a cache cannot answer it (`make` takes a salt). */
export function uncached(make: (salt: string) => FuzzRequest): FuzzRequest {
  let tries = 0;
  const first = make(`s${Date.now()}-${tries}`);
  return request({ ...first, again: () => make(`s${Date.now()}-${++tries}`) });
}

/** Polls /health one request after another until stopped; the slowest answer is what counts. */
class HealthProbe {
  private running = true;
  private readonly done: Promise<void>;
  maxMs = 0;
  count = 0;
  failure: string | undefined;

  constructor(private readonly server: FuzzServer) {
    this.done = this.loop();
  }

  private async loop(): Promise<void> {
    while (this.running) {
      const started = performance.now();
      try {
        const res = await fetch(`${this.server.base}/health`, { signal: AbortSignal.timeout(HEALTH_TIMEOUT_MS) });
        await res.arrayBuffer();
        if (res.status !== 200) this.failure ??= `/health answered ${res.status}`;
      } catch (error) {
        this.failure ??= `/health failed: ${error instanceof Error ? error.message : String(error)}`;
      }
      this.maxMs = Math.max(this.maxMs, performance.now() - started);
      this.count++;
      await new Promise((r) => setTimeout(r, PROBE_PAUSE_MS));
    }
  }

  async stop(): Promise<void> {
    this.running = false;
    await this.done;
  }
}

/** What a request must not do beyond its answer, e.g. "an accepted write reads back". */
export type AfterCheck = (answer: Answer, server: FuzzServer) => Promise<void>;

interface Outcome {
  answer: Answer | undefined;
  problems: string[];
  /** Whether the only problem is a slow /health (a busy machine can cause one; a real stall comes back). */
  onlySlowHealth: boolean;
  took: number;
  logged: string;
}

async function exchangeOnce(server: FuzzServer, r: FuzzRequest, after?: AfterCheck): Promise<Outcome> {
  const mark = server.stderrMark();
  const probe = new HealthProbe(server);
  let answer: Answer | undefined;
  let failure: string | undefined;
  const started = performance.now();
  try {
    answer = await server.request(r.path, {
      method: r.method,
      ...(r.headers ? { headers: r.headers } : {}),
      ...(r.body !== undefined ? { body: r.body } : {}),
      timeoutMs: ANSWER_BOUND_MS,
    });
  } catch (error) {
    const cause = error instanceof Error ? `${error.name}: ${error.message}${error.cause instanceof Error ? ` (${error.cause.message})` : ''}` : String(error);
    failure = error instanceof Error && error.name === 'TimeoutError' ? `no answer within ${ANSWER_BOUND_MS} ms` : `the request failed: ${cause}`;
  } finally {
    await probe.stop();
  }
  const took = Math.round(performance.now() - started);
  await new Promise((resolve) => setTimeout(resolve, 20)); // an exit right after the answer is still this input's
  const problems: string[] = [];
  if (failure) problems.push(failure);
  if (answer && answer.status >= 500) problems.push(`answered ${answer.status}: ${answer.text}`);
  if (answer && answer.ms > ANSWER_BOUND_MS) problems.push(`answered after ${Math.round(answer.ms)} ms (bound ${ANSWER_BOUND_MS})`);
  if (probe.failure) problems.push(probe.failure);
  const slowHealth = probe.maxMs > HEALTH_BOUND_MS;
  if (slowHealth) problems.push(`/health took ${Math.round(probe.maxMs)} ms while the request ran (bound ${HEALTH_BOUND_MS}; ${probe.count} probes)`);
  if (server.crashed) problems.push(`the server process ${server.crashed}`);
  else if (!(await serviceWorks(server))) problems.push('afterwards the service no longer answers a known term or a SPARQL query (the store is poisoned)');
  if (!problems.length && answer && after)
    await after(answer, server).catch((error: unknown) => problems.push(error instanceof Error ? error.message : String(error)));
  return { answer, problems, onlySlowHealth: slowHealth && problems.length === 1, took, logged: server.stderrSince(mark) };
}

/**
 * Sends one request while probing /health, and throws with a plain account when a property is broken.
 * A slow /health alone is checked once more with the same request: only a stall that comes back counts.
 */
export async function exchange(server: FuzzServer, r: FuzzRequest, after?: AfterCheck): Promise<Answer> {
  let outcome = await exchangeOnce(server, r, after);
  if (outcome.onlySlowHealth) {
    const again = await exchangeOnce(server, r.again?.() ?? r, after);
    if (!again.problems.length) return again.answer!;
    outcome = { ...again, problems: [...again.problems, `(the first try: ${outcome.problems[0]})`] };
  }
  if (outcome.problems.length) {
    throw new Error(
      `${describeRequest(r)}\n  → ${outcome.problems.join('\n  → ')}\n  (${outcome.took} ms${outcome.logged ? `; the server logged:\n${outcome.logged}` : ''})`,
    );
  }
  return outcome.answer!;
}

/** A link, form or script source with a scheme that runs code, or a redirect to one. */
const DANGEROUS_LINK = /\b(?:href|src|action|formaction|xlink:href)\s*=\s*["']?\s*(?:javascript|vbscript|data):/i;
const DANGEROUS_LOCATION = /^\s*(?:javascript|vbscript|data):/i;

/** Generated text must not come back as a link that runs script, a raw script element, or a redirect to such a scheme. */
export const noScriptInjection: AfterCheck = async (answer) => {
  const location = answer.headers.get('location');
  if (location && DANGEROUS_LOCATION.test(location)) throw new Error(`answered ${answer.status} redirecting to ${JSON.stringify(location.slice(0, 200))}`);
  if (!/html|xml|svg/i.test(answer.headers.get('content-type') ?? '')) return;
  const link = DANGEROUS_LINK.exec(answer.body);
  if (link) throw new Error(`the page links to a script scheme: …${answer.body.slice(Math.max(0, link.index - 80), link.index + 120)}…`);
  const script = answer.body.indexOf('<script>alert(1)</script>');
  if (script >= 0) throw new Error(`the page carries a generated script element unescaped: …${answer.body.slice(Math.max(0, script - 80), script + 60)}…`);
};

/** A known term from the main thread's store and a query from a SPARQL worker. */
export async function serviceWorks(server: FuzzServer): Promise<boolean> {
  try {
    const term = await server.request('/rdf/refframe/ICRS?format=nt', { method: 'GET', timeoutMs: 5_000 });
    const sparql = await server.request(`/sparql?query=${encodeURIComponent('ASK { <http://www.ivoa.net/rdf/refframe#ICRS> ?p ?o }')}&format=json`, {
      method: 'GET',
      timeoutMs: 5_000,
    });
    return term.status === 200 && term.text.includes('refframe#ICRS') && sparql.status === 200 && sparql.text.includes('true');
  } catch {
    return false;
  }
}

export interface FuzzOptions {
  /** Runs when FUZZ_RUNS is not set. */
  runs: number;
  seed: number;
  after?: AfterCheck;
}

/**
 * Checks the properties on `runs` requests drawn from `requests`. With FUZZ_ALL=1 a failure does not end
 * the run: every failing input is kept, and the test fails at the end with one example of each kind.
 */
export async function fuzz(server: FuzzServer, requests: fc.Arbitrary<FuzzRequest>, options: FuzzOptions): Promise<void> {
  const runs = process.env.FUZZ_RUNS ? Number(process.env.FUZZ_RUNS) : options.runs;
  const seed = process.env.FUZZ_SEED ? Number(process.env.FUZZ_SEED) : options.seed;
  const all = process.env.FUZZ_ALL === '1';
  const kinds = new Map<string, { count: number; example: string }>();
  const run = fc.assert(
    fc.asyncProperty(requests, async (r) => {
      try {
        await exchange(server, r, options.after);
      } catch (error) {
        if (!all || !(error instanceof Error)) throw error;
        const [request, ...lines] = error.message.split('\n');
        const kind = `${r.method} ${r.path.split('?')[0]!.slice(0, 40)}: ${lines
          .filter((l) => l.includes('→'))
          .map((l) =>
            l
              .replace(/\d+/g, 'N')
              .replace(/answered N: .*/, 'answered N')
              .trim(),
          )
          .join(' ')}`;
        const seen = kinds.get(kind) ?? { count: 0, example: `${request}\n${lines.join('\n')}` };
        seen.count++;
        kinds.set(kind, seen);
        if (server.crashed || !(await serviceWorks(server))) await server.restartIfBroken(() => serviceWorks(server));
      }
    }),
    // Ends the run (as a failure) before jest's time limit would, so that no run goes on behind the next test.
    { numRuns: runs, seed, endOnFailure: !process.env.FUZZ_SHRINK, plugins: [fc.interruptAfterTimeLimit(fuzzBudget(options.runs), { failOnInterrupt: true })] },
  );
  const interrupted = await run.then(
    () => '',
    (error: unknown) => {
      if (!kinds.size) throw error;
      return ` (then: ${error instanceof Error ? error.message.split('\n')[0] : String(error)})`;
    },
  );
  if (kinds.size) {
    throw new Error(
      `${[...kinds.values()].reduce((n, k) => n + k.count, 0)} of ${runs} inputs broke a property (seed ${seed})${interrupted}, ${kinds.size} kinds:\n\n${[...kinds].map(([kind, { count, example }]) => `[${count}×] ${kind}\n  e.g. ${example}`).join('\n\n')}`,
    );
  }
}

/** Sends each of a fixed list of requests (hostile values too specific for chance to find quickly); fails with every broken one. */
export async function sweep(server: FuzzServer, requests: readonly FuzzRequest[], after?: AfterCheck): Promise<void> {
  const failures: string[] = [];
  for (const r of requests) {
    try {
      await exchange(server, r, after);
    } catch (error) {
      failures.push(error instanceof Error ? error.message : String(error));
      await server.restartIfBroken(() => serviceWorks(server));
    }
  }
  if (failures.length) throw new Error(`${failures.length} of ${requests.length} requests broke a property:\n\n${failures.join('\n\n')}`);
}

/** How long a property may run: about a second a run, forty-five when every failure (a stall, a restart) is collected. */
function fuzzBudget(runs: number): number {
  const n = process.env.FUZZ_RUNS ? Number(process.env.FUZZ_RUNS) : runs;
  return 30_000 + n * (process.env.FUZZ_ALL === '1' ? 45_000 : 1_000) + (process.env.FUZZ_SHRINK ? 600_000 : 0);
}

/** The jest time limit of a fuzz test: its budget, and room for the run in flight and a restart. */
export function fuzzTimeout(runs: number): number {
  return fuzzBudget(runs) + 60_000;
}

/**
 * The server of one fuzz file: started before its tests, restarted before a test when an input broke it,
 * closed after them. `use` receives it (and its replacement after a restart is the same object).
 */
export function fuzzServerPerFile(use: (server: FuzzServer) => void): void {
  let server: FuzzServer | undefined;
  beforeAll(async () => {
    server = await FuzzServer.start();
    use(server);
  }, 240_000);
  afterAll(async () => {
    await server?.close();
  });
  beforeEach(async () => {
    await server!.restartIfBroken(() => serviceWorks(server!));
  }, 240_000);
}

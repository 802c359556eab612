import N3 from 'n3';
import type { VocabularyService } from '../vocab/index.js';
import { runDisposable, SandboxError } from '../sandbox/index.js';
import type { SparqlConfig } from './sparql-config.js';
import { SparqlError, sparqlErrorFrom } from './sparql-error.js';
import { DEFAULT_BASE_IRI, type QueryForm } from './sparql-parser.js';
import { QueryPool, type PoolOutcome } from './query-pool.js';
import type { AnswerFormats } from './query-protocol.js';
import type { DatasetImage, GraphContent } from './dataset-image.js';
import type { RequestAnalysis } from './request-analysis.js';
import { checkRequestBounds } from './request-bounds.js';
import { cutSolutions } from './row-cap.js';
import { federatedMediaTypesFor, mediaTypesFor, SOLUTION_MEDIA_TYPES, GRAPH_MEDIA_TYPES } from './result-formats.js';
import { FederatedQueryRunner } from './federated-query.js';
import { GRAPH_STATISTICS_QUERY, graphStatisticsFromJson, serviceDescriptionTurtle, type GraphStatistics } from './service-description.js';
import type { LocalDataset } from '../store/index.js';
import type { Quad } from '../model/index.js';
import { RemoteEndpoint } from './remote-endpoint.js';
import type { UpdateResult, UpdateTask } from './update-worker.js';
import type { ParseTask } from './sparql-parse-worker.js';

/** SPARQL 1.1 Protocol §2.1.4: an explicit RDF dataset for one request. */
export interface DatasetRequest {
  defaultGraphs?: string[];
  namedGraphs?: string[];
}

export interface QueryRequest extends DatasetRequest {
  text: string;
  /** Picks the answer's media type among those the query form offers (content negotiation); false when none suits. */
  choose: (offered: readonly string[]) => string | false;
  /** Who asks (an address): one client holds at most a share of the query workers. */
  client?: string;
}

export interface QueryAnswer {
  mediaType: string;
  /** The serialised answer, UTF-8. */
  body: Buffer;
  /** A SELECT result cut at the row cap. */
  truncated: boolean;
  /** Solutions in a SELECT answer. */
  rows?: number;
  /** Whether the query went to peers through Comunica. */
  federated: boolean;
}

/** The engine's state for /health: workers, queue, replaced workers, and the data version queries see beside the store's. */
export interface SparqlStatus {
  /** Where queries run: this process's worker threads, or the external store's endpoint. */
  engine: 'workers' | 'remote';
  workers: number;
  busy: number;
  queued: number;
  restarts: number;
  /** The VocabularyService data version every query from now on sees (-1 before the first load). */
  servedVersion: number;
  storeVersion: number;
}

const QUERY_FORMS: readonly QueryForm[] = ['SELECT', 'ASK', 'CONSTRUCT', 'DESCRIBE'];
const UPDATE_WORKER = new URL('./update-worker.js', import.meta.url);
const PARSE_WORKER = new URL('./sparql-parse-worker.js', import.meta.url);
/** The client name of the service's own queries (the service description's statistics). */
const SELF = 'astrovoc';

/**
 * The SPARQL endpoint's logic (no HTTP). The main thread only checks a request's bounds (one linear pass);
 * parsing and guarding (sparqljs) and evaluation run in the query workers, inside the query's time limit,
 * over a copy of the dataset that each change updates with the graphs it changed. Queries with SERVICE come back from the worker
 * with their targets, are checked against the peer allow-list and go to peers through Comunica. Updates are
 * computed in a disposable worker on a scratch copy rebuilt from the workers' image, then written through VocabularyService. With a remote
 * store, requests are parsed in a disposable worker and go to the store's own endpoints.
 */
export class SparqlService {
  private readonly pool: QueryPool | undefined;
  private readonly remote: RemoteEndpoint | undefined;
  /** With a remote store: the graphs this service hosts, which make the union default graph of a query. */
  private hostedGraphs: string[] = [];
  private readonly federation: FederatedQueryRunner;
  /** The data version last sent to the workers, and the one every query from now on sees. */
  private publishedVersion = -1;
  private servedVersion = -1;
  /** Changes sent to the workers that they have not yet all loaded (or failed to). */
  private inFlight = 0;
  private versionWaiters: { version: number; resolve: () => void }[] = [];
  private statistics: Promise<GraphStatistics[]> | undefined;
  private unsubscribe: () => void = () => undefined;

  private constructor(
    private readonly vocabularies: VocabularyService,
    readonly config: SparqlConfig,
  ) {
    const server = vocabularies.store.sparqlServer;
    this.remote = server ? new RemoteEndpoint(server) : undefined;
    this.pool = this.remote ? undefined : new QueryPool({ size: config.workers, queueLimit: config.queueLimit });
    this.federation = new FederatedQueryRunner(vocabularies.store.local, config.peers);
  }

  /** Starts the workers on the current dataset and keeps them in step with every later change. */
  static async start(vocabularies: VocabularyService, config: SparqlConfig): Promise<SparqlService> {
    const service = new SparqlService(vocabularies, config);
    service.unsubscribe = vocabularies.onChange((graphs, { full, added }) => service.publish(graphs, full, added));
    service.publish([], true);
    await service.settled();
    return service;
  }

  /** Resolves once every query started from now on sees every change made so far (read-your-writes after a write). */
  settled(): Promise<void> {
    const version = this.vocabularies.dataVersion;
    if (this.servedVersion >= version) return Promise.resolve();
    // Not sent yet, or sent and failed to load (nothing in flight): a full dump brings every worker back.
    if (this.publishedVersion < version || this.inFlight === 0) this.publish([], true);
    return new Promise((resolve) => this.versionWaiters.push({ version, resolve }));
  }

  /**
   * Sends the workers what a change did, at once (the main store is read synchronously, so every change is
   * sent in order): the changed graphs' new content, or a full dump after a load or once the changes since the
   * last dump have grown (see QueryPool.shouldCompact). A small write thus costs the main thread a dump of its
   * own graphs only.
   */
  private publish(graphs: readonly string[], full: boolean, added?: ReadonlyMap<string, readonly Quad[]>): void {
    const version = this.vocabularies.dataVersion;
    this.publishedVersion = version;
    this.statistics = undefined;
    const store = this.vocabularies.store.local;
    this.inFlight += 1;
    let ready: Promise<void>;
    try {
      if (this.pool) {
        const generation =
          full || this.pool.shouldCompact()
            ? this.pool.publishData(store.dumpNQuads())
            : this.pool.publishChanges(graphs.map((graph) => graphChange(store, graph, added?.get(graph))));
        ready = this.pool.loaded(generation);
      } else {
        ready = store.listGraphs().then((listed) => {
          this.hostedGraphs = listed.map((g) => g.graph);
        });
      }
    } catch (error) {
      // Never the writer's failure: its change is made; the workers catch up with the next one.
      ready = Promise.reject(error instanceof Error ? error : new Error(String(error)));
    }
    // A worker that could not load the data serves nothing until the next change; status shows the lag.
    void ready
      .then(
        () => {
          this.servedVersion = Math.max(this.servedVersion, version);
        },
        () => undefined,
      )
      .finally(() => {
        this.inFlight -= 1;
        this.versionWaiters = this.versionWaiters.filter((waiter) => {
          if (waiter.version > version) return true;
          waiter.resolve();
          return false;
        });
      });
  }

  async query(request: QueryRequest): Promise<QueryAnswer> {
    const started = Date.now();
    checkRequestBounds(request.text, { maxLength: this.config.maxQueryLength, maxDepth: this.config.maxDepth, maxGroups: this.config.maxGroups }, 'query');
    const formats = answerFormats(request.choose);
    const left = () => Math.max(1, this.config.timeoutMs - (Date.now() - started));
    if (this.remote) return this.queryRemote(request, formats, left);
    const outcome = await this.pool!.run(
      {
        text: request.text,
        formats,
        maxRows: this.config.maxRows,
        maxAnswerBytes: this.config.maxAnswerBytes,
        ...(request.defaultGraphs ? { defaultGraphs: request.defaultGraphs } : {}),
        ...(request.namedGraphs ? { namedGraphs: request.namedGraphs } : {}),
      },
      { timeoutMs: this.config.timeoutMs, client: request.client ?? 'anonymous' },
    );
    if (outcome.kind === 'federate') return this.federate(outcome, request, left());
    const body = Buffer.from(outcome.body.buffer, outcome.body.byteOffset, outcome.body.byteLength);
    return {
      mediaType: outcome.mediaType,
      body,
      truncated: outcome.truncated,
      ...(outcome.rows !== undefined ? { rows: outcome.rows } : {}),
      federated: false,
    };
  }

  private async queryRemote(request: QueryRequest, formats: AnswerFormats, left: () => number): Promise<QueryAnswer> {
    const analysis = await this.sandboxed<ParseTask, RequestAnalysis>(PARSE_WORKER, { text: request.text, maxRows: this.config.maxRows }, left(), 'query');
    if (analysis.kind === 'update') {
      throw new SparqlError('update-forbidden', 'This is a SPARQL Update, not a query');
    }
    const { form } = analysis;
    const federated = analysis.services.length > 0;
    const mediaType = (federated ? formats.federated : formats.local)[form];
    if (!mediaType)
      throw new SparqlError('not-acceptable', `A ${form} query can answer ${(federated ? federatedMediaTypesFor(form) : mediaTypesFor(form)).join(', ')}`);
    if (federated) return this.federate({ kind: 'federate', form, mediaType, text: analysis.text, services: analysis.services }, request, left());
    // SPARQL 1.1 Protocol §2.1.4: the union default graph (astrovoc's default) is sent as an explicit dataset.
    const union = !analysis.hasDataset && !request.defaultGraphs && !request.namedGraphs && this.hostedGraphs.length > 0;
    const dataset = union ? { defaultGraphs: this.hostedGraphs, namedGraphs: this.hostedGraphs } : request;
    const answer = await this.remote!.query(
      analysis.text,
      {
        accept: mediaType,
        ...(dataset.defaultGraphs ? { defaultGraphs: dataset.defaultGraphs } : {}),
        ...(dataset.namedGraphs ? { namedGraphs: dataset.namedGraphs } : {}),
      },
      left(),
    );
    const served = mediaTypesFor(form).includes(answer.mediaType) ? answer.mediaType : mediaType;
    return this.shaped(form, served, answer.body, false);
  }

  /** A query naming SERVICE: every target must be a configured peer, then Comunica runs it. */
  private async federate(outcome: Extract<PoolOutcome, { kind: 'federate' }>, request: QueryRequest, timeoutMs: number): Promise<QueryAnswer> {
    this.checkServices(outcome.services);
    if (request.defaultGraphs || request.namedGraphs) {
      throw new SparqlError('dataset', 'default-graph-uri and named-graph-uri cannot be combined with SERVICE; name graphs with FROM / GRAPH in the query', {
        parameter: request.defaultGraphs ? 'default-graph-uri' : 'named-graph-uri',
      });
    }
    const body = Buffer.from(await this.federation.run({ sparql: outcome.text, mediaType: outcome.mediaType, timeoutMs }), 'utf8');
    return this.shaped(outcome.form, outcome.mediaType, body, true);
  }

  /** An answer from elsewhere than our workers: bounded in bytes, a SELECT cut at the row cap. */
  private shaped(form: QueryForm, mediaType: string, body: Buffer, federated: boolean): QueryAnswer {
    if (body.byteLength > this.config.maxAnswerBytes) {
      throw new SparqlError(
        'query-bound',
        `The answer holds ${body.byteLength} bytes, over the bound of ${this.config.maxAnswerBytes}: narrow the query or add a LIMIT`,
        {
          parameter: 'query',
          bound: 'answer-bytes',
          limit: this.config.maxAnswerBytes,
        },
      );
    }
    if (form !== 'SELECT') return { mediaType, body, truncated: false, federated };
    const cut = cutSolutions(body, mediaType, this.config.maxRows);
    return { mediaType, body: cut.body, truncated: cut.truncated, rows: cut.rows, federated };
  }

  /**
   * Applies a SPARQL Update (the caller has checked the write token): one atomic write of every graph it
   * changes, queued with every other write (VocabularyService), so each update reads what the writes before
   * it left: two INSERTs sent together both land (SPARQL 1.1 Update §3). The update is parsed and run on a
   * scratch copy in a disposable worker, within the query time limit: a runaway or a trap costs that worker
   * and changes nothing.
   */
  async update(text: string): Promise<{ graphs: string[] }> {
    checkRequestBounds(text, { maxLength: Number.MAX_SAFE_INTEGER, maxDepth: this.config.maxDepth, maxGroups: this.config.maxGroups }, 'update');
    if (this.remote) return this.updateRemote(text);
    const graphs = await this.vocabularies.modifyGraphs(async () => {
      const task: UpdateTask = { text, image: this.currentImage(), baseIri: DEFAULT_BASE_IRI, maxAddedQuads: this.config.maxUpdateQuads };
      const result = await this.sandboxed<UpdateTask, UpdateResult>(UPDATE_WORKER, task, this.config.timeoutMs, 'update');
      // `GRAPH ?g` updates name no graph up front: what they changed is checked too.
      this.checkNotOwn([...result.targets.graphs, ...result.changed.map((c) => c.graph)]);
      return new Map(result.changed.map((c) => [c.graph, new N3.Parser({ format: 'N-Triples' }).parse(c.ntriples)]));
    });
    await this.settled();
    return { graphs };
  }

  /** The dataset as the workers rebuild it (base dump and changes since), current since every change is published as it happens. */
  private currentImage(): DatasetImage {
    if (this.publishedVersion < this.vocabularies.dataVersion) this.publish([], true);
    return this.pool!.image;
  }

  private async updateRemote(text: string): Promise<{ graphs: string[] }> {
    const analysis = await this.sandboxed<ParseTask, RequestAnalysis>(PARSE_WORKER, { text }, this.config.timeoutMs, 'update');
    if (analysis.kind !== 'update') throw new SparqlError('query-rejected', 'This is a query, not an update: send it as query=', { parameter: 'update' });
    if (analysis.services.length > 0) throw new SparqlError('service-refused', 'SERVICE is not allowed in an update', { iri: analysis.services[0]! });
    this.checkNotOwn(analysis.targets.graphs);
    // The store would choose the graphs itself, hosted vocabulary graphs among them, and nothing would record the change.
    if (analysis.targets.unknown)
      throw new SparqlError(
        'dataset',
        'On an external store an update must name the graphs it writes (no GRAPH ?g, no CLEAR NAMED): hosted vocabulary graphs change only through the term API, /api/v1/vocabularies/{vocab}/terms',
        { parameter: 'update' },
      );
    const remote = this.remote!;
    const graphs = await this.vocabularies.changeStore(() => remote.update(text, this.config.timeoutMs), analysis.targets.graphs);
    await this.settled();
    return { graphs };
  }

  private checkNotOwn(graphs: readonly string[]): void {
    const reserved = graphs.find((g) => this.vocabularies.isOwnGraph(g));
    if (reserved)
      throw new SparqlError(
        'dataset',
        `${reserved} is written by astrovoc itself (its mapping sets change through the mapping service) and cannot be updated`,
        {
          parameter: 'update',
        },
      );
  }

  /** Runs a task in a disposable worker within `timeoutMs`; its errors come back as SparqlErrors. */
  private async sandboxed<In, Out>(worker: URL, input: In, timeoutMs: number, parameter: 'query' | 'update'): Promise<Out> {
    try {
      return await runDisposable<In, Out>(worker, input, { timeoutMs });
    } catch (error) {
      if (!(error instanceof SandboxError)) throw error;
      if (error.code === 'timeout') {
        throw new SparqlError('timeout', `The ${parameter} ran over its time limit of ${timeoutMs} ms and was stopped`, {
          retryAfter: Math.max(1, Math.ceil(timeoutMs / 1000)),
        });
      }
      if (error.code === 'failed' && error.details.remote) throw sparqlErrorFrom(error.details.remote) ?? unexpected(error.details.remote, parameter);
      throw new SparqlError('query-rejected', `The ${parameter} broke the engine that ran it (${error.message})`, { parameter });
    }
  }

  /** The SPARQL 1.1 Service Description with VoID statistics per named graph, in Turtle. */
  async serviceDescription(endpoint: string): Promise<string> {
    const json = 'application/sparql-results+json';
    const answer = this.remote
      ? () => this.remote!.query(GRAPH_STATISTICS_QUERY, { accept: json, namedGraphs: this.hostedGraphs }, this.config.timeoutMs).then((a) => a.body)
      : () =>
          this.pool!.run(
            { text: GRAPH_STATISTICS_QUERY, formats: answerFormats(() => json), maxAnswerBytes: this.config.maxAnswerBytes },
            { timeoutMs: this.config.timeoutMs, client: SELF },
          ).then((outcome) => Buffer.from((outcome as Extract<PoolOutcome, { kind: 'answer' }>).body));
    this.statistics ??= answer().then((body) => graphStatisticsFromJson(body.toString('utf8')));
    const statistics = await this.statistics.catch((error: unknown) => {
      this.statistics = undefined;
      throw error;
    });
    return serviceDescriptionTurtle({
      endpoint,
      resultMediaTypes: [...SOLUTION_MEDIA_TYPES, ...GRAPH_MEDIA_TYPES],
      statistics,
      vocabularies: this.vocabularies.index.vocabularies,
      federation: this.config.peers.length > 0,
    });
  }

  /** Workers, queue, replaced workers, and the data version the workers serve beside the store's: for /health. */
  get status(): SparqlStatus {
    const pool = this.pool ? this.pool.state : { workers: 0, busy: this.remote!.busy, queued: 0, restarts: 0 };
    return { engine: this.pool ? 'workers' : 'remote', ...pool, servedVersion: this.servedVersion, storeVersion: this.vocabularies.dataVersion };
  }

  async close(): Promise<void> {
    this.unsubscribe();
    await this.pool?.close();
  }

  /** Safety: the engine never reaches a URL that is not a configured peer; refused before anything runs. */
  private checkServices(services: readonly string[]): void {
    const refused = services.find((iri) => !this.config.peers.includes(iri));
    if (refused) {
      throw new SparqlError(
        'service-refused',
        `SERVICE <${refused}> is not one of the configured peer endpoints${this.config.peers.length ? ` (${this.config.peers.join(', ')})` : ' (none are configured)'}`,
        {
          iri: refused,
        },
      );
    }
  }
}

/** A task's own unforeseen error: a stack overflow is the request's complexity (400); anything else the service's. */
function unexpected(remote: { name: string; message: string }, parameter: 'query' | 'update'): SparqlError {
  if (remote.name === 'RangeError')
    return new SparqlError('query-rejected', `The ${parameter} is too complex to evaluate (${remote.name}: ${remote.message})`, { parameter });
  return new SparqlError('engine', remote.message);
}

/** Content negotiation for every query form, done before the form is known (the worker parses the query). */
function answerFormats(choose: QueryRequest['choose']): AnswerFormats {
  const per = (offered: (form: QueryForm) => readonly string[]) =>
    Object.fromEntries(QUERY_FORMS.map((form) => [form, choose(offered(form))])) as Record<QueryForm, string | false>;
  return { local: per(mediaTypesFor), federated: per(federatedMediaTypesFor) };
}

/** What the workers need of one changed graph: the triples a merge added (the graph may be large), else its whole content. */
function graphChange(store: LocalDataset, graph: string, added: readonly Quad[] | undefined): GraphContent {
  if (!added) return { graph, ntriples: store.graphNTriples(graph) };
  const writer = new N3.Writer({ format: 'N-Triples' });
  return {
    graph,
    ntriples: added.map((q) => writer.quadToString(q.subject as N3.Quad_Subject, q.predicate as N3.Quad_Predicate, q.object as N3.Quad_Object)).join(''),
    add: true,
  };
}

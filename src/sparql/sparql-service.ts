import sparqljs from 'sparqljs';
import type { VocabularyService } from '../vocab/index.js';
import type { SparqlConfig } from './sparql-config.js';
import { SparqlError } from './sparql-error.js';
import { parseSparql, DEFAULT_BASE_IRI, type ParsedSparql } from './sparql-parser.js';
import { QueryPool } from './query-pool.js';
import { cappedQueryText, cutSolutions } from './row-cap.js';
import { mediaTypesFor, SOLUTION_MEDIA_TYPES, GRAPH_MEDIA_TYPES } from './result-formats.js';
import { FederatedQueryRunner } from './federated-query.js';
import { GRAPH_STATISTICS_QUERY, graphStatisticsFromJson, serviceDescriptionTurtle, type GraphStatistics } from './service-description.js';
import { graphsChangedByUpdate } from './sparql-update.js';
import { RemoteSparqlStore } from '../store/index.js';
import { RemoteEndpoint } from './remote-endpoint.js';
import { updateTargets } from './update-targets.js';

/** SPARQL 1.1 Protocol §2.1.4: an explicit RDF dataset for one request. */
export interface DatasetRequest {
  defaultGraphs?: string[];
  namedGraphs?: string[];
}

export interface QueryRequest extends DatasetRequest {
  text: string;
  /** Picks the answer's media type among those the query form offers (content negotiation); false when none suits. */
  choose: (offered: readonly string[]) => string | false;
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

type ParsedQuery = Extract<ParsedSparql, { kind: 'query' }>;

/**
 * The SPARQL endpoint's logic (no HTTP): parse and guard with sparqljs, run local queries in the worker
 * pool over a copy of the dataset (refreshed after every change), send queries with SERVICE to
 * allow-listed peers through Comunica, cap rows, apply authorised updates through VocabularyService.
 * With a remote store, guarded queries and updates go to the store's own endpoints instead of the pool.
 */
export class SparqlService {
  private readonly pool: QueryPool | undefined;
  private readonly remote: RemoteEndpoint | undefined;
  /** With a remote store: the graphs this service hosts, which make the union default graph of a query. */
  private hostedGraphs: string[] = [];
  private readonly federation: FederatedQueryRunner;
  private dump = '';
  private refreshing: Promise<void> = Promise.resolve();
  private statistics: Promise<GraphStatistics[]> | undefined;
  private unsubscribe: () => void = () => undefined;
  private readonly generator = new sparqljs.Generator();

  private constructor(
    private readonly vocabularies: VocabularyService,
    readonly config: SparqlConfig,
  ) {
    const backend = vocabularies.backend;
    this.remote = backend instanceof RemoteSparqlStore ? new RemoteEndpoint(backend) : undefined;
    this.pool = this.remote ? undefined : new QueryPool({ size: config.workers, queueLimit: config.queueLimit });
    this.federation = new FederatedQueryRunner(vocabularies.store, config.peers);
  }

  /** Starts the workers on the current dataset and keeps them in step with every later change. */
  static async start(vocabularies: VocabularyService, config: SparqlConfig): Promise<SparqlService> {
    const service = new SparqlService(vocabularies, config);
    service.unsubscribe = vocabularies.onChange(() => void service.refresh());
    await service.refresh();
    return service;
  }

  /** Reloads the workers from the store; resolves when they answer on the new data. */
  refresh(): Promise<void> {
    const next = this.refreshing.then(async () => {
      this.statistics = undefined;
      if (!this.pool) {
        this.hostedGraphs = (await this.vocabularies.store.listGraphs()).map((g) => g.graph);
        return;
      }
      this.dump = this.vocabularies.store.dumpNQuads();
      await this.pool.setData(this.dump);
    });
    this.refreshing = next.catch(() => undefined);
    return next;
  }

  /** Resolves once the workers hold the data of every change made so far (read-your-writes after a write). */
  settled(): Promise<void> {
    return this.refreshing;
  }

  async query(request: QueryRequest): Promise<QueryAnswer> {
    const parsed = parseSparql(request.text);
    if (parsed.kind === 'update') {
      throw new SparqlError('update-forbidden', 'This is a SPARQL Update: the endpoint is read-only; maintainers POST updates as update= or application/sparql-update with a write token');
    }
    this.checkServices(parsed.services);
    const federated = parsed.services.length > 0;
    const offered = federated ? federatedMediaTypes(parsed) : mediaTypesFor(parsed.form);
    const mediaType = request.choose(offered);
    if (!mediaType) throw new SparqlError('not-acceptable', `A ${parsed.form} query can answer ${offered.join(', ')}`);
    const text = parsed.form === 'SELECT' ? cappedQueryText(parsed, this.config.maxRows, (q) => this.generator.stringify(q)) : parsed.text;

    let body: Buffer;
    let served = mediaType;
    if (federated) {
      if (request.defaultGraphs || request.namedGraphs) {
        throw new SparqlError('dataset', 'default-graph-uri and named-graph-uri cannot be combined with SERVICE; name graphs with FROM / GRAPH in the query', {
          parameter: request.defaultGraphs ? 'default-graph-uri' : 'named-graph-uri',
        });
      }
      body = Buffer.from(await this.federation.run({ sparql: text, mediaType, timeoutMs: this.config.timeoutMs }), 'utf8');
    } else if (this.remote) {
      // SPARQL 1.1 Protocol §2.1.4: the union default graph (astrovoc's default) is sent as an explicit dataset.
      const union = !parsed.hasDataset && !request.defaultGraphs && !request.namedGraphs && this.hostedGraphs.length > 0;
      const dataset = union ? { defaultGraphs: this.hostedGraphs, namedGraphs: this.hostedGraphs } : request;
      const answer = await this.remote.query(
        text,
        { accept: mediaType, ...(dataset.defaultGraphs ? { defaultGraphs: dataset.defaultGraphs } : {}), ...(dataset.namedGraphs ? { namedGraphs: dataset.namedGraphs } : {}) },
        this.config.timeoutMs,
      );
      body = answer.body;
      if (offered.includes(answer.mediaType)) served = answer.mediaType;
    } else {
      body = await this.pool!.run(
        {
          sparql: text,
          format: mediaType,
          union: !parsed.hasDataset,
          baseIri: DEFAULT_BASE_IRI,
          ...(request.defaultGraphs ? { defaultGraphs: request.defaultGraphs } : {}),
          ...(request.namedGraphs ? { namedGraphs: request.namedGraphs } : {}),
        },
        this.config.timeoutMs,
      );
    }
    if (parsed.form !== 'SELECT') return { mediaType: served, body, truncated: false, federated };
    const cut = cutSolutions(body, served, this.config.maxRows);
    return { mediaType: served, body: cut.body, truncated: cut.truncated, rows: cut.rows, federated };
  }

  /**
   * Applies a SPARQL Update (the caller has checked the write token): one atomic write of every graph it
   * changes, queued with every other write (VocabularyService), so each update reads what the writes before
   * it left: two INSERTs sent together both land (SPARQL 1.1 Update §3).
   */
  async update(text: string): Promise<{ graphs: string[] }> {
    const parsed = parseSparql(text);
    if (parsed.kind !== 'update') throw new SparqlError('query-rejected', 'This is a query, not an update: send it as query=');
    if (parsed.services.length > 0) throw new SparqlError('service-refused', 'SERVICE is not allowed in an update', { iri: parsed.services[0]! });
    await this.refreshing;
    const targets = updateTargets(parsed.parsed);
    const reserved = targets.graphs.find((g) => this.vocabularies.isOwnGraph(g));
    if (reserved) throw new SparqlError('dataset', `${reserved} is written by astrovoc itself (mapping sets through /api/v1/mappings) and cannot be updated`, { parameter: 'update' });
    if (this.remote) {
      const remote = this.remote;
      const graphs = await this.vocabularies.changeBackend(() => remote.update(text, this.config.timeoutMs), targets.unknown ? undefined : targets.graphs);
      await this.refreshing;
      return { graphs };
    }
    const graphs = await this.vocabularies.modifyGraphs(() => {
      const changed = graphsChangedByUpdate(this.vocabularies.store.dumpNQuads(), text, DEFAULT_BASE_IRI);
      // `GRAPH ?g` updates name no graph up front: what they changed is checked after the fact.
      const touched = [...changed.keys()].find((g) => this.vocabularies.isOwnGraph(g));
      if (touched) throw new SparqlError('dataset', `${touched} is written by astrovoc itself (mapping sets through /api/v1/mappings) and cannot be updated`, { parameter: 'update' });
      return changed;
    });
    await this.refreshing;
    return { graphs };
  }

  /** The SPARQL 1.1 Service Description with VoID statistics per named graph, in Turtle. */
  async serviceDescription(endpoint: string): Promise<string> {
    const json = 'application/sparql-results+json';
    const answer = this.remote
      ? () => this.remote!.query(GRAPH_STATISTICS_QUERY, { accept: json, namedGraphs: this.hostedGraphs }, this.config.timeoutMs).then((a) => a.body)
      : () => this.pool!.run({ sparql: GRAPH_STATISTICS_QUERY, format: json, union: false }, this.config.timeoutMs);
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

  /** Workers and queue, for /health. */
  get load(): { workers: number; busy: number; queued: number } {
    return this.pool ? this.pool.state : { workers: 0, busy: this.remote!.busy, queued: 0 };
  }

  async close(): Promise<void> {
    this.unsubscribe();
    await this.pool?.close();
  }

  /** Safety: the engine never reaches a URL that is not a configured peer; refused before anything runs. */
  private checkServices(services: readonly string[]): void {
    const refused = services.find((iri) => !this.config.peers.includes(iri));
    if (refused) {
      throw new SparqlError('service-refused', `SERVICE <${refused}> is not one of the configured peer endpoints${this.config.peers.length ? ` (${this.config.peers.join(', ')})` : ' (none are configured)'}`, {
        iri: refused,
      });
    }
  }
}

/** Comunica serialises solutions in the four SPARQL formats and graphs in Turtle, N-Triples and JSON-LD. */
function federatedMediaTypes(parsed: ParsedQuery): readonly string[] {
  return parsed.form === 'CONSTRUCT' || parsed.form === 'DESCRIBE' ? GRAPH_MEDIA_TYPES.filter((t) => t !== 'application/rdf+xml') : mediaTypesFor(parsed.form);
}

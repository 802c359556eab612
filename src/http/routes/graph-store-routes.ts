/**
 * SPARQL 1.1 Graph Store HTTP Protocol (indirect graph identification, §4.2) at /rdf-graphs:
 *
 *   GET    /rdf-graphs?graph=IRI   the named graph in Turtle, N-Triples, N-Quads, RDF/XML or JSON-LD (by Accept)
 *   GET    /rdf-graphs?default     the default graph, i.e. the union of all hosted graphs
 *   PUT    /rdf-graphs?graph=IRI   replace the graph with the RDF body (201 new, 204 replaced)
 *   POST   /rdf-graphs?graph=IRI   merge the RDF body into the graph
 *   DELETE /rdf-graphs?graph=IRI   remove the graph
 *
 * Writes need a write token; the operations themselves are the GraphStore service's (src/sparql/graph-store.ts).
 * The default graph is a read-only view.
 */
import express, { type Request, type Router } from 'express';
import { z } from 'zod';
import { IngestError, InputBoundError } from '../../ingest/index.js';
import { RDF_FORMATS, rdfFormatByMediaType } from '../../model/index.js';
import { contentTypeOf, GraphStore, GraphStoreError, SparqlError, type GraphBody, type SparqlService } from '../../sparql/index.js';
import { isSafeIri } from '../../store/index.js';
import type { VocabularyService } from '../../vocab/index.js';
import { requireWriteToken } from '../auth.js';
import { negotiate, rdfOffer } from '../content-negotiation.js';
import { problemResponse, type OpenApiPart } from '../openapi.js';
import { HttpProblem, limitedBody, notFound } from '../problem.js';

export interface GraphStoreRouterOptions {
  vocabularies: VocabularyService;
  sparql: SparqlService;
  writeTokens: readonly string[];
  /** Largest RDF body accepted by PUT/POST. */
  maxBodyBytes?: number;
}

/**
 * The largest RDF body of a PUT or POST. Applying a write costs the main thread time in proportion to its
 * size (the store's merge or move of the graph is one step, ~100 ms per MB on a loaded machine); a 1.9 MB
 * write held /health 443 ms under CI load. A larger graph is sent in parts: a PUT, then POSTs.
 */
export const DEFAULT_MAX_GRAPH_BODY_BYTES = 1024 * 1024;

/** A graph is read in every RDF format; a body holds the triples of one graph, so not N-Quads. */
const GRAPH_OFFERS = RDF_FORMATS.map(rdfOffer);
const BODY_TYPES = RDF_FORMATS.filter((f) => !f.quads).map((f) => f.mediaTypes[0]);

const target = z
  .object({
    graph: z.string().refine(isSafeIri, 'expected an absolute IRI (SPARQL IRIREF: no spaces or <>"{}|^`\\)').optional(),
    default: z.string().optional(),
    format: z.string().optional(),
  })
  .refine((t) => (t.graph === undefined) !== (t.default === undefined), 'give exactly one of graph and default');

type Target = ({ graph: string } | { graph: undefined }) & { format?: string };

export function graphStoreRouter(options: GraphStoreRouterOptions): Router {
  const router = express.Router();
  const graphStore = new GraphStore(options.vocabularies, options.sparql);
  const writeToken = requireWriteToken(options.writeTokens);
  const maxBodyBytes = options.maxBodyBytes ?? DEFAULT_MAX_GRAPH_BODY_BYTES;
  const body = limitedBody(express.text({ type: BODY_TYPES, limit: maxBodyBytes }), maxBodyBytes, 'a graph written through the Graph Store');

  router.get('/rdf-graphs', async (req, res) => {
    const { graph, format } = parseTarget(req);
    const { rdf } = negotiate(
      req,
      res,
      GRAPH_OFFERS.filter((o) => graph !== undefined || !o.rdf.quads),
      format,
    );
    const answer = await graphStore.read(graph, rdf.name).catch(toProblem);
    res.type(contentTypeOf(rdf.mediaTypes[0])).send(answer);
  });

  router.put('/rdf-graphs', writeToken, body, async (req, res) => {
    const { created } = await graphStore.replace(writableGraph(req), graphBody(req)).catch(toProblem);
    res.status(created ? 201 : 204).end();
  });

  router.post('/rdf-graphs', writeToken, body, async (req, res) => {
    const { created } = await graphStore.merge(writableGraph(req), graphBody(req)).catch(toProblem);
    res.status(created ? 201 : 204).end();
  });

  router.delete('/rdf-graphs', writeToken, async (req, res) => {
    await graphStore.delete(writableGraph(req)).catch(toProblem);
    res.status(204).end();
  });

  router.all('/rdf-graphs', (_req, res) => {
    res.set('Allow', 'GET, PUT, POST, DELETE');
    throw new HttpProblem(405, 'Method not allowed', 'The graph store answers GET, PUT, POST and DELETE');
  });

  return router;
}

function parseTarget(req: Request): Target {
  const parsed = target.safeParse(req.query);
  if (!parsed.success)
    throw new HttpProblem(400, 'Bad request parameter', 'graph: give ?graph=<absolute IRI> or ?default (SPARQL 1.1 Graph Store Protocol §4.2)', {
      parameter: 'graph',
    });
  return { graph: parsed.data.graph, ...(parsed.data.format !== undefined ? { format: parsed.data.format } : {}) };
}

function writableGraph(req: Request): string {
  const { graph } = parseTarget(req);
  if (graph === undefined) {
    throw new HttpProblem(405, 'Method not allowed', 'The default graph is the union of the hosted graphs and cannot be written: name a graph with ?graph=', {
      parameter: 'default',
    });
  }
  return graph;
}

/** The body's text and syntax; no syntax when its media type is none the Graph Store reads (then express left the body unread). */
function graphBody(req: Request): GraphBody {
  const type = req.is(BODY_TYPES);
  const text = typeof req.body === 'string' ? req.body : '';
  return { text, format: type && typeof req.body === 'string' ? rdfFormatByMediaType(type)?.name : undefined };
}

/** The Graph Store's errors in the Graph Store's words; reading everything that fails for any reason is a 503. */
function toProblem(error: unknown): never {
  if (error instanceof GraphStoreError) throw graphStoreProblem(error);
  if (error instanceof SparqlError) throw new HttpProblem(503, 'Service unavailable', error.message);
  throw error instanceof IngestError ? rdfBodyProblem(error) : error;
}

function graphStoreProblem(error: GraphStoreError): HttpProblem {
  switch (error.code) {
    case 'not-found':
      return notFound(error.message);
    case 'own-graph':
      return new HttpProblem(
        403,
        'Forbidden',
        `${error.graph} is written by astrovoc itself (mapping sets through /api/v1/mappings), not through the Graph Store`,
        {
          parameter: 'graph',
        },
      );
    case 'unsupported-syntax':
      return new HttpProblem(415, 'Unsupported media type', `Send the graph as ${BODY_TYPES.join(', ')}`);
    case 'named-graph-in-body':
      return new HttpProblem(400, 'Malformed RDF', error.message, { parameter: 'body' });
  }
}

/** A body over a bound is a 413 naming it (400 for a refused shape, whose limit is none); malformed RDF a 400 with its line. */
export function rdfBodyProblem(error: IngestError, title = 'Malformed RDF'): HttpProblem {
  const { line, column } = error.location;
  const where = { parameter: 'body', code: error.code, ...(line !== undefined ? { line } : {}), ...(column !== undefined ? { column } : {}) };
  if (error instanceof InputBoundError) {
    return new HttpProblem(error.limit > 0 ? 413 : 400, error.limit > 0 ? 'Content Too Large' : 'Refused RDF', error.message, {
      ...where,
      bound: error.bound,
      limit: error.limit,
    });
  }
  return new HttpProblem(400, title, error.message, where);
}

const graphParameters = [
  { name: 'graph', in: 'query', schema: { type: 'string' }, description: 'IRI of the named graph (e.g. urn:astrovoc:vocabulary:refframe@2022-02-22)' },
  {
    name: 'default',
    in: 'query',
    schema: { type: 'string' },
    allowEmptyValue: true,
    description: 'The default graph (the union of all hosted graphs; read-only)',
  },
];
const rdfContent = Object.fromEntries(RDF_FORMATS.map((f) => [f.mediaTypes[0], { schema: { type: 'string' } }]));
const writeResponses = {
  '400': problemResponse('Malformed RDF (with line), a refused shape (nested XML entities), or a bad graph parameter'),
  '413': problemResponse('The body is over a bound (size, JSON nesting depth, XML entities, parse time), named with its limit'),
  '401': problemResponse('No write token'),
  '403': problemResponse('The write token is not valid'),
  '405': problemResponse('The default graph is read-only'),
  '415': problemResponse('Unsupported RDF syntax'),
  '503': problemResponse('Too many bodies waiting to be parsed (Retry-After)'),
};
const writeBody = { content: Object.fromEntries(BODY_TYPES.map((t) => [t, { schema: { type: 'string' } }])) };

export const graphStoreOpenApi: OpenApiPart = {
  tags: [{ name: 'Graph Store', description: 'SPARQL 1.1 Graph Store HTTP Protocol (writes need a write token)' }],
  paths: {
    '/rdf-graphs': {
      servers: [{ url: '/' }],
      get: {
        tags: ['Graph Store'],
        summary: 'A named graph, or the default (union) graph',
        parameters: graphParameters,
        responses: {
          '200': { description: 'The graph', content: rdfContent },
          '404': problemResponse('No such graph'),
          '406': problemResponse('No RDF format matches Accept'),
        },
      },
      put: {
        tags: ['Graph Store'],
        summary: 'Replace a named graph',
        parameters: graphParameters,
        requestBody: writeBody,
        responses: { '201': { description: 'Created' }, '204': { description: 'Replaced' }, ...writeResponses },
      },
      post: {
        tags: ['Graph Store'],
        summary: 'Merge triples into a named graph',
        parameters: graphParameters,
        requestBody: writeBody,
        responses: { '201': { description: 'Created' }, '204': { description: 'Merged' }, ...writeResponses },
      },
      delete: {
        tags: ['Graph Store'],
        summary: 'Remove a named graph',
        parameters: graphParameters,
        responses: { '204': { description: 'Removed' }, '404': problemResponse('No such graph'), ...writeResponses },
      },
    },
  },
};

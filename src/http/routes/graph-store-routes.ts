/**
 * SPARQL 1.1 Graph Store HTTP Protocol (indirect graph identification, §4.2) at /rdf-graphs:
 *
 *   GET    /rdf-graphs?graph=IRI   the named graph in Turtle, N-Triples, N-Quads, RDF/XML or JSON-LD (by Accept)
 *   GET    /rdf-graphs?default     the default graph, i.e. the union of all hosted graphs
 *   PUT    /rdf-graphs?graph=IRI   replace the graph with the RDF body (201 new, 204 replaced)
 *   POST   /rdf-graphs?graph=IRI   merge the RDF body into the graph
 *   DELETE /rdf-graphs?graph=IRI   remove the graph
 *
 * Writes need a maintainer of every vocabulary (a token of scope `*`); the operations themselves are the GraphStore service's (src/sparql/graph-store.ts).
 * The default graph is a read-only view.
 */
import express, { type Request } from 'express';
import { z } from 'zod';
import { requireRole } from '../../access/index.js';
import { IngestError, InputBoundError } from '../../ingest/index.js';
import { RDF_FORMATS, rdfFormatByMediaType, rdfMediaType } from '../../model/index.js';
import { contentTypeOf, GraphStore, GraphStoreError, SparqlError, type GraphBody, type SparqlService } from '../../sparql/index.js';
import { isSafeIri } from '../../store/index.js';
import type { VocabularyService } from '../../vocab/index.js';
import { route, type ContentResponse, type RouteGroup } from '../api/api-route.js';
import { negotiate, rdfOffer } from '../content-negotiation.js';
import { HttpProblem, limitedBody, notFound } from '../problem.js';
import { jsonLdSchema } from './sparql-schemas.js';

export interface GraphStoreRouteOptions {
  vocabularies: VocabularyService;
  sparql: SparqlService;
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

/** A missing, doubled or malformed target is answered alike, naming `graph` (SPARQL 1.1 Graph Store Protocol §4.2). */
const TARGET_ERROR = 'give ?graph=<absolute IRI> or ?default (SPARQL 1.1 Graph Store Protocol §4.2)';

const target = z
  .object({
    graph: z
      .string({ error: TARGET_ERROR })
      .refine(isSafeIri, TARGET_ERROR)
      .optional()
      .describe('IRI of the named graph (an absolute IRI, SPARQL IRIREF: no spaces or <>"{}|^`\\), e.g. urn:astrovoc:vocabulary:refframe@2022-02-22'),
    default: z
      .string({ error: TARGET_ERROR })
      .optional()
      .describe('The default graph (the union of all hosted graphs; read-only); give it without a value: ?default'),
    format: z.string({ error: 'expected a single format' }).optional().describe('Overrides Accept: an RDF format by name (ttl, nt, nq, rdfxml, jsonld)'),
  })
  .refine((t) => (t.graph === undefined) !== (t.default === undefined), { error: TARGET_ERROR, path: ['graph'] });

const graphBody = {
  description: 'The triples of the graph',
  mediaTypes: BODY_TYPES,
  schema: z.string(),
};

const writeProblems = {
  400: 'Malformed RDF (with line), a refused shape (nested XML entities), a named graph in the body, or a bad graph parameter',
  405: 'The default graph is read-only',
  413: 'The body is over a bound (size, JSON nesting depth, XML entities, parse time), named with its limit',
  415: 'Unsupported RDF syntax',
  503: 'Too many bodies waiting to be parsed (Retry-After)',
} as const;

const EVERY_VOCABULARY = 'Needs a maintainer of every vocabulary (a token of scope `*`).';
const FORBIDDEN = 'The token is not valid or not of a maintainer of every vocabulary, or the graph is written by astrovoc itself (a mapping set)';

const written = (done: string): Readonly<Record<number, ContentResponse>> => ({
  201: { description: 'Created: the graph held no triples' },
  204: { description: done },
});

/** SPARQL 1.1 Graph Store HTTP Protocol at /rdf-graphs; the operations are the GraphStore service's. */
export function graphStoreRoutes(options: GraphStoreRouteOptions): RouteGroup {
  const graphStore = new GraphStore(options.vocabularies, options.sparql);
  const maxBodyBytes = options.maxBodyBytes ?? DEFAULT_MAX_GRAPH_BODY_BYTES;
  const body = {
    ...graphBody,
    reader: limitedBody(express.text({ type: BODY_TYPES, limit: maxBodyBytes }), maxBodyBytes, 'a graph written through the Graph Store'),
  };
  const common = { path: '/rdf-graphs', base: 'root', tag: 'graph-store', query: target } as const;

  return {
    tags: [{ name: 'graph-store', description: 'SPARQL 1.1 Graph Store HTTP Protocol (writes need a write token)' }],
    routes: [
      route({
        ...common,
        method: 'get',
        operationId: 'getGraph',
        summary: 'A named graph, or the default (union) graph',
        responses: {
          200: {
            description: 'The graph, in the RDF format Accept or `format` asks for (N-Quads only for a named graph)',
            content: Object.fromEntries(RDF_FORMATS.map((f) => [f.mediaTypes[0], f.mediaTypes[0] === rdfMediaType('jsonld') ? jsonLdSchema : undefined])),
          },
          404: 'No such graph',
          406: 'No RDF format matches Accept or `format`',
          503: 'The store could not be read',
        },
        handler: async ({ query: { graph, format }, req, res }) => {
          const { rdf } = negotiate(
            req,
            res,
            GRAPH_OFFERS.filter((o) => graph !== undefined || !o.rdf.quads),
            format,
          );
          const answer = await graphStore.read(graph, rdf.name).catch(toProblem);
          res.type(contentTypeOf(rdf.mediaTypes[0])).send(answer);
        },
      }),
      route({
        ...common,
        method: 'put',
        operationId: 'replaceGraph',
        summary: 'Replace a named graph',
        write: 'maintainer',
        description: EVERY_VOCABULARY,
        body,
        responses: {
          ...written('Replaced'),
          ...writeProblems,
          403: FORBIDDEN,
        },
        handler: async ({ query, req, res, principal }) => {
          requireRole(principal, 'maintainer', '*');
          const { created } = await graphStore.replace(writableGraph(query.graph), bodyOf(req)).catch(toProblem);
          res.status(created ? 201 : 204).end();
        },
      }),
      route({
        ...common,
        method: 'post',
        operationId: 'mergeIntoGraph',
        summary: 'Merge triples into a named graph',
        write: 'maintainer',
        description: EVERY_VOCABULARY,
        body,
        responses: { ...written('Merged'), ...writeProblems, 403: FORBIDDEN },
        handler: async ({ query, req, res, principal }) => {
          requireRole(principal, 'maintainer', '*');
          const { created } = await graphStore.merge(writableGraph(query.graph), bodyOf(req)).catch(toProblem);
          res.status(created ? 201 : 204).end();
        },
      }),
      route({
        ...common,
        method: 'delete',
        operationId: 'deleteGraph',
        summary: 'Remove a named graph',
        write: 'maintainer',
        description: EVERY_VOCABULARY,
        responses: {
          204: { description: 'Removed' },
          403: FORBIDDEN,
          404: 'No such graph',
          405: writeProblems[405],
        },
        handler: async ({ query, res, principal }) => {
          requireRole(principal, 'maintainer', '*');
          await graphStore.delete(writableGraph(query.graph)).catch(toProblem);
          res.status(204).end();
        },
      }),
    ],
  };
}

function writableGraph(graph: string | undefined): string {
  if (graph === undefined) {
    throw new HttpProblem(405, 'Method not allowed', 'The default graph is the union of the hosted graphs and cannot be written: name a graph with ?graph=', {
      parameter: 'default',
    });
  }
  return graph;
}

/** The body's text and syntax; no syntax when its media type is none the Graph Store reads (then express left the body unread). */
function bodyOf(req: Request): GraphBody {
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
    case 'hosted-vocabulary':
      return new HttpProblem(403, 'Forbidden', error.message, { parameter: 'graph' });
    case 'unsupported-syntax':
      return new HttpProblem(415, 'Unsupported media type', `Send the graph as ${BODY_TYPES.join(', ')}`);
    case 'named-graph-in-body':
      return new HttpProblem(400, 'Malformed RDF', error.message, { parameter: 'body' });
  }
}

/** A body over a bound is a 413 naming it (400 for a refused shape, whose limit is none); malformed RDF a 400 with its line. */
function rdfBodyProblem(error: IngestError, title = 'Malformed RDF'): HttpProblem {
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

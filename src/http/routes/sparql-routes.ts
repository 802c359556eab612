/**
 * The SPARQL 1.1 Protocol endpoint (mounted at the root):
 *
 *   GET  /sparql?query=...                      a query (§2.1.1)
 *   POST /sparql  application/x-www-form-urlencoded  query=... or update=... (§2.1.2, §2.2.1)
 *   POST /sparql  application/sparql-query | application/sparql-update  (§2.1.3, §2.2.2)
 *   GET  /sparql  (no query)  text/turtle → Service Description with VoID; text/html → the query page
 *
 * default-graph-uri / named-graph-uri (repeatable) give an explicit dataset; without them the default
 * graph is the union of every hosted named graph. `format` (json, xml, csv, tsv, ttl, nt, jsonld, rdfxml)
 * overrides Accept, for links and the HTML form.
 */
import express, { type Request, type Response, type Router } from 'express';
import { z } from 'zod';
import type { PageRenderer } from '../../render/index.js';
import { contentTypeOf, SPARQL_EXAMPLES, SparqlError, type QueryAnswer, type SparqlService } from '../../sparql/index.js';
import { requireWriteToken, writeTokenCheck } from '../auth.js';
import type { OpenApiPart } from '../openapi.js';
import { problemResponse } from '../openapi.js';
import { HttpProblem } from '../problem.js';

export interface SparqlRouterOptions {
  sparql: SparqlService;
  pages: PageRenderer;
  writeTokens: readonly string[];
}

const FORMAT_ALIASES: Readonly<Record<string, string>> = {
  json: 'application/sparql-results+json',
  xml: 'application/sparql-results+xml',
  csv: 'text/csv',
  tsv: 'text/tab-separated-values',
  ttl: 'text/turtle',
  turtle: 'text/turtle',
  nt: 'application/n-triples',
  jsonld: 'application/ld+json',
  rdfxml: 'application/rdf+xml',
};

const oneOrMany = z.union([z.string(), z.array(z.string())]).transform((v) => (Array.isArray(v) ? v : [v]));
const iriList = oneOrMany.pipe(z.array(z.string().regex(/^[a-zA-Z][a-zA-Z0-9+.-]*:\S*$/, 'expected absolute IRIs')));

const protocolParameters = z.object({
  query: z.string({ error: 'expected a single query' }).optional(),
  update: z.string({ error: 'expected a single update' }).optional(),
  'default-graph-uri': iriList.optional(),
  'named-graph-uri': iriList.optional(),
  'using-graph-uri': iriList.optional(),
  'using-named-graph-uri': iriList.optional(),
  format: z.string().optional(),
});
type ProtocolParameters = z.infer<typeof protocolParameters>;

export function sparqlRouter(options: SparqlRouterOptions): Router {
  const router = express.Router();
  const checkToken = requireWriteToken(options.writeTokens);
  // Public requests get 1 MB bodies; a maintainer's (valid write token) may send a whole load as one update.
  const isWriter = writeTokenCheck(options.writeTokens);
  const bySender = (limit: { public: string; writer: string }, parser: (limit: string) => express.RequestHandler): express.RequestHandler => {
    const forPublic = parser(limit.public);
    const forWriter = parser(limit.writer);
    return (req, res, next) => (isWriter(req.get('authorization')) === 'valid' ? forWriter : forPublic)(req, res, next);
  };
  const limits = { public: '1mb', writer: '64mb' };
  const sparqlBody = bySender(limits, (limit) => express.text({ type: ['application/sparql-query', 'application/sparql-update'], limit }));
  const formBody = bySender(limits, (limit) => express.urlencoded({ extended: false, limit, parameterLimit: 1000 }));

  router.get('/sparql', async (req, res) => {
    const params = parseParameters(req.query);
    if (params.update !== undefined)
      throw new HttpProblem(405, 'Method not allowed', 'SPARQL 1.1 Protocol §2.2: an update is sent with POST', { parameter: 'update' });
    if (params.query === undefined) return describe(req, res, options);
    if (params.query === '') throw new HttpProblem(400, 'Bad request parameter', 'query: the SPARQL query is empty', { parameter: 'query' });
    await answerQuery(req, res, options.sparql, params.query, params);
  });

  router.post('/sparql', sparqlBody, formBody, async (req, res) => {
    const type = req.is(['application/sparql-query', 'application/sparql-update', 'application/x-www-form-urlencoded']);
    if (!type) {
      throw new HttpProblem(
        415,
        'Unsupported media type',
        'POST a query as application/sparql-query or application/x-www-form-urlencoded (query=), an update as application/sparql-update or update=',
      );
    }
    // §2.1.2 / §2.2.1: a form POST carries every parameter in the body; a direct POST carries them in the URL.
    const params = parseParameters(type === 'application/x-www-form-urlencoded' ? req.body : req.query);
    const isDirect = type !== 'application/x-www-form-urlencoded';
    const query = isDirect ? (type === 'application/sparql-query' ? (req.body as string) : undefined) : params.query;
    const update = isDirect ? (type === 'application/sparql-update' ? (req.body as string) : undefined) : params.update;
    if (query !== undefined && update !== undefined)
      throw new HttpProblem(400, 'Bad request parameter', 'send either query or update, not both', { parameter: 'update' });
    const using = params['using-graph-uri'] ? 'using-graph-uri' : params['using-named-graph-uri'] ? 'using-named-graph-uri' : undefined;
    if (using)
      throw new HttpProblem(400, 'Bad request parameter', `${using}: not supported; name the graphs with USING / WITH in the update`, { parameter: using });
    if (update !== undefined) return runUpdate(req, res, options, checkToken, update);
    if (query === undefined || query === '') throw new HttpProblem(400, 'Bad request parameter', 'query: the SPARQL query is required', { parameter: 'query' });
    await answerQuery(req, res, options.sparql, query, params);
  });

  router.all('/sparql', (_req, res) => {
    res.set('Allow', 'GET, POST');
    throw new HttpProblem(405, 'Method not allowed', 'The SPARQL endpoint answers GET and POST');
  });

  return router;
}

function parseParameters(input: unknown): ProtocolParameters {
  const parsed = protocolParameters.safeParse(input ?? {});
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const parameter = String(issue.path[0] ?? 'query');
    throw new HttpProblem(400, 'Bad request parameter', `${parameter}: ${issue.message}`, { parameter });
  }
  return parsed.data;
}

async function answerQuery(req: Request, res: Response, sparql: SparqlService, text: string, params: ProtocolParameters): Promise<void> {
  const forced = params.format === undefined ? undefined : (FORMAT_ALIASES[params.format] ?? params.format);
  let answer: QueryAnswer;
  try {
    answer = await sparql.query({
      text,
      ...(params['default-graph-uri'] ? { defaultGraphs: params['default-graph-uri'] } : {}),
      ...(params['named-graph-uri'] ? { namedGraphs: params['named-graph-uri'] } : {}),
      choose: (offered) => (forced ? (offered.includes(forced) ? forced : false) : req.accepts([...offered])),
      client: req.ip ?? req.socket.remoteAddress ?? 'unknown',
    });
  } catch (error) {
    throw toProblem(error, res, forced ? 'format' : undefined);
  }
  res.status(200).set('Content-Type', contentTypeOf(answer.mediaType)).vary('Accept');
  if (answer.rows !== undefined) {
    res.set('Astrovoc-Row-Limit', String(sparql.config.maxRows));
    if (answer.truncated) res.set('Astrovoc-Truncated', 'true');
  }
  res.send(answer.body);
}

async function runUpdate(req: Request, res: Response, options: SparqlRouterOptions, checkToken: express.RequestHandler, text: string): Promise<void> {
  const refusal = await new Promise<unknown>((resolve) => checkToken(req, res, resolve));
  if (refusal) throw new HttpProblem(403, 'Forbidden', 'The endpoint is read-only: SPARQL Update needs Authorization: Bearer <write token>');
  try {
    const { graphs } = await options.sparql.update(text);
    res.status(200).json({ changedGraphs: graphs });
  } catch (error) {
    throw toProblem(error, res, 'update');
  }
}

async function describe(req: Request, res: Response, options: SparqlRouterOptions): Promise<void> {
  const type = req.accepts(['text/turtle', 'text/html']);
  res.vary('Accept');
  if (type === 'text/html') {
    res.type('html').send(
      options.pages.render('sparql', {
        title: 'SPARQL',
        endpoint: '/sparql',
        examples: SPARQL_EXAMPLES.map((e) => ({ ...e, href: `/sparql?query=${encodeURIComponent(e.query)}` })),
        maxRows: options.sparql.config.maxRows,
        timeoutSeconds: options.sparql.config.timeoutMs / 1000,
        peers: options.sparql.config.peers,
      }),
    );
    return;
  }
  if (type !== 'text/turtle')
    throw new HttpProblem(406, 'Not acceptable', 'GET /sparql without a query answers text/turtle (the service description) or text/html (the query page)');
  const endpoint = `${req.protocol}://${hostOf(req)}${req.baseUrl}/sparql`;
  try {
    res.type('text/turtle; charset=utf-8').send(await options.sparql.serviceDescription(endpoint));
  } catch (error) {
    throw toProblem(error, res);
  }
}

/** RFC 3986 §3.2.2 host (a name, IPv4 or a bracketed IPv6) and port; the Host header is request text, so anything else gives localhost. */
const HOST = /^(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*|\[[0-9A-Fa-f:.]+\])(?::\d{1,5})?$/;

function hostOf(req: Request): string {
  const host = req.get('host');
  return host !== undefined && host.length <= 255 && HOST.test(host) ? host : 'localhost';
}

/** SparqlError → problem details; 503s and 429s carry Retry-After. */
function toProblem(error: unknown, res: Response, formatParameter?: string): unknown {
  if (!(error instanceof SparqlError)) return error;
  const { line, column, iri, parameter, retryAfter, bound, limit } = error.details;
  const where = { ...(line !== undefined ? { line } : {}), ...(column !== undefined ? { column } : {}) };
  switch (error.code) {
    case 'syntax':
      return new HttpProblem(400, 'Malformed query', error.message, { parameter: parameter ?? 'query', ...where });
    case 'service-refused':
      return new HttpProblem(400, 'SERVICE not allowed', error.message, { parameter: 'query', service: iri });
    case 'dataset':
    case 'query-rejected':
      return new HttpProblem(400, 'Query rejected', error.message, { parameter: parameter ?? 'query' });
    case 'query-bound':
      return new HttpProblem(400, 'Over a bound', error.message, { parameter: parameter ?? 'query', bound, limit });
    case 'update-bound':
      return new HttpProblem(413, 'Update too large', error.message, { parameter: parameter ?? 'update', bound, limit });
    case 'client-busy':
      res.set('Retry-After', String(retryAfter ?? 1));
      return new HttpProblem(429, 'Too many queries from this client', error.message, { bound, limit });
    case 'update-forbidden':
      return new HttpProblem(
        403,
        'Forbidden',
        `${error.message}: the endpoint is read-only; maintainers POST updates as update= or application/sparql-update with a write token`,
      );
    case 'update-not-allowed-here':
      return new HttpProblem(400, 'Bad request parameter', error.message, { parameter: 'query' });
    case 'not-acceptable':
      return new HttpProblem(406, 'Not acceptable', error.message, formatParameter ? { parameter: formatParameter } : {});
    case 'timeout':
    case 'busy':
    case 'engine':
      res.set('Retry-After', String(retryAfter ?? 1));
      return new HttpProblem(503, error.code === 'timeout' ? 'Query time limit reached' : 'Service unavailable', error.message);
  }
}

const sparqlParameters = [
  {
    name: 'query',
    in: 'query',
    schema: { type: 'string' },
    description: 'A SPARQL 1.1 query. Without it, GET answers the service description (text/turtle) or the query page (text/html).',
  },
  {
    name: 'default-graph-uri',
    in: 'query',
    schema: { type: 'array', items: { type: 'string' } },
    style: 'form',
    explode: true,
    description: 'Graphs whose merge is the default graph (default: the union of all hosted graphs).',
  },
  {
    name: 'named-graph-uri',
    in: 'query',
    schema: { type: 'array', items: { type: 'string' } },
    style: 'form',
    explode: true,
    description: 'Named graphs of the dataset (default: all hosted graphs).',
  },
  { name: 'format', in: 'query', schema: { type: 'string', enum: Object.keys(FORMAT_ALIASES) }, description: 'Overrides Accept.' },
];

const resultContent = Object.fromEntries(
  [
    'application/sparql-results+json',
    'application/sparql-results+xml',
    'text/csv',
    'text/tab-separated-values',
    'text/turtle',
    'application/n-triples',
    'application/ld+json',
    'application/rdf+xml',
  ].map((t) => [t, { schema: { type: 'string' } }]),
);

const sparqlResponses = {
  '200': {
    description: 'Query results. A SELECT answer past the row cap is cut and flagged with `Astrovoc-Truncated: true` (the cap is in `Astrovoc-Row-Limit`).',
    content: resultContent,
  },
  '400': problemResponse(
    'Malformed query (with line and column), a SERVICE outside the peer allow-list (named in `service`), a query over a bound (length, nesting depth, answer size: named in `bound` and `limit`), or a bad parameter',
  ),
  '403': problemResponse('SPARQL Update without a valid write token'),
  '406': problemResponse('No result format of this query form matches Accept'),
  '413': problemResponse('A SPARQL Update that would add more quads than its bound (named in `bound` and `limit`)'),
  '429': problemResponse('This client already holds its share of the query workers and queue (see Retry-After)'),
  '503': problemResponse('The query ran over the time limit, or the query queue is full (see Retry-After)'),
};

/** OpenAPI for /sparql; it sits outside /api/v1, hence the path-level server. */
export const sparqlOpenApi: OpenApiPart = {
  tags: [{ name: 'SPARQL', description: 'SPARQL 1.1 Protocol endpoint (read-only; updates need a write token)' }],
  paths: {
    '/sparql': {
      servers: [{ url: '/' }],
      get: { tags: ['SPARQL'], summary: 'Run a query, or get the service description / query page', parameters: sparqlParameters, responses: sparqlResponses },
      post: {
        tags: ['SPARQL'],
        summary: 'Run a query or (with a write token) an update',
        parameters: sparqlParameters.filter((p) => p.name !== 'query'),
        requestBody: {
          content: {
            'application/sparql-query': { schema: { type: 'string' } },
            'application/sparql-update': { schema: { type: 'string' } },
            'application/x-www-form-urlencoded': {
              schema: {
                type: 'object',
                properties: {
                  query: { type: 'string' },
                  update: { type: 'string' },
                  'default-graph-uri': { type: 'array', items: { type: 'string' } },
                  'named-graph-uri': { type: 'array', items: { type: 'string' } },
                },
              },
            },
          },
        },
        responses: { ...sparqlResponses, '415': problemResponse('Unsupported request body type') },
      },
    },
  },
};

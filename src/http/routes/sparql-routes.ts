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
import { rdfFormat, rdfFormatByMediaType, rdfMediaType, SPARQL_RESULT_FORMATS } from '../../model/index.js';
import {
  contentTypeOf,
  GRAPH_MEDIA_TYPES,
  SOLUTION_MEDIA_TYPES,
  SPARQL_EXAMPLES,
  SparqlError,
  type QueryAnswer,
  type SparqlService,
} from '../../sparql/index.js';
import { requireWriteToken, writeTokenCheck } from '../auth.js';
import type { OpenApiPart } from '../openapi.js';
import { problemResponse } from '../openapi.js';
import { choose, HTML, negotiate, rdfOffer, type Offer } from '../content-negotiation.js';
import { HttpProblem } from '../problem.js';

export interface SparqlRouterOptions {
  sparql: SparqlService;
  pages: PageRenderer;
  writeTokens: readonly string[];
}

const RESULT_NAMES: readonly string[] = SPARQL_RESULT_FORMATS.map((f) => f.name);

/**
 * A result media type as an offer: `format` takes the type itself, a result format's name (json, xml, csv,
 * tsv), or an RDF format's name or alias other than those (`xml` means SPARQL results, not RDF/XML).
 */
function resultOffer(mediaType: string): Offer {
  const result = SPARQL_RESULT_FORMATS.find((f) => f.mediaType === mediaType);
  const rdf = rdfFormatByMediaType(mediaType);
  const names = result ? [result.name] : rdf ? [rdf.name, ...rdf.aliases].filter((n) => !RESULT_NAMES.includes(n)) : [];
  return { mediaTypes: [mediaType], names: [mediaType, ...names] };
}

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
    if (params.query === undefined) return describe(req, res, options, params.format);
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
  const format = params.format || undefined;
  let answer: QueryAnswer;
  try {
    answer = await sparql.query({
      text,
      ...(params['default-graph-uri'] ? { defaultGraphs: params['default-graph-uri'] } : {}),
      ...(params['named-graph-uri'] ? { namedGraphs: params['named-graph-uri'] } : {}),
      choose: (offered) => choose(req, offered.map(resultOffer), format)?.mediaTypes[0] ?? false,
      client: req.ip ?? req.socket.remoteAddress ?? 'unknown',
    });
  } catch (error) {
    // The table's 406 names no parameter; a `format` the query form cannot give is that parameter's fault.
    if (format !== undefined && error instanceof SparqlError && error.code === 'not-acceptable')
      throw new HttpProblem(406, 'Not acceptable', error.message, { parameter: 'format' });
    if (error instanceof SparqlError && error.code === 'update-forbidden')
      throw new HttpProblem(
        403,
        'Forbidden',
        `${error.message}: the endpoint is read-only; maintainers POST updates as update= or application/sparql-update with a write token`,
      );
    throw error;
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
  const { graphs } = await options.sparql.update(text);
  res.status(200).json({ changedGraphs: graphs });
}

async function describe(req: Request, res: Response, options: SparqlRouterOptions, format: string | undefined): Promise<void> {
  const answer = negotiate(req, res, [rdfOffer(rdfFormat('ttl')), HTML], format);
  if (answer === HTML) {
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
  const endpoint = `${req.protocol}://${hostOf(req)}${req.baseUrl}/sparql`;
  res.type(contentTypeOf(rdfMediaType('ttl'))).send(await options.sparql.serviceDescription(endpoint));
}

/** RFC 3986 §3.2.2 host (a name, IPv4 or a bracketed IPv6) and port; the Host header is request text, so anything else gives localhost. */
const HOST = /^(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*|\[[0-9A-Fa-f:.]+\])(?::\d{1,5})?$/;

function hostOf(req: Request): string {
  const host = req.get('host');
  return host !== undefined && host.length <= 255 && HOST.test(host) ? host : 'localhost';
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
  {
    name: 'format',
    in: 'query',
    schema: { type: 'string', enum: [...new Set([...SOLUTION_MEDIA_TYPES, ...GRAPH_MEDIA_TYPES].flatMap((t) => resultOffer(t).names.slice(1)))] },
    description: 'Overrides Accept: a result format by name (or by media type).',
  },
];

const resultContent = Object.fromEntries([...SOLUTION_MEDIA_TYPES, ...GRAPH_MEDIA_TYPES].map((t) => [t, { schema: { type: 'string' } }]));

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

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
import express, { type Request, type RequestHandler, type Response } from 'express';
import { z } from 'zod';
import { can, requireRole, type TokenRegistry } from '../../access/index.js';
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
import { route, type RouteGroup } from '../api/api-route.js';
import { parsePart } from '../api/mount-routes.js';
import { credentialOf, refusal } from '../auth.js';
import { choose, HTML, negotiate, rdfOffer, type Offer } from '../content-negotiation.js';
import { HttpProblem } from '../problem.js';
import { jsonLdSchema, sparqlResultsSchema } from './sparql-schemas.js';

export interface SparqlRouteOptions {
  sparql: SparqlService;
  pages: PageRenderer;
  /** The tokens that may write; SPARQL Update needs a maintainer of every vocabulary. */
  tokens: TokenRegistry;
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

const RESULT_MEDIA_TYPES = [...SOLUTION_MEDIA_TYPES, ...GRAPH_MEDIA_TYPES];
const FORMAT_NAMES = [...new Set(RESULT_MEDIA_TYPES.flatMap((t) => resultOffer(t).names.slice(1)))];

const ABSOLUTE_IRI = /^[a-zA-Z][a-zA-Z0-9+.-]*:\S*$/;
const iriList = z
  .union([z.string(), z.array(z.string())])
  .transform((v) => (Array.isArray(v) ? v : [v]))
  .refine((iris) => iris.every((iri) => ABSOLUTE_IRI.test(iri)), 'expected absolute IRIs');

const datasetParameters = z.object({
  'default-graph-uri': iriList.optional().describe('Graphs whose merge is the default graph (repeatable; default: the union of all hosted graphs)'),
  'named-graph-uri': iriList.optional().describe('Named graphs of the dataset (repeatable; default: all hosted graphs)'),
  format: z
    .string()
    .optional()
    .describe(`Overrides Accept: a result format by name (${FORMAT_NAMES.join(', ')}) or by media type`),
});

const getParameters = datasetParameters.extend({
  query: z
    .string({ error: 'expected a single query' })
    .optional()
    .describe('A SPARQL 1.1 query. Without it, the answer is the service description (text/turtle) or the query page (text/html)'),
  update: z.string({ error: 'expected a single update' }).optional().describe('Refused here (405): an update is sent with POST (SPARQL 1.1 Protocol §2.2)'),
});

/** A direct POST (§2.1.3, §2.2.2) carries its parameters in the URL. */
const postUrlParameters = datasetParameters.extend({
  'using-graph-uri': iriList.optional().describe('Not supported (400): name the graphs with USING / WITH in the update'),
  'using-named-graph-uri': iriList.optional().describe('Not supported (400): name the graphs with USING NAMED in the update'),
});

/** A form POST (§2.1.2, §2.2.1) carries every parameter in its body. */
const formParameters = postUrlParameters.extend({
  query: z.string({ error: 'expected a single query' }).optional().describe('A SPARQL 1.1 query'),
  update: z.string({ error: 'expected a single update' }).optional().describe('A SPARQL 1.1 update (needs a write token)'),
});

type ProtocolParameters = z.output<typeof formParameters>;

const FORM = 'application/x-www-form-urlencoded';
const DIRECT_QUERY = 'application/sparql-query';
const DIRECT_UPDATE = 'application/sparql-update';
/** Public requests get 1 MB bodies; a maintainer of every vocabulary may send a whole load as one update. */
const BODY_LIMITS = { public: '1mb', writer: '64mb' };

/** Reads a direct or form body, within the sender's limit. */
function protocolBodyReader(tokens: TokenRegistry): RequestHandler {
  const reader = (limit: string): RequestHandler => {
    const direct = express.text({ type: [DIRECT_QUERY, DIRECT_UPDATE], limit });
    const form = express.urlencoded({ extended: false, limit, parameterLimit: 1000 });
    return (req, res, next) => direct(req, res, (error?: unknown) => (error ? next(error) : form(req, res, next)));
  };
  const forPublic = reader(BODY_LIMITS.public);
  const forWriter = reader(BODY_LIMITS.writer);
  return (req, res, next) => {
    if (req.get('authorization') === undefined) return forPublic(req, res, next);
    credentialOf(tokens, req, res).then(
      (credential) => ('principal' in credential && can(credential.principal, 'maintainer', '*') ? forWriter : forPublic)(req, res, next),
      (error: unknown) => next(error),
    );
  };
}

const queryAnswer = {
  description:
    'Query results, negotiated by Accept or `format`: solutions (SELECT) and booleans (ASK) as SPARQL results, graphs (CONSTRUCT, DESCRIBE) as RDF. ' +
    'A SELECT answer past the row cap is cut and flagged with `Astrovoc-Truncated: true`.',
  content: Object.fromEntries(
    RESULT_MEDIA_TYPES.map((type) => [
      type,
      type === 'application/sparql-results+json' ? sparqlResultsSchema : type === rdfMediaType('jsonld') ? jsonLdSchema : undefined,
    ]),
  ),
  headers: {
    'Astrovoc-Row-Limit': 'The row cap of a SELECT answer',
    'Astrovoc-Truncated': '`true` when a SELECT answer was cut at the row cap',
  },
};

const queryProblems = {
  400: 'Malformed query (with line and column), a SERVICE outside the peer allow-list (named in `service`), a query over a bound (length, nesting depth, answer size: named in `bound` and `limit`), or a bad parameter',
  403: 'An update sent as a query',
  406: 'No result format of this query form matches Accept or `format`',
  429: 'This client already holds its share of the query workers and queue (see Retry-After)',
  503: 'The query ran over the time limit, or the query queue is full (see Retry-After)',
} as const;

/** GET and POST /sparql. */
export function sparqlRoutes(options: SparqlRouteOptions): RouteGroup {
  const { sparql, tokens } = options;

  const get = route({
    method: 'get',
    path: '/sparql',
    base: 'root',
    operationId: 'sparqlQuery',
    summary: 'Run a query, or get the service description or the query page',
    tag: 'sparql',
    query: getParameters,
    responses: {
      200: {
        ...queryAnswer,
        content: { ...queryAnswer.content, 'text/html': undefined },
        description: `${queryAnswer.description} Without a query: the service description with VoID (text/turtle) or the query page (text/html).`,
      },
      ...queryProblems,
      405: 'An update sent with GET (SPARQL 1.1 Protocol §2.2: updates are POSTed)',
    },
    handler: async ({ query: params, req, res }) => {
      if (params.update !== undefined)
        throw new HttpProblem(405, 'Method not allowed', 'SPARQL 1.1 Protocol §2.2: an update is sent with POST', { parameter: 'update' });
      if (params.query === undefined) return describe(req, res, options, params.format);
      if (params.query === '') throw new HttpProblem(400, 'Bad request parameter', 'query: the SPARQL query is empty', { parameter: 'query' });
      await answerQuery(req, res, sparql, params.query, params);
    },
  });

  const post = route({
    method: 'post',
    path: '/sparql',
    base: 'root',
    operationId: 'sparqlQueryOrUpdate',
    summary: 'Run a query, or (with a write token) an update',
    description:
      'A query is public. An update needs `Authorization: Bearer <token>` of a maintainer of every vocabulary (scope `*`), checked here rather than before the body is read, ' +
      'since the same operation answers queries without one; it answers the graphs it changed.',
    tag: 'sparql',
    query: postUrlParameters,
    body: {
      description: `The query or update text (${DIRECT_QUERY}, ${DIRECT_UPDATE}), or the protocol's parameters as a form (${FORM})`,
      mediaTypes: [DIRECT_QUERY, DIRECT_UPDATE, FORM],
      schema: z.string(),
      schemaOf: { [FORM]: formParameters },
      reader: protocolBodyReader(tokens),
    },
    responses: {
      200: {
        ...queryAnswer,
        content: { ...queryAnswer.content, 'application/json': z.object({ changedGraphs: z.array(z.string()) }) },
        description: `${queryAnswer.description} An update answers the graphs it changed (application/json).`,
      },
      ...queryProblems,
      401: 'An update without a write token',
      403: 'An update with a token that is not valid or not of a maintainer of every vocabulary, or an update sent as a query',
      413: 'A body over its limit, or a SPARQL Update that would add more quads than its bound (named in `bound` and `limit`)',
      415: 'A body of another media type',
    },
    handler: async ({ query: urlParameters, req, res }) => {
      const type = req.is([DIRECT_QUERY, DIRECT_UPDATE, FORM]);
      if (!type) {
        throw new HttpProblem(
          415,
          'Unsupported media type',
          'POST a query as application/sparql-query or application/x-www-form-urlencoded (query=), an update as application/sparql-update or update=',
        );
      }
      const isForm = type === FORM;
      const params: ProtocolParameters = isForm ? parsePart(formParameters, req.body ?? {}, 'body') : urlParameters;
      const query = isForm ? params.query : type === DIRECT_QUERY ? (req.body as string) : undefined;
      const update = isForm ? params.update : type === DIRECT_UPDATE ? (req.body as string) : undefined;
      if (query !== undefined && update !== undefined)
        throw new HttpProblem(400, 'Bad request parameter', 'send either query or update, not both', { parameter: 'update' });
      const using = params['using-graph-uri'] ? 'using-graph-uri' : params['using-named-graph-uri'] ? 'using-named-graph-uri' : undefined;
      if (using)
        throw new HttpProblem(400, 'Bad request parameter', `${using}: not supported; name the graphs with USING / WITH in the update`, { parameter: using });
      if (update !== undefined) {
        const credential = await credentialOf(tokens, req, res);
        if ('refused' in credential) throw refusal(credential.refused, 'maintainer');
        requireRole(credential.principal, 'maintainer', '*');
        const { graphs } = await sparql.update(update);
        return { changedGraphs: graphs };
      }
      if (query === undefined || query === '')
        throw new HttpProblem(400, 'Bad request parameter', 'query: the SPARQL query is required', { parameter: 'query' });
      await answerQuery(req, res, sparql, query, params);
    },
  });

  return { tags: [{ name: 'sparql', description: 'SPARQL 1.1 Protocol endpoint (read-only; updates need a write token)' }], routes: [get, post] };
}

type DatasetParameters = z.output<typeof datasetParameters>;

async function answerQuery(req: Request, res: Response, sparql: SparqlService, text: string, params: DatasetParameters): Promise<void> {
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

async function describe(req: Request, res: Response, options: SparqlRouteOptions, format: string | undefined): Promise<void> {
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

import { resolve } from 'node:path';
import express, { type Express } from 'express';
import type { CurationService, ProposalService } from '../curation/index.js';
import { TokenRegistry } from '../access/index.js';
import type { MappingService } from '../mapping/index.js';
import { PageRenderer } from '../render/index.js';
import type { SparqlService } from '../sparql/index.js';
import { HostedUcd } from '../ucd/index.js';
import { createLookup, type Lookup, type VocabularyService } from '../vocab/index.js';
import type { RouteGroup } from './api/api-route.js';
import { apiRouter } from './api/mount-routes.js';
import { openApiDocument, type OpenApiDocument } from './api/openapi-document.js';
import type { HealthPart } from './health.js';
import { httpCaching } from './http-caching.js';
import { notFoundHandler, problemHandler } from './problem.js';
import { apiDocsRoutes } from './routes/api-docs-routes.js';
import { graphStoreRoutes } from './routes/graph-store-routes.js';
import { healthRoutes } from './routes/health-routes.js';
import { lookupRoutes } from './routes/lookup-routes.js';
import { mappingRoutes } from './routes/mapping-routes.js';
import { pageRoutes } from './routes/page-routes.js';
import { proposalRoutes } from './routes/proposal-routes.js';
import { resolverRoutes } from './routes/resolver-routes.js';
import { editorRoutes } from './routes/editor-routes.js';
import { pageCuration } from './page-curation.js';
import { skosmosRoutes } from './routes/skosmos-routes.js';
import { sparqlRoutes } from './routes/sparql-routes.js';
import { termEditRoutes } from './routes/term-edit-routes.js';
import { ucdPageRoutes } from './routes/ucd-page-routes.js';
import { ucdRoutes } from './routes/ucd-routes.js';
import { vocabularyRoutes } from './routes/vocabulary-routes.js';
import { securityHeaders } from './security-headers.js';

export interface AppOptions {
  vocabularies: VocabularyService;
  /** Search, hierarchy and label lookup over the vocabularies; built from them when not given. */
  lookup?: Lookup & { readonly generation: string };
  /** Curated and computed mapping sets; without it the /mappings and /translate routes are absent. */
  mappings?: MappingService;
  /** Editors' changes to hosted terms and their record; without it the term-edit routes are absent. */
  curation?: CurationService;
  /** Vocabulary Enhancement Proposals; without it the /proposals routes are absent. */
  proposals?: ProposalService;
  /** The SPARQL endpoint and Graph Store (worker threads); without it /sparql and /rdf-graphs are absent. */
  sparql?: SparqlService;
  /** The tokens that may write (the token file and ASTROVOC_WRITE_TOKENS), each with its role and scope; none: every write is refused. */
  tokens?: TokenRegistry;
  /** Mapping sets that could not be read at load (their file names or messages), for /health. */
  mappingFailures?: readonly string[];
  /** Parts /health reports besides (or instead of, by name) store, index, mappings and sparql. */
  health?: Readonly<Record<string, HealthPart>>;
  log?: (error: unknown) => void;
}

const API_VERSION = '0.1.0';
/** templates/ and static/ sit at the project root, two levels above src/http (and dist/http). */
const PROJECT_ROOT = resolve(import.meta.dirname, '..', '..');

/**
 * The HTTP face: every route is declared once (src/http/api), and the list of route groups below is both what
 * the app answers and what its OpenAPI document describes.
 */
export function createApp(options: AppOptions): Express {
  const { vocabularies, mappings, sparql } = options;
  const tokens = options.tokens ?? new TokenRegistry();
  const lookup = options.lookup ?? createLookup(vocabularies);
  const pages = new PageRenderer(resolve(PROJECT_ROOT, 'templates'));
  const ucd = new HostedUcd(vocabularies);
  const app = express();
  app.disable('x-powered-by');
  app.set('query parser', 'simple');
  app.use(securityHeaders);
  app.use('/static', express.static(resolve(PROJECT_ROOT, 'static'), { maxAge: '1h', fallthrough: true }));

  // A mapping review or a proposal changes answers without changing the vocabularies: every generation makes the ETag.
  const generation = () => [lookup.generation, mappings?.generation, options.proposals?.generation].filter((g) => g !== undefined).join('.');
  app.use(['/api/v1', '/rest/v1', '/rdf', '/resolve', '/search'], httpCaching({ generation }));

  const groups: RouteGroup[] = [
    healthRoutes({ vocabularies, mappings, mappingFailures: options.mappingFailures, sparql, parts: options.health }),
    vocabularyRoutes(vocabularies, lookup),
    lookupRoutes(lookup),
    skosmosRoutes(vocabularies, lookup),
    ...(mappings ? [mappingRoutes(mappings, sparql?.config.timeoutMs)] : []),
    ...(options.curation ? [termEditRoutes(options.curation, lookup, vocabularies)] : []),
    ...(options.proposals ? [proposalRoutes(options.proposals)] : []),
    ucdRoutes(
      () => ucd.service,
      () => ucd.votableVocabularies,
    ),
    ...(sparql ? [sparqlRoutes({ sparql, pages, tokens }), graphStoreRoutes({ vocabularies, sparql })] : []),
    ucdPageRoutes(() => ucd.service, pages),
    pageRoutes({ vocabularies, lookup, pages }),
    resolverRoutes({
      vocabularies,
      lookup,
      pages,
      ...(mappings ? { mappings } : {}),
      ...(options.curation ? { curation: pageCuration(options.curation, options.proposals) } : {}),
    }),
    ...(options.curation
      ? [
          editorRoutes({
            vocabularies,
            lookup,
            pages,
            curation: options.curation,
            ...(options.proposals ? { proposals: options.proposals } : {}),
            authenticate: (token) => tokens.authenticate(token),
          }),
        ]
      : []),
  ];
  let document: OpenApiDocument | undefined;
  const describe = () =>
    (document ??= openApiDocument(
      groups.flatMap((group) => group.routes),
      { version: API_VERSION, tags: groups.flatMap((group) => group.tags) },
    ));
  groups.push(apiDocsRoutes(describe, pages));
  app.use(apiRouter(groups, { tokens }));

  app.use(notFoundHandler);
  app.use(problemHandler(options.log ?? ((error) => console.error(error))));
  return app;
}

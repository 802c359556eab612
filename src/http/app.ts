import { resolve } from 'node:path';
import express, { type Express } from 'express';
import type { MappingService } from '../mapping/index.js';
import { PageRenderer } from '../render/index.js';
import type { SparqlService } from '../sparql/index.js';
import { HostedUcd } from '../ucd/index.js';
import { createLookup, type Lookup, type VocabularyService } from '../vocab/index.js';
import type { HealthPart } from './health.js';
import { httpCaching } from './http-caching.js';
import { buildOpenApi, type OpenApiPart } from './openapi.js';
import { notFoundHandler, problemHandler } from './problem.js';
import { securityHeaders } from './security-headers.js';
import { apiDocsRoutes } from './routes/api-docs-routes.js';
import type { RouteGroup } from './api/api-route.js';
import { apiRouter } from './api/mount-routes.js';
import { openApiDocument, type OpenApiDocument } from './api/openapi-document.js';
import { requireWriteToken } from './auth.js';
import { graphStoreRoutes } from './routes/graph-store-routes.js';
import { healthRoutes } from './routes/health-routes.js';
import { lookupRoutes } from './routes/lookup-routes.js';
import { mappingOpenApi, mappingRouter } from './routes/mapping-routes.js';
import { pageRouter } from './routes/page-routes.js';
import { resolverOpenApi, resolverRouter } from './routes/resolver-routes.js';
import { skosmosApi, skosmosRouter } from './routes/skosmos-routes.js';
import { sparqlRoutes } from './routes/sparql-routes.js';
import { ucdPageRouter } from './routes/ucd-page-routes.js';
import { ucdOpenApi, ucdRouter } from './routes/ucd-routes.js';
import { vocabularyApi, vocabularyRouter } from './routes/vocabulary-routes.js';

export interface AppOptions {
  vocabularies: VocabularyService;
  /** Search, hierarchy and label lookup over the vocabularies; built from them when not given. */
  lookup?: Lookup & { readonly generation: string };
  /** Curated and computed mapping sets; without it the /mappings and /translate routes are absent. */
  mappings?: MappingService;
  /** The SPARQL endpoint and Graph Store (worker threads); without it /sparql and /rdf-graphs are absent. */
  sparql?: SparqlService;
  /** Tokens that may write (the configuration's ASTROVOC_WRITE_TOKENS); none: every write is refused. */
  writeTokens?: readonly string[];
  /** Mapping sets that could not be read at load (their file names or messages), for /health. */
  mappingFailures?: readonly string[];
  /** Parts /health reports besides (or instead of, by name) store, index, mappings and sparql. */
  health?: Readonly<Record<string, HealthPart>>;
  log?: (error: unknown) => void;
}

const API_VERSION = '0.1.0';
/** templates/ and static/ sit at the project root, two levels above src/http (and dist/http). */
const PROJECT_ROOT = resolve(import.meta.dirname, '..', '..');

/** The HTTP face: translates requests into service calls and answers into JSON or pages; no logic of its own. */
export function createApp(options: AppOptions): Express {
  const { vocabularies, mappings, sparql } = options;
  const writeTokens = options.writeTokens ?? [];
  const lookup = options.lookup ?? createLookup(vocabularies);
  const pages = new PageRenderer(resolve(PROJECT_ROOT, 'templates'));
  const ucd = new HostedUcd(vocabularies);
  const app = express();
  app.disable('x-powered-by');
  app.set('query parser', 'simple');
  app.use(securityHeaders);

  app.use('/static', express.static(resolve(PROJECT_ROOT, 'static'), { maxAge: '1h', fallthrough: true }));

  const apiParts: OpenApiPart[] = [vocabularyApi, skosmosApi, ucdOpenApi, resolverOpenApi, ...(mappings ? [mappingOpenApi] : [])];
  // A review changes /mappings and /translate answers without changing the vocabularies: both generations make the ETag.
  const generation = () => (mappings ? `${lookup.generation}.${mappings.generation}` : lookup.generation);
  app.use(['/api/v1', '/rest/v1', '/rdf', '/resolve', '/search'], httpCaching({ generation }));
  let document: OpenApiDocument | undefined;
  const groups: RouteGroup[] = [
    healthRoutes({ vocabularies, mappings, mappingFailures: options.mappingFailures, sparql, parts: options.health }),
    lookupRoutes(lookup),
    ...(sparql ? [sparqlRoutes({ sparql, pages, writeTokens }), graphStoreRoutes({ vocabularies, sparql })] : []),
  ];
  groups.push(
    apiDocsRoutes(
      () =>
        (document ??= withLegacyParts(
          openApiDocument(
            groups.flatMap((group) => group.routes),
            { version: API_VERSION, tags: groups.flatMap((group) => group.tags) },
          ),
          apiParts,
        )),
      pages,
    ),
  );
  app.use('/api/v1', vocabularyRouter(vocabularies, lookup));
  app.use(apiRouter(groups, { writeGuard: requireWriteToken(writeTokens) }));
  if (mappings) app.use('/api/v1', mappingRouter(mappings, writeTokens, sparql?.config.timeoutMs));
  app.use('/rest/v1', skosmosRouter(vocabularies, lookup));
  app.use(
    '/api/v1',
    ucdRouter(
      () => ucd.service,
      () => ucd.votableVocabularies,
    ),
  );
  app.use(ucdPageRouter(() => ucd.service, pages));
  app.use(pageRouter({ vocabularies, lookup, pages }));
  app.use(resolverRouter({ vocabularies, lookup, pages, ...(mappings ? { mappings } : {}) }));

  app.use(notFoundHandler);
  app.use(problemHandler(options.log ?? ((error) => console.error(error))));
  return app;
}

/** Transitional: the parts of routers not yet declared as routes, merged into the generated document. */
function withLegacyParts(document: OpenApiDocument, parts: readonly OpenApiPart[]): OpenApiDocument {
  const legacy = buildOpenApi(parts, API_VERSION) as {
    paths: Record<string, object>;
    tags: { name: string; description: string }[];
    components: { schemas: Record<string, object> };
  };
  const paths = { ...(document.paths ?? {}), ...legacy.paths } as OpenApiDocument['paths'];
  const schemas = { ...(document.components?.schemas ?? {}), ...legacy.components.schemas } as Record<string, object>;
  return { ...document, paths, tags: [...(document.tags ?? []), ...legacy.tags], components: { ...document.components, schemas } } as OpenApiDocument;
}

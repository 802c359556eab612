import { resolve } from 'node:path';
import express, { type Express } from 'express';
import { PageRenderer } from '../render/index.js';
import { HostedUcd } from '../ucd/index.js';
import { createLookup, type Lookup, type VocabularyService } from '../vocab/index.js';
import { httpCaching } from './http-caching.js';
import type { OpenApiPart } from './openapi.js';
import { notFoundHandler, problemHandler } from './problem.js';
import { apiDocsRouter } from './routes/api-docs-routes.js';
import { lookupApi, lookupRouter } from './routes/lookup-routes.js';
import { pageRouter } from './routes/page-routes.js';
import { resolverOpenApi, resolverRouter } from './routes/resolver-routes.js';
import { skosmosApi, skosmosRouter } from './routes/skosmos-routes.js';
import { ucdPageRouter } from './routes/ucd-page-routes.js';
import { ucdOpenApi, ucdRouter } from './routes/ucd-routes.js';
import { vocabularyApi, vocabularyRouter } from './routes/vocabulary-routes.js';

export interface AppOptions {
  vocabularies: VocabularyService;
  /** Search, hierarchy and label lookup over the vocabularies; built from them when not given. */
  lookup?: Lookup & { readonly generation: string };
  log?: (error: unknown) => void;
}

const API_VERSION = '0.1.0';
/** templates/ and static/ sit at the project root, two levels above src/http (and dist/http). */
const PROJECT_ROOT = resolve(import.meta.dirname, '..', '..');

/** The HTTP face: translates requests into service calls and answers into JSON or pages; no logic of its own. */
export function createApp(options: AppOptions): Express {
  const { vocabularies } = options;
  const lookup = options.lookup ?? createLookup(vocabularies);
  const pages = new PageRenderer(resolve(PROJECT_ROOT, 'templates'));
  const ucd = new HostedUcd(vocabularies);
  const app = express();
  app.disable('x-powered-by');
  app.set('query parser', 'simple');

  app.get('/health', (_req, res) => {
    const report = vocabularies.report;
    res.json({
      status: 'ok',
      vocabularies: vocabularies.index.vocabularies.length,
      terms: vocabularies.index.size,
      quads: report?.quads ?? 0,
      failures: report?.failures.length ?? 0,
    });
  });

  app.use('/static', express.static(resolve(PROJECT_ROOT, 'static'), { maxAge: '1h', fallthrough: true }));

  const apiParts: OpenApiPart[] = [vocabularyApi, lookupApi, skosmosApi, ucdOpenApi, resolverOpenApi];
  app.use(['/api/v1', '/rest/v1', '/rdf', '/resolve', '/search'], httpCaching({ generation: () => lookup.generation }));
  app.use('/api/v1', vocabularyRouter(vocabularies, lookup), lookupRouter(lookup));
  app.use('/rest/v1', skosmosRouter(vocabularies, lookup));
  app.use('/api/v1', ucdRouter(() => ucd.service, () => ucd.votableVocabularies));
  app.use(ucdPageRouter(() => ucd.service, pages));
  app.use(pageRouter({ vocabularies, lookup, pages }));
  app.use(resolverRouter({ vocabularies, lookup, pages }));
  app.use('/api/v1', apiDocsRouter(apiParts, API_VERSION));

  app.use(notFoundHandler);
  app.use(problemHandler(options.log ?? ((error) => console.error(error))));
  return app;
}

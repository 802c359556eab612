/** An express app with the SPARQL faces wired as src/http/app.ts wires them, for the SPARQL tests and bench/sparql. */
import express, { type Express } from 'express';
import { resolve } from 'node:path';
import { apiRouter } from '../../../src/http/api/mount-routes.js';
import { TokenRegistry } from '../../../src/access/index.js';
import { graphStoreRoutes } from '../../../src/http/routes/graph-store-routes.js';
import { sparqlRoutes } from '../../../src/http/routes/sparql-routes.js';
import { notFoundHandler, problemHandler } from '../../../src/http/problem.js';
import { PageRenderer } from '../../../src/render/index.js';
import { SparqlService, sparqlConfig, type SparqlConfig } from '../../../src/sparql/index.js';
import type { VocabularyService } from '../../../src/vocab/index.js';
import { PROJECT_ROOT } from '../../support/mirror.js';

export const WRITE_TOKEN = 'tester:s3cret-token';

export interface SparqlApp {
  app: Express;
  sparql: SparqlService;
}

export async function sparqlApp(vocabularies: VocabularyService, config: Partial<SparqlConfig> = {}): Promise<SparqlApp> {
  const sparql = await SparqlService.start(vocabularies, sparqlConfig(config));
  const app = express();
  app.set('query parser', 'simple');
  app.get('/health', (_req, res) => {
    res.json({ status: 'ok', terms: vocabularies.index.size, sparql: sparql.status });
  });
  const pages = new PageRenderer(resolve(PROJECT_ROOT, 'templates'));
  app.use(
    apiRouter([sparqlRoutes({ sparql, pages, tokens: TokenRegistry.fromEnvironment([WRITE_TOKEN]) }), graphStoreRoutes({ vocabularies, sparql })], {
      tokens: TokenRegistry.fromEnvironment([WRITE_TOKEN]),
    }),
  );
  app.use(notFoundHandler);
  app.use(problemHandler((error) => console.error(error)));
  return { app, sparql };
}

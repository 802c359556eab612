import express, { type Express } from 'express';
import type { VocabularyService } from '../vocab/index.js';
import { notFoundHandler, problemHandler } from './problem.js';
import { vocabularyRouter } from './routes/vocabulary-routes.js';

export interface AppOptions {
  vocabularies: VocabularyService;
  log?: (error: unknown) => void;
}

/** The HTTP face: translates requests into service calls and answers into JSON; no logic of its own. */
export function createApp(options: AppOptions): Express {
  const app = express();
  app.disable('x-powered-by');
  app.set('query parser', 'simple');

  app.get('/health', (_req, res) => {
    const report = options.vocabularies.report;
    res.json({
      status: 'ok',
      vocabularies: options.vocabularies.index.vocabularies.length,
      terms: options.vocabularies.index.size,
      quads: report?.quads ?? 0,
      failures: report?.failures.length ?? 0,
    });
  });
  app.use('/api/v1', vocabularyRouter(options.vocabularies));

  app.use(notFoundHandler);
  app.use(problemHandler(options.log ?? ((error) => console.error(error))));
  return app;
}

/** The HTML pages that are not a vocabulary or a term: home (the catalogue) and search. */
import { Router } from 'express';
import { z } from 'zod';
import { COMMUNITIES } from '../../model/index.js';
import { asksSearch, homeModel, NO_SEARCH, searchModel, searchQueryOf, type PageRenderer, type SearchForm } from '../../render/index.js';
import type { Lookup, VocabularyService } from '../../vocab/index.js';
import { badRequest } from '../problem.js';
import { PAGE_SCRIPTS } from './resolver-routes.js';

export interface PageOptions {
  vocabularies: VocabularyService;
  lookup: Lookup;
  pages: PageRenderer;
}

/** Where search.js asks for suggestions (the JSON search API in autocomplete mode). */
export const SUGGEST_URL = '/api/v1/search?suggest=true&limit=8';

const SEARCH_SCRIPTS = [...PAGE_SCRIPTS, '/static/search.js'];

const emptyIsAbsent = (value: unknown) => (value === '' ? undefined : value);

const searchForm = z.object({
  q: z.string().max(200, 'at most 200 characters').default(''),
  community: z.preprocess(emptyIsAbsent, z.enum(COMMUNITIES).optional()),
  vocab: z.preprocess(emptyIsAbsent, z.string().optional()),
  status: z.preprocess(emptyIsAbsent, z.enum(['all', 'stable', 'preliminary', 'deprecated']).optional()),
  offset: z.preprocess(emptyIsAbsent, z.coerce.number().int().min(0).max(10000).default(0)),
  limit: z.preprocess(emptyIsAbsent, z.coerce.number().int().min(1).max(100).default(20)),
});

/** GET / and GET /search. Mount at the root. */
export function pageRouter(options: PageOptions): Router {
  const { vocabularies, lookup, pages } = options;
  const router = Router();

  router.get('/', (_req, res) => {
    res.type('html').send(pages.render('home', { ...homeModel(vocabularies.list()), scripts: SEARCH_SCRIPTS, suggestUrl: SUGGEST_URL }));
  });

  router.get('/search', (req, res) => {
    const parsed = searchForm.safeParse(req.query);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw badRequest(String(issue?.path[0] ?? 'q'), issue?.message ?? 'invalid');
    }
    const form: SearchForm = parsed.data;
    if (form.vocab && !lookup.index.vocabulary(form.vocab)) throw badRequest('vocab', `no hosted vocabulary has the id ${form.vocab}`);
    const result = asksSearch(form) ? lookup.search(searchQueryOf(form)) : NO_SEARCH;
    const model = searchModel(form, result, lookup.index.vocabularies);
    res.type('html').send(pages.render('search', { ...model, scripts: SEARCH_SCRIPTS, suggestUrl: SUGGEST_URL }));
  });

  return router;
}

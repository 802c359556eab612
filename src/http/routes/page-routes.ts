/** The HTML pages that are not a vocabulary or a term: home (the catalogue) and search. */
import { z } from 'zod';
import { COMMUNITIES } from '../../model/index.js';
import { asksSearch, homeModel, NO_SEARCH, searchModel, searchQueryOf, type PageRenderer } from '../../render/index.js';
import type { Lookup, VocabularyService } from '../../vocab/index.js';
import { route, type ApiTag, type RouteGroup } from '../api/api-route.js';
import { badRequest } from '../problem.js';

export interface PageOptions {
  vocabularies: VocabularyService;
  lookup: Lookup;
  pages: PageRenderer;
}

/** The tag of the routes that answer HTML pages for people. */
export const PAGES_TAG: ApiTag = { name: 'pages', description: 'HTML pages for people' };

/** Scripts every HTML page of the site loads. */
export const PAGE_SCRIPTS = ['/static/page.js'];

/** Where search.js asks for suggestions (the JSON search API in autocomplete mode). */
export const SUGGEST_URL = '/api/v1/search?suggest=true&limit=8';

const SEARCH_SCRIPTS = [...PAGE_SCRIPTS, '/static/search.js'];

const emptyIsAbsent = (value: unknown) => (value === '' ? undefined : value);

const searchForm = z.object({
  q: z.string().max(200, 'at most 200 characters').default('').describe('the query; empty: the form alone'),
  community: z.preprocess(emptyIsAbsent, z.enum(COMMUNITIES).optional()).describe('only this community'),
  vocab: z.preprocess(emptyIsAbsent, z.string().optional()).describe('only this vocabulary (catalogue id)'),
  status: z.preprocess(emptyIsAbsent, z.enum(['all', 'stable', 'preliminary', 'deprecated']).optional()).describe('only terms of this status'),
  offset: z.preprocess(emptyIsAbsent, z.coerce.number().int().min(0).max(10000).default(0)).describe('skip this many hits'),
  limit: z.preprocess(emptyIsAbsent, z.coerce.number().int().min(1).max(100).default(20)).describe('hits per page'),
});

const HTML_PAGE = { description: 'HTML page', content: { 'text/html': undefined } };

/** GET / and GET /search. */
export function pageRoutes(options: PageOptions): RouteGroup {
  const { vocabularies, lookup, pages } = options;
  const home = route({
    method: 'get',
    path: '/',
    base: 'root',
    operationId: 'getHomePage',
    summary: 'The home page: every hosted vocabulary by community, and the search form',
    tag: PAGES_TAG.name,
    responses: { 200: HTML_PAGE },
    handler: ({ res }) => {
      res.type('html').send(pages.render('home', { ...homeModel(vocabularies.list()), scripts: SEARCH_SCRIPTS, suggestUrl: SUGGEST_URL }));
    },
  });

  const search = route({
    method: 'get',
    path: '/search',
    base: 'root',
    operationId: 'getSearchPage',
    summary: 'The search page: the form and, for a query, the hits',
    tag: PAGES_TAG.name,
    query: searchForm,
    responses: { 200: HTML_PAGE },
    handler: ({ query: form, res }) => {
      if (form.vocab && !lookup.index.vocabulary(form.vocab)) throw badRequest('vocab', `no hosted vocabulary has the id ${form.vocab}`);
      const result = asksSearch(form) ? lookup.search(searchQueryOf(form)) : NO_SEARCH;
      const model = searchModel(form, result, lookup.index.vocabularies);
      res.type('html').send(pages.render('search', { ...model, scripts: SEARCH_SCRIPTS, suggestUrl: SUGGEST_URL }));
    },
  });

  return { tags: [PAGES_TAG], routes: [home, search] };
}

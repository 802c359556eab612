/**
 * GET /ucd: the UCD page. A live validator (static/ucd.js asks the JSON API as you type; without
 * JavaScript the forms submit here and the result is rendered on the server), the explainer, the
 * suggester, and the word list browsable by syntax code and family.
 */
import { z } from 'zod';
import { UCD_SYNTAX_CODES } from '../../model/index.js';
import { ucdPageModel, type PageRenderer } from '../../render/index.js';
import { browseUcd, type UcdService } from '../../ucd/index.js';
import { route, type RouteGroup } from '../api/api-route.js';
import { PAGES_TAG } from './page-routes.js';
import { requireUcd, type Current } from './ucd-routes.js';

const emptyIsAbsent = (value: unknown) => (value === '' ? undefined : value);
const pageQuery = z.object({
  ucd: z.string().max(4096, 'at most 4,096 characters').optional().describe('a UCD to validate and explain'),
  text: z.string().max(500, 'at most 500 characters').optional().describe('a column name and/or description to suggest UCDs for'),
  code: z.preprocess(emptyIsAbsent, z.enum(UCD_SYNTAX_CODES).optional()).describe('list only words of this syntax code'),
  family: z
    .preprocess(
      emptyIsAbsent,
      z
        .string()
        .regex(/^[A-Za-z]+$/, 'a family is the first atom of a word, e.g. phot')
        .optional(),
    )
    .describe('list only words of this family (first atom), e.g. phot'),
  q: z.string().max(200, 'at most 200 characters').optional().describe('list only words whose name or description contains this'),
});

export function ucdPageRoutes(service: Current<UcdService | undefined>, pages: PageRenderer): RouteGroup {
  const ucd = requireUcd(service);
  return {
    tags: [PAGES_TAG],
    routes: [
      route({
        method: 'get',
        path: '/ucd',
        base: 'root',
        operationId: 'getUcdPage',
        summary: 'The UCD page: validator, explainer, suggester and the word list',
        tag: PAGES_TAG.name,
        query: pageQuery,
        responses: { 200: { description: 'HTML page', content: { 'text/html': undefined } }, 503: 'The UCD list is not loaded' },
        handler: ({ query, res }) => {
          res.type('html').send(pages.render('ucd', ucdPageModel(query, browseUcd(ucd(), query))));
        },
      }),
    ],
  };
}

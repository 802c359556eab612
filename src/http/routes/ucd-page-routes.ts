/**
 * GET /ucd: the UCD page. A live validator (static/ucd.js asks the JSON API as you type; without
 * JavaScript the forms submit here and the result is rendered on the server), the explainer, the
 * suggester, and the word list browsable by syntax code and family.
 */
import { z } from 'zod';
import { UCD_SYNTAX_CODES, type UcdSyntaxCode } from '../../model/index.js';
import type { PageRenderer } from '../../render/index.js';
import { browseUcd, type UcdBrowse, type UcdBrowseQuery, type UcdService } from '../../ucd/index.js';
import { route, type RouteGroup } from '../api/api-route.js';
import { PAGES_TAG } from './page-routes.js';
import { requireUcd, type Current } from './ucd-routes.js';

/** Term pages of the UCD list (the resolver serves `/rdf/ucd/<word>`). */
export const UCD_TERM_PAGE = '/rdf/ucd/';
export const UCD_PAGE_SCRIPTS = ['/static/ucd.js'];

const CODE_NAMES: Record<UcdSyntaxCode, string> = {
  P: 'primary only (first word)',
  S: 'secondary only (never first)',
  Q: 'either position',
  E: 'photometric (may be followed by an em word)',
  C: 'colour (may be followed by two em words)',
  V: 'vector (may be followed by an axis or frame word)',
};

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

const termPage = (word: string): string => `${UCD_TERM_PAGE}${encodeURIComponent(word)}`;
const ucdHref = (ucd: string): string => `/ucd?ucd=${encodeURIComponent(ucd)}`;

/** What ucd.hbs shows; shared with ucd.js through the same field names as the JSON API. */
export function ucdPageModel(version: string, query: UcdBrowseQuery, browse: UcdBrowse) {
  const { validation, candidates } = browse;
  const family = query.family?.toLowerCase();
  return {
    title: 'UCD validator, explainer and word list',
    version,
    form: { ucd: query.ucd ?? '', text: query.text ?? '', code: query.code ?? '', family: query.family ?? '', q: query.q ?? '' },
    validation: validation && {
      ...validation,
      words: validation.words.map((w) => ({ ...w, page: w.canonical ? termPage(w.canonical) : undefined })),
      suggestions: validation.suggestions.map((s) => ({ ...s, href: ucdHref(s.ucd) })),
    },
    candidates: candidates?.map((c) => ({ ...c, href: ucdHref(c.ucd) })),
    codes: UCD_SYNTAX_CODES.map((code) => ({ code, name: CODE_NAMES[code], selected: code === query.code })),
    families: browse.families.map((name) => ({ name, selected: name === family })),
    words: browse.words.map((w) => ({ ...w, page: termPage(w.word), ...(w.replacement ? { replacementHref: ucdHref(w.replacement) } : {}) })),
    wordCount: browse.words.length,
    listed: browse.listed,
    deprecatedCount: browse.deprecated,
    scripts: UCD_PAGE_SCRIPTS,
  };
}

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
          const service = ucd();
          res.type('html').send(pages.render('ucd', ucdPageModel(service.version, query, browseUcd(service, query))));
        },
      }),
    ],
  };
}

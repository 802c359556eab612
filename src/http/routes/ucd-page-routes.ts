/**
 * GET /ucd: the UCD page. A live validator (static/ucd.js asks the JSON API as you type; without
 * JavaScript the forms submit here and the result is rendered on the server), the explainer, the
 * suggester, and the word list browsable by syntax code and family. Mount at the root.
 */
import { Router } from 'express';
import { z } from 'zod';
import { UCD_SYNTAX_CODES, type UcdSyntaxCode } from '../../model/index.js';
import type { PageRenderer } from '../../render/index.js';
import type { UcdCandidate, UcdExplanation, UcdService, UcdValidation, WordListing } from '../../ucd/index.js';
import { badRequest } from '../problem.js';
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
  ucd: z.string().max(4096, 'at most 4,096 characters').optional(),
  text: z.string().max(500, 'at most 500 characters').optional(),
  code: z.preprocess(emptyIsAbsent, z.enum(UCD_SYNTAX_CODES).optional()),
  family: z.preprocess(
    emptyIsAbsent,
    z
      .string()
      .regex(/^[A-Za-z]+$/, 'a family is the first atom of a word, e.g. phot')
      .optional(),
  ),
  q: z.string().max(200, 'at most 200 characters').optional(),
});
type PageQuery = z.infer<typeof pageQuery>;

const termPage = (word: string): string => `${UCD_TERM_PAGE}${encodeURIComponent(word)}`;

interface WordRow extends WordListing {
  page: string;
  replacementHref?: string;
}

/** What ucd.hbs shows; shared with ucd.js through the same field names as the JSON API. */
export function ucdPageModel(service: UcdService, query: PageQuery) {
  let validation: (UcdValidation & { explanation: UcdExplanation }) | undefined;
  if (query.ucd !== undefined && query.ucd !== '') {
    const explanation = service.explain(query.ucd);
    validation = { ...service.validate(query.ucd), explanation };
  }
  const candidates: UcdCandidate[] | undefined = query.text ? service.suggest(query.text, 5) : undefined;
  const all = service.words({ includeDeprecated: true });
  const familyOf = (word: string): string => word.split('.')[0] ?? word;
  const families = [...new Set(all.filter((w) => !w.deprecated).map((w) => familyOf(w.word)))].sort();
  const family = query.family?.toLowerCase();
  const q = query.q?.trim().toLowerCase() || undefined;
  const rows: WordRow[] = all
    .filter(
      (w) =>
        (query.code === undefined || w.code === query.code) &&
        (family === undefined || familyOf(w.word).toLowerCase() === family) &&
        (q === undefined || w.word.toLowerCase().includes(q) || (w.description ?? '').toLowerCase().includes(q)) &&
        (!w.deprecated || query.code === undefined),
    )
    .map((w) => ({ ...w, page: termPage(w.word), ...(w.replacement ? { replacementHref: `/ucd?ucd=${encodeURIComponent(w.replacement)}` } : {}) }));
  return {
    title: 'UCD validator, explainer and word list',
    version: service.version,
    form: { ucd: query.ucd ?? '', text: query.text ?? '', code: query.code ?? '', family: query.family ?? '', q: query.q ?? '' },
    validation: validation && {
      ...validation,
      words: validation.words.map((w) => ({ ...w, page: w.canonical ? termPage(w.canonical) : undefined })),
      suggestions: validation.suggestions.map((s) => ({ ...s, href: `/ucd?ucd=${encodeURIComponent(s.ucd)}` })),
    },
    candidates: candidates?.map((c) => ({ ...c, href: `/ucd?ucd=${encodeURIComponent(c.ucd)}` })),
    codes: UCD_SYNTAX_CODES.map((code) => ({ code, name: CODE_NAMES[code], selected: code === query.code })),
    families: families.map((name) => ({ name, selected: name === family })),
    words: rows,
    wordCount: rows.length,
    listed: all.filter((w) => !w.deprecated).length,
    deprecatedCount: all.filter((w) => w.deprecated).length,
    scripts: UCD_PAGE_SCRIPTS,
  };
}

export function ucdPageRouter(service: Current<UcdService | undefined>, pages: PageRenderer): Router {
  const router = Router();
  const ucd = requireUcd(service);

  router.get('/ucd', (req, res) => {
    const parsed = pageQuery.safeParse(req.query);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw badRequest(String(issue?.path[0] ?? 'ucd'), issue?.message ?? 'invalid');
    }
    res.type('html').send(pages.render('ucd', ucdPageModel(ucd(), parsed.data)));
  });

  return router;
}

/** The view model of the UCD page (templates/ucd.hbs), from what the UCD service's browse answered. */
import { UCD_SYNTAX_CODES, type UcdSyntaxCode } from '../model/index.js';
import type { UcdBrowse, UcdBrowseQuery } from '../ucd/index.js';

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

const termPage = (word: string): string => `${UCD_TERM_PAGE}${encodeURIComponent(word)}`;
const ucdHref = (ucd: string): string => `/ucd?ucd=${encodeURIComponent(ucd)}`;

/** What ucd.hbs shows; shared with ucd.js through the same field names as the JSON API. */
export function ucdPageModel(query: UcdBrowseQuery, browse: UcdBrowse) {
  const { validation, candidates } = browse;
  const family = query.family?.toLowerCase();
  return {
    title: 'UCD validator, explainer and word list',
    version: browse.version,
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

export type UcdPageModel = ReturnType<typeof ucdPageModel>;

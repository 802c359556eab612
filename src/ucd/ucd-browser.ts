/**
 * What the UCD page shows at once: a UCD validated and explained, candidates for a free text, and the word list
 * filtered by syntax code, family (a word's first atom) and text.
 */
import type { UcdSyntaxCode } from '../model/index.js';
import type { UcdValidation } from './ucd-diagnostic.js';
import type { UcdExplanation } from './ucd-explainer.js';
import type { UcdService, WordListing } from './ucd-service.js';
import type { UcdCandidate } from './ucd-text-suggester.js';

export interface UcdBrowseQuery {
  /** A UCD to validate and explain. */
  ucd?: string;
  /** A column name and/or description to suggest UCDs for. */
  text?: string;
  code?: UcdSyntaxCode;
  /** The first atom of a word (`phot`), any case. */
  family?: string;
  /** A case-insensitive substring of a word or its description. */
  q?: string;
}

export interface UcdBrowse {
  /** The version of the UCD list (EN 1.6: `1.6`). */
  version: string;
  validation?: UcdValidation & { explanation: UcdExplanation };
  candidates?: UcdCandidate[];
  /** The families of the listed words, sorted. */
  families: string[];
  /** The words that pass the filters; deprecated ones only when no code is asked for (they have none). */
  words: WordListing[];
  /** How many words the list has, and how many deprecated ones. */
  listed: number;
  deprecated: number;
}

/** How many candidates the page shows for a text. */
export const BROWSE_CANDIDATES = 5;

export const familyOf = (word: string): string => word.split('.')[0] ?? word;

export function browseUcd(service: UcdService, query: UcdBrowseQuery): UcdBrowse {
  const validation = query.ucd ? { ...service.validate(query.ucd), explanation: service.explain(query.ucd) } : undefined;
  const candidates = query.text ? service.suggest(query.text, BROWSE_CANDIDATES) : undefined;
  const all = service.words({ includeDeprecated: true });
  const listed = all.filter((w) => !w.deprecated);
  const family = query.family?.toLowerCase();
  const q = query.q?.trim().toLowerCase() || undefined;
  const words = all.filter(
    (w) =>
      (query.code === undefined || w.code === query.code) &&
      (family === undefined || familyOf(w.word).toLowerCase() === family) &&
      (q === undefined || w.word.toLowerCase().includes(q) || (w.description ?? '').toLowerCase().includes(q)) &&
      (!w.deprecated || query.code === undefined),
  );
  return {
    version: service.version,
    ...(validation ? { validation } : {}),
    ...(candidates ? { candidates } : {}),
    families: [...new Set(listed.map((w) => familyOf(w.word)))].sort(),
    words,
    listed: listed.length,
    deprecated: all.length - listed.length,
  };
}

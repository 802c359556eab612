/**
 * Label normalisation for matching: Unicode-aware (NFKD, diacritics dropped, Greek letters spelt out),
 * case-folded, punctuation to spaces, camelCase split, each word singularised. Unlike a plain ASCII fold
 * (OntoPortal's LOOM drops every non-ASCII letter), "Hα", "H-alpha" and "H alpha" give the same key.
 */
import pluralize from 'pluralize';
import { acronymsOf, normaliseText } from '../vocab/index.js';

/** Qualifiers that say a heading's catch-all entry ("quasars: general"), not what it is about. */
const FILLER_WORDS: ReadonlySet<string> = new Set(['general', 'miscellaneous', 'misc']);

/** Words that carry no meaning for matching. */
export const STOPWORDS: ReadonlySet<string> = new Set([
  'a',
  'an',
  'the',
  'of',
  'and',
  'or',
  'in',
  'on',
  'at',
  'to',
  'for',
  'by',
  'with',
  'from',
  'as',
  'its',
  ...FILLER_WORDS,
]);

/**
 * Relational adjectives read as their nouns inside multi-word labels, so that "Sun: activity" meets
 * "Solar activity" and "stars: rotation" meets "Stellar rotation" (the faceted style of journal keyword lists).
 */
const ADJECTIVES: Readonly<Record<string, string>> = {
  solar: 'sun',
  stellar: 'star',
  galactic: 'galaxy',
  planetary: 'planet',
  lunar: 'moon',
  cometary: 'comet',
  astronomical: 'astronomy',
};

/** The noun a relational adjective stands for ("stellar" → "star"), or the word itself. */
export function nounOf(word: string): string {
  return ADJECTIVES[word] ?? word;
}

/** Words that pluralize would wrongly singularise (physics → physic, lens → len, bias → bia). */
const KEEP = /(?:ss|us|is|ics|os|ens)$|^(?:bias|canvas|pampas)$/;

/** Latin plurals pluralize leaves alone (it knows criteria and phenomena). */
const LATIN: Readonly<Record<string, string>> = { spectra: 'spectrum', maxima: 'maximum', minima: 'minimum', media: 'medium', strata: 'stratum' };

/** Singular form of one lower-case word ("novas", "novae" and "nova" all give "nova"). */
export function singular(word: string): string {
  if (word.length <= 3 || /\d/.test(word) || KEEP.test(word)) return word;
  const latin = LATIN[word];
  if (latin) return latin;
  if (word.endsWith('ae') && word.length > 4) return word.slice(0, -1);
  if (word.endsWith('lenses')) return word.slice(0, -2);
  return pluralize.singular(word);
}

/**
 * The search index's folding (src/vocab/text-normalise.ts: NFKD, Greek spelt out, case, punctuation),
 * after splitting camelCase ("ElectricField") and before splitting digits from letters ("21cm", "FK5").
 */
export function foldText(text: string): string {
  const split = text
    .replace(/([a-z])([A-Z])/g, '$1 $2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2')
    .replace(/&/g, ' and ');
  return normaliseText(split)
    .replace(/(\d)([a-z])/g, '$1 $2')
    .replace(/([a-z])(\d)/g, '$1 $2');
}

/** The words of a label, folded and singularised, in order. */
export function labelTokens(label: string): string[] {
  const folded = foldText(label);
  return folded === '' ? [] : folded.split(' ').map(singular);
}

/** Key of the exact normalised label: equal keys mean the labels differ only in case, accents, punctuation, Greek spelling or number. */
export function labelKey(label: string): string {
  return labelTokens(label).join(' ');
}

/**
 * The words run together: "MAINSEQUENCE", "main-sequence" and "main sequence", or "starspots" and "star
 * spots", differ only in where a word was split.
 */
export function compactKey(tokens: readonly string[]): string {
  return tokens.join('');
}

/** Order-free key over the meaningful words: "galaxies: spiral" and "Spiral galaxies" share it. */
export function bagKey(tokens: readonly string[]): string {
  // A leading "of" or "a" is a word of the label ("Of stars", "A stars": spectral classes), not filler.
  const words = tokens.filter((t, i) => !STOPWORDS.has(t) || (i === 0 && t !== 'the' && t !== 'an' && tokens.length <= 3));
  const nouns = words.length > 1 ? words.map((w) => ADJECTIVES[w] ?? w) : words;
  return [...new Set(nouns)].sort().join(' ');
}

/** The label without parenthesised parts: "Earth (planet)" → "Earth", "(cosmology:) dark energy" → "dark energy". */
export function withoutParentheses(label: string): string {
  return label
    .replace(/\([^)]*\)/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

/** Character n-grams of a folded label, padded so that word starts and ends count. */
export function charNgrams(folded: string, n = 3): string[] {
  const grams: string[] = [];
  for (const word of folded.split(' ')) {
    if (word === '') continue;
    const padded = ` ${word} `;
    if (padded.length <= n) grams.push(padded);
    for (let i = 0; i + n <= padded.length; i++) grams.push(padded.slice(i, i + n));
  }
  return grams;
}

/** Whether a label reads as an acronym (GSE, HEEQ, ICRS, J2000): one word of capitals and digits, mostly letters. */
export function looksLikeAcronym(label: string): boolean {
  return /^[A-Z][A-Z0-9]{1,7}$/.test(label.trim()) && (label.match(/[A-Z]/g)?.length ?? 0) >= 2;
}

/**
 * The acronyms a multi-word label could be known by (the search index's rule, src/vocab/acronym.ts:
 * initials with and without minor words, or an acronym given in parentheses), for labels of three or
 * more words: two-word initials match too much by chance.
 */
export function initials(label: string): string[] {
  // A faceted label ("ISM: magnetic fields", "(ISM:) evolution") names no expansion: its capitals belong to the facet.
  if (label.includes(':')) return [];
  const parenthesised = /\S.*\([^()]{2,12}\)\s*$/.test(label);
  const words = foldText(withoutParentheses(label))
    .split(' ')
    .filter((w) => w !== '' && !STOPWORDS.has(w));
  return words.length >= 3 || parenthesised ? acronymsOf(label) : [];
}

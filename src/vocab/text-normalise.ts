/**
 * The one folding that labels and queries both go through before they are compared: Unicode
 * compatibility decomposition (NFKD) without combining marks, Greek letters spelt out
 * (`β Cep` = `beta Cep`; the micro sign `µ` and `μ` are both `mu`), lower case, and punctuation as
 * word breaks (`phot.mag` = `phot mag`).
 */

const GREEK_NAMES: Readonly<Record<string, string>> = {
  α: 'alpha',
  β: 'beta',
  γ: 'gamma',
  δ: 'delta',
  ε: 'epsilon',
  ϵ: 'epsilon',
  ζ: 'zeta',
  η: 'eta',
  θ: 'theta',
  ϑ: 'theta',
  ι: 'iota',
  κ: 'kappa',
  ϰ: 'kappa',
  λ: 'lambda',
  μ: 'mu',
  ν: 'nu',
  ξ: 'xi',
  ο: 'omicron',
  π: 'pi',
  ϖ: 'pi',
  ρ: 'rho',
  ϱ: 'rho',
  σ: 'sigma',
  ς: 'sigma',
  τ: 'tau',
  υ: 'upsilon',
  φ: 'phi',
  ϕ: 'phi',
  χ: 'chi',
  ψ: 'psi',
  ω: 'omega',
};

/** Letters that NFKD leaves whole but that readers type without their stroke or ligature. */
const LATIN_FOLDS: Readonly<Record<string, string>> = { ß: 'ss', æ: 'ae', œ: 'oe', ø: 'o', ł: 'l', đ: 'd', ð: 'd', þ: 'th', ı: 'i' };

const COMBINING_MARKS = /\p{M}+/gu;
const GREEK_LETTER = /[\u0370-\u03ff]/gu;
const FOLDED_LATIN = /[ßæœøłđðþı]/gu;
const NOT_WORD = /[^\p{L}\p{N}]+/gu;

/** Lower-case words separated by single spaces: the form in which labels are indexed and compared. */
export function normaliseText(text: string): string {
  return text
    .normalize('NFKD')
    .replace(COMBINING_MARKS, '')
    .toLowerCase()
    .replace(GREEK_LETTER, (letter) => (GREEK_NAMES[letter] !== undefined ? ` ${GREEK_NAMES[letter]} ` : letter))
    .replace(FOLDED_LATIN, (letter) => LATIN_FOLDS[letter] ?? letter)
    .replace(NOT_WORD, ' ')
    .trim();
}

/** The words of a text after folding. */
export function words(text: string): string[] {
  const folded = normaliseText(text);
  return folded === '' ? [] : folded.split(' ');
}

/**
 * Words with their camel-case parts too (`MagneticMoment` → magneticmoment, magnetic, moment): SPASE
 * and some IVOA labels glue words together, and a reader searches for the words.
 */
export function indexWords(text: string): string[] {
  const result = words(text);
  for (const raw of text.split(/[^\p{L}\p{N}]+/u)) {
    const parts = raw.split(/(?<=\p{Ll})(?=\p{Lu})|(?<=\p{Lu})(?=\p{Lu}\p{Ll})|(?<=\p{L})(?=\p{N})|(?<=\p{N})(?=\p{L})/u);
    if (parts.length > 1) for (const part of parts) result.push(...words(part));
  }
  return result;
}

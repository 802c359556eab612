/**
 * Fixes for an invalid or deprecated UCD: closest words allowed at the position, deprecated words
 * upgraded, P words moved first, stray separators trimmed. Every fix is validated before it is offered.
 */
import { distance } from 'fastest-levenshtein';
import { foldToAscii } from './ucd-characters.js';
import type { UcdSuggestion, UcdValidation } from './ucd-diagnostic.js';
import { canBeFirst, canFollow, type ListedWord, type UcdWordList } from './ucd-word-list.js';

const MAX_OPTIONS_PER_WORD = 3;
const MAX_COMBINATIONS = 12;
const MAX_SUGGESTIONS = 5;
/** Beyond this many words a UCD is not a typo to fix. */
const MAX_WORDS_TO_REPAIR = 12;

interface WordOption {
  words: string[];
  cost: number;
  reason?: string;
}

/** Edit distance allowed for a word of `length` characters: small enough that `foo` never becomes `pos`. */
function allowedDistance(length: number): number {
  if (length <= 4) return 1;
  if (length <= 8) return 2;
  return 3;
}

function isBand(word: ListedWord): boolean {
  return word.atoms[0] === 'em' && word.atoms.length > 1;
}

/** Whether `a` and `b` differ by one swap of neighbouring letters (mian/main), a typo Levenshtein counts twice. */
function isTransposition(a: string, b: string): boolean {
  if (a.length !== b.length) return false;
  let i = 0;
  while (i < a.length && a[i] === b[i]) i++;
  return i < a.length - 1 && a[i] === b[i + 1] && a[i + 1] === b[i] && a.slice(i + 2) === b.slice(i + 2);
}

/** Known words close to the unknown `typed`, preferring those allowed at `position`. */
export function closeWords(list: UcdWordList, typed: string, position: number): WordOption[] {
  const key = typed.toLowerCase();
  const atoms = key.split('.');
  const allowedHere = (w: ListedWord): boolean => (position === 0 ? canBeFirst(w.code) : canFollow(w.code));
  const search = (restrict: boolean): WordOption[] => {
    const options: WordOption[] = [];
    // The family atom (`pos.`) is usually right: the distance allowed follows the length of the rest, so `pos.ra` never becomes `pos.az`.
    const rest = atoms.length > 1 ? key.length - (atoms[0]?.length ?? 0) - 1 : key.length;
    const maxDistance = Math.min(allowedDistance(key.length), allowedDistance(rest), Math.max(1, rest - 1));
    for (const word of list.words) {
      if (restrict && !allowedHere(word)) continue;
      if (Math.abs(word.key.length - key.length) <= maxDistance) {
        const d = isTransposition(word.key, key) ? 1 : distance(word.key, key);
        if (d <= maxDistance && d > 0) {
          options.push({ words: [word.word], cost: d, reason: `unknown word "${typed}" → "${word.word}" (edit distance ${d})` });
          continue;
        }
      }
      // A missing middle atom: pos.ra → pos.eq.ra.
      if (word.atoms.length === atoms.length + 1 && word.atoms[0] === atoms[0] && atoms.every((a) => word.atoms.includes(a))) {
        options.push({ words: [word.word], cost: 2.5, reason: `unknown word "${typed}" → "${word.word}" (one atom added)` });
      }
    }
    return options;
  };
  let options = search(true);
  if (options.length === 0) options = search(false);
  // The broader word is a last resort: when the leaf is a near-typo of a sibling (meta.mian), it would only mislead.
  const closeExists = options.length > 0;

  // A narrower form of a known word: keep the broader word, and where the extra atom names a band, make it its own word.
  for (let cut = typed.lastIndexOf('.'); cut > 0; cut = typed.lastIndexOf('.', cut - 1)) {
    const broader = list.get(typed.slice(0, cut));
    if (!broader) continue;
    const tail = typed.slice(cut + 1);
    if ((broader.code === 'E' || broader.code === 'C') && !tail.includes('.')) {
      const bands = list.words.filter((w) => isBand(w) && w.word.slice(w.word.lastIndexOf('.') + 1) === tail);
      if (bands.length === 1 && bands[0]) {
        options.push({
          words: [broader.word, bands[0].word],
          cost: 1.5,
          reason: `"${typed}": the band "${tail}" is its own word "${bands[0].word}" after "${broader.word}"`,
        });
      }
    }
    if (!closeExists) options.push({ words: [broader.word], cost: 3, reason: `unknown word "${typed}" → its nearest broader word "${broader.word}"` });
    break;
  }
  options.sort((a, b) => a.cost - b.cost || a.words[0]!.localeCompare(b.words[0]!));
  return options.slice(0, MAX_OPTIONS_PER_WORD);
}

/** Moves a lone P word to the front, or, when an S word opens the UCD, the first word that may open it. */
function reorder(words: string[], list: UcdWordList, reasons: string[]): string[] {
  const codes = words.map((w) => list.get(w)?.code);
  const primaries = codes.flatMap((c, i) => (c === 'P' ? [i] : []));
  if (primaries.length === 1 && primaries[0]! > 0) {
    const i = primaries[0]!;
    reasons.push(`moved the primary-only word "${words[i]}" to the front`);
    return [words[i]!, ...words.slice(0, i), ...words.slice(i + 1)];
  }
  if (codes[0] === 'S') {
    const i = codes.findIndex((c) => c !== undefined && c !== 'S');
    if (i > 0) {
      reasons.push(`moved "${words[i]}" to the front: "${words[0]}" is secondary only`);
      return [words[i]!, ...words.slice(0, i), ...words.slice(i + 1)];
    }
  }
  return words;
}

/** Fixes for `validation` (of `list`); `validate` judges each candidate. Empty for a valid UCD. */
export function suggestRepairs(list: UcdWordList, validation: UcdValidation, validate: (ucd: string) => UcdValidation): UcdSuggestion[] {
  if (validation.status === 'valid' || validation.status === 'valid-with-warnings') return [];
  if (validation.diagnostics.some((d) => d.code === 'too-long' || d.code === 'empty-ucd')) return [];
  const baseReasons: string[] = [];
  const folded = foldToAscii(validation.input);
  if (folded !== validation.input) baseReasons.push('removed whitespace, invisible characters and non-ASCII look-alikes');
  const rawWords = folded.split(';');
  const words = rawWords.filter((w) => w !== '');
  if (words.length !== rawWords.length) baseReasons.push('removed stray ";"');
  if (words.length === 0 || words.length > MAX_WORDS_TO_REPAIR) return [];

  const perWord: WordOption[][] = [];
  for (const [position, raw] of words.entries()) {
    const colon = raw.indexOf(':');
    const namespace = colon >= 0 ? raw.slice(0, colon) : undefined;
    let body = colon >= 0 ? raw.slice(colon + 1) : raw;
    const trimmed = body.split('.').filter((a) => a !== '').join('.');
    const options: WordOption[] = [];
    if (trimmed !== body) {
      body = trimmed;
      baseReasons.push(`removed stray "." in "${raw}"`);
    }
    if (namespace !== undefined && namespace.toLowerCase() !== 'ivoa') {
      options.push({ words: [`${namespace}:${body}`], cost: 0 });
    } else {
      const known = list.get(body);
      const deprecated = known ? undefined : list.getDeprecated(body);
      if (known) options.push({ words: [known.word], cost: 0 });
      else if (deprecated) {
        options.push({
          words: deprecated.replacementWords,
          cost: 0,
          reason: `deprecated word "${deprecated.word}" → "${deprecated.replacement}"`,
        });
      } else if (/^[A-Za-z0-9_.-]+$/.test(body)) options.push(...closeWords(list, body, position));
    }
    if (options.length === 0) return [];
    perWord.push(options);
  }

  let combinations: { words: string[]; cost: number; reasons: string[] }[] = [{ words: [], cost: 0, reasons: [] }];
  for (const options of perWord) {
    const next: typeof combinations = [];
    for (const combination of combinations) {
      for (const option of options) {
        next.push({
          words: [...combination.words, ...option.words],
          cost: combination.cost + option.cost,
          reasons: option.reason ? [...combination.reasons, option.reason] : combination.reasons,
        });
      }
    }
    combinations = next.sort((a, b) => a.cost - b.cost).slice(0, MAX_COMBINATIONS);
  }

  const suggestions: UcdSuggestion[] = [];
  const offered = new Set<string>([validation.input]);
  for (const combination of combinations) {
    const reasons = [...baseReasons, ...combination.reasons];
    const unique = combination.words.filter((w, i, all) => all.findIndex((o) => o.toLowerCase() === w.toLowerCase()) === i);
    if (unique.length !== combination.words.length) reasons.push('removed a repeated word');
    const ucd = reorder(unique, list, reasons).join(';');
    if (offered.has(ucd)) continue;
    offered.add(ucd);
    const check = validate(ucd);
    if (check.status === 'valid' || check.status === 'valid-with-warnings') {
      suggestions.push({ ucd, reasons, status: check.status });
      if (suggestions.length >= MAX_SUGGESTIONS) break;
    }
  }
  return suggestions;
}

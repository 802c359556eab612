/**
 * The fast path of validation, for the common case: a UCD of well-formed words, each spelled as in
 * the list. One pass over the characters, one map lookup per word, position rules (UCD1+ EN 1.6 §2)
 * checked on the way. Anything else (a stray separator, a bad character, a namespace, a case
 * difference, an unknown or deprecated word, a repeat, E/C follow-up advice) returns undefined and is
 * left to the full validator, so both paths give the same answer (test/unit/ucd/ucd-fast-path.test.ts).
 */
import { primaryNotFirst, secondaryFirst, type UcdDiagnostic, type UcdValidation, type UcdWordReport } from './ucd-diagnostic.js';
import type { ListedWord, UcdWordList } from './ucd-word-list.js';

/** Longer UCDs are rare; the full validator takes them (the repeat check here is quadratic). */
const MAX_FAST_WORDS = 16;
const SEMICOLON = 0x3b;
/** Shared by every clean result: results are frozen once cached anyway (UcdService.validate), and nothing appends to them. */
const NONE: never[] = Object.freeze([]) as unknown as never[];
const DOT = 0x2e;

/** A-Z, a-z, 0-9, `-` and `_`: the characters of an atom (UCD1+ EN 1.6 §1). */
function isAtomCode(c: number): boolean {
  return (c >= 0x61 && c <= 0x7a) || (c >= 0x41 && c <= 0x5a) || (c >= 0x30 && c <= 0x39) || c === 0x2d || c === 0x5f;
}

/** Whether the full validator would add E/C follow-up advice (UCD1+ EN 1.6 §2; see adviseCombinations). */
function needsAdvice(words: readonly ListedWord[]): boolean {
  if (words.length < 2) return false;
  for (let i = 0; i < words.length; i++) {
    const code = words[i]!.code;
    if (code === 'E' && !words[i + 1]?.em) {
      for (let j = i + 2; j < words.length; j++) if (words[j]!.em) return true;
    }
    if (code === 'C' && words[i + 1]?.em && !words[i + 2]?.em) return true;
  }
  return false;
}

/** The validation of `input` when it is made of well-formed words spelled as in the list, else undefined. */
export function validateSimple(list: UcdWordList, input: string, maxLength: number): UcdValidation | undefined {
  const n = input.length;
  if (n === 0 || n > maxLength) return undefined;
  // A UCD of one word (the most common) allocates nothing but the result.
  let listed: ListedWord[] | undefined;
  let words: UcdWordReport[] | undefined;
  let alone: readonly UcdWordReport[] | undefined;
  let diagnostics: UcdDiagnostic[] = NONE;
  let start = 0;
  let previous = SEMICOLON;
  for (let i = 0; i <= n; i++) {
    const c = i < n ? input.charCodeAt(i) : SEMICOLON;
    if (c === SEMICOLON) {
      if (previous === SEMICOLON || previous === DOT) return undefined;
      const whole = start === 0 && i === n;
      const text = whole ? input : input.slice(start, i);
      const word = list.spelled(text);
      if (word === undefined) return undefined;
      const position = listed === undefined ? 0 : listed.length;
      if (position === 0 ? word.code === 'S' : word.code === 'P') {
        if (diagnostics === NONE) diagnostics = [];
        diagnostics.push(position === 0 ? secondaryFirst(word.word, start, i, 0) : primaryNotFirst(word.word, start, i, position));
      }
      if (whole) {
        alone = word.alone;
        break;
      }
      if (listed === undefined || words === undefined) {
        listed = [];
        words = [];
      } else {
        if (position >= MAX_FAST_WORDS) return undefined;
        for (let k = 0; k < position; k++) if (listed[k] === word) return undefined;
      }
      listed.push(word);
      // Same keys in the same order as the full validator's report, so the JSON is identical.
      words.push({
        text,
        namespace: undefined,
        start,
        end: i,
        status: 'known',
        canonical: word.word,
        code: word.code,
        description: word.description,
        iri: word.iri,
      });
      start = i + 1;
    } else if (c === DOT) {
      if (previous === DOT || previous === SEMICOLON) return undefined;
    } else if (!isAtomCode(c)) {
      return undefined;
    }
    previous = c;
  }
  if (listed !== undefined && needsAdvice(listed)) return undefined;
  return {
    input,
    status: diagnostics === NONE ? 'valid' : 'invalid',
    canonical: input,
    words: (alone ?? words) as UcdWordReport[],
    diagnostics,
    suggestions: NONE,
  };
}

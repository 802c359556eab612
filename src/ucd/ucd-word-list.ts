import type { DeprecatedUcdWord, UcdSyntaxCode, UcdWord } from '../model/index.js';
import type { UcdWordReport } from './ucd-diagnostic.js';

/** A word of the list with what validation needs at hand. */
export interface ListedWord extends UcdWord {
  /** Lower-case spelling, the lookup key (UCD words match case-insensitively). */
  key: string;
  /** The word's atoms, lower-case. */
  atoms: string[];
  iri: string;
  /** Whether the word is an EM-spectrum word (`em` or `em.*`), the follow-up of E and C words. */
  em: boolean;
  /** The word report of a UCD made of this word alone (frozen, shared): the fast path's answer needs no allocation for it. */
  alone: readonly UcdWordReport[];
}

export interface DeprecatedEntry extends DeprecatedUcdWord {
  key: string;
  /** The replacement's words (canonical spelling). */
  replacementWords: string[];
}

/** UCD1+ EN 1.6 §2: every code but S may open a UCD; every code but P may follow. */
export function canBeFirst(code: UcdSyntaxCode): boolean {
  return code !== 'S';
}

export function canFollow(code: UcdSyntaxCode): boolean {
  return code !== 'P';
}

/** The UCD list of one version, indexed for case-insensitive lookup. Immutable once built. */
export class UcdWordList {
  readonly words: readonly ListedWord[];
  readonly deprecated: readonly DeprecatedEntry[];
  private readonly byKey: ReadonlyMap<string, ListedWord>;
  /** Canonical spelling → word: most inputs are spelled right, which spares a toLowerCase. */
  private readonly bySpelling: ReadonlyMap<string, ListedWord>;
  private readonly deprecatedByKey: ReadonlyMap<string, DeprecatedEntry>;

  constructor(
    words: readonly UcdWord[],
    deprecated: readonly DeprecatedUcdWord[],
    readonly version: string,
    /** `${termBase}${word}` is a word's IRI. */
    readonly termBase: string,
  ) {
    const deprecatedKeys = new Set(deprecated.map((d) => d.word.toLowerCase()));
    // A word both listed and deprecated is treated as deprecated (the deprecation file is the later statement).
    this.words = words
      .filter((w) => !deprecatedKeys.has(w.word.toLowerCase()))
      .map((w) => {
        const key = w.word.toLowerCase();
        const iri = `${termBase}${w.word}`;
        const report: UcdWordReport = { text: w.word, namespace: undefined, start: 0, end: w.word.length, status: 'known', canonical: w.word, code: w.code, description: w.description, iri };
        return { ...w, key, atoms: key.split('.'), iri, em: key === 'em' || key.startsWith('em.'), alone: Object.freeze([Object.freeze(report)]) };
      });
    this.byKey = new Map(this.words.map((w) => [w.key, w]));
    this.bySpelling = new Map(this.words.map((w) => [w.word, w]));
    this.deprecated = deprecated.map((d) => ({ ...d, key: d.word.toLowerCase(), replacementWords: d.replacement.split(';') }));
    this.deprecatedByKey = new Map(this.deprecated.map((d) => [d.key, d]));
  }

  /** The listed (not deprecated) word spelled `word` in any case. */
  get(word: string): ListedWord | undefined {
    return this.bySpelling.get(word) ?? this.byKey.get(word.toLowerCase());
  }

  /** The listed word spelled exactly `word` (canonical case), without folding case: the fast path's lookup. */
  spelled(word: string): ListedWord | undefined {
    return this.bySpelling.get(word);
  }

  getDeprecated(word: string): DeprecatedEntry | undefined {
    return this.deprecatedByKey.get(word.toLowerCase());
  }

  iriOf(word: string): string {
    return `${this.termBase}${word}`;
  }
}

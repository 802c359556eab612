/** The UCD service: built once from a parsed UCD list, then answers validation, explanation, suggestion and VOTable checks. */
import type { DeprecatedUcdWord, UcdSyntaxCode, UcdWord } from '../model/index.js';
import type { UcdValidation } from './ucd-diagnostic.js';
import { explainValidation, type UcdExplanation } from './ucd-explainer.js';
import { suggestRepairs } from './ucd-repair.js';
import { DescriptionIndex, suggestFromText, type UcdCandidate } from './ucd-text-suggester.js';
import { validateUcd } from './ucd-validator.js';
import { UcdWordList } from './ucd-word-list.js';
import { checkVotable, type VotableCheckOptions, type VotableReport, type VotableVocabularies } from './votable-checker.js';

export const UCD_TERM_BASE = 'http://www.ivoa.net/rdf/ucd#';

export interface UcdServiceSource {
  version: string;
  words: readonly UcdWord[];
  deprecated: readonly DeprecatedUcdWord[];
}

export interface WordQuery {
  code?: UcdSyntaxCode;
  /** Case-insensitive substring of the word or its description. */
  q?: string;
  includeDeprecated?: boolean;
}

export interface WordListing {
  word: string;
  code?: UcdSyntaxCode;
  description?: string;
  iri: string;
  deprecated: boolean;
  replacement?: string;
}

export interface UcdServiceOptions {
  /** `${termBase}${word}` is a word's IRI. */
  termBase?: string;
  /** How many validations to remember (default 10,000; 0 turns the cache off). Results are pure, so a repeated UCD is answered from memory. */
  cacheSize?: number;
}

function freeze(validation: UcdValidation): UcdValidation {
  Object.freeze(validation.words);
  Object.freeze(validation.diagnostics);
  Object.freeze(validation.suggestions);
  return Object.freeze(validation);
}

export class UcdService {
  readonly list: UcdWordList;
  private readonly index: DescriptionIndex;
  private readonly cache = new Map<string, UcdValidation>();
  private readonly cacheSize: number;
  private readonly validateBare = (ucd: string): UcdValidation => validateUcd(this.list, ucd);

  /** `source` is kept as plain data: a worker builds its own service from it (votable-check-sandbox.ts). */
  constructor(
    readonly source: UcdServiceSource,
    options: UcdServiceOptions = {},
  ) {
    this.list = new UcdWordList(source.words, source.deprecated, source.version, options.termBase ?? UCD_TERM_BASE);
    this.index = new DescriptionIndex(this.list);
    this.cacheSize = options.cacheSize ?? 10_000;
  }

  get version(): string {
    return this.list.version;
  }

  /**
   * Validates one UCD, with fixes when it is invalid or deprecated. Never throws, whatever the input.
   * The result may be shared with other callers (it is frozen): copy it before changing it.
   */
  validate(ucd: string): UcdValidation {
    const text = typeof ucd === 'string' ? ucd : String(ucd);
    const cached = this.cache.get(text);
    if (cached) return cached;
    const validation = validateUcd(this.list, text);
    if (validation.status === 'invalid' || validation.status === 'deprecated') {
      validation.suggestions = suggestRepairs(this.list, validation, this.validateBare);
    }
    if (this.cacheSize > 0) {
      if (this.cache.size >= this.cacheSize) this.cache.delete(this.cache.keys().next().value as string);
      this.cache.set(text, freeze(validation));
    }
    return validation;
  }

  /** Validation without fixes and without the cache: the cold path, for measuring and for one-off inputs. */
  check(ucd: string): UcdValidation {
    return validateUcd(this.list, typeof ucd === 'string' ? ucd : String(ucd));
  }

  validateBatch(ucds: readonly string[]): UcdValidation[] {
    return ucds.map((u) => this.validate(u));
  }

  explain(ucd: string): UcdExplanation {
    return explainValidation(this.validate(ucd));
  }

  suggest(text: string, limit = 5): UcdCandidate[] {
    return suggestFromText(this.list, this.index, text, this.validateBare, limit);
  }

  words(query: WordQuery = {}): WordListing[] {
    const q = query.q?.toLowerCase();
    const matches = (word: string, description = ''): boolean =>
      q === undefined || word.toLowerCase().includes(q) || description.toLowerCase().includes(q);
    const listed: WordListing[] = this.list.words
      .filter((w) => (query.code === undefined || w.code === query.code) && matches(w.word, w.description))
      .map((w) => ({ word: w.word, code: w.code, description: w.description, iri: this.list.iriOf(w.word), deprecated: false }));
    if (!query.includeDeprecated || query.code !== undefined) return listed;
    const deprecated: WordListing[] = this.list.deprecated
      .filter((d) => matches(d.word))
      .map((d) => ({ word: d.word, iri: this.list.iriOf(d.word), deprecated: true, replacement: d.replacement }));
    return [...listed, ...deprecated];
  }

  checkVotable(xml: string, vocabularies: VotableVocabularies, options?: VotableCheckOptions): VotableReport {
    return checkVotable(xml, (u) => this.validate(u), vocabularies, options);
  }
}

/** What a UCD validation can report. Codes are stable: clients may switch on them. */
export const UCD_DIAGNOSTIC_CODES = [
  'empty-ucd',
  'too-long',
  'whitespace',
  'control-character',
  'look-alike-character',
  'bad-character',
  'empty-word',
  'empty-atom',
  'bad-namespace',
  'unknown-word',
  'deprecated-word',
  'replacement-breaks-position',
  'secondary-first',
  'primary-not-first',
  'foreign-namespace',
  'repeated-word',
  'case-differs',
  'band-not-after-photometric',
  'colour-needs-two-bands',
  'too-many-problems',
] as const;
export type UcdDiagnosticCode = (typeof UCD_DIAGNOSTIC_CODES)[number];

export type UcdSeverity = 'error' | 'warning' | 'info';

/** Overall verdict: any error → invalid; else a deprecated word → deprecated; else any warning → valid-with-warnings. */
export type UcdStatus = 'valid' | 'valid-with-warnings' | 'deprecated' | 'invalid';

export interface UcdDiagnostic {
  code: UcdDiagnosticCode;
  severity: UcdSeverity;
  message: string;
  /** 0-based offset of the problem in the input (UTF-16 units), and its end (exclusive). */
  start: number;
  end: number;
  /** 0-based index of the word concerned, where there is one. */
  wordIndex?: number;
  /** For deprecated-word: the replacement UCD. */
  replacement?: string;
}

/** One word of the input, as understood. */
export interface UcdWordReport {
  /** The word as typed, without its namespace. */
  text: string;
  namespace?: string;
  start: number;
  end: number;
  /** Canonical spelling when the word is listed or deprecated. */
  canonical?: string;
  code?: string;
  description?: string;
  iri?: string;
  status: 'known' | 'deprecated' | 'unknown' | 'foreign' | 'malformed';
  replacement?: string;
}

export interface UcdSuggestion {
  ucd: string;
  /** Why it is offered, e.g. `unknown word phot.mgg → phot.mag (edit distance 1)`. */
  reasons: string[];
  status: UcdStatus;
}

export interface UcdValidation {
  input: string;
  status: UcdStatus;
  /** The UCD in canonical spelling (default namespace dropped), or null when it cannot be parsed into words. */
  canonical: string | null;
  words: UcdWordReport[];
  diagnostics: UcdDiagnostic[];
  /** Fixes, each itself validated; empty when the input is valid. */
  suggestions: UcdSuggestion[];
}

export function statusOf(diagnostics: readonly UcdDiagnostic[]): UcdStatus {
  let status: UcdStatus = 'valid';
  for (const d of diagnostics) {
    if (d.severity === 'error') return 'invalid';
    if (d.code === 'deprecated-word') status = 'deprecated';
    else if (d.severity === 'warning' && status === 'valid') status = 'valid-with-warnings';
  }
  return status;
}

/** UCD1+ EN 1.6 §2: an S word cannot open a UCD. Shared by the fast path and the full validator so both say the same. */
export function secondaryFirst(word: string, start: number, end: number, wordIndex: number): UcdDiagnostic {
  return { code: 'secondary-first', severity: 'error', message: `"${word}" (code S) is secondary only and cannot be the first word`, start, end, wordIndex };
}

/** UCD1+ EN 1.6 §2: a P word cannot follow another word. */
export function primaryNotFirst(word: string, start: number, end: number, wordIndex: number): UcdDiagnostic {
  return { code: 'primary-not-first', severity: 'error', message: `"${word}" (code P) is primary only and must be the first word`, start, end, wordIndex };
}

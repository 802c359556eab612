/** A compound UCD in words, from the list's descriptions (UCD1+ EN 1.6 §3: the first word is the quantity, the others qualify it). */
import type { UcdStatus, UcdValidation } from './ucd-diagnostic.js';

export interface ExplainedWord {
  word: string;
  description: string;
  code?: string;
  iri?: string;
  role: 'quantity' | 'qualifier';
  status: string;
}

export interface UcdExplanation {
  input: string;
  status: UcdStatus;
  canonical: string | null;
  /** One sentence, e.g. `Photometric magnitude, in the optical band between 500 and 600 nm`. */
  text: string;
  words: ExplainedWord[];
}

/** Lower-cases a description's first letter unless it opens an acronym (`FITS`, `UCD`). */
function lowerFirst(text: string): string {
  return /^[A-Z][a-z]/.test(text) ? text.charAt(0).toLowerCase() + text.slice(1) : text;
}

function connector(word: string): string {
  if (word === 'em' || word.startsWith('em.')) return 'in the';
  if (word === 'meta.main') return '';
  return 'of the';
}

export function explainValidation(validation: UcdValidation): UcdExplanation {
  const words: ExplainedWord[] = validation.words.map((w, index) => {
    const word = w.canonical ?? (w.namespace ? `${w.namespace}:${w.text}` : w.text);
    let description = w.description ?? '';
    if (w.status === 'deprecated') description = `deprecated word; use ${w.replacement} instead`;
    else if (w.status === 'unknown') description = 'not a word of the UCD list';
    else if (w.status === 'foreign') description = `word of namespace ${w.namespace}, not described by the UCD list`;
    else if (w.status === 'malformed') description = 'not a well-formed word';
    return { word, description, code: w.code, iri: w.iri, role: index === 0 ? 'quantity' : 'qualifier', status: w.status };
  });
  const parts = words.map((w, index) => {
    if (index === 0) return w.description;
    if (w.word === 'meta.main') return '(main value)';
    const lead = connector(w.word);
    return `${lead ? `${lead} ` : ''}${lowerFirst(w.description)}`;
  });
  const text = parts.filter((p) => p !== '').join(', ');
  return { input: validation.input, status: validation.status, canonical: validation.canonical, text, words };
}

/** What the matchers read of a term: its labels (preferred, alternative, a readable id) normalised once. */
import type { Term } from '../model/index.js';
import { bagKey, compactKey, charNgrams, foldText, initials, labelTokens, looksLikeAcronym, STOPWORDS, withoutParentheses } from './label-normaliser.js';

export type ViewKind = 'pref' | 'alt' | 'id' | 'trimmed' | 'facet' | 'definition';

export interface LabelView {
  text: string;
  kind: ViewKind;
  folded: string;
  tokens: string[];
  /** Exact normalised label key. */
  key: string;
  /** Order-free key over meaningful words. */
  bag: string;
  /** The key's words run together. */
  compact: string;
  /** For a faceted label seen without its facet ("stars: magnetars" as "magnetars"): the facet's words. */
  facet?: string[];
}

export interface TermFeatures {
  term: Term;
  views: LabelView[];
  /** Meaningful words of the definitions, singularised. */
  definitionTokens: string[];
  /** Lower-case acronyms this term is named by (GSE, HEEQ), when its vocabulary writes acronyms in capitals. */
  acronyms: string[];
  /** Initials of its multi-word labels ("Geocentric Solar Ecliptic" → gse). */
  expansions: string[];
  /** Character trigrams of all its views. */
  grams: string[];
  deprecated: boolean;
}

function view(text: string, kind: ViewKind): LabelView | undefined {
  const tokens = labelTokens(text);
  if (tokens.length === 0) return undefined;
  return { text, kind, folded: foldText(text), tokens, key: tokens.join(' '), bag: bagKey(tokens), compact: compactKey(tokens) };
}

/**
 * A parenthesis that widens or narrows the scope of a label ("oscillations (including pulsations)", "peculiar
 * (except chemically peculiar)") is part of its meaning: the label without it names a different extent.
 */
const SCOPE_NOTE = /\(\s*(?:including|incl\.|includes|except|excepting|excluding|other than|not|without|but not)\b/i;

/** A faceted label without its facet: "stars: magnetars" → "magnetars" (not when the rest is a qualifier like "general"). */
function facetFree(label: string): string | undefined {
  const colon = label.lastIndexOf(':');
  if (colon <= 0) return undefined;
  if (SCOPE_NOTE.test(label.slice(colon + 1))) return undefined;
  const rest = withoutParentheses(label.slice(colon + 1));
  const words = labelTokens(rest).filter((t) => !STOPWORDS.has(t));
  return words.length === 0 ? undefined : rest;
}

/** A label closed by a filler qualifier without it: "BL Lacertae objects: general" → "BL Lacertae objects". */
function withoutFillerTail(label: string): string | undefined {
  const colon = label.lastIndexOf(':');
  if (colon <= 0 || labelTokens(label.slice(colon + 1)).some((t) => !STOPWORDS.has(t))) return undefined;
  const head = label.slice(0, colon).trim();
  return head === '' ? undefined : head;
}

/** A label that is a code rather than a name: "Ae*", "em.IR", "PulsV*bCep" (no space, and a symbol or a dot in it). */
function codeLabel(label: string): boolean {
  return !/\s/.test(label) && /[*.+/]|\d/.test(label);
}

/** A definition that is really a name: a few words, no sentence ("Main Sequence Star", "Magnetic field"). */
function shortName(text: string): boolean {
  return text.split(/\s+/).length <= 6 && !/[.;:]\s|[.;:]$/.test(text);
}

/** Ids that read as words ("dwarf_planet", "ElectricField", "GSE"), not opaque codes ("esa:psa:spacecraft.edm", "ca"). */
function readableId(id: string): boolean {
  return /^[A-Za-z][A-Za-z0-9_-]{2,}$/.test(id) && /[a-z]{3}|^[A-Z0-9_]{3,8}$/.test(id);
}

/**
 * A vocabulary writes labels in capitals as a house style (the IAU Thesaurus: "A DWARF STARS") when many
 * multi-word labels are all capitals; then a capitalised word is no acronym.
 */
export function capitalStyle(terms: readonly Term[]): boolean {
  const multi = terms.map((t) => t.labels[0] ?? '').filter((l) => /\s/.test(l.trim()));
  if (multi.length === 0) return false;
  return multi.filter((l) => l === l.toUpperCase() && /[A-Z]/.test(l)).length / multi.length > 0.3;
}

export function termFeatures(term: Term, options: { acronyms: boolean }): TermFeatures {
  const views: LabelView[] = [];
  const push = (v: LabelView | undefined) => {
    if (v && !views.some((w) => w.key === v.key)) views.push(v);
  };
  for (const label of term.labels) push(view(label, 'pref'));
  for (const label of term.altLabels) push(view(label, 'alt'));
  if (readableId(term.id)) push(view(term.id, 'id'));
  const definition = term.definitions[0]?.trim();
  if (definition && codeLabel(term.labels[0] ?? term.id) && shortName(definition)) push(view(definition, 'definition'));
  for (const v of [...views]) {
    const trimmed = withoutParentheses(v.text);
    if (trimmed !== v.text && trimmed !== '' && !SCOPE_NOTE.test(v.text)) push(view(trimmed, 'trimmed'));
  }
  for (const v of [...views]) {
    const head = withoutFillerTail(v.text);
    if (head !== undefined) push(view(head, 'trimmed'));
  }
  for (const v of [...views]) {
    const facetless = facetFree(v.text);
    const facetView = facetless === undefined ? undefined : view(facetless, 'facet');
    if (facetView) push({ ...facetView, facet: bagKey(labelTokens(withoutParentheses(v.text.slice(0, v.text.lastIndexOf(':'))))).split(' ') });
  }
  const acronyms = options.acronyms ? [...new Set([...term.labels, ...term.altLabels, term.id].filter(looksLikeAcronym).map((a) => a.toLowerCase()))] : [];
  const expansions = [...new Set([...term.labels, ...term.altLabels].flatMap(initials))];
  const definitionTokens = term.definitions.flatMap((d) => labelTokens(d)).filter((t) => !STOPWORDS.has(t) && t.length > 1);
  const grams = [...new Set(views.flatMap((v) => charNgrams(v.folded)))];
  return { term, views, definitionTokens, acronyms, expansions, grams, deprecated: term.status.deprecated };
}

/**
 * The rules on a term's own fields, which need no other term: id syntax, label, description, alt labels and links.
 * The text rules keep a record writable as one terms.csv row that the terms.csv reader (which trims fields) reads
 * back unchanged; the bounds keep requests and records small.
 */
import { IVOASEM, RDF, RDFS, SKOS, type TermLink, type TermRecord } from '../model/index.js';
import { quote, refuse, type TermRuleCode } from './term-rules-codes.js';

export const MAX_ID_LENGTH = 200;
export const MAX_LABEL_LENGTH = 1_000;
export const MAX_DESCRIPTION_LENGTH = 10_000;
export const MAX_ALT_LABELS = 200;
export const MAX_LINKS = 100;
export const MAX_IRI_LENGTH = 4_096;

const TERM_ID = /^[A-Za-z0-9_-]+$/;
/** Line breaks (including U+0085, U+2028, U+2029) and every other control character. */
const NOT_ONE_LINE = /[\p{Cc}\u2028\u2029]/u;
/** Characters RFC 3987 never allows in an IRI: whitespace, controls and <>"{}|\^`. */
const NOT_IRI = /[\s<>"{}|\\^`\p{Cc}]/u;
const HIERARCHICAL_IRI = /^(?:https?|ivo):\/\/[^/?#]+/i;
const URN = /^urn:[A-Za-z0-9][A-Za-z0-9-]{0,31}:./i;

/** Predicates a record spells in its own fields (or that would bypass the hierarchy and lifecycle rules as links). */
const RESERVED_PREDICATES = new Set([
  `${RDF}type`,
  `${RDFS}label`,
  `${RDFS}comment`,
  `${RDFS}subClassOf`,
  `${RDFS}subPropertyOf`,
  `${SKOS}prefLabel`,
  `${SKOS}altLabel`,
  `${SKOS}definition`,
  `${SKOS}broader`,
  `${SKOS}narrower`,
  `${SKOS}broaderTransitive`,
  `${SKOS}narrowerTransitive`,
]);

export function checkId(id: string): void {
  if (!TERM_ID.test(id) || id.length > MAX_ID_LENGTH) {
    throw refuse('id-syntax', 'term', `a term id is ASCII letters, digits, "_" and "-", 1 to ${MAX_ID_LENGTH} characters; found ${quote(id)}`, {
      limit: MAX_ID_LENGTH,
    });
  }
}

/** Rules on one field of text; `required` is the rule for an empty text, omitted where empty is allowed. */
interface TextRules {
  required?: TermRuleCode;
  untrimmed: TermRuleCode;
  singleLine: TermRuleCode;
  tooLong: TermRuleCode;
  limit: number;
  /** How the message names the field: "the label", "alt label 3". */
  name: string;
}

function checkText(text: string, parameter: string, rules: TextRules): void {
  if (rules.required && text.trim() === '') throw refuse(rules.required, parameter, `${rules.name} must not be empty`);
  if (text !== text.trim()) throw refuse(rules.untrimmed, parameter, `${rules.name} starts or ends with whitespace: ${quote(text)}`);
  if (NOT_ONE_LINE.test(text)) throw refuse(rules.singleLine, parameter, `${rules.name} must be one line, without line breaks or control characters`);
  const length = text.length > rules.limit ? [...text].length : text.length;
  if (length > rules.limit) {
    throw refuse(rules.tooLong, parameter, `${rules.name} has ${length} characters; at most ${rules.limit} are allowed`, { limit: rules.limit, length });
  }
}

export function checkLabel(label: string | undefined): void {
  if (label === undefined) throw refuse('label-required', 'label', 'a new term needs a label');
  checkText(label, 'label', {
    required: 'label-required',
    untrimmed: 'label-untrimmed',
    singleLine: 'label-single-line',
    tooLong: 'label-too-long',
    limit: MAX_LABEL_LENGTH,
    name: 'the label',
  });
}

export function checkDescription(description: string): void {
  checkText(description, 'description', {
    untrimmed: 'description-untrimmed',
    singleLine: 'description-single-line',
    tooLong: 'description-too-long',
    limit: MAX_DESCRIPTION_LENGTH,
    name: 'the description',
  });
}

export function checkAltLabels(altLabels: readonly string[]): void {
  if (altLabels.length > MAX_ALT_LABELS) {
    throw refuse('alt-labels-too-many', 'altLabels', `a term has at most ${MAX_ALT_LABELS} alt labels; found ${altLabels.length}`, {
      limit: MAX_ALT_LABELS,
    });
  }
  const seen = new Set<string>();
  altLabels.forEach((altLabel, index) => {
    const parameter = `altLabels.${index}`;
    checkText(altLabel, parameter, {
      required: 'alt-label-required',
      untrimmed: 'alt-label-untrimmed',
      singleLine: 'alt-label-single-line',
      tooLong: 'alt-label-too-long',
      limit: MAX_LABEL_LENGTH,
      name: `alt label ${index}`,
    });
    if (!parenthesesBalance(altLabel)) {
      throw refuse('alt-label-parentheses', parameter, `alt label ${index} has unbalanced parentheses: ${quote(altLabel)}; terms.csv could not write it`);
    }
    if (seen.has(altLabel)) throw refuse('alt-label-duplicate', parameter, `alt label ${quote(altLabel)} is given twice`);
    seen.add(altLabel);
  });
}

function parenthesesBalance(text: string): boolean {
  let depth = 0;
  for (const character of text) {
    if (character === '(') depth += 1;
    else if (character === ')' && --depth < 0) return false;
  }
  return depth === 0;
}

export function checkLinks(links: readonly TermLink[]): void {
  if (links.length > MAX_LINKS) {
    throw refuse('links-too-many', 'links', `a term has at most ${MAX_LINKS} links; found ${links.length}`, { limit: MAX_LINKS });
  }
  const seen = new Set<string>();
  links.forEach((link, index) => {
    const { predicate, target } = link;
    if (!isLinkIri(predicate)) {
      throw refuse(
        'link-predicate-iri',
        `links.${index}.predicate`,
        `link ${index}: the predicate must be a full http, https, urn or ivo IRI (not a CURIE); found ${quote(predicate)}`,
      );
    }
    if (RESERVED_PREDICATES.has(predicate) || predicate.startsWith(IVOASEM)) {
      throw refuse(
        'link-predicate-reserved',
        `links.${index}.predicate`,
        `link ${index}: ${predicate} is not a link; set the term's label, altLabels, description or parents, or deprecate or approve it`,
      );
    }
    if (!isLinkIri(target)) {
      throw refuse(
        'link-target-iri',
        `links.${index}.target`,
        `link ${index}: the target must be an absolute http, https, urn or ivo IRI of at most ${MAX_IRI_LENGTH} characters; found ${quote(target)}`,
        { limit: MAX_IRI_LENGTH },
      );
    }
    const key = `${predicate} ${target}`;
    if (seen.has(key)) throw refuse('link-duplicate', `links.${index}`, `link ${index} repeats ${predicate} ${target}`);
    seen.add(key);
  });
}

/** An absolute http, https, urn or ivo IRI with no character RFC 3987 excludes, so every RDF writer takes it as it is. */
function isLinkIri(text: string): boolean {
  return text.length <= MAX_IRI_LENGTH && (HIERARCHICAL_IRI.test(text) || URN.test(text)) && !NOT_IRI.test(text);
}

/** The fields a change may set; status and useInstead change only by approve and deprecate. */
export const EDITABLE_FIELDS: ReadonlySet<string> = new Set(['label', 'description', 'altLabels', 'parents', 'links']);

/** Checks every field the change sets (an add's label even when absent); the parents need the vocabulary: see term-rules-hierarchy. */
export function checkOwnFields(fields: Partial<TermRecord>, isAdd: boolean): void {
  for (const [name, value] of Object.entries(fields)) {
    if (value !== undefined && !EDITABLE_FIELDS.has(name)) {
      throw refuse(
        'field-not-editable',
        name,
        name === 'status'
          ? 'the status changes by approve or deprecate, not by setting it'
          : name === 'useInstead'
            ? 'useInstead is set by deprecating the term'
            : `a change cannot set ${quote(name)}; it sets label, description, altLabels, parents or links`,
      );
    }
  }
  if (isAdd || fields.label !== undefined) checkLabel(fields.label);
  if (fields.description !== undefined) checkDescription(fields.description);
  if (fields.altLabels !== undefined) checkAltLabels(fields.altLabels);
  if (fields.links !== undefined) checkLinks(fields.links);
}

/**
 * The rules a term change must pass, by stable code: what each says, where VocInVO2 says it, and the kind of error
 * (hence the HTTP status) that refuses it. Problem details carry the code as `rule`, so clients and the editor forms
 * can key their messages on it.
 */
import { AstrovocError, type ErrorKind } from '../model/index.js';

interface TermRule {
  kind: ErrorKind;
  says: string;
}

const rule = (says: string, kind: ErrorKind = 'unprocessable'): TermRule => ({ kind, says });

export const TERM_RULES = {
  'term-unknown': rule('a modify, deprecate, approve or remove names a term of the vocabulary', 'not-found'),
  'unique-id': rule('an added term has an id no term of the vocabulary has', 'conflict'),
  'id-syntax': rule('a term id is ASCII letters, digits, "_" and "-" (VocInVO2 §4), at most 200 characters'),
  'field-not-editable': rule('a change sets only label, description, altLabels, parents and links; status and useInstead change by approve and deprecate'),
  'modify-empty': rule('a modify sets at least one field'),
  'label-required': rule('a term has a label (VocInVO2 §4.1.1, §4.3.1)'),
  'label-untrimmed': rule('a label has no leading or trailing whitespace'),
  'label-single-line': rule('a label is one line: no line breaks or other control characters'),
  'label-too-long': rule('a label has at most 1,000 characters'),
  'description-untrimmed': rule('a description has no leading or trailing whitespace'),
  'description-single-line': rule('a description is one paragraph without markup (VocInVO2 Appendix A.1)'),
  'description-too-long': rule('a description has at most 10,000 characters'),
  'alt-labels-too-many': rule('a term has at most 200 alt labels'),
  'alt-label-required': rule('an alt label is not empty'),
  'alt-label-untrimmed': rule('an alt label has no leading or trailing whitespace'),
  'alt-label-single-line': rule('an alt label is one line: no line breaks or other control characters'),
  'alt-label-too-long': rule('an alt label has at most 1,000 characters'),
  'alt-label-duplicate': rule('a term names each alt label once'),
  'alt-label-parentheses': rule('an alt label has balanced parentheses, as terms.csv writes it in skos:altLabel(...) (VocInVO2 Appendix A.1)'),
  'links-too-many': rule('a term has at most 100 links'),
  'link-predicate-iri': rule('a link predicate is an absolute http, https, urn or ivo IRI of at most 4,096 characters, not a CURIE'),
  'link-predicate-reserved': rule('a link predicate is none of those a term record holds in its own fields (type, labels, definition, hierarchy, lifecycle)'),
  'link-target-iri': rule('a link target is an absolute http, https, urn or ivo IRI of at most 4,096 characters'),
  'link-duplicate': rule('a term names each link once'),
  'parent-unknown': rule('a parent is a term of the vocabulary'),
  'parent-deprecated': rule('a new parent is not deprecated (VocInVO2 §4.4: deprecated terms are not to be used)'),
  'parent-duplicate': rule('a term names each parent once'),
  'parent-self': rule('a term is not its own parent'),
  'parent-cycle': rule('a term is not placed under one of its own descendants'),
  'tree-one-parent': rule('a term of an RDF Class or RDF Property vocabulary has at most one parent: the hierarchy is a tree (VocInVO2 §4.2.1, §4.3.1)'),
  'deprecated-term-frozen': rule('a deprecated term keeps its label and parents: documents that use it keep their meaning (VocInVO2 §2.2.5)'),
  'already-deprecated': rule('only a term that is not deprecated is deprecated'),
  'use-instead-unknown': rule('useInstead names a term of the vocabulary'),
  'use-instead-self': rule('a term is not its own replacement'),
  'use-instead-deprecated': rule('useInstead does not name a deprecated term (VocInVO2 §4.4, the IVOA vocabulary validator)'),
  'use-instead-not-deprecated': rule('useInstead is given only for a deprecated term (VocInVO2 §4.4: "MUST NOT be used with non-deprecated subjects")'),
  'deprecate-replacement': rule('a term that other terms name in useInstead is not deprecated: their useInstead would name a deprecated term (VocInVO2 §4.4)'),
  'approve-not-preliminary': rule('only a preliminary term is approved (VocInVO2 §5.2.3)'),
  'remove-not-preliminary': rule('only a preliminary term is removed: approved and deprecated terms never disappear (VocInVO2 §2.2.5, §4.4, §5.2.2)'),
  'remove-still-parent': rule("a removed term is no other term's parent"),
  'remove-still-replacement': rule("a removed term is no other term's useInstead"),
} as const satisfies Readonly<Record<string, TermRule>>;

export type TermRuleCode = keyof typeof TERM_RULES;

/**
 * The error that refuses a change by `code`: `parameter` is the path of the field at fault ("label", "parents.1",
 * "links.0.target"), `fields.field` its top-level field, and `facts` what else a client can act on (limit, term).
 */
export function refuse(code: TermRuleCode, parameter: string, message: string, facts: Readonly<Record<string, unknown>> = {}): AstrovocError {
  const field = parameter.split('.')[0] ?? parameter;
  return new AstrovocError(TERM_RULES[code].kind, message, { location: { parameter }, fields: { rule: code, field, ...facts } });
}

/** A term id or label quoted for a message, cut short if long. */
export function quote(text: string): string {
  return JSON.stringify(text.length > 80 ? `${text.slice(0, 77)}...` : text);
}

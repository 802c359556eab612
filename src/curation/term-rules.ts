/**
 * The rules a term change must pass before anything is written (VocInVO2 §4, §5.2; the codes are in
 * term-rules-codes.ts). Pure and synchronous: a change is checked against the vocabulary as hosted now.
 *
 * Decisions where VocInVO2 leaves a choice:
 * - Deprecating a term whose children are not deprecated is allowed: VocInVO2 keeps deprecated terms in the hierarchy
 *   and says nothing of their children, which stay valid terms; a child keeps its deprecated parent, but no term gets
 *   a deprecated parent it did not have (`parent-deprecated`).
 * - A deprecated term keeps its label and parents (`deprecated-term-frozen`); its description, alt labels and links
 *   may still be corrected, e.g. to say why it was deprecated or to add a mapping. Its useInstead is set once, when it
 *   is deprecated.
 * - A preliminary term may be deprecated as well as removed: it "can immediately be used" (VocInVO2 §5.2.2), and a
 *   deprecation keeps documents that used it resolvable.
 */
import type { Flavour, TermChange, TermRecord } from '../model/index.js';
import { quote, refuse } from './term-rules-codes.js';
import { checkId, checkOwnFields } from './term-rules-fields.js';
import { checkParents } from './term-rules-hierarchy.js';

export { TERM_RULES, type TermRuleCode } from './term-rules-codes.js';
export { MAX_ALT_LABELS, MAX_DESCRIPTION_LENGTH, MAX_ID_LENGTH, MAX_IRI_LENGTH, MAX_LABEL_LENGTH, MAX_LINKS } from './term-rules-fields.js';

/** How many of the terms that block a change a problem names. */
const NAMED_TERMS = 10;

/**
 * The term's record after the change (null for a remove), or an AstrovocError naming the field and the rule:
 * `location.parameter` is the field's path ("parents.1"), `fields.rule` the rule's code, `fields.field` the field.
 * `records` holds every term of the vocabulary as hosted now, by id.
 */
export function checkTermChange(records: ReadonlyMap<string, TermRecord>, flavour: Flavour, change: TermChange): TermRecord | null {
  if (change.useInstead !== undefined && change.action !== 'deprecate') {
    throw refuse('use-instead-not-deprecated', 'useInstead', `useInstead is given only to deprecate a term; this change is "${change.action}"`);
  }
  if (change.action === 'add') return checkAdd(records, flavour, change);

  const before = records.get(change.term);
  if (!before) throw refuse('term-unknown', 'term', `${quote(change.term)} is not a term of this vocabulary`, { term: change.term });
  if (change.action !== 'modify' && change.fields && Object.values(change.fields).some((value) => value !== undefined)) {
    throw refuse('field-not-editable', 'fields', `"${change.action}" sets no fields; send a modify to change them`);
  }
  const after = afterChange(records, flavour, before, change);
  if (after?.useInstead !== undefined && after.status !== 'deprecated') {
    throw refuse('use-instead-not-deprecated', 'useInstead', `${quote(after.id)} is ${after.status} yet names useInstead ${quote(after.useInstead)}`);
  }
  return after;
}

function afterChange(records: ReadonlyMap<string, TermRecord>, flavour: Flavour, before: TermRecord, change: TermChange): TermRecord | null {
  switch (change.action) {
    case 'modify':
      return checkModify(records, flavour, before, change);
    case 'deprecate':
      return checkDeprecate(records, before, change.useInstead);
    case 'approve':
      if (before.status !== 'preliminary') {
        throw refuse('approve-not-preliminary', 'status', `${quote(before.id)} is ${before.status}; only a preliminary term is approved`);
      }
      return { ...copy(before), status: 'approved' };
    case 'remove':
      checkRemove(records, before);
      return null;
    case 'add':
      throw new Error('unreachable: an add has no record before');
  }
}

function checkAdd(records: ReadonlyMap<string, TermRecord>, flavour: Flavour, change: TermChange): TermRecord {
  const id = change.term;
  checkId(id);
  if (records.has(id)) throw refuse('unique-id', 'term', `${quote(id)} is already a term of this vocabulary`, { term: id });
  const fields = change.fields ?? {};
  checkOwnFields(fields, true);
  const after: TermRecord = {
    id,
    label: fields.label ?? '',
    description: fields.description ?? '',
    altLabels: [...(fields.altLabels ?? [])],
    parents: [...(fields.parents ?? [])],
    status: 'preliminary',
    links: (fields.links ?? []).map((link) => ({ ...link })),
  };
  checkParents(records, flavour, id, after.parents, []);
  return after;
}

function checkModify(records: ReadonlyMap<string, TermRecord>, flavour: Flavour, before: TermRecord, change: TermChange): TermRecord {
  const fields = change.fields ?? {};
  if (!Object.values(fields).some((value) => value !== undefined)) {
    throw refuse('modify-empty', 'fields', 'a modify sets at least one of label, description, altLabels, parents, links');
  }
  checkOwnFields(fields, false);
  if (before.status === 'deprecated') {
    const frozen =
      fields.label !== undefined && fields.label !== before.label
        ? 'label'
        : fields.parents !== undefined && !sameList(fields.parents, before.parents)
          ? 'parents'
          : undefined;
    if (frozen) {
      throw refuse('deprecated-term-frozen', frozen, `${quote(before.id)} is deprecated: its ${frozen} stays as documents that use it know it`);
    }
  }
  const after = copy(before);
  if (fields.label !== undefined) after.label = fields.label;
  if (fields.description !== undefined) after.description = fields.description;
  if (fields.altLabels !== undefined) after.altLabels = [...fields.altLabels];
  if (fields.links !== undefined) after.links = fields.links.map((link) => ({ ...link }));
  if (fields.parents !== undefined) {
    checkParents(records, flavour, before.id, fields.parents, before.parents);
    after.parents = [...fields.parents];
  }
  return after;
}

function checkDeprecate(records: ReadonlyMap<string, TermRecord>, before: TermRecord, useInstead: string | undefined): TermRecord {
  if (before.status === 'deprecated') {
    throw refuse('already-deprecated', 'status', `${quote(before.id)} is already deprecated`, before.useInstead ? { useInstead: before.useInstead } : {});
  }
  if (useInstead !== undefined) {
    if (useInstead === before.id) throw refuse('use-instead-self', 'useInstead', `${quote(before.id)} cannot replace itself`, { term: useInstead });
    const replacement = records.get(useInstead);
    if (!replacement)
      throw refuse('use-instead-unknown', 'useInstead', `useInstead ${quote(useInstead)} is not a term of this vocabulary`, { term: useInstead });
    if (replacement.status === 'deprecated') {
      throw refuse(
        'use-instead-deprecated',
        'useInstead',
        `useInstead ${quote(useInstead)} is deprecated itself${replacement.useInstead ? `; name ${quote(replacement.useInstead)}, its replacement` : ''}`,
        { term: useInstead },
      );
    }
  }
  const replaced = referrers(records, before.id, (record) => record.useInstead === before.id);
  if (replaced.length > 0) {
    throw refuse(
      'deprecate-replacement',
      'term',
      `${quote(before.id)} is the replacement (useInstead) of ${named(replaced)}: deprecating it would point them to a deprecated term`,
      { terms: replaced.slice(0, NAMED_TERMS), count: replaced.length },
    );
  }
  const after: TermRecord = { ...copy(before), status: 'deprecated' };
  if (useInstead === undefined) delete after.useInstead;
  else after.useInstead = useInstead;
  return after;
}

function checkRemove(records: ReadonlyMap<string, TermRecord>, before: TermRecord): void {
  if (before.status !== 'preliminary') {
    throw refuse(
      'remove-not-preliminary',
      'status',
      `${quote(before.id)} is ${before.status}: only preliminary terms are removed; ${before.status === 'approved' ? 'deprecate it instead' : 'it stays deprecated'}`,
    );
  }
  const children = referrers(records, before.id, (record) => record.parents.includes(before.id));
  if (children.length > 0) {
    throw refuse('remove-still-parent', 'term', `${quote(before.id)} is the parent of ${named(children)}: move or remove them first`, {
      terms: children.slice(0, NAMED_TERMS),
      count: children.length,
    });
  }
  const replaced = referrers(records, before.id, (record) => record.useInstead === before.id);
  if (replaced.length > 0) {
    throw refuse('remove-still-replacement', 'term', `${quote(before.id)} is the replacement (useInstead) of ${named(replaced)}`, {
      terms: replaced.slice(0, NAMED_TERMS),
      count: replaced.length,
    });
  }
}

/** The ids of the other terms for which `names` holds, in the vocabulary's order: one pass over the vocabulary. */
function referrers(records: ReadonlyMap<string, TermRecord>, id: string, names: (record: TermRecord) => boolean): string[] {
  const found: string[] = [];
  for (const record of records.values()) if (record.id !== id && names(record)) found.push(record.id);
  return found;
}

function named(ids: readonly string[]): string {
  const shown = ids.slice(0, NAMED_TERMS).map(quote).join(', ');
  return ids.length > NAMED_TERMS ? `${shown} and ${ids.length - NAMED_TERMS} more` : shown;
}

function sameList(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((value, index) => value === b[index]);
}

/** A copy that shares no arrays or links with the hosted record. */
function copy(record: TermRecord): TermRecord {
  return { ...record, altLabels: [...record.altLabels], parents: [...record.parents], links: record.links.map((link) => ({ ...link })) };
}

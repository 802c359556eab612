/** How a curated change and a curation conflict read on a page: who, when, what, why, and each field before → after. */
import { TERM_RECORD_FIELDS, type ChangeEntry, type CurationConflict, type TermRecord, type TermRecordField } from '../model/index.js';

export interface FieldChangeView {
  field: string;
  before: string;
  after: string;
}

export interface ChangeView {
  id: string;
  who: string;
  /** ISO 8601, as logged (the <time> element's datetime). */
  when: string;
  /** The time as people read it: 2026-12-07 18:54 UTC. */
  whenText: string;
  action: string;
  term: string;
  why?: string;
  proposal?: string;
  fields: FieldChangeView[];
}

export interface ConflictView {
  term: string;
  /** The public page of the term, when it still exists. */
  path?: string;
  action: string;
  who: string;
  when: string;
  whenText: string;
  reason: string;
  field?: string;
}

const FIELD_LABELS: Readonly<Record<TermRecordField, string>> = {
  label: 'label',
  description: 'description',
  altLabels: 'alternative labels',
  parents: 'parents',
  status: 'status',
  useInstead: 'use instead',
  links: 'links',
};

/** A field's value as text: lists joined by "; ", nothing as an empty string. */
export function fieldText(record: TermRecord | null, field: TermRecordField): string {
  if (!record) return '';
  if (field === 'links') return record.links.map((link) => `${link.predicate} ${link.target}`).join('; ');
  const value = record[field];
  if (Array.isArray(value)) return value.join('; ');
  return value ?? '';
}

/** An ISO 8601 time to the minute, in UTC; text that is not a time stays as it is. */
export function timeText(iso: string): string {
  const time = new Date(iso);
  return Number.isNaN(time.getTime()) ? iso : `${time.toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}

export function changeView(entry: ChangeEntry): ChangeView {
  const fields = TERM_RECORD_FIELDS.map((field) => ({
    field: FIELD_LABELS[field],
    before: fieldText(entry.before, field),
    after: fieldText(entry.after, field),
  })).filter((change) => change.before !== change.after);
  return {
    id: entry.id,
    who: entry.who,
    when: entry.when,
    whenText: timeText(entry.when),
    action: entry.action,
    term: entry.term,
    ...(entry.why ? { why: entry.why } : {}),
    ...(entry.proposal ? { proposal: entry.proposal } : {}),
    fields,
  };
}

/** The changes newest first, whatever order the service gave them in (ISO times sort as text; ids break ties). */
export function historyView(entries: readonly ChangeEntry[]): ChangeView[] {
  return [...entries].sort((a, b) => (a.when === b.when ? b.id.localeCompare(a.id) : b.when.localeCompare(a.when))).map(changeView);
}

/** A conflict as a page lists it; `pathOf` gives a term's public page when the term is still hosted. */
export function conflictView(conflict: CurationConflict, pathOf: (term: string) => string | undefined): ConflictView {
  const { change } = conflict;
  const path = pathOf(change.term);
  return {
    term: change.term,
    ...(path ? { path } : {}),
    action: change.action,
    who: change.who,
    when: change.when,
    whenText: timeText(change.when),
    reason: conflict.reason,
    ...(conflict.field ? { field: FIELD_LABELS[conflict.field] } : {}),
  };
}

/**
 * The hosted graph is upstream plus the logged changes, replayed in order as a fold with per-field
 * preconditions: a change applies when each field it changes holds its `before` value (or already its `after`:
 * nothing to do). Otherwise (the term is gone, an added id exists with other content, upstream changed the same
 * field) it is a conflict and is not applied; later changes of other fields of the same term still apply.
 */
import type { ChangeEntry, CurationConflict, TermRecord } from '../model/index.js';
import { changedFields, sameField, type RecordChange } from './term-rdf.js';

export interface Replay {
  /** Terms changed by applied changes: their record now (null: removed). */
  curated: Map<string, TermRecord | null>;
  conflicts: CurationConflict[];
  /** What the graph must change, term by term, from what it holds now. */
  changes: Map<string, RecordChange>;
}

/** Folds the log over the records `upstream` answers (the graph as the load wrote it). */
export function replayChanges(upstream: (id: string) => TermRecord | undefined, entries: readonly ChangeEntry[]): Replay {
  const curated = new Map<string, TermRecord | null>();
  const conflicts: CurationConflict[] = [];
  const now = (id: string): TermRecord | null => (curated.has(id) ? curated.get(id)! : (upstream(id) ?? null));
  for (const entry of entries) {
    const current = now(entry.term);
    const conflict = conflictOf(entry, current);
    if (conflict) conflicts.push({ change: entry, ...conflict, current });
    else curated.set(entry.term, applied(entry, current));
  }
  const changes = new Map<string, RecordChange>();
  for (const [id, to] of curated) {
    const from = upstream(id) ?? null;
    if (changedFields(from, to).length > 0) changes.set(id, { from, to });
  }
  return { curated, conflicts, changes };
}

function conflictOf(entry: ChangeEntry, current: TermRecord | null): Pick<CurationConflict, 'field' | 'reason'> | undefined {
  if (entry.before === null) {
    if (current === null || changedFields(current, entry.after).length === 0) return undefined;
    return { reason: `a term ${entry.term} exists now with other content` };
  }
  if (current === null) return entry.after === null ? undefined : { reason: 'the term was removed upstream' };
  const fields = entry.after === null ? changedFields(null, current) : changedFields(entry.before, entry.after);
  const field = fields.find((f) => !sameField(f, current, entry.before) && !sameField(f, current, entry.after));
  return field ? { field, reason: `upstream changed the ${field} too` } : undefined;
}

/** The record after an applicable change: the fields it changes set to their `after` values, the others as they are now. */
function applied(entry: ChangeEntry, current: TermRecord | null): TermRecord | null {
  if (entry.after === null) return null;
  if (current === null) return entry.after;
  const next: TermRecord = { ...current };
  for (const field of changedFields(entry.before, entry.after)) {
    if (field === 'useInstead') {
      if (entry.after.useInstead === undefined) delete next.useInstead;
      else next.useInstead = entry.after.useInstead;
    } else Object.assign(next, { [field]: entry.after[field] });
  }
  return next;
}

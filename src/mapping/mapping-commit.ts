/** The write path of the mapping sets: a change is validated, recorded, applied, then answered; a stop between is recovered at start. */
import type { VocabularyService } from '../vocab/index.js';
import { mappingId, type Mapping, type MappingSet } from './mapping.js';
import { mappingGraphIri, mappingSetQuads } from './mapping-graph.js';
import { MappingError } from './mapping-error.js';
import type { ChangeEntry, MappingRepository } from './mapping-repository.js';
import { emptyCuratedSet, sameRow, withReview } from './mapping-rows.js';
import { SssomError } from './sssom-error.js';

export interface SetChange {
  action: ChangeEntry['action'];
  who: string;
  row: Mapping;
  previous?: Mapping;
}

/**
 * Validated (serialised and read back, as RDF too), recorded (the change log, fsynced), applied (the
 * store graph, then the file, replaced atomically), then answered. A step that fails takes back those
 * before it: a failed write changes nothing, and a stop between the log and the file is applied at the
 * next start (load). `before` is the set as it stands (undefined for a new set).
 */
export async function commitSet(
  store: { repository: MappingRepository; vocabularies: VocabularyService; clock: () => Date },
  set: MappingSet,
  before: MappingSet | undefined,
  change: SetChange,
): Promise<void> {
  const { repository, vocabularies } = store;
  let prepared;
  try {
    prepared = repository.prepare(set);
  } catch (error) {
    if (error instanceof SssomError) throw new MappingError('invalid', `this change cannot be written: ${error.detail}`, error.field);
    throw error;
  }
  const graph = mappingGraphIri(set.name);
  const quads = mappingSetQuads(set);
  const comment = change.row.comment;
  const mark = await repository.log({
    at: store.clock().toISOString(),
    who: change.who,
    action: change.action,
    set: set.name,
    mapping: mappingId(change.row),
    subject: change.row.subjectId,
    predicate: change.row.predicateId,
    object: change.row.objectId,
    ...(comment ? { comment } : {}),
    row: change.row,
    ...(change.previous ? { previous: change.previous } : {}),
  });
  try {
    await vocabularies.writeGraphs(new Map([[graph, quads]]));
  } catch (error) {
    await repository.unlog(mark);
    throw error;
  }
  try {
    await repository.install(prepared);
  } catch (error) {
    await vocabularies.writeGraphs(new Map([[graph, before ? mappingSetQuads(before) : []]])).catch(() => undefined);
    await repository.unlog(mark);
    throw error;
  }
}

/**
 * The log is written before the file, so a stop in between leaves the last logged change missing from its
 * file: it was never acknowledged, and is applied now (to the file and to `files`). Only when the file still
 * holds the row as it was before that change: a file edited by hand since is left as it is (with a note).
 * `unreadable` are the sets whose files have errors (not loaded, or with rows left out).
 */
export async function recoverLastChange(repository: MappingRepository, files: MappingSet[], unreadable: ReadonlySet<string>): Promise<string[]> {
  const { entries, notes } = await repository.openLog();
  const last = entries.at(-1);
  if (!last?.row) return notes;
  const where = `${repository.path(last.set)}: the last change logged (${last.action} of ${last.mapping} by ${last.who} at ${last.at})`;
  if (unreadable.has(last.set)) return [...notes, `${where} is not checked: the file has errors`];
  const index = files.findIndex((f) => f.name === last.set);
  const set = index >= 0 ? files[index]! : last.action === 'add' ? emptyCuratedSet(last.set) : undefined;
  if (!set) return [...notes, `${where} is not applied: the set is gone`];
  const current = set.mappings.find((m) => mappingId(m) === last.mapping);
  if (current && sameRow(current, last.row)) return notes;
  const untouched = last.previous ? current !== undefined && sameRow(current, last.previous) : current === undefined;
  if (!untouched) return [...notes, `${where} is not applied: the row has changed since`];
  const updated = current ? withReview(set, current, last.row) : { ...set, mappings: [...set.mappings, last.row] };
  await repository.write(updated);
  if (index >= 0) files[index] = updated;
  else files.push(updated);
  return [...notes, `${where} was not in the file (a stop before it was written); applied now`];
}

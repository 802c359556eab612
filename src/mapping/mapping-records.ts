/**
 * The mapping sets as the service reads them: one record per mapping (the first set that has it wins, the
 * source-asserted set last), the links rejected, the mappings translation may use, the sets' summaries and
 * the filters of the list. Pure functions of the sets; the service keeps what they return.
 */
import type { MappingPredicate, Term } from '../model/index.js';
import { pairKey, tripleKey, type MatchOptions } from './candidate-generator.js';
import { mappingId, predicateIri, reviewStatus, skosPredicate, SOURCE_ASSERTED_SET, type Mapping, type MappingSet, type ReviewStatus } from './mapping.js';
import { mappingGraphIri } from './mapping-graph.js';
import { etagOf } from './mapping-repository.js';
import { inversePredicate } from './source-asserted.js';
import type { SssomError } from './sssom-error.js';
import type { UsableMapping } from './translation.js';

export interface MappingRecord {
  id: string;
  set: string;
  status: ReviewStatus;
  etag: string;
  mapping: Mapping;
}

export interface MappingFilter {
  subject?: string;
  object?: string;
  /** Either end in this hosted vocabulary. */
  vocab?: string;
  status?: ReviewStatus;
  predicate?: MappingPredicate;
  set?: string;
  limit?: number;
  offset?: number;
}

export interface MappingSetSummary {
  name: string;
  id: string;
  title?: string;
  graph: string;
  mappings: number;
  byStatus: Record<ReviewStatus, number>;
  /** Rows of the file that could not be read (left out; the set is not written until they are fixed). */
  unreadableRows?: { file: string; line?: number; field?: string; message: string }[];
}

/** One record per mapping id; a curated set's record of a mapping stands before the source-asserted set's. */
export function recordsOf(sets: Iterable<MappingSet>): Map<string, MappingRecord> {
  const records = new Map<string, MappingRecord>();
  const ordered = [...sets].sort((a, b) => Number(a.name === SOURCE_ASSERTED_SET) - Number(b.name === SOURCE_ASSERTED_SET));
  for (const set of ordered) {
    for (const mapping of set.mappings) {
      const id = mappingId(mapping);
      if (records.has(id)) continue;
      records.set(id, { id, set: set.name, status: reviewStatus(mapping, set.name), etag: etagOf({ set: set.name, mapping }), mapping });
    }
  }
  return records;
}

/**
 * `subject \n predicate \n object` of every rejected link. A rejection (a reviewed `Not`, or a curated negative
 * mapping) also rules out the same link written the other way round (B exactMatch A for A exactMatch B, B
 * narrowMatch A for A broadMatch B), in any set.
 */
export function rejectedLinks(records: Iterable<MappingRecord>): Set<string> {
  const rejected = new Set<string>();
  for (const r of records) {
    if (r.status !== 'rejected') continue;
    const { subjectId: s, predicateId: p, objectId: o } = r.mapping;
    rejected.add(tripleKey(s, p, o));
    const predicate = skosPredicate(p);
    if (predicate) rejected.add(tripleKey(o, predicateIri(inversePredicate(predicate)), s));
  }
  return rejected;
}

/** Accepted and source-asserted mappings, and proposed ones, which translation uses only on request. */
export function usableMappings(records: Iterable<MappingRecord>, rejected: ReadonlySet<string>): UsableMapping[] {
  const usable: UsableMapping[] = [];
  for (const r of records) {
    const predicate = skosPredicate(r.mapping.predicateId);
    if (!predicate || r.status === 'rejected' || rejected.has(tripleKey(r.mapping.subjectId, r.mapping.predicateId, r.mapping.objectId))) continue;
    usable.push({
      subject: r.mapping.subjectId,
      predicate,
      object: r.mapping.objectId,
      confidence: r.mapping.confidence ?? 1,
      set: r.set,
      mappingId: r.id,
      status: r.status,
    });
  }
  return usable;
}

export function setSummary(s: MappingSet, unreadable: readonly SssomError[] | undefined): MappingSetSummary {
  const byStatus: Record<ReviewStatus, number> = { proposed: 0, accepted: 0, rejected: 0 };
  for (const m of s.mappings) byStatus[reviewStatus(m, s.name)]++;
  const title = s.meta.other.mapping_set_title;
  return {
    name: s.name,
    id: s.meta.mappingSetId,
    ...(typeof title === 'string' ? { title } : {}),
    graph: mappingGraphIri(s.name),
    mappings: s.mappings.length,
    byStatus,
    ...(unreadable
      ? {
          unreadableRows: unreadable.map((e) => ({
            file: e.location.file,
            ...(e.location.line !== undefined ? { line: e.location.line } : {}),
            ...(e.field ? { field: e.field } : {}),
            message: e.detail,
          })),
        }
      : {}),
  };
}

export function filterRecords(
  records: Iterable<MappingRecord>,
  filter: MappingFilter,
  termByIri: (iri: string) => Term | undefined,
): { total: number; mappings: MappingRecord[] } {
  const inVocab = (iri: string) => termByIri(iri)?.vocabularyId === filter.vocab;
  const all = [...records].filter(
    (r) =>
      (filter.subject === undefined || r.mapping.subjectId === filter.subject) &&
      (filter.object === undefined || r.mapping.objectId === filter.object) &&
      (filter.status === undefined || r.status === filter.status) &&
      (filter.predicate === undefined || r.mapping.predicateId === predicateIri(filter.predicate)) &&
      (filter.set === undefined || r.set === filter.set) &&
      (filter.vocab === undefined || inVocab(r.mapping.subjectId) || inVocab(r.mapping.objectId)),
  );
  const offset = filter.offset ?? 0;
  return { total: all.length, mappings: all.slice(offset, offset + (filter.limit ?? 100)) };
}

/** What curation tells the matcher: suggestions rejected (either way round), pairs accepted, accepted equivalences. */
export function curationKnowledge(
  records: Iterable<MappingRecord>,
  rejected: ReadonlySet<string>,
): Required<Pick<MatchOptions, 'suppressed' | 'known' | 'equivalent'>> {
  // A rejection suppresses the suggestion in both directions, as it rules out both in translation.
  const known = new Set<string>();
  const equivalent = new Set<string>();
  for (const r of records) {
    if (r.status !== 'accepted') continue;
    const { subjectId: s, predicateId: p, objectId: o } = r.mapping;
    known.add(pairKey(s, o));
    known.add(pairKey(o, s));
    if (skosPredicate(p) === 'exactMatch') {
      equivalent.add(pairKey(s, o));
      equivalent.add(pairKey(o, s));
    }
  }
  return { suppressed: rejected, known, equivalent };
}

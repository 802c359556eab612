/**
 * The mapping service: the curated SSSOM sets of `mappings/` and the source-asserted set as named graphs
 * in the store, their review (proposed → accepted / rejected), translation over them, and matching runs
 * that leave out what is already known or was rejected.
 */
import type { ExpectedVersion, MappingPredicate, Term } from '../model/index.js';
import type { VocabularyService } from '../vocab/index.js';
import { labelKey } from './label-normaliser.js';
import { computeCandidates, computeCandidatesAsync, pairKey, tripleKey, type MatchInput, type MatchOptions, type MatchResult } from './candidate-generator.js';
import {
  JUSTIFICATION,
  mappingId,
  predicateIri,
  reviewStatus,
  skosPredicate,
  SOURCE_ASSERTED_SET,
  type Mapping,
  type MappingSet,
  type ReviewStatus,
} from './mapping.js';
import { MAPPING_GRAPH_PREFIX, mappingGraphIri, mappingSetQuads } from './mapping-graph.js';
import { MappingError } from './mapping-error.js';
import { SssomError } from './sssom-error.js';
import { etagOf, type ChangeEntry, type MappingRepository } from './mapping-repository.js';
import { CurieMap } from './curie-map.js';
import { emptyCuratedSet, identifier, oneLine, personIri, sameRow, withReview } from './mapping-rows.js';
import { setNameOf } from './sssom-reader.js';
import { inversePredicate, sourceAssertedSet } from './source-asserted.js';
import { TranslationGraph, type Translation, type UsableMapping } from './translation.js';

export const CURATED_SET = 'curated';

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

export interface NewMapping {
  subjectId: string;
  predicate: MappingPredicate;
  objectId: string;
  negative?: boolean;
  confidence?: number;
  comment?: string;
  set?: string;
}

export interface Review {
  decision: 'accept' | 'reject';
  reviewer: string;
  comment?: string;
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

/** What a load found and did besides loading: sets not loaded, rows left out, and the change log's recovery. */
export interface MappingLoadReport {
  sets: number;
  mappings: number;
  /** Sets whose metadata block or column names cannot be read: not loaded. */
  failures: SssomError[];
  /** Rows that cannot be read: left out, the rest of their set loaded. */
  rowErrors: SssomError[];
  /** What start-up did with the change log (a cut-off last line removed, a logged change re-applied). */
  recovery: string[];
}

export class MappingService {
  private sets = new Map<string, MappingSet>();
  private records = new Map<string, MappingRecord>();
  /** `subject \n predicate \n object` of every rejected link and of its inverse. */
  private rejected = new Set<string>();
  private graph: TranslationGraph;
  private queue: Promise<unknown> = Promise.resolve();
  private unsubscribe: (() => void) | undefined;
  /** The term index the source-asserted set was derived from: it is derived again only when the index changes. */
  private assertedFrom: VocabularyService['index'] | undefined;
  private changes = 0;
  private labelKeyIndex: unknown;
  private readonly labelKeyCache = new Map<string, Map<string, Term>>();
  /** Per set, the rows of its file that could not be read. */
  private unreadable = new Map<string, SssomError[]>();

  constructor(
    readonly vocabularies: VocabularyService,
    readonly repository: MappingRepository,
    private readonly clock: () => Date = () => new Date(),
  ) {
    this.graph = new TranslationGraph([], () => undefined);
  }

  /**
   * Reads the sets in `mappings/`, applies a logged change the files lack (a stop between the log and the
   * file), derives the source-asserted set, and writes them all as named graphs. Rebuilds the
   * source-asserted set whenever a vocabulary graph changes.
   */
  async load(): Promise<MappingLoadReport> {
    const { sets: files, failures, rowErrors } = await this.repository.readAll();
    this.unreadable = new Map();
    for (const error of rowErrors) {
      const name = setNameOf(error.location.file);
      this.unreadable.set(name, [...(this.unreadable.get(name) ?? []), error]);
    }
    const recovery = [...(await this.repository.removeLeftovers()), ...(await this.recover(files, new Set(failures.map((f) => setNameOf(f.location.file)))))];
    this.assertedFrom = this.vocabularies.index;
    const sets = [...files, sourceAssertedSet(this.assertedFrom)];
    await this.vocabularies.writeGraphs(new Map(sets.map((s) => [mappingGraphIri(s.name), mappingSetQuads(s)])));
    this.sets = new Map(sets.map((s) => [s.name, s]));
    this.refresh();
    this.unsubscribe ??= this.vocabularies.onChange((graphs) => {
      if (graphs.some((g) => !g.startsWith(MAPPING_GRAPH_PREFIX))) void this.enqueue(() => this.reassert());
    });
    return { sets: sets.length, mappings: sets.reduce((n, s) => n + s.mappings.length, 0), failures, rowErrors, recovery };
  }

  /**
   * The log is written before the file, so a stop in between leaves the last logged change missing from its
   * file: it was never acknowledged, and is applied now. Only when the file still holds the row as it was
   * before that change: a file edited by hand since is left as it is (with a note).
   */
  private async recover(files: MappingSet[], broken: ReadonlySet<string>): Promise<string[]> {
    const { entries, notes } = await this.repository.openLog();
    const last = entries.at(-1);
    if (!last?.row) return notes;
    const where = `${this.repository.path(last.set)}: the last change logged (${last.action} of ${last.mapping} by ${last.who} at ${last.at})`;
    if (broken.has(last.set) || this.unreadable.has(last.set)) return [...notes, `${where} is not checked: the file has errors`];
    const index = files.findIndex((f) => f.name === last.set);
    const set = index >= 0 ? files[index]! : last.action === 'add' ? emptyCuratedSet(last.set) : undefined;
    if (!set) return [...notes, `${where} is not applied: the set is gone`];
    const current = set.mappings.find((m) => mappingId(m) === last.mapping);
    if (current && sameRow(current, last.row)) return notes;
    const untouched = last.previous ? current !== undefined && sameRow(current, last.previous) : current === undefined;
    if (!untouched) return [...notes, `${where} is not applied: the row has changed since`];
    const updated = current ? withReview(set, current, last.row) : { ...set, mappings: [...set.mappings, last.row] };
    await this.repository.write(updated);
    if (index >= 0) files[index] = updated;
    else files.push(updated);
    return [...notes, `${where} was not in the file (a stop before it was written); applied now`];
  }

  /** Changes after every load or write: fold it into HTTP cache validators of mapping answers. */
  get generation(): string {
    return `m${this.changes}`;
  }

  close(): void {
    this.unsubscribe?.();
  }

  private async reassert(): Promise<void> {
    // Only a vocabulary graph's change rebuilds the index; any other write (a Graph Store POST) leaves the set as it is.
    if (this.vocabularies.index === this.assertedFrom) return;
    this.assertedFrom = this.vocabularies.index;
    const set = sourceAssertedSet(this.assertedFrom);
    await this.vocabularies.writeGraphs(new Map([[mappingGraphIri(set.name), mappingSetQuads(set)]]));
    this.sets.set(set.name, set);
    this.refresh();
  }

  private refresh(): void {
    const records = new Map<string, MappingRecord>();
    const ordered = [...this.sets.values()].sort((a, b) => Number(a.name === SOURCE_ASSERTED_SET) - Number(b.name === SOURCE_ASSERTED_SET));
    for (const set of ordered) {
      for (const mapping of set.mappings) {
        const id = mappingId(mapping);
        if (records.has(id)) continue;
        records.set(id, { id, set: set.name, status: reviewStatus(mapping, set.name), etag: etagOf({ set: set.name, mapping }), mapping });
      }
    }
    this.records = records;
    this.changes++;
    // A rejection (a reviewed `Not`, or a curated negative mapping) also rules out the same link written the
    // other way round (B exactMatch A for A exactMatch B, B narrowMatch A for A broadMatch B), in any set.
    const rejected = new Set<string>();
    for (const r of records.values()) {
      if (r.status !== 'rejected') continue;
      const { subjectId: s, predicateId: p, objectId: o } = r.mapping;
      rejected.add(tripleKey(s, p, o));
      const predicate = skosPredicate(p);
      if (predicate) rejected.add(tripleKey(o, predicateIri(inversePredicate(predicate)), s));
    }
    this.rejected = rejected;
    // Accepted and source-asserted mappings, and proposed ones, which translation uses only on request.
    const usable: UsableMapping[] = [];
    for (const r of records.values()) {
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
    this.graph = new TranslationGraph(usable, (iri) => this.vocabularies.termByIri(iri));
  }

  /** Runs writes one after another, so that an ETag check and the write it guards are one step. */
  private enqueue<T>(work: () => Promise<T>): Promise<T> {
    const next = this.queue.then(work, work);
    this.queue = next.catch(() => undefined);
    return next;
  }

  listSets(): MappingSetSummary[] {
    return [...this.sets.values()].map((s) => {
      const byStatus: Record<ReviewStatus, number> = { proposed: 0, accepted: 0, rejected: 0 };
      for (const m of s.mappings) byStatus[reviewStatus(m, s.name)]++;
      const title = s.meta.other.mapping_set_title;
      const unreadable = this.unreadable.get(s.name);
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
    });
  }

  set(name: string): MappingSet | undefined {
    return this.sets.get(name);
  }

  list(filter: MappingFilter = {}): { total: number; mappings: MappingRecord[] } {
    const inVocab = (iri: string) => this.vocabularies.termByIri(iri)?.vocabularyId === filter.vocab;
    const all = [...this.records.values()].filter(
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

  /** Every mapping with the term at either end, for term pages (predicate, justification, confidence, reviewer, state). */
  forTerm(iri: string): MappingRecord[] {
    return [...this.records.values()].filter((r) => r.mapping.subjectId === iri || r.mapping.objectId === iri);
  }

  get(id: string): MappingRecord | undefined {
    return this.records.get(id);
  }

  /**
   * A curated mapping (semapv:ManualMappingCuration), accepted as it is written. Subject and object are
   * absolute IRIs of an accepted scheme, or CURIEs of a prefix the set declares (MappingError invalid,
   * naming the field, otherwise).
   */
  add(input: NewMapping, author: string): Promise<MappingRecord> {
    return this.enqueue(async () => {
      const setName = input.set ?? CURATED_SET;
      if (setName === SOURCE_ASSERTED_SET)
        throw new MappingError('invalid', 'the source-asserted set is derived from the sources and cannot be written', 'set');
      const set = this.sets.get(setName) ?? emptyCuratedSet(setName);
      this.assertWritable(set);
      const curies = new CurieMap(set.meta.curieMap);
      const subjectId = identifier(input.subjectId, curies, 'subject_id');
      const objectId = identifier(input.objectId, curies, 'object_id');
      if (subjectId === objectId) throw new MappingError('invalid', 'a term cannot be mapped to itself', 'object_id');
      const predicateId = predicateIri(input.predicate);
      const existing = [...this.records.values()].find(
        (r) => r.mapping.subjectId === subjectId && r.mapping.predicateId === predicateId && r.mapping.objectId === objectId,
      );
      if (existing)
        throw new MappingError('conflict', `this mapping exists already as ${existing.id} in set ${existing.set} (${existing.status}); review it instead`);
      const subjectLabel = oneLine(this.vocabularies.termByIri(subjectId)?.labels[0] ?? '');
      const objectLabel = oneLine(this.vocabularies.termByIri(objectId)?.labels[0] ?? '');
      const comment = oneLine(input.comment ?? '');
      const mapping: Mapping = {
        subjectId,
        ...(subjectLabel ? { subjectLabel } : {}),
        predicateId,
        ...(input.negative ? { predicateModifier: 'Not' as const } : {}),
        objectId,
        ...(objectLabel ? { objectLabel } : {}),
        justification: JUSTIFICATION.manual,
        ...(input.confidence !== undefined ? { confidence: input.confidence } : {}),
        authorId: [personIri(author)],
        mappingDate: this.today(),
        ...(comment ? { comment } : {}),
      };
      const updated: MappingSet = { ...set, mappings: [...set.mappings, mapping] };
      await this.commit(updated, { action: 'add', who: author, row: mapping });
      return this.records.get(mappingId(mapping))!;
    });
  }

  /**
   * Accept or reject a proposed (or earlier reviewed) mapping; `expected` must hold the version (ETag) the reviewer
   * saw, or be `any`. `review.reviewer` is who makes the review (the HTTP face passes the owner of the write token).
   */
  review(id: string, review: Review, expected: ExpectedVersion | undefined): Promise<MappingRecord> {
    return this.enqueue(async () => {
      const record = this.records.get(id);
      if (!record) throw new MappingError('not-found', `no mapping with id ${id}`);
      if (record.set === SOURCE_ASSERTED_SET)
        throw new MappingError('conflict', `mapping ${id} is asserted by its source vocabulary; change the source, or add a curated negative mapping`);
      if (expected === undefined)
        throw new MappingError(
          'precondition-required',
          `give the version of mapping ${id} you reviewed (now ${record.etag}) so that a concurrent review is not overwritten`,
        );
      if (expected !== 'any' && !expected.includes(record.etag))
        throw new MappingError('precondition-failed', `mapping ${id} has changed since you read it: its version is now ${record.etag}`);
      const set = this.sets.get(record.set)!;
      this.assertWritable(set);
      const { predicateModifier: _p, ...rest } = record.mapping;
      const comment = oneLine(review.comment ?? '');
      const reviewed: Mapping = {
        ...rest,
        ...(review.decision === 'reject' ? { predicateModifier: 'Not' as const } : {}),
        reviewerId: [personIri(review.reviewer)],
        ...(comment ? { comment } : {}),
        extra: { ...(record.mapping.extra ?? {}), review_date: this.today() },
      };
      await this.commit(withReview(set, record.mapping, reviewed), { action: review.decision, who: review.reviewer, row: reviewed, previous: record.mapping });
      return this.records.get(id)!;
    });
  }

  /** A set whose file has rows that could not be read is not rewritten: writing it would drop them. */
  private assertWritable(set: MappingSet): void {
    const unreadable = this.unreadable.get(set.name);
    if (unreadable?.[0]) {
      throw new MappingError(
        'conflict',
        `set ${set.name} is not written while its file has rows that cannot be read (${unreadable.length}, the first: ${unreadable[0].message}); fix the file and restart`,
      );
    }
  }

  /**
   * Validated (serialised and read back, as RDF too), recorded (the change log, fsynced), applied (the
   * store graph, then the file, replaced atomically), then answered. A step that fails takes back those
   * before it: a failed write changes nothing, and a stop between the log and the file is applied at the
   * next start (load).
   */
  private async commit(set: MappingSet, change: { action: ChangeEntry['action']; who: string; row: Mapping; previous?: Mapping }): Promise<void> {
    let prepared;
    try {
      prepared = this.repository.prepare(set);
    } catch (error) {
      if (error instanceof SssomError) throw new MappingError('invalid', `this change cannot be written: ${error.detail}`, error.field);
      throw error;
    }
    const graph = mappingGraphIri(set.name);
    const quads = mappingSetQuads(set);
    const before = this.sets.get(set.name);
    const comment = change.row.comment;
    const mark = await this.repository.log({
      at: this.clock().toISOString(),
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
      await this.vocabularies.writeGraphs(new Map([[graph, quads]]));
    } catch (error) {
      await this.repository.unlog(mark);
      throw error;
    }
    try {
      await this.repository.install(prepared);
    } catch (error) {
      await this.vocabularies.writeGraphs(new Map([[graph, before ? mappingSetQuads(before) : []]])).catch(() => undefined);
      await this.repository.unlog(mark);
      throw error;
    }
    this.sets.set(set.name, set);
    this.refresh();
  }

  private today(): string {
    return this.clock().toISOString().slice(0, 10);
  }

  /** A term of a hosted vocabulary by id, IRI, or (normalised) label: preferred labels first, then alt labels and ids. */
  resolve(vocabularyId: string, value: string): Term | undefined {
    const index = this.vocabularies.index;
    const direct = index.term(vocabularyId, value) ?? index.termByIri(value);
    if (direct) return direct;
    return this.labelKeys(vocabularyId).get(labelKey(value));
  }

  /**
   * Normalised label → term of one vocabulary, built once per term index (labelKey folds Unicode and
   * plurals, too slow to run over every term for each value of a batch translation).
   */
  private labelKeys(vocabularyId: string): ReadonlyMap<string, Term> {
    const index = this.vocabularies.index;
    if (this.labelKeyIndex !== index) {
      this.labelKeyIndex = index;
      this.labelKeyCache.clear();
    }
    let keys = this.labelKeyCache.get(vocabularyId);
    if (!keys) {
      keys = new Map();
      const terms = index.terms(vocabularyId);
      for (const term of terms) for (const label of term.labels) if (!keys.has(labelKey(label))) keys.set(labelKey(label), term);
      for (const term of terms) {
        for (const label of [...term.altLabels, term.id]) if (!keys.has(labelKey(label))) keys.set(labelKey(label), term);
      }
      this.labelKeyCache.set(vocabularyId, keys);
    }
    return keys;
  }

  /**
   * Best equivalents of `from` in vocabulary `to` over accepted and source-asserted mappings; with
   * `includeProposed`, over proposed ones too (each step then says its review state). Rejected never.
   */
  translate(
    from: string,
    to: string,
    options: { predicates?: readonly MappingPredicate[]; minConfidence?: number; includeProposed?: boolean } = {},
  ): Translation[] {
    return this.graph.translate({ from, to, ...options });
  }

  /** Mappings translation uses by default (accepted and source-asserted). */
  get translationEdges(): number {
    return this.graph.size - this.graph.proposedSize;
  }

  /** Terms of a hosted vocabulary as a matching input. */
  hostedInput(vocabularyId: string): MatchInput | undefined {
    const meta = this.vocabularies.index.vocabulary(vocabularyId);
    if (!meta) return undefined;
    return { terms: this.vocabularies.index.terms(vocabularyId), source: meta.iri, ...(meta.version ? { version: meta.version } : {}) };
  }

  /** Candidates between two vocabularies, leaving out pairs already accepted or asserted, and suggestions once rejected. */
  compute(source: MatchInput, target: MatchInput, options: Omit<MatchOptions, 'suppressed' | 'known' | 'equivalent'> = {}): MatchResult {
    return computeCandidates(source, target, this.curationOptions(options));
  }

  /** The same, giving the event loop back between slices of subjects: for a request that must not stall the server. */
  computeAsync(source: MatchInput, target: MatchInput, options: Omit<MatchOptions, 'suppressed' | 'known' | 'equivalent'> = {}): Promise<MatchResult> {
    return computeCandidatesAsync(source, target, this.curationOptions(options));
  }

  /** What curation tells the matcher: suggestions rejected (either way round), pairs accepted, accepted equivalences. */
  private curationOptions(options: Omit<MatchOptions, 'suppressed' | 'known' | 'equivalent'>): MatchOptions {
    // A rejection suppresses the suggestion in both directions, as it rules out both in translation.
    const suppressed = this.rejected;
    const known = new Set<string>();
    const equivalent = new Set<string>();
    for (const r of this.records.values()) {
      if (r.status !== 'accepted') continue;
      const { subjectId: s, predicateId: p, objectId: o } = r.mapping;
      known.add(pairKey(s, o));
      known.add(pairKey(o, s));
      if (skosPredicate(p) === 'exactMatch') {
        equivalent.add(pairKey(s, o));
        equivalent.add(pairKey(o, s));
      }
    }
    return { ...options, suppressed, known, equivalent, date: options.date ?? this.today() };
  }
}

/**
 * The mapping service: the curated SSSOM sets of `mappings/` and the source-asserted set as named graphs
 * in the store, their review (proposed → accepted / rejected), translation over them, and matching runs
 * that leave out what is already known or was rejected.
 */
import type { ExpectedVersion, MappingPredicate, Term } from '../model/index.js';
import type { VocabularyService } from '../vocab/index.js';
import { computeCandidates, computeCandidatesAsync, type MatchInput, type MatchOptions, type MatchResult } from './candidate-generator.js';
import { JUSTIFICATION, mappingId, predicateIri, SOURCE_ASSERTED_SET, type Mapping, type MappingSet } from './mapping.js';
import { commitSet, recoverLastChange, type SetChange } from './mapping-commit.js';
import { MappingError } from './mapping-error.js';
import { evidenceOf, type MappingEvidence } from './mapping-evidence.js';
import { MAPPING_GRAPH_PREFIX, mappingGraphIri, mappingSetQuads } from './mapping-graph.js';
import {
  curationKnowledge,
  filterRecords,
  recordsOf,
  rejectedLinks,
  setSummary,
  usableMappings,
  type MappingFilter,
  type MappingRecord,
  type MappingSetSummary,
} from './mapping-records.js';
import type { MappingRepository } from './mapping-repository.js';
import { CurieMap } from './curie-map.js';
import { emptyCuratedSet, identifier, oneLine, personIri, withReview } from './mapping-rows.js';
import type { SssomError } from './sssom-error.js';
import { setNameOf } from './sssom-reader.js';
import { sourceAssertedSet } from './source-asserted.js';
import { TermResolver } from './term-resolver.js';
import { TranslationGraph, type Translation } from './translation.js';

export type { MappingFilter, MappingRecord, MappingSetSummary } from './mapping-records.js';

export const CURATED_SET = 'curated';

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
  private readonly terms: TermResolver;
  /** Per set, the rows of its file that could not be read. */
  private unreadable = new Map<string, SssomError[]>();

  constructor(
    readonly vocabularies: VocabularyService,
    readonly repository: MappingRepository,
    private readonly clock: () => Date = () => new Date(),
  ) {
    this.graph = new TranslationGraph([], () => undefined);
    this.terms = new TermResolver(vocabularies);
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
    const recovery = [
      ...(await this.repository.removeLeftovers()),
      ...(await recoverLastChange(this.repository, files, new Set([...failures.map((f) => setNameOf(f.location.file)), ...this.unreadable.keys()]))),
    ];
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
    this.records = recordsOf(this.sets.values());
    this.changes++;
    this.rejected = rejectedLinks(this.records.values());
    this.graph = new TranslationGraph(usableMappings(this.records.values(), this.rejected), (iri) => this.vocabularies.termByIri(iri));
  }

  /** Runs writes one after another, so that an ETag check and the write it guards are one step. */
  private enqueue<T>(work: () => Promise<T>): Promise<T> {
    const next = this.queue.then(work, work);
    this.queue = next.catch(() => undefined);
    return next;
  }

  listSets(): MappingSetSummary[] {
    return [...this.sets.values()].map((s) => setSummary(s, this.unreadable.get(s.name)));
  }

  set(name: string): MappingSet | undefined {
    return this.sets.get(name);
  }

  list(filter: MappingFilter = {}): { total: number; mappings: MappingRecord[] } {
    return filterRecords(this.records.values(), filter, (iri) => this.vocabularies.termByIri(iri));
  }

  /** Every mapping with the term at either end (predicate, justification, confidence, reviewer, state). */
  forTerm(iri: string): MappingRecord[] {
    return [...this.records.values()].filter((r) => r.mapping.subjectId === iri || r.mapping.objectId === iri);
  }

  /** The term's SKOS mappings turned to face it, as its page shows them (live and exported alike). */
  evidenceFor(iri: string): MappingEvidence[] {
    return evidenceOf(this.records.values(), iri);
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

  private async commit(set: MappingSet, change: SetChange): Promise<void> {
    await commitSet({ repository: this.repository, vocabularies: this.vocabularies, clock: this.clock }, set, this.sets.get(set.name), change);
    this.sets.set(set.name, set);
    this.refresh();
  }

  private today(): string {
    return this.clock().toISOString().slice(0, 10);
  }

  /** A term of a hosted vocabulary by id, IRI, or (normalised) label: preferred labels first, then alt labels and ids. */
  resolve(vocabularyId: string, value: string): Term | undefined {
    return this.terms.resolve(vocabularyId, value);
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
    return { ...options, ...curationKnowledge(this.records.values(), this.rejected), date: options.date ?? this.today() };
  }
}

/**
 * Editors' changes to hosted vocabulary terms: each one checked, recorded in the vocabulary's change log
 * (fsynced), applied to the store graph and the index, then answered; and at every load, the logs replayed over
 * the upstream graphs the load wrote (change-replay), the changes that no longer apply kept as conflicts.
 */
import { randomBytes } from 'node:crypto';
import { can, type Principal } from '../access/index.js';
import {
  AstrovocError,
  iri,
  factory,
  type ChangeEntry,
  type CurationConflict,
  type ExpectedVersion,
  type Quad,
  type TermChange,
  type TermRecord,
  type VocabularyMeta,
} from '../model/index.js';
import { termVersion, vocabularyVersion, type VocabularyService } from '../vocab/index.js';
import { checkTermChange } from './term-rules.js';
import { ChangeLog, type CuratedState } from './change-log.js';
import { replayChanges } from './change-replay.js';

import { labelLanguage, rewriteGraph, termRecordOf } from './term-rdf.js';

/** One vocabulary's record as this process holds it. */
interface Curation {
  log: ChangeLog;
  entries: ChangeEntry[];
  curated: Map<string, TermRecord | null>;
  conflicts: CurationConflict[];
  /** The language tag of the vocabulary's labels ('' for plain literals), once a change needed it. */
  language?: string;
}

export class CurationService {
  private readonly held = new Map<string, Curation>();

  constructor(
    private readonly vocabularies: VocabularyService,
    readonly dir: string,
  ) {
    vocabularies.setLoadOverlay((loaded) => this.replayAll(loaded));
  }

  /**
   * Checks and records one change, then applies it; queued with every other load and write. Answers the logged
   * entry once it is durable and visible (index and SPARQL).
   */
  apply(
    actor: Principal,
    vocabulary: string,
    change: TermChange,
    expected: ExpectedVersion | undefined,
    note: { why?: string; proposal?: string } = {},
  ): Promise<ChangeEntry> {
    return this.vocabularies.curate(async (write) => {
      const meta = this.vocabularies.index.vocabulary(vocabulary);
      const hosted = this.vocabularies.get(vocabulary);
      if (!meta || !hosted) throw new AstrovocError('not-found', `No hosted vocabulary ${vocabulary}`);
      const role = change.action === 'add' || change.action === 'modify' ? 'editor' : 'maintainer';
      if (!can(actor, role, vocabulary)) throw new AstrovocError('forbidden', `To ${change.action} a term of ${vocabulary} takes the ${role} role for it`);
      this.checkVersion(vocabulary, change, expected);

      const curation = this.held.get(vocabulary) ?? (await this.open(meta));
      const quads = this.vocabularies.store.local.quadsOfGraph(meta.graph);
      const records = recordsOf(quads, meta, languageOf(curation, meta, quads));
      const after = checkTermChange(records, meta.flavour, change);
      const before = records.get(change.term) ?? null;
      const entry: ChangeEntry = {
        id: nextId(curation.entries),
        vocabulary,
        who: actor.name,
        when: new Date().toISOString(),
        action: change.action,
        term: change.term,
        before,
        after,
        ...(note.why ? { why: note.why } : {}),
        ...(note.proposal ? { proposal: note.proposal } : {}),
      };
      const mark = await curation.log.append(entry);
      try {
        await write(
          new Map([[meta.graph, rewriteGraph(quads, meta, new Map([[change.term, { from: before, to: after }]]), languageOf(curation, meta, quads))]]),
        );
      } catch (error) {
        // Never answered as done, so it must not come back at the next start: the log line is cut off again.
        await curation.log.takeBack(mark);
        throw error;
      }
      curation.entries.push(entry);
      curation.curated.set(change.term, after);
      await this.saveState(curation).catch(() => undefined); // the log is the truth: a state.json not written is rebuilt at start
      return entry;
    });
  }

  /** The term's record as hosted now. */
  termRecord(vocabulary: string, id: string): TermRecord | undefined {
    const meta = this.vocabularies.index.vocabulary(vocabulary);
    if (!meta) return undefined;
    const own = this.vocabularies.store.local.matchNow(iri(`${meta.termBase}${id}`), null, null, factory.namedNode(meta.graph));
    return termRecordOf(
      own,
      meta,
      id,
      this.held.get(vocabulary)?.language ?? labelLanguage(this.vocabularies.store.local.quadsOfGraph(meta.graph), meta.flavour),
    );
  }

  /** Every logged change of the vocabulary, newest first. */
  changes(vocabulary: string): readonly ChangeEntry[] {
    return [...(this.held.get(vocabulary)?.entries ?? [])].reverse();
  }

  /** The logged changes of one term, newest first. */
  history(vocabulary: string, term: string): readonly ChangeEntry[] {
    return this.changes(vocabulary).filter((e) => e.term === term);
  }

  /** The logged changes that no longer apply to what upstream says now. */
  conflicts(vocabulary: string): readonly CurationConflict[] {
    return this.held.get(vocabulary)?.conflicts ?? [];
  }

  /** Terms changed by applied changes: their record now (null: removed). */
  curated(vocabulary: string): ReadonlyMap<string, TermRecord | null> {
    return this.held.get(vocabulary)?.curated ?? new Map();
  }

  /** If-Match: adds are checked against the vocabulary's version, other actions against the term's. */
  private checkVersion(vocabulary: string, change: TermChange, expected: ExpectedVersion | undefined): void {
    if (expected === undefined) throw new AstrovocError('precondition-required', 'A change must send If-Match with the version it was made on');
    let version: string;
    if (change.action === 'add') version = vocabularyVersion(this.vocabularies.get(vocabulary)!);
    else {
      const term = this.vocabularies.index.term(vocabulary, change.term);
      if (!term) throw new AstrovocError('not-found', `No term ${change.term} in ${vocabulary}`);
      version = termVersion(this.vocabularies.index, term);
    }
    if (expected !== 'any' && !expected.includes(`"${version}"`))
      throw new AstrovocError(
        'precondition-failed',
        `${change.action === 'add' ? vocabulary : change.term} has changed since version ${expected.join(', ')}: it is at ${version} now`,
      );
  }

  /** The load hook: each vocabulary's log replayed over the graph the load wrote; answers the graphs that change. */
  private async replayAll(loaded: readonly VocabularyMeta[]): Promise<Map<string, Quad[]>> {
    const graphs = new Map<string, Quad[]>();
    this.held.clear();
    for (const meta of loaded) {
      const curation = await this.open(meta);
      if (curation.entries.length === 0) continue;
      const quads = this.vocabularies.store.local.quadsOfGraph(meta.graph);
      const records = recordsOf(quads, meta, languageOf(curation, meta, quads));
      const replay = replayChanges((id) => records.get(id), curation.entries);
      curation.curated = replay.curated;
      curation.conflicts = replay.conflicts;
      if (replay.changes.size > 0) graphs.set(meta.graph, rewriteGraph(quads, meta, replay.changes, languageOf(curation, meta, quads)));
      const saved = await curation.log.readState();
      if (JSON.stringify(saved) !== JSON.stringify(stateOf(curation))) await this.saveState(curation);
    }
    return graphs;
  }

  private async open(meta: VocabularyMeta): Promise<Curation> {
    const log = new ChangeLog(this.dir, meta.id);
    const curation: Curation = { log, entries: await log.entries(), curated: new Map(), conflicts: [] };
    this.held.set(meta.id, curation);
    return curation;
  }

  private saveState(curation: Curation): Promise<void> {
    return curation.log.writeState(stateOf(curation));
  }
}

/** Read from the graph once: a load without changes to replay does not read every vocabulary graph. */
function languageOf(curation: Curation, meta: VocabularyMeta, quads: readonly Quad[]): string {
  return (curation.language ??= labelLanguage(quads, meta.flavour));
}

function stateOf(curation: Curation): CuratedState {
  return {
    vocabulary: curation.log.vocabulary,
    lastChange: curation.entries.at(-1)?.id ?? null,
    curated: Object.fromEntries(curation.curated),
    conflicts: curation.conflicts,
  };
}

/** Every term's record, from the vocabulary graph's quads grouped by subject. */
function recordsOf(quads: readonly Quad[], meta: VocabularyMeta, language: string): Map<string, TermRecord> {
  const bySubject = new Map<string, Quad[]>();
  for (const q of quads) {
    if (q.subject.termType !== 'NamedNode' || !q.subject.value.startsWith(meta.termBase)) continue;
    const list = bySubject.get(q.subject.value);
    if (list) list.push(q);
    else bySubject.set(q.subject.value, [q]);
  }
  const records = new Map<string, TermRecord>();
  for (const [subject, own] of bySubject) {
    const id = subject.slice(meta.termBase.length);
    if (!/^[A-Za-z0-9_-]+$/.test(id)) continue;
    const record = termRecordOf(own, meta, id, language);
    if (record) records.set(id, record);
  }
  return records;
}

/** Unique and increasing within the log: the sequence number, then a random suffix. */
function nextId(entries: readonly ChangeEntry[]): string {
  return `${String(entries.length + 1).padStart(6, '0')}-${randomBytes(3).toString('hex')}`;
}

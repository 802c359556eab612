/**
 * The graphs written through the Graph Store and SPARQL Update, kept under the data directory so that an
 * acknowledged write survives a crash. An append-only journal: one line per write, holding the names of the
 * graphs it replaced, their whole new content as N-Quads and a SHA-256 of both; the line is fsynced before
 * the write is applied (and so before it is answered). A merge (Graph Store POST) records only the triples
 * it adds (`add`). Replaying the journal gives each graph the content of its last whole record plus the
 * merges after it; a last line cut short by a crash was never acknowledged and is ignored (and cut off
 * before the next append). The journal is rewritten as one record (temp file, fsync, rename, fsync of the
 * folder) once it holds four times more than the graphs it keeps: rewriting costs as much as the graphs.
 */
import { setImmediate as nextTurn } from 'node:timers/promises';
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { CheckedLog } from '../store/index.js';
import N3 from 'n3';
import { factory, type Quad } from '../model/index.js';

interface JournalRecord {
  graphs: string[];
  nquads: string;
  sha256: string;
  /** The record adds its triples to the graph (a merge) rather than giving its whole content. */
  add?: true;
}

/** The journal is compacted past this size and four times its size after the last compaction. */
const COMPACT_AFTER_BYTES = 1024 * 1024;
/** Quads serialised between two turns of the event loop. */
const ENCODE_SLICE = 5000;

export class GraphJournal {
  private readonly log: CheckedLog;
  private bytes = 0;
  private compactedBytes = 0;
  private readonly graphs = new Set<string>();
  /** Bytes of the records that make each graph's content now (its last whole record and the merges since). */
  private readonly liveBytes = new Map<string, number>();
  private counted = false;

  constructor(readonly dir: string) {
    this.log = new CheckedLog(join(dir, 'journal.jsonl'));
  }

  get file(): string {
    return this.log.file;
  }

  /** Each graph the journal names, with the content its last record gives it (empty: deleted). */
  async replay(): Promise<Map<string, Quad[]>> {
    const state = new Map<string, Quad[]>();
    for (const record of (await this.log.read(decodeRecord)).records) {
      for (const graph of record.graphs) {
        if (!record.add || !state.has(graph)) state.set(graph, []);
        this.graphs.add(graph);
      }
      for (const quad of new N3.Parser({ format: 'N-Quads' }).parse(record.nquads)) state.get(quad.graph.value)?.push(quad);
    }
    return state;
  }

  /**
   * Appends one write (the whole new content of each graph, or with `add` the triples merged into it) and
   * fsyncs it: once this resolves, the write survives a crash.
   */
  async record(graphs: ReadonlyMap<string, readonly Quad[]>, options: { add?: boolean } = {}): Promise<void> {
    if (graphs.size === 0) return;
    await this.countOnce();
    const line = JSON.stringify(await encodeRecord(graphs, options.add ?? false));
    await this.log.append(line, decodeRecord);
    const size = Buffer.byteLength(line) + 1;
    this.bytes += size;
    for (const graph of graphs.keys()) {
      this.graphs.add(graph);
      this.liveBytes.set(graph, (options.add ? (this.liveBytes.get(graph) ?? 0) : 0) + size / graphs.size);
    }
  }

  /** Rewrites the journal as one record of every graph it names, read with `contentOf`, once it has grown enough. */
  async compactIfGrown(contentOf: (graph: string) => readonly Quad[]): Promise<void> {
    const live = [...this.liveBytes.values()].reduce((a, b) => a + b, 0);
    if (this.bytes < COMPACT_AFTER_BYTES || this.bytes < 4 * Math.max(this.compactedBytes, live)) return;
    const line = JSON.stringify(await encodeRecord(new Map([...this.graphs].map((g) => [g, contentOf(g)]))));
    this.bytes = this.compactedBytes = await this.log.rewrite([line]);
    this.liveBytes.clear();
    for (const graph of this.graphs) this.liveBytes.set(graph, this.bytes / this.graphs.size);
  }

  /** Before this process's first append: what the journal on disk holds, for the compaction figures. */
  private async countOnce(): Promise<void> {
    if (this.counted) return;
    const { records, goodBytes } = await this.log.read(decodeRecord);
    for (const record of records) {
      for (const graph of record.graphs) {
        this.graphs.add(graph);
        this.liveBytes.set(graph, (record.add ? (this.liveBytes.get(graph) ?? 0) : 0) + record.nquads.length / record.graphs.length);
      }
    }
    this.bytes = this.compactedBytes = goodBytes;
    this.counted = true;
  }
}

/** Serialised in slices that give the event loop back: a large graph takes several turns, none long. */
async function encodeRecord(graphs: ReadonlyMap<string, readonly Quad[]>, add = false): Promise<JournalRecord> {
  const writer = new N3.Writer({ format: 'N-Quads' });
  let nquads = '';
  let written = 0;
  for (const [graph, quads] of graphs) {
    const node = factory.namedNode(graph) as N3.Quad_Graph;
    for (const q of quads) {
      nquads += writer.quadToString(q.subject, q.predicate, q.object, node);
      if (++written % ENCODE_SLICE === 0) await nextTurn();
    }
  }
  const names = [...graphs.keys()];
  return add ? { graphs: names, nquads, sha256: checksum(names, nquads, true), add: true } : { graphs: names, nquads, sha256: checksum(names, nquads) };
}

function decodeRecord(line: string): JournalRecord | undefined {
  try {
    const record = JSON.parse(line) as JournalRecord;
    return Array.isArray(record.graphs) && typeof record.nquads === 'string' && record.sha256 === checksum(record.graphs, record.nquads, record.add)
      ? record
      : undefined;
  } catch {
    return undefined;
  }
}

function checksum(graphs: readonly string[], nquads: string, add?: true): string {
  return createHash('sha256')
    .update(JSON.stringify(graphs))
    .update(add ? '\n+\n' : '\n')
    .update(nquads)
    .digest('hex');
}

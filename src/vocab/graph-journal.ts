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
import { mkdir, open, readFile, rename, rm, truncate } from 'node:fs/promises';
import { syncFolder } from '../store/index.js';
import { dirname, join } from 'node:path';
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
  /** Set once this process has cut off a torn last line and removed a stale temp file: only a writer does. */
  private prepared = false;
  private bytes = 0;
  private compactedBytes = 0;
  private readonly graphs = new Set<string>();
  /** Bytes of the records that make each graph's content now (its last whole record and the merges since). */
  private readonly liveBytes = new Map<string, number>();

  constructor(readonly dir: string) {}

  get file(): string {
    return join(this.dir, 'journal.jsonl');
  }

  /** Each graph the journal names, with the content its last record gives it (empty: deleted). */
  async replay(): Promise<Map<string, Quad[]>> {
    const state = new Map<string, Quad[]>();
    for (const record of (await this.read()).records) {
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
    const created = await this.prepare();
    const line = `${JSON.stringify(await encodeRecord(graphs, options.add ?? false))}\n`;
    const handle = await open(this.file, 'a');
    try {
      await handle.writeFile(line);
      await handle.datasync();
    } finally {
      await handle.close();
    }
    if (created) await syncFolder(this.dir);
    this.bytes += Buffer.byteLength(line);
    for (const graph of graphs.keys()) {
      this.graphs.add(graph);
      this.liveBytes.set(graph, (options.add ? (this.liveBytes.get(graph) ?? 0) : 0) + Buffer.byteLength(line) / graphs.size);
    }
  }

  /** Rewrites the journal as one record of every graph it names, read with `contentOf`, once it has grown enough. */
  async compactIfGrown(contentOf: (graph: string) => readonly Quad[]): Promise<void> {
    const live = [...this.liveBytes.values()].reduce((a, b) => a + b, 0);
    if (this.bytes < COMPACT_AFTER_BYTES || this.bytes < 4 * Math.max(this.compactedBytes, live)) return;
    const line = `${JSON.stringify(await encodeRecord(new Map([...this.graphs].map((g) => [g, contentOf(g)]))))}\n`;
    const temp = `${this.file}.tmp`;
    const handle = await open(temp, 'w');
    try {
      await handle.writeFile(line);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(temp, this.file);
    await syncFolder(this.dir);
    this.bytes = this.compactedBytes = Buffer.byteLength(line);
    this.liveBytes.clear();
    for (const graph of this.graphs) this.liveBytes.set(graph, this.bytes / this.graphs.size);
  }

  /** Before this process's first append: the folder made, a torn last line cut off, a stale temp file removed. Answers whether the journal file is new. */
  private async prepare(): Promise<boolean> {
    if (this.prepared) return false;
    await mkdir(this.dir, { recursive: true });
    await syncFolder(dirname(this.dir));
    await rm(`${this.file}.tmp`, { force: true });
    const { records, goodBytes, totalBytes } = await this.read();
    if (goodBytes < totalBytes) {
      await truncate(this.file, goodBytes);
      const handle = await open(this.file, 'r+');
      await handle.sync().finally(() => handle.close());
    }
    for (const record of records) {
      for (const graph of record.graphs) {
        this.graphs.add(graph);
        this.liveBytes.set(graph, (record.add ? (this.liveBytes.get(graph) ?? 0) : 0) + record.nquads.length / record.graphs.length);
      }
    }
    this.bytes = this.compactedBytes = goodBytes;
    this.prepared = true;
    return totalBytes === 0;
  }

  /** The records up to the first line that is incomplete or does not match its checksum. */
  private async read(): Promise<{ records: JournalRecord[]; goodBytes: number; totalBytes: number }> {
    let bytes: Buffer;
    try {
      bytes = await readFile(this.file);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { records: [], goodBytes: 0, totalBytes: 0 };
      throw error;
    }
    const records: JournalRecord[] = [];
    let offset = 0;
    for (let end = bytes.indexOf(0x0a, offset); end !== -1; end = bytes.indexOf(0x0a, offset)) {
      const record = decodeRecord(bytes.subarray(offset, end).toString('utf8'));
      if (!record) break;
      records.push(record);
      offset = end + 1;
    }
    return { records, goodBytes: offset, totalBytes: bytes.length };
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

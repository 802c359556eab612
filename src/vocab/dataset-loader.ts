import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import N3 from 'n3';
import type { CatalogueEntry } from '../catalogue/index.js';
import { readerFor, type SourceFile, IngestError } from '../ingest/index.js';
import { vocabularyGraphIri, type Quad, type Term, type VocabularyMeta, type Warning } from '../model/index.js';
import { loadSnapshot, MANIFEST_GRAPH, readSnapshotAttachment, readSnapshotManifest, writeSnapshot, type LocalDataset, type Store } from '../store/index.js';
import { TermIndex } from './term-index.js';

export interface LoadOptions {
  entries: readonly CatalogueEntry[];
  /** Directory laid out like the mirror (shared/upstream or the sync cache). */
  sourceDir: string;
  /** Where the dataset lives: the embedded store, or a remote one (whose local copy the load fills too). */
  store: Store;
  /** Where the snapshot lives (embedded store only); without it, every load reads the sources. */
  snapshotDir?: string;
  /** Read and write the sources even when the snapshot (or the remote store's manifest) is current. */
  ignoreSnapshot?: boolean;
  /** The vocabularies loaded before: one that fails now keeps its previous graph and metadata. */
  previous?: readonly VocabularyMeta[];
}

/** A vocabulary that could not be loaded, and why. */
export interface LoadFailure {
  vocabularyId: string;
  message: string;
}

export interface LoadReport {
  vocabularies: VocabularyMeta[];
  warnings: Warning[];
  failures: LoadFailure[];
  /** Nothing was written: the snapshot (embedded) or the remote store's manifest (remote) was current. */
  fromSnapshot: boolean;
  quads: number;
  index: TermIndex;
}

/**
 * Reads every catalogue entry's sources with its reader and replaces the vocabulary graphs in the store as
 * one unit. A vocabulary whose source is missing or malformed is reported and keeps whatever graph it had.
 */
export async function loadDataset(options: LoadOptions): Promise<LoadReport> {
  const { entries, sourceDir, store, snapshotDir } = options;
  const local = store.local;
  const remote = store.kind === 'remote';
  const { files, failures } = await readSourceFiles(entries, sourceDir);
  const fingerprint = fingerprintOf(entries, files);

  if (!remote && snapshotDir && !options.ignoreSnapshot) {
    const manifest = await readSnapshotManifest(snapshotDir);
    if (manifest && manifest.fingerprint === fingerprint && local.size === 0 && (await loadSnapshot(snapshotDir, store, manifest))) {
      const saved = (await readSnapshotAttachment(snapshotDir, 'index')) as { terms: Term[] } | undefined;
      const index = saved ? TermIndex.fromJSON(manifest.vocabularies, saved) : buildIndex(local, manifest.vocabularies);
      return { vocabularies: manifest.vocabularies, warnings: manifest.warnings, failures, fromSnapshot: true, quads: local.size, index };
    }
  }
  if (remote && !options.ignoreSnapshot) {
    const held = await readRemoteManifest(store);
    if (held?.fingerprint === fingerprint && (await holdsGraphs(store, held.graphs))) {
      await store.refreshLocal();
      const index = buildIndex(local, held.vocabularies);
      return { vocabularies: held.vocabularies, warnings: held.warnings, failures, fromSnapshot: true, quads: local.size, index };
    }
  }

  const { graphs, vocabularies, warnings, failures: readFailures } = readVocabularies(entries, files);
  failures.push(...readFailures);
  for (const failure of failures) {
    const kept = options.previous?.find((v) => v.id === failure.vocabularyId);
    if (kept) vocabularies.push(kept);
  }
  if (remote) {
    // The manifest travels in the same update as the graphs, so the store never holds one without the other;
    // a load with failures clears it (the next start reads the sources again), as for the snapshot.
    const manifest = failures.length === 0 ? remoteManifestQuads({ fingerprint, vocabularies, warnings, graphs: countsOf(graphs) }) : [];
    await store.replaceGraphs(new Map([...graphs, [MANIFEST_GRAPH, manifest]]));
    // The local copy took the graphs just written; astrovoc graphs written before by others are read.
    await store.refreshLocal(undefined, new Set(graphs.keys()));
  } else {
    await store.replaceGraphs(graphs);
  }
  const index = buildIndex(local, vocabularies, graphs);
  if (!remote && snapshotDir && failures.length === 0) await writeSnapshot(snapshotDir, store, { fingerprint, vocabularies, warnings }, { index });
  return { vocabularies, warnings, failures, fromSnapshot: false, quads: local.size, index };
}

/** What a remote store's manifest graph says about the load that wrote it. */
interface RemoteManifest {
  fingerprint: string;
  vocabularies: VocabularyMeta[];
  warnings: Warning[];
  /** Triples per vocabulary graph as written. */
  graphs: Record<string, number>;
}

const MANIFEST_SUBJECT = N3.DataFactory.namedNode(MANIFEST_GRAPH);
const MANIFEST_JSON = N3.DataFactory.namedNode('urn:astrovoc:manifest#json');

/** The manifest as one JSON literal: it is astrovoc's own bookkeeping, read back whole, never queried. */
function remoteManifestQuads(manifest: RemoteManifest): Quad[] {
  return [N3.DataFactory.quad(MANIFEST_SUBJECT, MANIFEST_JSON, N3.DataFactory.literal(JSON.stringify(manifest)))];
}

async function readRemoteManifest(store: Store): Promise<RemoteManifest | undefined> {
  const quad = (await store.readGraph(MANIFEST_GRAPH)).find((q) => q.predicate.equals(MANIFEST_JSON));
  if (!quad) return undefined;
  try {
    return JSON.parse(quad.object.value) as RemoteManifest;
  } catch {
    return undefined;
  }
}

/** Whether the store still holds every graph the manifest lists, with as many triples as were written. */
async function holdsGraphs(store: Store, expected: Record<string, number>): Promise<boolean> {
  const held = new Map((await store.listGraphs()).map((g) => [g.graph, g.triples]));
  return Object.entries(expected).every(([graph, triples]) => (held.get(graph) ?? 0) === triples);
}

function countsOf(graphs: ReadonlyMap<string, readonly Quad[]>): Record<string, number> {
  return Object.fromEntries(
    [...graphs].map(([graph, quads]) => [
      graph,
      new Set(quads.map((q) => `${N3.termToId(q.subject as N3.Term)} ${q.predicate.value} ${N3.termToId(q.object as N3.Term)}`)).size,
    ]),
  );
}

export interface ReadVocabularies {
  graphs: Map<string, Quad[]>;
  vocabularies: VocabularyMeta[];
  warnings: Warning[];
  failures: LoadFailure[];
}

/** Runs each entry's reader over its files: the parse half of a load, without any store. */
export function readVocabularies(entries: readonly CatalogueEntry[], files: ReadonlyMap<string, Record<string, SourceFile>>): ReadVocabularies {
  const graphs = new Map<string, Quad[]>();
  const vocabularies: VocabularyMeta[] = [];
  const warnings: Warning[] = [];
  const failures: LoadFailure[] = [];
  for (const entry of entries) {
    const entryFiles = files.get(entry.id);
    if (!entryFiles) continue;
    try {
      const result = readerFor(entry.format)({ files: entryFiles, vocabulary: initialMeta(entry), options: entry.options });
      const vocabulary = { ...result.vocabulary, graph: vocabularyGraphIri(entry.id, result.vocabulary.version) };
      graphs.set(vocabulary.graph, result.quads);
      vocabularies.push(vocabulary);
      warnings.push(...result.warnings);
    } catch (error) {
      failures.push({ vocabularyId: entry.id, message: error instanceof IngestError ? error.message : `${entry.id}: ${String(error)}` });
    }
  }
  return { graphs, vocabularies, warnings, failures };
}

/** The vocabulary as the catalogue describes it, before its source adds version, authors and the rest. */
export function initialMeta(entry: CatalogueEntry): VocabularyMeta {
  return {
    id: entry.id,
    iri: entry.iri,
    termBase: entry.termBase ?? `${entry.iri}#`,
    title: entry.title,
    ...(entry.description ? { description: entry.description } : {}),
    community: entry.community,
    flavour: entry.flavour,
    authors: [],
    licence: entry.licence,
    draft: false,
    hidden: false,
    graph: vocabularyGraphIri(entry.id, undefined),
  };
}

/** The term index of the given vocabularies, from quads at hand (a load's reader output) or else from the local dataset. */
export function buildIndex(store: LocalDataset, vocabularies: readonly VocabularyMeta[], fresh?: ReadonlyMap<string, readonly Quad[]>): TermIndex {
  return TermIndex.build(vocabularies, (graph) => fresh?.get(graph) ?? store.quadsOfGraph(graph));
}

/** Reads every entry's source files from a mirror-shaped directory; a missing file is a failure of that entry. */
export async function readSourceFiles(entries: readonly CatalogueEntry[], sourceDir: string) {
  const cache = new Map<string, Promise<Uint8Array>>();
  const files = new Map<string, Record<string, SourceFile>>();
  const failures: LoadFailure[] = [];
  for (const entry of entries) {
    const record: Record<string, SourceFile> = {};
    try {
      for (const [role, source] of Object.entries(entry.sources)) {
        const path = join(sourceDir, source.mirror);
        if (!cache.has(path)) cache.set(path, readFile(path));
        record[role] = { name: source.mirror, bytes: await cache.get(path)! };
      }
      files.set(entry.id, record);
    } catch (error) {
      const reason = (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'source file not found' : String(error);
      failures.push({ vocabularyId: entry.id, message: `${entry.id}: ${reason} in ${sourceDir} (${(error as { path?: string }).path ?? ''})` });
    }
  }
  return { files, failures };
}

/**
 * The code that turns sources into quads and the index: a snapshot made by other code (an upgrade, a fix
 * in a reader) must not be reused. Hashes this build's ingest, store and vocab modules.
 */
const codeFingerprint = (() => {
  let cached: string | undefined;
  return (): string => {
    if (cached) return cached;
    const hash = createHash('sha256');
    for (const folder of ['ingest', 'store', 'vocab']) {
      const dir = join(import.meta.dirname, '..', folder);
      for (const file of readdirSync(dir)
        .filter((f) => /\.(js|ts)$/.test(f))
        .sort())
        hash.update(file).update(readFileSync(join(dir, file)));
    }
    return (cached = hash.digest('hex'));
  };
})();

function fingerprintOf(entries: readonly CatalogueEntry[], files: ReadonlyMap<string, Record<string, SourceFile>>): string {
  const hash = createHash('sha256');
  hash.update(codeFingerprint());
  hash.update(JSON.stringify(entries));
  const digests = new Map<Uint8Array, Buffer>();
  for (const [id, record] of files) {
    hash.update(id);
    for (const [role, file] of Object.entries(record)) {
      if (!digests.has(file.bytes)) digests.set(file.bytes, createHash('sha256').update(file.bytes).digest());
      hash.update(role).update(digests.get(file.bytes)!);
    }
  }
  return hash.digest('hex');
}

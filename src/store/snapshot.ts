import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import writeFileAtomic from 'write-file-atomic';
import type { VocabularyMeta, Warning } from '../model/index.js';
import type { OxigraphStore } from './oxigraph-store.js';

const SNAPSHOT_FORMAT = 1;

/** What the snapshot remembers besides the quads: enough to serve without re-reading any source. */
export interface SnapshotManifest {
  format: number;
  createdAt: string;
  /** Hash over the catalogue and every source file's bytes: a different value means a source changed. */
  fingerprint: string;
  vocabularies: VocabularyMeta[];
  warnings: Warning[];
  quads: number;
}

const files = (dir: string) => ({ quads: join(dir, 'snapshot.nq'), manifest: join(dir, 'snapshot.json') });

/** Writes quads first, then the manifest: a crash in between leaves the old manifest, whose fingerprint no longer matches. */
export async function writeSnapshot(dir: string, store: OxigraphStore, manifest: Omit<SnapshotManifest, 'format' | 'createdAt' | 'quads'>): Promise<SnapshotManifest> {
  const { quads, manifest: manifestFile } = files(dir);
  const full: SnapshotManifest = { format: SNAPSHOT_FORMAT, createdAt: new Date().toISOString(), quads: store.size, ...manifest };
  await writeFileAtomic(manifestFile, JSON.stringify({ ...full, fingerprint: 'incomplete' }));
  await writeFileAtomic(quads, store.dumpNQuads());
  await writeFileAtomic(manifestFile, JSON.stringify(full, null, 1));
  return full;
}

export async function readSnapshotManifest(dir: string): Promise<SnapshotManifest | undefined> {
  try {
    const manifest = JSON.parse(await readFile(files(dir).manifest, 'utf8')) as SnapshotManifest;
    return manifest.format === SNAPSHOT_FORMAT ? manifest : undefined;
  } catch {
    return undefined;
  }
}

/** Loads the snapshot's quads into an empty store; false when the snapshot is missing or does not hold what its manifest says. */
export async function loadSnapshot(dir: string, store: OxigraphStore, manifest: SnapshotManifest): Promise<boolean> {
  let text: string;
  try {
    text = await readFile(files(dir).quads, 'utf8');
  } catch {
    return false;
  }
  store.loadNQuads(text);
  return store.size === manifest.quads;
}

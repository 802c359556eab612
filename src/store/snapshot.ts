import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import writeFileAtomic from 'write-file-atomic';
import type { VocabularyMeta, Warning } from '../model/index.js';
import type { Store } from './store.js';

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

/**
 * Writes quads and attachments (derived data such as the term index, as JSON) first, then the manifest:
 * a crash in between leaves a manifest marked incomplete, so the next start reads the sources again.
 */
export async function writeSnapshot(
  dir: string,
  store: Store,
  manifest: Omit<SnapshotManifest, 'format' | 'createdAt' | 'quads'>,
  attachments: Readonly<Record<string, unknown>> = {},
): Promise<SnapshotManifest> {
  const { quads, manifest: manifestFile } = files(dir);
  const full: SnapshotManifest = { format: SNAPSHOT_FORMAT, createdAt: new Date().toISOString(), quads: store.local.size, ...manifest };
  await writeFileAtomic(manifestFile, JSON.stringify({ ...full, fingerprint: 'incomplete' }));
  await writeFileAtomic(quads, store.local.dumpNQuads());
  for (const [name, value] of Object.entries(attachments)) await writeFileAtomic(attachmentFile(dir, name), JSON.stringify(value));
  await writeFileAtomic(manifestFile, JSON.stringify(full, null, 1));
  return full;
}

const attachmentFile = (dir: string, name: string) => join(dir, `snapshot-${name}.json`);

/** An attachment written with the snapshot, or undefined when there is none. */
export async function readSnapshotAttachment(dir: string, name: string): Promise<unknown> {
  try {
    return JSON.parse(await readFile(attachmentFile(dir, name), 'utf8'));
  } catch {
    return undefined;
  }
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
export async function loadSnapshot(dir: string, store: Store, manifest: SnapshotManifest): Promise<boolean> {
  let text: string;
  try {
    text = await readFile(files(dir).quads, 'utf8');
  } catch {
    return false;
  }
  await store.loadDump(text);
  return store.local.size === manifest.quads;
}

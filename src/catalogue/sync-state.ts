import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { writeFileAtomic } from './atomic-write.js';

/** The sidecar in the cache directory that remembers validators for conditional requests (RFC 9110 §13.1). */
export const SYNC_STATE_FILE = '.sync-state.json';

const fileStateSchema = z.object({
  url: z.string(),
  etag: z.string().optional(),
  lastModified: z.string().optional(),
  syncedAt: z.string(),
});
const syncStateSchema = z.object({ files: z.record(z.string(), fileStateSchema) });

export type FileSyncState = z.infer<typeof fileStateSchema>;
export type SyncState = z.infer<typeof syncStateSchema>;

/**
 * Reads the sidecar. A missing file is an empty state; an unreadable one is reported through `onInvalid` and
 * also treated as empty: it only costs unconditional requests, the cached files stay.
 */
export async function readSyncState(cacheDir: string, onInvalid?: (reason: string) => void): Promise<SyncState> {
  let text: string;
  try {
    text = await readFile(join(cacheDir, SYNC_STATE_FILE), 'utf8');
  } catch {
    return { files: {} };
  }
  try {
    const parsed = syncStateSchema.safeParse(JSON.parse(text));
    if (parsed.success) return parsed.data;
    onInvalid?.(`${SYNC_STATE_FILE}: ${parsed.error.issues[0]?.message ?? 'unexpected shape'}`);
  } catch (error) {
    onInvalid?.(`${SYNC_STATE_FILE}: ${(error as Error).message}`);
  }
  return { files: {} };
}

export async function writeSyncState(cacheDir: string, state: SyncState): Promise<void> {
  await writeFileAtomic(join(cacheDir, SYNC_STATE_FILE), `${JSON.stringify(state, null, 2)}\n`);
}

import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SYNC_STATE_FILE, readSyncState, writeSyncState } from '../../../src/catalogue/index.js';

describe('the sync state sidecar', () => {
  it('round-trips validators', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'astrovoc-state-'));
    const state = { files: { 'ucd/ucd-list.txt': { url: 'https://example.org/u', etag: '"abc"', syncedAt: '2026-01-01T00:00:00.000Z' } } };
    await writeSyncState(dir, state);
    expect(await readSyncState(dir)).toEqual(state);
  });

  it('treats a missing sidecar as empty without complaint', async () => {
    const complaints: string[] = [];
    expect(await readSyncState(await mkdtemp(join(tmpdir(), 'astrovoc-state-')), (r) => complaints.push(r))).toEqual({ files: {} });
    expect(complaints).toEqual([]);
  });

  it('reports a corrupt sidecar and falls back to unconditional requests', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'astrovoc-state-'));
    await writeFile(join(dir, SYNC_STATE_FILE), '{"files": {"x": {"url": 1}}');
    const complaints: string[] = [];
    expect(await readSyncState(dir, (r) => complaints.push(r))).toEqual({ files: {} });
    expect(complaints).toHaveLength(1);
    expect(complaints[0]).toContain(SYNC_STATE_FILE);
  });
});

import { mkdtemp, readdir, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeFileAtomic } from '../../../src/catalogue/index.js';

describe('writeFileAtomic', () => {
  it('creates missing directories, replaces the old content and leaves no temporary file', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'astrovoc-atomic-'));
    const path = join(dir, 'a', 'b', 'terms.csv');
    await writeFileAtomic(path, 'old\n');
    await writeFileAtomic(path, new TextEncoder().encode('new\n'));
    expect(await readFile(path, 'utf8')).toBe('new\n');
    expect(await readdir(join(dir, 'a', 'b'))).toEqual(['terms.csv']);
  });

  it('fails without touching anything when the target cannot be replaced', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'astrovoc-atomic-'));
    await writeFile(join(dir, 'keep.txt'), 'kept');
    // a directory cannot be replaced by rename(file, dir)
    const { mkdir } = await import('node:fs/promises');
    await mkdir(join(dir, 'target'));
    await expect(writeFileAtomic(join(dir, 'target'), 'x')).rejects.toThrow();
    expect((await readdir(dir)).sort()).toEqual(['keep.txt', 'target']);
  });
});

/**
 * An append-only file of lines, each of which carries its own checksum: the record a write is kept in before it
 * is applied. An append is written and datasynced before it resolves (and the folder fsynced when the file is
 * new). A reader keeps the lines up to the first that is incomplete or fails its check: a crash in the middle of
 * an append leaves such a last line, a change that was never acknowledged, which is cut off before the next append.
 */
import { createHash } from 'node:crypto';
import { mkdir, open, readFile, rename, rm, truncate } from 'node:fs/promises';
import { dirname } from 'node:path';
import { syncFolder } from './sync-folder.js';

/** The lines that passed their check, and how far the good part of the file reaches. */
export interface CheckedLines<T> {
  records: T[];
  goodBytes: number;
  totalBytes: number;
}

export class CheckedLog {
  /** Set once this process has cut off a torn last line and removed a stale temp file: only a writer does. */
  private prepared = false;

  constructor(readonly file: string) {}

  /** The records up to the first line that `decode` refuses (undefined) or that is not ended. */
  async read<T>(decode: (line: string) => T | undefined): Promise<CheckedLines<T>> {
    let bytes: Buffer;
    try {
      bytes = await readFile(this.file);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { records: [], goodBytes: 0, totalBytes: 0 };
      throw error;
    }
    const records: T[] = [];
    let offset = 0;
    for (let end = bytes.indexOf(0x0a, offset); end !== -1; end = bytes.indexOf(0x0a, offset)) {
      const record = decode(bytes.subarray(offset, end).toString('utf8'));
      if (record === undefined) break;
      records.push(record);
      offset = end + 1;
    }
    return { records, goodBytes: offset, totalBytes: bytes.length };
  }

  /**
   * Appends one line (without its line end) and datasyncs it: once this resolves, the line survives a crash.
   * Answers the file's length before the append, for `truncateTo` when what the line records fails after all.
   * `decode` is how the file's lines are read: the first append of a process cuts off a bad tail with it.
   */
  async append(line: string, decode: (line: string) => unknown): Promise<number> {
    const created = await this.prepare(decode);
    const handle = await open(this.file, 'a');
    let before: number;
    try {
      before = (await handle.stat()).size;
      await handle.writeFile(`${line}\n`);
      await handle.datasync();
    } finally {
      await handle.close();
    }
    if (created) await syncFolder(dirname(this.file));
    return before;
  }

  /** Takes back what was appended since `mark` (a write that failed after it was recorded). */
  async truncateTo(mark: number): Promise<void> {
    await truncate(this.file, mark);
    const handle = await open(this.file, 'r+');
    await handle.sync().finally(() => handle.close());
  }

  /** Replaces the whole file with these lines (temp file, fsync, rename, fsync of the folder). */
  async rewrite(lines: readonly string[]): Promise<number> {
    const text = lines.map((l) => `${l}\n`).join('');
    const temp = `${this.file}.tmp`;
    const handle = await open(temp, 'w');
    try {
      await handle.writeFile(text);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(temp, this.file);
    await syncFolder(dirname(this.file));
    return Buffer.byteLength(text);
  }

  /** Before this process's first append: the folder made, a bad tail cut off, a stale temp file removed. Answers whether the file is new. */
  private async prepare(decode: (line: string) => unknown): Promise<boolean> {
    if (this.prepared) return false;
    const dir = dirname(this.file);
    await mkdir(dir, { recursive: true });
    await syncFolder(dirname(dir));
    await rm(`${this.file}.tmp`, { force: true });
    const { goodBytes, totalBytes } = await this.read(decode);
    if (goodBytes < totalBytes) await this.truncateTo(goodBytes);
    this.prepared = true;
    return totalBytes === 0;
  }
}

/** A JSON line carrying the SHA-256 of its value: `{"value":…,"sha256":"…"}`. */
export function checkedJsonLine(value: unknown): string {
  const json = JSON.stringify(value);
  return `{"value":${json},"sha256":"${sha256(json)}"}`;
}

/** The value of a line written by `checkedJsonLine`, or undefined when it is not one or fails its check. */
export function readCheckedJsonLine<T>(line: string): T | undefined {
  try {
    const parsed = JSON.parse(line) as { value?: unknown; sha256?: unknown };
    if (parsed.value === undefined || typeof parsed.sha256 !== 'string') return undefined;
    return parsed.sha256 === sha256(JSON.stringify(parsed.value)) ? (parsed.value as T) : undefined;
  } catch {
    return undefined;
  }
}

function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

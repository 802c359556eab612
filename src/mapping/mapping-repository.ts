/**
 * The curated mapping sets on disk (`mappings/*.sssom.tsv`): read them, rewrite one atomically
 * (write-file-atomic: temp file, fsync, rename) and append each change to `mappings/changes.jsonl`.
 */
import { appendFile, mkdir, readdir, readFile } from 'node:fs/promises';
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import writeFileAtomic from 'write-file-atomic';
import type { MappingSet } from './mapping.js';
import { readSssom } from './sssom-reader.js';
import { SssomError } from './sssom-error.js';
import { writeSssom } from './sssom-writer.js';

export const CHANGE_LOG = 'changes.jsonl';
export const SSSOM_SUFFIX = '.sssom.tsv';

export interface ChangeEntry {
  at: string;
  who: string;
  action: 'add' | 'accept' | 'reject';
  set: string;
  mapping: string;
  subject: string;
  predicate: string;
  object: string;
  comment?: string;
}

export class MappingRepository {
  constructor(readonly dir: string) {}

  /** Every `*.sssom.tsv` in the folder; a file that cannot be read is reported (SssomError: file, line, column) and left out. */
  async readAll(): Promise<{ sets: MappingSet[]; failures: SssomError[] }> {
    let names: string[];
    try {
      names = (await readdir(this.dir)).filter((n) => n.endsWith(SSSOM_SUFFIX)).sort();
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { sets: [], failures: [] };
      throw error;
    }
    const sets: MappingSet[] = [];
    const failures: SssomError[] = [];
    for (const name of names) {
      try {
        sets.push(readSssom(await readFile(join(this.dir, name), 'utf8'), join(this.dir, name)));
      } catch (error) {
        if (!(error instanceof SssomError)) throw error;
        failures.push(error);
      }
    }
    return { sets, failures };
  }

  path(set: string): string {
    return join(this.dir, `${set}${SSSOM_SUFFIX}`);
  }

  async write(set: MappingSet): Promise<void> {
    await mkdir(this.dir, { recursive: true });
    await writeFileAtomic(this.path(set.name), writeSssom(set), { fsync: true });
  }

  async log(entry: ChangeEntry): Promise<void> {
    await mkdir(this.dir, { recursive: true });
    await appendFile(join(this.dir, CHANGE_LOG), `${JSON.stringify(entry)}\n`);
  }

  async changes(): Promise<ChangeEntry[]> {
    try {
      const text = await readFile(join(this.dir, CHANGE_LOG), 'utf8');
      return text.split('\n').filter(Boolean).map((l) => JSON.parse(l) as ChangeEntry);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
      throw error;
    }
  }
}

/** A strong ETag for one mapping row. */
export function etagOf(value: unknown): string {
  return `"${createHash('sha1').update(JSON.stringify(value)).digest('hex').slice(0, 20)}"`;
}

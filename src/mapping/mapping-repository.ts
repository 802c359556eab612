/**
 * The curated mapping sets on disk (`mappings/*.sssom.tsv`, each with its metadata on `#` lines or in a
 * sibling `<name>.sssom.yml`): read them, rewrite one atomically (write-file-atomic: temp file, fsync,
 * rename) in the layout it was read in, and append each change to `mappings/changes.jsonl`.
 */
import { appendFile, mkdir, readdir, readFile } from 'node:fs/promises';
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import writeFileAtomic from 'write-file-atomic';
import type { MappingSet } from './mapping.js';
import { readSssom, siblingMetadataPath } from './sssom-reader.js';
import { SssomError } from './sssom-error.js';
import { writeSssom, writeSssomExternal } from './sssom-writer.js';

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

  /**
   * Every `*.sssom.tsv` in the folder; a file that cannot be read is reported (SssomError: file, line,
   * column) and left out. A TSV file without `#` lines takes its metadata from its sibling `.sssom.yml`
   * when there is one; a TSV file with both is refused (sssom.twoMetadataBlocks).
   */
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
        sets.push(await readSssomFile(join(this.dir, name)));
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


  /** Rewrites a set atomically, in the layout it was read in (see writeSssomFile). */
  async write(set: MappingSet): Promise<void> {
    await mkdir(this.dir, { recursive: true });
    await writeSssomFile(this.path(set.name), set);
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

/** Reads an SSSOM TSV file, with its sibling `.sssom.yml` when the table has no `#` lines and the sibling exists. */
export async function readSssomFile(file: string): Promise<MappingSet> {
  const metadataFile = siblingMetadataPath(file);
  const metadata = await readIfExists(metadataFile);
  return readSssom(await readFile(file, 'utf8'), file, metadata === undefined ? {} : { metadata: { text: metadata, file: metadataFile } });
}

/**
 * Writes a set in the layout it was read in: one TSV file with `#` lines, or (a set read from a sibling
 * `.sssom.yml`) the table alone plus the YAML file. Each file is replaced atomically; the metadata file goes
 * first, so that a stop between the two leaves a TSV file whose prefixes are all declared.
 */
export async function writeSssomFile(file: string, set: MappingSet): Promise<void> {
  if (set.metadataLayout === 'external') {
    const { table, metadata } = writeSssomExternal(set);
    await writeFileAtomic(siblingMetadataPath(file), metadata, { fsync: true });
    await writeFileAtomic(file, table, { fsync: true });
    return;
  }
  await writeFileAtomic(file, writeSssom(set), { fsync: true });
}

async function readIfExists(file: string): Promise<string | undefined> {
  try {
    return await readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}

/** A strong ETag for one mapping row. */
export function etagOf(value: unknown): string {
  return `"${createHash('sha1').update(JSON.stringify(value)).digest('hex').slice(0, 20)}"`;
}

/**
 * The curated mapping sets on disk (`mappings/*.sssom.tsv`, each with its metadata on `#` lines or in a
 * sibling `<name>.sssom.yml`) and the change log `mappings/changes.jsonl`, the record of every write.
 *
 * A write is prepared first (serialised, then read back through the same SSSOM reader and compared with
 * the set meant), recorded (a log line appended and fsynced), then installed (each file replaced
 * atomically: temp file, fsync, rename, fsync of the folder). A kill at any moment leaves each file whole,
 * and at worst a logged change the file lacks, which the next start applies (MappingService.load).
 */
import { mkdir, open, readdir, readFile, rm, truncate } from 'node:fs/promises';
import { syncFolder } from '../store/index.js';
import { createHash } from 'node:crypto';
import { dirname, join } from 'node:path';
import writeFileAtomic from 'write-file-atomic';
import type { Mapping, MappingSet } from './mapping.js';
import { readSssom, readSssomLenient, siblingMetadataPath } from './sssom-reader.js';
import { SssomError } from './sssom-error.js';
import { COLUMNS } from './sssom-columns.js';
import { writeSssom, writeSssomExternal } from './sssom-writer.js';

export const CHANGE_LOG = 'changes.jsonl';
export const SSSOM_SUFFIX = '.sssom.tsv';

export interface ChangeEntry {
  at: string;
  /** The owner of the write token. */
  who: string;
  action: 'add' | 'accept' | 'reject';
  set: string;
  mapping: string;
  subject: string;
  predicate: string;
  object: string;
  comment?: string;
  /** The row as written (identifiers as IRIs): what the next start re-applies if the file lacks it. */
  row?: Mapping;
  /** The row it replaced (a review); absent for an added mapping. */
  previous?: Mapping;
}

/** A set serialised and checked, ready to replace its files. */
export interface PreparedWrite {
  set: MappingSet;
  /** Path → text, in the order they must be replaced (a sibling metadata file before its table). */
  files: [string, string][];
}

/** The change log as read at start-up: its entries, and what was repaired. */
export interface ChangeLog {
  entries: ChangeEntry[];
  notes: string[];
}

export class MappingRepository {
  constructor(readonly dir: string) {}

  /**
   * Every `*.sssom.tsv` in the folder. A file whose metadata or column names cannot be read is reported
   * (SssomError: file, line, column) and left out; a row that cannot be read is reported in `rowErrors` and
   * left out, and the rest of its set loads. A TSV file without `#` lines takes its metadata from its sibling
   * `.sssom.yml` when there is one; a TSV file with both is refused (sssom.twoMetadataBlocks).
   */
  async readAll(): Promise<{ sets: MappingSet[]; failures: SssomError[]; rowErrors: SssomError[] }> {
    let names: string[];
    try {
      names = (await readdir(this.dir)).filter((n) => n.endsWith(SSSOM_SUFFIX)).sort();
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { sets: [], failures: [], rowErrors: [] };
      throw error;
    }
    const sets: MappingSet[] = [];
    const failures: SssomError[] = [];
    const rowErrors: SssomError[] = [];
    for (const name of names) {
      try {
        const read = await readSssomFileLenient(join(this.dir, name));
        sets.push(read.set);
        rowErrors.push(...read.rowErrors);
      } catch (error) {
        if (!(error instanceof SssomError)) throw error;
        failures.push(error);
      }
    }
    return { sets, failures, rowErrors };
  }

  /**
   * Removes the temp files of writes a stop cut short (write-file-atomic names them `<file>.<number>`
   * beside their file; the file itself is whole, old or new). Answers a note per file removed.
   */
  async removeLeftovers(): Promise<string[]> {
    let names: string[];
    try {
      names = await readdir(this.dir);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
      throw error;
    }
    const leftovers = names.filter((n) => /\.sssom\.(?:tsv|yml)\.\d+$/.test(n));
    for (const name of leftovers) await rm(join(this.dir, name), { force: true });
    return leftovers.map((n) => `${join(this.dir, n)}: the temp file of a write that was stopped; removed`);
  }

  path(set: string): string {
    return join(this.dir, `${set}${SSSOM_SUFFIX}`);
  }

  /** Serialises a set and reads it back (see prepareSssomFile); throws SssomError when it would not read back as meant. */
  prepare(set: MappingSet): PreparedWrite {
    return prepareSssomFile(this.path(set.name), set);
  }

  /** Replaces the files of a prepared write, each atomically and durably. */
  async install(prepared: PreparedWrite): Promise<void> {
    await mkdir(this.dir, { recursive: true });
    await installFiles(prepared.files);
  }

  /** Prepares and installs in one step. */
  async write(set: MappingSet): Promise<void> {
    await this.install(this.prepare(set));
  }

  /**
   * Appends one entry and fsyncs it before returning; the answer is where the log ended before, for
   * `unlog` when the change cannot be applied after all.
   */
  async log(entry: ChangeEntry): Promise<number> {
    await mkdir(this.dir, { recursive: true });
    const file = join(this.dir, CHANGE_LOG);
    const handle = await open(file, 'a');
    let before: number;
    try {
      before = (await handle.stat()).size;
      await handle.appendFile(`${JSON.stringify(entry)}\n`);
      await handle.sync();
    } finally {
      await handle.close();
    }
    // A log created by this append is durable only once the folder's entry is on disk.
    if (before === 0) await syncFolder(this.dir);
    return before;
  }

  /** Takes back the entries appended since `mark` (a change that failed after it was logged). */
  async unlog(mark: number): Promise<void> {
    const file = join(this.dir, CHANGE_LOG);
    await truncate(file, mark);
    const handle = await open(file, 'r+');
    try {
      await handle.sync();
    } finally {
      await handle.close();
    }
  }

  async changes(): Promise<ChangeEntry[]> {
    return (await this.readLog(false)).entries;
  }

  /**
   * The change log, for start-up. A last line without its line end is what a kill in the middle of an
   * append leaves: that change was never acknowledged, so it is cut off (with a note) before the next append
   * would run on from it. A line that is not JSON anywhere else is skipped with a note.
   */
  async openLog(): Promise<ChangeLog> {
    return this.readLog(true);
  }

  private async readLog(repair: boolean): Promise<ChangeLog> {
    const file = join(this.dir, CHANGE_LOG);
    let text: string;
    try {
      text = await readFile(file, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { entries: [], notes: [] };
      throw error;
    }
    const notes: string[] = [];
    const end = text.lastIndexOf('\n') + 1;
    if (end < text.length) {
      notes.push(
        `${file}:${text.slice(0, end).split('\n').length}: the last line was cut short (a stop in the middle of a write that was never acknowledged)${repair ? ' and is removed' : ''}`,
      );
      if (repair) await this.unlog(Buffer.byteLength(text.slice(0, end)));
      text = text.slice(0, end);
    }
    const entries: ChangeEntry[] = [];
    text.split('\n').forEach((line, index) => {
      if (line === '') return;
      try {
        entries.push(JSON.parse(line) as ChangeEntry);
      } catch {
        notes.push(`${file}:${index + 1}: not a JSON line; skipped`);
      }
    });
    return { entries, notes };
  }
}

/** Reads an SSSOM TSV file, with its sibling `.sssom.yml` when the table has no `#` lines and the sibling exists. */
export async function readSssomFile(file: string): Promise<MappingSet> {
  const { set, rowErrors } = await readSssomFileLenient(file);
  if (rowErrors[0]) throw rowErrors[0];
  return set;
}

/** The same, with the rows that cannot be read reported and left out. */
export async function readSssomFileLenient(file: string): Promise<{ set: MappingSet; rowErrors: SssomError[] }> {
  const metadataFile = siblingMetadataPath(file);
  const metadata = await readIfExists(metadataFile);
  return readSssomLenient(await readFile(file, 'utf8'), file, metadata === undefined ? {} : { metadata: { text: metadata, file: metadataFile } });
}

/**
 * Serialises a set in the layout it was read in (one TSV file with `#` lines, or the table plus a sibling
 * `.sssom.yml`) and reads the text back through the same reader: a set that would not read back to the
 * same mappings (an identifier the reader refuses, a cell the table cannot hold) is refused here, before
 * any file is touched (SssomError, code sssom.readBack or the reader's own).
 */
export function prepareSssomFile(file: string, set: MappingSet): PreparedWrite {
  let files: [string, string][];
  let back: MappingSet;
  if (set.metadataLayout === 'external') {
    const { table, metadata } = writeSssomExternal(set);
    files = [
      [siblingMetadataPath(file), metadata],
      [file, table],
    ];
    back = readSssom(table, file, { name: set.name, metadata: { text: metadata, file: siblingMetadataPath(file) } });
  } else {
    const text = writeSssom(set);
    files = [[file, text]];
    back = readSssom(text, file, set.name);
  }
  const difference = firstDifference(set, back);
  if (difference) throw new SssomError('sssom.readBack', `the set would not read back as written: ${difference.what}`, { file }, difference.slot);
  return { set, files };
}

/** Writes a set in the layout it was read in, after checking that it reads back (see prepareSssomFile). */
export async function writeSssomFile(file: string, set: MappingSet): Promise<void> {
  const prepared = prepareSssomFile(file, set);
  await mkdir(dirname(file), { recursive: true });
  await installFiles(prepared.files);
}

async function installFiles(files: readonly [string, string][]): Promise<void> {
  for (const [path, text] of files) await writeFileAtomic(path, text, { fsync: true });
  // The renames are durable only once the folder's entries are on disk.
  for (const dir of new Set(files.map(([path]) => dirname(path)))) await syncFolder(dir);
}

/** Where the mappings read back differ from those meant: the row (1-based, in the table) and the slot. */
function firstDifference(meant: MappingSet, back: MappingSet): { what: string; slot?: string } | undefined {
  if (back.meta.mappingSetId !== meant.meta.mappingSetId) return { what: 'mapping_set_id differs', slot: 'mapping_set_id' };
  if (back.meta.license !== meant.meta.license) return { what: 'license differs', slot: 'license' };
  if (back.mappings.length !== meant.mappings.length) return { what: `${back.mappings.length} mappings read back, ${meant.mappings.length} meant` };
  for (const [index, mapping] of meant.mappings.entries()) {
    const other = back.mappings[index]!;
    const keys = new Set([...Object.keys(mapping), ...Object.keys(other)]) as Set<keyof Mapping>;
    for (const key of keys) {
      if (canonical(mapping[key]) !== canonical(other[key])) {
        const slot = SLOT_OF.get(key) ?? String(key);
        return { what: `row ${index + 1}, ${slot}: ${canonical(other[key])} read back, ${canonical(mapping[key])} meant`, slot };
      }
    }
  }
  return undefined;
}

const SLOT_OF = new Map<string, string>(COLUMNS.map((c) => [c.field, c.slot]));

/** JSON with object keys sorted: the extra columns come back in the table's order, not the order meant. */
function canonical(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v !== null && typeof v === 'object' && !Array.isArray(v) ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => a.localeCompare(b))) : v,
  );
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

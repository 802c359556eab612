/**
 * One vocabulary's curation record under `<curationDir>/<vocab>/`: `changes.jsonl`, the append-only log of
 * ChangeEntry lines (each with its checksum; the truth), and `state.json`, the curated state after the last
 * change (written atomically after each append; rebuilt from the log when missing, unreadable or stale).
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { writeFileAtomic } from '../catalogue/index.js';
import type { ChangeEntry, CurationConflict, TermRecord } from '../model/index.js';
import { CheckedLog, checkedJsonLine, readCheckedJsonLine, syncFolder } from '../store/index.js';

/** What state.json holds. */
export interface CuratedState {
  vocabulary: string;
  /** The id of the last change of the log when the state was written. */
  lastChange: string | null;
  curated: Record<string, TermRecord | null>;
  conflicts: CurationConflict[];
}

const readEntry = (line: string) => readCheckedJsonLine<ChangeEntry>(line);

export class ChangeLog {
  private readonly log: CheckedLog;

  constructor(
    readonly dir: string,
    readonly vocabulary: string,
  ) {
    this.log = new CheckedLog(join(dir, vocabulary, 'changes.jsonl'));
  }

  get file(): string {
    return this.log.file;
  }

  get stateFile(): string {
    return join(this.dir, this.vocabulary, 'state.json');
  }

  /** The entries up to the first bad or unended line (a crash mid-append: never acknowledged). */
  async entries(): Promise<ChangeEntry[]> {
    return (await this.log.read(readEntry)).records;
  }

  /** Appends the entry durably; answers the mark `takeBack` needs. */
  append(entry: ChangeEntry): Promise<number> {
    return this.log.append(checkedJsonLine(entry), readEntry);
  }

  /** Takes back the entries appended since `mark`: the change they record could not be applied. */
  takeBack(mark: number): Promise<void> {
    return this.log.truncateTo(mark);
  }

  async readState(): Promise<CuratedState | undefined> {
    try {
      return JSON.parse(await readFile(this.stateFile, 'utf8')) as CuratedState;
    } catch {
      return undefined;
    }
  }

  /** Writes state.json atomically (temp, fsync, rename) and fsyncs its folder. */
  async writeState(state: CuratedState): Promise<void> {
    await writeFileAtomic(this.stateFile, `${JSON.stringify(state, null, 1)}\n`);
    await syncFolder(join(this.dir, this.vocabulary));
  }
}

import { access } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import type { CatalogueEntry } from './catalogue-entry.js';

/** Where sources are read from: the mirror directory when one is given, else the sync cache. */
export function resolveSourceDir(options: { from?: string | undefined; cacheDir: string }): string {
  return resolve(options.from ?? options.cacheDir);
}

/** Absolute path of one source file in a source directory (a mirror or the cache). */
export function sourcePath(sourceDir: string, mirror: string): string {
  return join(sourceDir, mirror);
}

export interface MissingSource {
  entry: string;
  mirror: string;
  url: string;
}

/** The source files the entries need that are not in the directory, so a caller can say what is missing and load the rest. */
export async function missingSources(entries: readonly CatalogueEntry[], sourceDir: string): Promise<MissingSource[]> {
  const missing: MissingSource[] = [];
  const present = new Map<string, boolean>();
  for (const entry of entries) {
    for (const source of Object.values(entry.sources)) {
      let exists = present.get(source.mirror);
      if (exists === undefined) {
        exists = await access(sourcePath(sourceDir, source.mirror)).then(
          () => true,
          () => false,
        );
        present.set(source.mirror, exists);
      }
      if (!exists) missing.push({ entry: entry.id, mirror: source.mirror, url: source.url });
    }
  }
  return missing;
}

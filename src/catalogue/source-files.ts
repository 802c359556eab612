import type { CatalogueEntry } from './catalogue-entry.js';
import { CatalogueError } from './catalogue-error.js';

/** One file to sync: many entries may share it (every IVOA vocabulary reads vocabs.conf). */
export interface SourceFile {
  /** Path in a mirror directory and in the cache, e.g. `ivoa-vocabularies/vocabs.conf`. */
  mirror: string;
  url: string;
  /** A CONSTRUCT query to run at `url` (a SPARQL endpoint) instead of fetching it. */
  construct?: string;
  /** Ids of the catalogue entries that read this file. */
  entries: string[];
}

/** The distinct source files of the entries, in catalogue order, keyed by mirror path. */
export function sourceFiles(entries: readonly CatalogueEntry[]): SourceFile[] {
  const byMirror = new Map<string, SourceFile>();
  for (const entry of entries) {
    for (const source of Object.values(entry.sources)) {
      const file = byMirror.get(source.mirror);
      if (!file) {
        byMirror.set(source.mirror, {
          mirror: source.mirror,
          url: source.url,
          ...(source.construct ? { construct: source.construct } : {}),
          entries: [entry.id],
        });
        continue;
      }
      if (file.url !== source.url || file.construct !== source.construct) {
        throw new CatalogueError(
          'mirror-conflict',
          `entries ${file.entries[0]} and ${entry.id} fetch ${source.mirror} from different URLs: ${file.url}, ${source.url}`,
          {
            file: source.mirror,
          },
        );
      }
      if (!file.entries.includes(entry.id)) file.entries.push(entry.id);
    }
  }
  return [...byMirror.values()];
}

import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { LineCounter, parseDocument, type Document } from 'yaml';
import type { SourceLocation } from '../model/index.js';
import { catalogueSchema, type CatalogueEntry } from './catalogue-entry.js';
import { CatalogueError } from './catalogue-error.js';
import { formatProblems } from './format-requirements.js';

/** The catalogue files, relative to the project root: the vocabularies, then the UCD list entry. */
export const CATALOGUE_FILES = ['vocabularies/catalogue.yaml', 'ucd/catalogue.yaml'] as const;

/** A parsed catalogue file: its entries and where each one starts. */
export interface CatalogueFile {
  entries: CatalogueEntry[];
  locations: SourceLocation[];
}

/** Reads and validates every catalogue file; an entry id may appear once across all of them. */
export async function loadCatalogue(projectRoot: string): Promise<CatalogueEntry[]> {
  const parsed: CatalogueFile[] = [];
  for (const file of CATALOGUE_FILES) {
    const path = join(projectRoot, file);
    let text: string;
    try {
      text = await readFile(path, 'utf8');
    } catch (error) {
      throw new CatalogueError('catalogue-missing', `cannot read the catalogue: ${(error as Error).message}`, { file: path });
    }
    parsed.push(parseCatalogue(text, path));
  }
  return checkCatalogue(parsed);
}

/** Parses one catalogue file (YAML) into entries, or throws a CatalogueError naming line, entry and field. */
export function parseCatalogue(text: string, file: string): CatalogueFile {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter });
  const syntaxError = doc.errors[0];
  if (syntaxError) {
    const position = syntaxError.linePos?.[0];
    const message = (syntaxError.message.split('\n')[0] ?? syntaxError.code).replace(/ at line \d+, column \d+:?$/, '');
    throw new CatalogueError('yaml-syntax', message, {
      file,
      ...(position ? { line: position.line, column: position.col } : {}),
    });
  }
  const data: unknown = doc.toJS();
  const result = catalogueSchema.safeParse(data);
  const locate = (path: readonly PropertyKey[]): SourceLocation => locationOf(doc, lineCounter, file, path);
  if (!result.success) {
    const issue = result.error.issues[0]!;
    const others = result.error.issues.length - 1;
    throw new CatalogueError(
      'invalid-entry',
      `${describePath(data, issue.path)}: ${issue.message}${others > 0 ? ` (and ${others} more problem${others > 1 ? 's' : ''})` : ''}`,
      locate(issue.path),
    );
  }
  const entries = result.data.vocabularies;
  entries.forEach((entry, index) => {
    const problem = formatProblems(entry)[0];
    if (problem) {
      const path = ['vocabularies', index, ...problem[0]];
      throw new CatalogueError('invalid-entry', `${describePath(data, path)}: ${problem[1]}`, locate(path));
    }
  });
  return { entries, locations: entries.map((_, index) => locate(['vocabularies', index])) };
}

/**
 * Checks what spans entries and files: ids are unique, and a mirror path names one file, so entries that
 * share it (e.g. every IVOA vocabulary and vocabs.conf) must give the same URL.
 */
export function checkCatalogue(files: readonly CatalogueFile[]): CatalogueEntry[] {
  const ids = new Map<string, SourceLocation>();
  const urls = new Map<string, { url: string; id: string }>();
  const all: CatalogueEntry[] = [];
  for (const { entries, locations } of files) {
    entries.forEach((entry, index) => {
      const location = locations[index]!;
      const first = ids.get(entry.id);
      if (first) {
        throw new CatalogueError('duplicate-id', `entry '${entry.id}' is defined twice (first at ${first.file}:${first.line ?? '?'})`, location);
      }
      ids.set(entry.id, location);
      for (const [role, source] of Object.entries(entry.sources)) {
        const seen = urls.get(source.mirror);
        if (seen && seen.url !== source.url) {
          throw new CatalogueError(
            'mirror-conflict',
            `entry '${entry.id}' source ${role}: mirror path ${source.mirror} is fetched from ${source.url}, but entry '${seen.id}' fetches it from ${seen.url}`,
            location,
          );
        }
        if (!seen) urls.set(source.mirror, { url: source.url, id: entry.id });
      }
      all.push(entry);
    });
  }
  return all;
}

/** "entry 'refframe' (vocabularies[6]) field sources.terms.url" for a path into the parsed YAML. */
function describePath(data: unknown, path: readonly PropertyKey[]): string {
  if (path[0] !== 'vocabularies' || typeof path[1] !== 'number') return path.length ? `field ${path.map(String).join('.')}` : 'document';
  const entry = (data as { vocabularies: unknown[] }).vocabularies[path[1]];
  const id = typeof entry === 'object' && entry !== null && typeof (entry as { id?: unknown }).id === 'string' ? `'${(entry as { id: string }).id}' ` : '';
  const field = path.slice(2).map(String).join('.');
  return `entry ${id}(vocabularies[${path[1]}])${field ? ` field ${field}` : ''}`;
}

/** The line and column of the deepest node on `path` that exists in the document. */
function locationOf(doc: Document, lineCounter: LineCounter, file: string, path: readonly PropertyKey[]): SourceLocation {
  for (let length = path.length; length >= 0; length--) {
    const node = doc.getIn(path.slice(0, length) as unknown[], true) as { range?: [number, number, number] } | undefined;
    if (node?.range) {
      const { line, col } = lineCounter.linePos(node.range[0]);
      return { file, line, column: col };
    }
  }
  return { file };
}

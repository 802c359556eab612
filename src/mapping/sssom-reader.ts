/**
 * SSSOM TSV reader: the metadata block (YAML on `#` lines, or a sibling `.sssom.yml` in SSSOM/TSV's
 * "external metadata mode"), then a tab-separated table (SSSOM 1.0, "SSSOM/TSV"). Set-level values of
 * propagatable slots are propagated onto the mappings (SSSOM/TSV, "Propagatable slots › Propagation").
 */
import { isMap, isScalar, LineCounter, parseDocument, type Document } from 'yaml';
import type { Mapping, MappingSet, MappingSetMeta } from './mapping.js';
import { CurieMap } from './curie-map.js';
import { COLUMNS, PROPAGATABLE_COLUMNS, REQUIRED_COLUMNS, REQUIRED_SET_FIELDS, type Column } from './sssom-columns.js';
import { SssomError } from './sssom-error.js';
import { parseIdentifier } from './mapping-identifier.js';

const BY_SLOT = new Map(COLUMNS.map((c) => [c.slot, c]));

/** The metadata block of a set kept in its own file (`<name>.sssom.yml` beside `<name>.sssom.tsv`). */
export interface SssomMetadataFile {
  text: string;
  /** Its path, named by errors. */
  file: string;
}

export interface ReadSssomOptions {
  /** The set's short name (default: from the file name). */
  name?: string;
  /** The metadata block from a sibling file (external metadata mode): the TSV must then have no `#` lines. */
  metadata?: SssomMetadataFile;
  /**
   * Copy set-level values of propagatable slots onto the mappings (default true; SSSOM/TSV says a parser
   * SHOULD). With false, they stay in `meta.other` as written.
   */
  propagate?: boolean;
}

/**
 * Reads an SSSOM TSV file; throws SssomError naming the file, line and column at fault (for a fault in a
 * sibling metadata file: that file and its line). The third argument is the set name or the options.
 */
export function readSssom(text: string, file: string, nameOrOptions: string | ReadSssomOptions = {}): MappingSet {
  const { set, rowErrors } = readSssomLenient(text, file, nameOrOptions);
  if (rowErrors[0]) throw rowErrors[0];
  return set;
}

/**
 * The same, except that a row that cannot be read is reported (SssomError: line, column, slot) and left
 * out, and the other rows are read: one bad row does not cost the set. A fault in the metadata block or
 * the column names still throws (no row can be read without them).
 */
export function readSssomLenient(text: string, file: string, nameOrOptions: string | ReadSssomOptions = {}): { set: MappingSet; rowErrors: SssomError[] } {
  const options: ReadSssomOptions = typeof nameOrOptions === 'string' ? { name: nameOrOptions } : nameOrOptions;
  const name = options.name ?? setNameOf(file);
  const lines = withoutBom(text).split(/\r?\n/);
  let headerEnd = 0;
  while (headerEnd < lines.length && lines[headerEnd]!.startsWith('#')) headerEnd++;
  let header: Header;
  if (options.metadata) {
    if (headerEnd > 0) {
      throw new SssomError(
        'sssom.twoMetadataBlocks',
        `the file has a # metadata block and a sibling metadata file (${options.metadata.file}) too: in external metadata mode the TSV file holds only the table (SSSOM/TSV, "External metadata mode"); keep one of the two`,
        { file, line: 1 },
      );
    }
    header = readHeader(withoutBom(options.metadata.text), options.metadata.file);
  } else {
    header = readHeader(
      lines
        .slice(0, headerEnd)
        .map((l) => l.slice(1))
        .join('\n'),
      file,
    );
  }
  const meta = header.meta;
  const curies = new CurieMap(meta.curieMap);

  let tableStart = headerEnd;
  while (tableStart < lines.length && lines[tableStart]!.trim() === '') tableStart++;
  if (tableStart >= lines.length)
    throw new SssomError('sssom.noTable', 'no table after the header: expected a tab-separated row of column names', { file, line: tableStart + 1 });
  const columns = lines[tableStart]!.split('\t').map((c) => c.trim());
  for (const required of REQUIRED_COLUMNS) {
    if (!columns.includes(required))
      throw new SssomError(
        'sssom.missingColumn',
        `the table has no ${required} column (SSSOM requires it of every mapping)`,
        { file, line: tableStart + 1 },
        required,
      );
  }
  const seen = new Set<string>();
  columns.forEach((column, index) => {
    if (column === '') throw new SssomError('sssom.emptyColumnName', `column ${index + 1} has no name`, { file, line: tableStart + 1, column: index + 1 });
    if (seen.has(column))
      throw new SssomError('sssom.repeatedColumn', `column ${column} appears twice`, { file, line: tableStart + 1, column: index + 1 }, column);
    seen.add(column);
  });

  const mappings: Mapping[] = [];
  const rowErrors: SssomError[] = [];
  for (let i = tableStart + 1; i < lines.length; i++) {
    const line = lines[i]!;
    if (line.trim() === '') continue;
    const cells = line.split('\t');
    try {
      if (cells.length > columns.length)
        throw new SssomError('sssom.extraCells', `${cells.length} cells but ${columns.length} columns`, { file, line: i + 1, column: columns.length + 1 });
      mappings.push(readRow(columns, cells, curies, file, i + 1));
    } catch (error) {
      if (!(error instanceof SssomError)) throw error;
      rowErrors.push(error);
    }
  }
  propagate(header, curies, mappings, options.propagate ?? true);
  return { set: { name, meta, mappings, ...(options.metadata ? { metadataLayout: 'external' as const } : {}) }, rowErrors };
}

/** The short name of a set from its file name: `mappings/epn-target-class.sssom.tsv` → `epn-target-class`. */
export function setNameOf(file: string): string {
  const base = file.split(/[\\/]/).pop() ?? file;
  return base.replace(/\.sssom\.tsv$|\.tsv$/i, '');
}

/** The sibling metadata file of a TSV file: `x.sssom.tsv` → `x.sssom.yml`. */
export function siblingMetadataPath(file: string): string {
  return /\.sssom\.tsv$/i.test(file) ? file.replace(/\.sssom\.tsv$/i, '.sssom.yml') : file.replace(/(\.tsv)?$/i, '.sssom.yml');
}

function withoutBom(text: string): string {
  return text.replace(/^\uFEFF/, '');
}

interface Header {
  meta: MappingSetMeta;
  /** The file the metadata block is in (the TSV file, or its sibling `.sssom.yml`). */
  file: string;
  doc: Document;
  counter: LineCounter;
}

function readHeader(yamlText: string, file: string): Header {
  const counter = new LineCounter();
  // Failsafe schema: SSSOM set-level slots are text, so `mapping_set_version: 1.10` must not become the number 1.1;
  // an empty value, `null` or `~` still means no value.
  const doc = parseDocument(yamlText, { prettyErrors: false, lineCounter: counter, schema: 'failsafe', customTags: ['null'] });
  if (doc.errors.length > 0) {
    const error = doc.errors[0]!;
    // An error at the very end (an unclosed bracket) is reported on the last line that has text.
    const line = Math.min(yamlText.slice(0, error.pos[0]).split('\n').length, yamlText.trimEnd().split('\n').length);
    throw new SssomError('sssom.badHeader', `the YAML header cannot be read: ${error.message.split('\n')[0]}`, { file, line });
  }
  const value: unknown = doc.toJS() ?? {};
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    throw new SssomError('sssom.badHeader', 'the YAML header must be a mapping of set fields', { file, line: 1 });
  const header = value as Record<string, unknown>;
  const lineOf = (...path: string[]) => keyLine(doc, counter, path) ?? 1;
  for (const field of REQUIRED_SET_FIELDS) {
    const v = header[field];
    if (typeof v !== 'string' || v.trim() === '')
      throw new SssomError(
        'sssom.missingSetField',
        `the header has no ${field} (SSSOM requires it of every mapping set)`,
        { file, line: lineOf(field) },
        field,
      );
  }
  const curieMap: Record<string, string> = {};
  const rawMap = header.curie_map ?? {};
  if (typeof rawMap !== 'object' || rawMap === null || Array.isArray(rawMap))
    throw new SssomError('sssom.badCurieMap', 'curie_map must map prefixes to namespace IRIs', { file, line: lineOf('curie_map') }, 'curie_map');
  for (const [prefix, namespace] of Object.entries(rawMap)) {
    if (typeof namespace !== 'string' || namespace === '')
      throw new SssomError('sssom.badCurieMap', `curie_map prefix ${prefix} has no namespace IRI`, { file, line: lineOf('curie_map', prefix) }, 'curie_map');
    curieMap[prefix] = namespace;
  }
  const { mapping_set_id, license, curie_map: _curieMap, ...other } = header;
  return { meta: { mappingSetId: mapping_set_id as string, license: license as string, curieMap, other }, file, doc, counter };
}

/** The line of a key in the YAML block (a path into nested maps), or of the deepest one found. */
function keyLine(doc: Document, counter: LineCounter, path: readonly string[]): number | undefined {
  let node: unknown = doc.contents;
  let line: number | undefined;
  for (const key of path) {
    if (!isMap(node)) return line;
    const pair = node.items.find((p) => isScalar(p.key) && String(p.key.value) === key);
    if (!pair) return line;
    const range = isScalar(pair.key) ? pair.key.range : undefined;
    if (range) line = counter.linePos(range[0]).line;
    node = pair.value;
  }
  return line;
}

/**
 * SSSOM/TSV, "Propagatable slots › Propagation": a set-level value of a propagatable slot is copied onto
 * every mapping and removed from the set, but only when no mapping has its own value in that slot; if
 * any mapping has one, the slot MUST be considered non-propagatable: the mappings keep their own values
 * (those without one get none) and the set keeps its value.
 *
 * Two choices of astrovoc's own, both lossless: when every mapping already holds exactly the set-level
 * value, the set-level copy is dropped, as if it had been propagated (so that a file that repeats it in
 * the header and in every row reads the same as its condensed form); and a set without mappings keeps
 * its set-level values (there is nothing to copy them onto, and writing the set back keeps them).
 *
 * Set-level values are checked and typed as their column is, whether propagated or not.
 */
function propagate(header: Header, curies: CurieMap, mappings: Mapping[], enabled: boolean): void {
  const other = header.meta.other;
  for (const column of PROPAGATABLE_COLUMNS) {
    const raw = other[column.slot];
    if (raw === undefined || raw === null || raw === '') continue;
    const value = setLevelValue(header, column, raw, curies);
    if (!enabled || mappings.length === 0) continue;
    const field = column.field;
    const own = mappings.filter((m) => m[field] !== undefined);
    if (own.length === 0) {
      for (const m of mappings) (m as unknown as Record<string, unknown>)[field] = Array.isArray(value) ? [...(value as unknown[])] : value;
      delete other[column.slot];
    } else if (own.length === mappings.length && mappings.every((m) => sameValue(m[field], value))) {
      delete other[column.slot];
    }
  }
}

function sameValue(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/** A set-level value typed as its column: CURIEs expanded, lists for multi-valued slots (a lone scalar accepted). */
function setLevelValue(header: Header, column: Column, raw: unknown, curies: CurieMap): unknown {
  const at = { file: header.file, line: keyLine(header.doc, header.counter, [column.slot]) ?? 1 };
  // The header is read with YAML's failsafe schema: every scalar is the text written (`1.10` stays 1.10).
  const text = (item: unknown): string => {
    if (typeof item === 'string') return item;
    throw new SssomError(
      'sssom.badSetField',
      `${column.slot} in the header must be ${column.kind === 'entity' || column.kind === 'entities' ? 'a CURIE' : 'a single value'}, not ${JSON.stringify(item)}`,
      at,
      column.slot,
    );
  };
  const multi = column.kind === 'entities' || column.kind === 'strings';
  if (multi) {
    const items = Array.isArray(raw) ? raw : [raw];
    return items.map((item) => cellValue({ ...column, kind: column.kind === 'entities' ? 'entity' : 'string' }, text(item).trim(), curies, at));
  }
  return cellValue(column, text(raw).trim(), curies, at);
}

function readRow(columns: readonly string[], cells: readonly string[], curies: CurieMap, file: string, line: number): Mapping {
  const mapping: Partial<Mapping> & { extra?: Record<string, string> } = {};
  for (const [index, slot] of columns.entries()) {
    const cell = (cells[index] ?? '').trim();
    const column = BY_SLOT.get(slot);
    if (REQUIRED_COLUMNS.includes(slot as (typeof REQUIRED_COLUMNS)[number]) && cell === '') {
      throw new SssomError('sssom.missingValue', `${slot} is empty (SSSOM requires it of every mapping)`, { file, line, column: index + 1 }, slot);
    }
    if (cell === '') continue;
    if (!column) {
      (mapping.extra ??= {})[slot] = cell;
      continue;
    }
    (mapping as Record<string, unknown>)[column.field] = cellValue(column, cell, curies, { file, line, column: index + 1 });
  }
  if (mapping.predicateModifier !== undefined && mapping.predicateModifier !== 'Not') {
    throw new SssomError(
      'sssom.badPredicateModifier',
      `predicate_modifier must be Not, not ${String(mapping.predicateModifier)}`,
      { file, line, column: columns.indexOf('predicate_modifier') + 1 },
      'predicate_modifier',
    );
  }
  return mapping as Mapping;
}

function cellValue(column: Column, cell: string, curies: CurieMap, at: { file: string; line: number; column?: number }): unknown {
  const expand = (value: string): string => {
    const parsed = parseIdentifier(value, curies);
    if ('problem' in parsed) throw new SssomError(`sssom.${parsed.code}`, parsed.problem, at, column.slot);
    return parsed.iri;
  };
  switch (column.kind) {
    case 'entity':
      return expand(cell);
    case 'entities':
      return cell.split('|').map((v) => expand(v.trim()));
    case 'strings':
      return cell.split('|').map((v) => v.trim());
    case 'number': {
      const n = Number(cell);
      if (!Number.isFinite(n)) throw new SssomError('sssom.badNumber', `${column.slot} must be a number, not ${cell}`, at, column.slot);
      if (column.slot === 'confidence' && (n < 0 || n > 1))
        throw new SssomError('sssom.badConfidence', `confidence must lie between 0 and 1, not ${cell}`, at, column.slot);
      return n;
    }
    default:
      return cell;
  }
}

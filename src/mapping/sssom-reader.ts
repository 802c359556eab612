/** SSSOM TSV reader: the YAML header on `#` lines, then a tab-separated table (SSSOM 1.0, "SSSOM/TSV"). */
import { parseDocument } from 'yaml';
import type { Mapping, MappingSet, MappingSetMeta } from './mapping.js';
import { CurieMap } from './curie-map.js';
import { COLUMNS, REQUIRED_COLUMNS, REQUIRED_SET_FIELDS, type Column } from './sssom-columns.js';
import { SssomError } from './sssom-error.js';

const BY_SLOT = new Map(COLUMNS.map((c) => [c.slot, c]));

/** Reads an SSSOM TSV file; throws SssomError naming the file, line and column at fault. */
export function readSssom(text: string, file: string, name = setNameOf(file)): MappingSet {
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  let headerEnd = 0;
  while (headerEnd < lines.length && lines[headerEnd]!.startsWith('#')) headerEnd++;
  const meta = readHeader(lines.slice(0, headerEnd), file);
  const curies = new CurieMap(meta.curieMap);

  let tableStart = headerEnd;
  while (tableStart < lines.length && lines[tableStart]!.trim() === '') tableStart++;
  if (tableStart >= lines.length) throw new SssomError('sssom.noTable', 'no table after the header: expected a tab-separated row of column names', { file, line: tableStart + 1 });
  const columns = lines[tableStart]!.split('\t').map((c) => c.trim());
  for (const required of REQUIRED_COLUMNS) {
    if (!columns.includes(required)) throw new SssomError('sssom.missingColumn', `the table has no ${required} column (SSSOM requires it of every mapping)`, { file, line: tableStart + 1 }, required);
  }
  const seen = new Set<string>();
  columns.forEach((column, index) => {
    if (column === '') throw new SssomError('sssom.emptyColumnName', `column ${index + 1} has no name`, { file, line: tableStart + 1, column: index + 1 });
    if (seen.has(column)) throw new SssomError('sssom.repeatedColumn', `column ${column} appears twice`, { file, line: tableStart + 1, column: index + 1 }, column);
    seen.add(column);
  });

  const mappings: Mapping[] = [];
  for (let i = tableStart + 1; i < lines.length; i++) {
    const line = lines[i]!;
    if (line.trim() === '') continue;
    const cells = line.split('\t');
    if (cells.length > columns.length) throw new SssomError('sssom.extraCells', `${cells.length} cells but ${columns.length} columns`, { file, line: i + 1, column: columns.length + 1 });
    mappings.push(readRow(columns, cells, curies, file, i + 1));
  }
  return { name, meta, mappings };
}

/** The short name of a set from its file name: `mappings/epn-target-class.sssom.tsv` → `epn-target-class`. */
export function setNameOf(file: string): string {
  const base = file.split(/[\\/]/).pop() ?? file;
  return base.replace(/\.sssom\.tsv$|\.tsv$/i, '');
}

function readHeader(lines: readonly string[], file: string): MappingSetMeta {
  const yamlText = lines.map((l) => l.slice(1)).join('\n');
  const doc = parseDocument(yamlText, { prettyErrors: false });
  if (doc.errors.length > 0) {
    const error = doc.errors[0]!;
    const line = yamlText.slice(0, error.pos[0]).split('\n').length;
    throw new SssomError('sssom.badHeader', `the YAML header cannot be read: ${error.message.split('\n')[0]}`, { file, line });
  }
  const value: unknown = doc.toJS() ?? {};
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new SssomError('sssom.badHeader', 'the YAML header must be a mapping of set fields', { file, line: 1 });
  const header = value as Record<string, unknown>;
  for (const field of REQUIRED_SET_FIELDS) {
    const v = header[field];
    if (typeof v !== 'string' || v.trim() === '') throw new SssomError('sssom.missingSetField', `the header has no ${field} (SSSOM requires it of every mapping set)`, { file, line: lineOfKey(lines, field) ?? 1 }, field);
  }
  const curieMap: Record<string, string> = {};
  const rawMap = header.curie_map ?? {};
  if (typeof rawMap !== 'object' || rawMap === null || Array.isArray(rawMap)) throw new SssomError('sssom.badCurieMap', 'curie_map must map prefixes to namespace IRIs', { file, line: lineOfKey(lines, 'curie_map') ?? 1 }, 'curie_map');
  for (const [prefix, namespace] of Object.entries(rawMap)) {
    if (typeof namespace !== 'string' || namespace === '') throw new SssomError('sssom.badCurieMap', `curie_map prefix ${prefix} has no namespace IRI`, { file, line: lineOfKey(lines, prefix) ?? 1 }, 'curie_map');
    curieMap[prefix] = namespace;
  }
  const { mapping_set_id, license, curie_map: _curieMap, ...other } = header;
  return { mappingSetId: mapping_set_id as string, license: license as string, curieMap, other };
}

function lineOfKey(lines: readonly string[], key: string): number | undefined {
  const index = lines.findIndex((l) => new RegExp(`^#\\s*${key}\\s*:`).test(l));
  return index < 0 ? undefined : index + 1;
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
    throw new SssomError('sssom.badPredicateModifier', `predicate_modifier must be Not, not ${mapping.predicateModifier}`, { file, line, column: columns.indexOf('predicate_modifier') + 1 }, 'predicate_modifier');
  }
  return mapping as Mapping;
}

function cellValue(column: Column, cell: string, curies: CurieMap, at: { file: string; line: number; column: number }): unknown {
  const expand = (value: string): string => {
    const iri = curies.expand(value);
    if (iri === undefined) {
      const prefix = value.includes(':') ? value.slice(0, value.indexOf(':')) : '';
      throw new SssomError('sssom.unknownPrefix', prefix ? `prefix ${prefix} of ${value} is not declared in curie_map` : `${value} is neither a CURIE nor an IRI`, at, column.slot);
    }
    return iri;
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
      if (column.slot === 'confidence' && (n < 0 || n > 1)) throw new SssomError('sssom.badConfidence', `confidence must lie between 0 and 1, not ${cell}`, at, column.slot);
      return n;
    }
    default:
      return cell;
  }
}

/**
 * SSSOM TSV writer: the metadata block as YAML (on `#` lines, or as a sibling `.sssom.yml` in external
 * metadata mode), then the table; identifiers written as CURIEs. Propagatable slots that hold one value
 * on every mapping are condensed into the metadata block (SSSOM/TSV, "Propagatable slots › Condensation").
 */
import { stringify } from 'yaml';
import type { Mapping, MappingSet } from './mapping.js';
import { ASTROVOC_PREFIXES, BUILT_IN_PREFIXES, CurieMap } from './curie-map.js';
import { COLUMNS, PROPAGATABLE_COLUMNS, REQUIRED_COLUMNS, type Column } from './sssom-columns.js';

export interface WriteSssomOptions {
  /**
   * Condensation (default true): a propagatable slot whose value is the same on every mapping is written
   * once in the metadata block instead of as a column. SSSOM/TSV says a writer SHOULD condense and that
   * it MUST be possible to turn it off: `{ condense: false }` writes every column.
   */
  condense?: boolean;
}

/** One SSSOM/TSV file, the metadata block on `#` lines (embedded metadata mode). */
export function writeSssom(set: MappingSet, options: WriteSssomOptions = {}): string {
  const { yaml, table } = render(set, options);
  return [...yaml.map((l) => `#${l}`), ...table, ''].join('\n');
}

/**
 * External metadata mode: the table alone (no `#` line, its first line the column names) and the
 * metadata block as plain YAML, for `<name>.sssom.tsv` and `<name>.sssom.yml`.
 */
export function writeSssomExternal(set: MappingSet, options: WriteSssomOptions = {}): { table: string; metadata: string } {
  const { yaml, table } = render(set, options);
  return { table: [...table, ''].join('\n'), metadata: [...yaml, ''].join('\n') };
}

function render(set: MappingSet, options: WriteSssomOptions): { yaml: string[]; table: string[] } {
  const curies = new CurieMap(set.meta.curieMap, ASTROVOC_PREFIXES);
  const condensed = options.condense === false ? {} : condense(set, curies);
  const used = COLUMNS.filter((c) => set.mappings.some((m) => m[c.field] !== undefined && m[c.field] !== ''));
  const required = new Set<string>(REQUIRED_COLUMNS);
  const columns = COLUMNS.filter((c) => required.has(c.slot) || (used.includes(c) && !(c.slot in condensed)));
  const extraSlots = [...new Set(set.mappings.flatMap((m) => Object.keys(m.extra ?? {})))];

  const rows = set.mappings.map((m) => [...columns.map((c) => cell(m, c.field, c.kind, curies)), ...extraSlots.map((slot) => clean(m.extra?.[slot] ?? ''))]);
  const header = {
    mapping_set_id: set.meta.mappingSetId,
    license: set.meta.license,
    ...set.meta.other,
    ...condensed,
    curie_map: declaredPrefixes(set, curies),
  };
  return {
    yaml: stringify(header, { lineWidth: 0 }).trimEnd().split('\n'),
    table: [[...columns.map((c) => c.slot), ...extraSlots].join('\t'), ...rows.map((r) => r.join('\t'))],
  };
}

/**
 * SSSOM/TSV, "Propagatable slots › Condensation": a propagatable slot may be condensed only if (1) every
 * mapping has the same value in it and (2) the set has no value in it, or the same one. The set-level
 * value is then that common value, and the column is left out. A set without mappings condenses nothing.
 */
function condense(set: MappingSet, curies: CurieMap): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  const first = set.mappings[0];
  if (!first) return out;
  for (const column of PROPAGATABLE_COLUMNS) {
    const value = first[column.field];
    if (value === undefined || value === '') continue;
    const text = JSON.stringify(value);
    if (!set.mappings.every((m) => JSON.stringify(m[column.field]) === text)) continue;
    const existing = set.meta.other[column.slot];
    if (existing !== undefined && existing !== null && existing !== '' && JSON.stringify(typedSetValue(column, existing, curies)) !== text) continue;
    out[column.slot] = headerValue(column, value, curies);
  }
  return out;
}

/** A set-level value as written in `meta.other`, typed as its column, to compare with the mappings' values. */
function typedSetValue(column: Column, raw: unknown, curies: CurieMap): unknown {
  const one = (v: unknown, entity: boolean): unknown =>
    entity && typeof v === 'string' ? (curies.expand(v.trim()) ?? v) : typeof v === 'string' ? v.trim() : String(v);
  switch (column.kind) {
    case 'entity':
      return one(raw, true);
    case 'entities':
      return (Array.isArray(raw) ? raw : [raw]).map((v) => one(v, true));
    case 'strings':
      return (Array.isArray(raw) ? raw : [raw]).map((v) => one(v, false));
    case 'number':
      return typeof raw === 'number' ? raw : Number(raw);
    default:
      return one(raw, false);
  }
}

/** A mapping value as the metadata block holds it: CURIEs, YAML lists for multi-valued slots. */
function headerValue(column: Column, value: unknown, curies: CurieMap): unknown {
  switch (column.kind) {
    case 'entity':
      return curies.compact(value as string);
    case 'entities':
      return (value as string[]).map((v) => curies.compact(v));
    case 'strings':
      return (value as string[]).map(clean);
    case 'number':
      return value;
    default:
      return clean(String(value));
  }
}

/** The set's own curie_map plus every other prefix the table uses, except SSSOM's built-in ones. */
function declaredPrefixes(set: MappingSet, curies: CurieMap): Record<string, string> {
  const map: Record<string, string> = { ...set.meta.curieMap };
  for (const prefix of curies.used) if (map[prefix] === undefined && BUILT_IN_PREFIXES[prefix] === undefined) map[prefix] = curies.namespace(prefix)!;
  return Object.fromEntries(
    Object.entries(map)
      .filter(([prefix, ns]) => BUILT_IN_PREFIXES[prefix] !== ns)
      .sort(([a], [b]) => a.localeCompare(b)),
  );
}

function cell(m: Mapping, field: keyof Omit<Mapping, 'extra'>, kind: string, curies: CurieMap): string {
  const value = m[field];
  if (value === undefined) return '';
  if (kind === 'entity') return curies.compact(value as string);
  if (kind === 'entities') return (value as string[]).map((v) => curies.compact(v)).join('|');
  if (kind === 'strings') return (value as string[]).map(clean).join('|');
  if (kind === 'number') return String(value);
  return clean(String(value));
}

/** Tabs and line breaks cannot live in a TSV cell. */
function clean(text: string): string {
  return text.replace(/[\t\r\n]+/g, ' ').trim();
}

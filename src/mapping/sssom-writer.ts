/** SSSOM TSV writer: the header as YAML on `#` lines, then the table; identifiers written as CURIEs. */
import { stringify } from 'yaml';
import type { Mapping, MappingSet } from './mapping.js';
import { ASTROVOC_PREFIXES, BUILT_IN_PREFIXES, CurieMap } from './curie-map.js';
import { COLUMNS } from './sssom-columns.js';

export function writeSssom(set: MappingSet): string {
  const curies = new CurieMap(set.meta.curieMap, ASTROVOC_PREFIXES);
  const used = COLUMNS.filter((c) => set.mappings.some((m) => m[c.field] !== undefined && m[c.field] !== ''));
  const required = new Set(['subject_id', 'predicate_id', 'object_id', 'mapping_justification']);
  const columns = COLUMNS.filter((c) => required.has(c.slot) || used.includes(c));
  const extraSlots = [...new Set(set.mappings.flatMap((m) => Object.keys(m.extra ?? {})))];

  const rows = set.mappings.map((m) => [
    ...columns.map((c) => cell(m, c.field, c.kind, curies)),
    ...extraSlots.map((slot) => clean(m.extra?.[slot] ?? '')),
  ]);
  const header = {
    mapping_set_id: set.meta.mappingSetId,
    license: set.meta.license,
    ...set.meta.other,
    curie_map: declaredPrefixes(set, curies),
  };
  const yamlLines = stringify(header, { lineWidth: 0 }).trimEnd().split('\n');
  return [
    ...yamlLines.map((l) => `#${l}`),
    [...columns.map((c) => c.slot), ...extraSlots].join('\t'),
    ...rows.map((r) => r.join('\t')),
    '',
  ].join('\n');
}

/** The set's own curie_map plus every other prefix the table uses, except SSSOM's built-in ones. */
function declaredPrefixes(set: MappingSet, curies: CurieMap): Record<string, string> {
  const map: Record<string, string> = { ...set.meta.curieMap };
  for (const prefix of curies.used) if (map[prefix] === undefined && BUILT_IN_PREFIXES[prefix] === undefined) map[prefix] = curies.namespace(prefix)!;
  return Object.fromEntries(Object.entries(map).filter(([prefix, ns]) => BUILT_IN_PREFIXES[prefix] !== ns).sort(([a], [b]) => a.localeCompare(b)));
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

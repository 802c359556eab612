/**
 * A terms.csv written back for an editor's pull request: the source file with the rows of the curated terms
 * regenerated, every other line kept byte for byte (line breaks too). A term added goes right after its tree
 * parent's subtree, one level below it (at the end, level 1, without a parent); a term whose tree parent changed
 * moves there with its subtree, the levels of its rows adjusted; a term curated as null loses its row.
 */
import { readTermsCsvRecords, type TermsCsvRecordRow } from '../ingest/index.js';
import { AstrovocError, type Flavour, type TermRecord, type TermsCsvRowLayout } from '../model/index.js';
import { formatTermsCsvRow } from '../render/index.js';

export interface TermsCsvExportOptions {
  /** Spells further parents where the source row does not (skos:broader, rdfs:subClassOf, rdfs:subPropertyOf). */
  flavour?: Flavour;
}

/** A line of the output: a row (maybe regenerated) or a line that is no row (a comment, a blank line). */
interface Item {
  text: string;
  /** The line break after it; "" after a last line without one. */
  lineBreak: string;
  row?: { id: string; level: number; source?: TermsCsvRecordRow };
}

export function exportTermsCsv(
  source: string,
  fileName: string,
  termBase: string,
  curated: ReadonlyMap<string, TermRecord | null>,
  options: TermsCsvExportOptions = {},
): string {
  const parsed = readTermsCsvRecords(source, fileName, termBase);
  const items = sourceItems(parsed.lines, parsed.breaks, parsed.rows);
  const fileBreak = parsed.breaks.find((lineBreak) => lineBreak !== '') ?? '\n';
  const endsWithBreak = (parsed.breaks[parsed.breaks.length - 1] ?? '\n') !== '';

  const rowsById = new Map<string, TermsCsvRecordRow[]>();
  for (const row of parsed.rows) rowsById.set(row.record.id, [...(rowsById.get(row.record.id) ?? []), row]);
  for (const id of curated.keys()) {
    const rows = rowsById.get(id) ?? [];
    if (rows.length > 1) {
      throw new AstrovocError(
        'conflict',
        `term "${id}" is defined on lines ${rows.map((row) => row.line).join(', ')} of ${fileName}: one record cannot be written back for it`,
        {
          location: { file: fileName, line: rows[1]?.line },
        },
      );
    }
  }

  for (const [id, record] of curated) {
    if (record !== null) continue;
    const index = items.findIndex((item) => item.row?.id === id);
    if (index !== -1) items.splice(index, 1);
  }

  // Moves and additions, each once its new tree parent is in place (it may itself be added or moved).
  const pending = [...curated].filter((entry): entry is [string, TermRecord] => {
    const [id, record] = entry;
    if (record === null) return false;
    const row = rowsById.get(id)?.[0];
    return !row || (record.parents[0] !== row.record.parents[0] && record.parents[0] !== row.treeParent);
  });
  while (pending.length > 0) {
    const ready = pending.findIndex(([, record]) => record.parents[0] === undefined || items.some((item) => item.row?.id === record.parents[0]));
    if (ready === -1) {
      const [id, record] = pending[0] ?? [];
      throw new AstrovocError(
        'unprocessable',
        `term "${id}" has the tree parent "${record?.parents[0]}", which is no term of ${fileName} (or a move makes a cycle)`,
        {
          location: { file: fileName },
        },
      );
    }
    const [[id, record]] = pending.splice(ready, 1) as [[string, TermRecord]];
    const start = items.findIndex((item) => item.row?.id === id);
    const block: Item[] = start === -1 ? [{ text: '', lineBreak: fileBreak, row: { id, level: 1 } }] : items.splice(start, subtreeEnd(items, start) - start);
    const parentIndex = items.findIndex((item) => item.row?.id === record.parents[0]);
    if (record.parents[0] !== undefined && parentIndex === -1) {
      throw new AstrovocError('unprocessable', `term "${id}" cannot move below its own narrower term "${record.parents[0]}"`, { location: { file: fileName } });
    }
    const level = parentIndex === -1 ? 1 : (items[parentIndex]?.row?.level ?? 0) + 1;
    const shift = level - (block[0]?.row?.level ?? level);
    for (const item of block) if (item.row) item.row.level += shift;
    const at = parentIndex === -1 ? lastRowEnd(items) : subtreeEnd(items, parentIndex);
    items.splice(at, 0, ...block);
  }

  for (const item of items) {
    if (!item.row) continue;
    const { id, level, source } = item.row;
    const record = curated.get(id);
    if (record) {
      const layout = source?.layout ?? neighbourLayout(items, item);
      item.text = formatTermsCsvRow(record, level, termBase, { ...(options.flavour ? { flavour: options.flavour } : {}), ...(layout ? { layout } : {}) });
    } else if (source && level !== source.level) {
      item.text = withLevel(item.text, source, level);
    }
  }
  checkTree(items, curated, fileName);

  return (
    parsed.bom +
    items
      .map((item, index) => {
        const last = index === items.length - 1;
        const lineBreak = last && !endsWithBreak ? '' : item.lineBreak || fileBreak;
        return `${item.text}${lineBreak}`;
      })
      .join('')
  );
}

function sourceItems(lines: readonly string[], breaks: readonly string[], rows: readonly TermsCsvRecordRow[]): Item[] {
  const rowAt = new Map(rows.map((row) => [row.line, row]));
  const items: Item[] = [];
  for (let index = 0; index < lines.length; index += 1) {
    const row = rowAt.get(index + 1);
    if (!row) {
      items.push({ text: lines[index] ?? '', lineBreak: breaks[index] ?? '' });
      continue;
    }
    const text = lines
      .slice(row.line - 1, row.endLine)
      .map((line, offset) => (offset === 0 ? line : `${breaks[row.line - 2 + offset] ?? ''}${line}`))
      .join('');
    items.push({ text, lineBreak: breaks[row.endLine - 1] ?? '', row: { id: row.record.id, level: row.level, source: row } });
    index = row.endLine - 1;
  }
  return items;
}

/** The index after the last row of the subtree of the row at `start` (lines after that row stay where they are). */
function subtreeEnd(items: readonly Item[], start: number): number {
  const level = items[start]?.row?.level ?? 0;
  let end = start + 1;
  for (let index = start + 1; index < items.length; index += 1) {
    const row = items[index]?.row;
    if (!row) continue;
    if (row.level <= level) break;
    end = index + 1;
  }
  return end;
}

function lastRowEnd(items: readonly Item[]): number {
  for (let index = items.length - 1; index >= 0; index -= 1) if (items[index]?.row) return index + 1;
  return items.length;
}

/** Every row sits below the tree parent it should have: a removed term's narrower terms must move or go too. */
function checkTree(items: readonly Item[], curated: ReadonlyMap<string, TermRecord | null>, fileName: string): void {
  const ancestors: string[] = [];
  for (const { row } of items) {
    if (!row) continue;
    const record = curated.get(row.id);
    const moved = record && (!row.source || record.parents[0] !== row.source.record.parents[0]);
    const expected = moved ? record.parents[0] : row.source?.treeParent;
    ancestors.length = Math.min(ancestors.length, row.level - 1);
    const actual = ancestors[row.level - 2];
    if (actual !== expected || ancestors.length < row.level - 1) {
      throw new AstrovocError(
        'unprocessable',
        `term "${row.id}" would fall below "${actual ?? '(none)'}" instead of "${expected ?? '(none)'}": is its tree parent removed?`,
        {
          location: { file: fileName, ...(row.source ? { line: row.source.line } : {}) },
        },
      );
    }
    ancestors.push(row.id);
  }
}

/** An added row looks like the source row above it (its quoting and padding, not its relations). */
function neighbourLayout(items: readonly Item[], item: Item): TermsCsvRowLayout | undefined {
  const sources = items.map((candidate) => candidate.row?.source);
  const above = sources.slice(0, items.indexOf(item)).filter((source) => source !== undefined);
  const neighbour = above[above.length - 1] ?? sources.find((source) => source !== undefined);
  return neighbour ? { fields: neighbour.layout.fields, relations: [] } : undefined;
}

/** The row's source text with only its level changed. */
function withLevel(text: string, row: TermsCsvRecordRow, level: number): string {
  const start = row.levelColumn - 1;
  const end = text.indexOf(';', start);
  return `${text.slice(0, start)}${text.slice(start, end).replace(/[0-9]+/, String(level))}${text.slice(end)}`;
}

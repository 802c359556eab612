import type { ParsedSparql } from './sparql-parser.js';

type ParsedQuery = Extract<ParsedSparql, { kind: 'query' }>;

/**
 * The query text to run so that at most `maxRows + 1` solutions are computed (one more than the cap, to
 * tell a result that fits from one that was cut). A query whose own LIMIT is within the cap runs as is.
 * SPARQL 1.1 Query §19.8 (grammar): LIMIT is the last solution modifier, followed only by an optional
 * VALUES block, so for a query without a trailing VALUES it is appended to the text; otherwise the query
 * is regenerated from its parse.
 */
export function cappedQueryText(query: ParsedQuery, maxRows: number, generate: (parsed: ParsedQuery['parsed']) => string): string {
  if (query.limit !== undefined && query.limit <= maxRows) return query.text;
  if (query.limit === undefined && !query.trailingValues) return `${query.text}\nLIMIT ${maxRows + 1}`;
  return generate({ ...query.parsed, limit: maxRows + 1 } as ParsedQuery['parsed']);
}

export interface CutResult {
  body: Buffer;
  rows: number;
  truncated: boolean;
}

const COMMA = 0x2c;
const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const NEWLINE = 0x0a;
const OPEN_BRACE = 0x7b;
const CLOSE_BRACE = 0x7d;
const CLOSE_BRACKET = 0x5d;
const isSpace = (c: number | undefined) => c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09;

/**
 * Cuts a serialised SELECT result (UTF-8 bytes) to `maxRows` solutions, keeping the document well-formed.
 * Every delimiter looked at is ASCII, so scanning bytes is safe inside multi-byte characters.
 */
export function cutSolutions(body: Buffer, mediaType: string, maxRows: number): CutResult {
  const starts = rowStarts(body, mediaType, maxRows + 1);
  if (starts.rows.length <= maxRows) return { body, rows: starts.rows.length, truncated: false };
  let end = starts.rows[maxRows]!;
  if (starts.trimComma) {
    while (end > 0 && isSpace(body[end - 1])) end -= 1;
    if (body[end - 1] === COMMA) end -= 1;
  }
  return { body: Buffer.concat([body.subarray(0, end), Buffer.from(starts.closing)]), rows: maxRows, truncated: true };
}

interface RowStarts {
  /** Byte offsets where each solution begins (at most `limit` of them). */
  rows: number[];
  /** Text that closes the document after a cut. */
  closing: string;
  /** Whether a separating comma precedes each row (JSON). */
  trimComma: boolean;
}

function rowStarts(body: Buffer, mediaType: string, limit: number): RowStarts {
  switch (mediaType) {
    case 'application/sparql-results+xml':
      return { rows: occurrences(body, '<result>', limit), closing: '</results></sparql>', trimComma: false };
    case 'text/tab-separated-values':
      // SPARQL 1.1 CSV/TSV §4: TSV escapes newlines inside terms, so each line after the header is one row.
      return { rows: lineStarts(body, limit, false), closing: '', trimComma: false };
    case 'text/csv':
      // §3: CSV quotes a field holding a newline, so only newlines outside quotes end a row.
      return { rows: lineStarts(body, limit, true), closing: '', trimComma: false };
    default:
      return { rows: jsonBindingStarts(body, limit), closing: ']}}', trimComma: true };
  }
}

function occurrences(body: Buffer, needle: string, limit: number): number[] {
  const found: number[] = [];
  for (let at = body.indexOf(needle); at >= 0 && found.length < limit; at = body.indexOf(needle, at + needle.length)) found.push(at);
  return found;
}

/** Offsets of the lines after the header line. */
function lineStarts(body: Buffer, limit: number, quoted: boolean): number[] {
  const found: number[] = [];
  let inQuotes = false;
  let header = true;
  for (let i = 0; i < body.length && found.length < limit; i += 1) {
    const c = body[i];
    if (quoted && c === QUOTE) inQuotes = !inQuotes;
    else if (c === NEWLINE && !inQuotes && i + 1 < body.length) {
      header = false;
      found.push(i + 1);
    }
  }
  return header ? [] : found;
}

/** Offsets of the objects in `results.bindings` of a SPARQL JSON result (SPARQL 1.1 Query Results JSON §3.2). */
function jsonBindingStarts(body: Buffer, limit: number): number[] {
  const key = body.indexOf('"bindings"');
  if (key < 0) return [];
  const open = body.indexOf('[', key);
  const found: number[] = [];
  let depth = 0;
  let inString = false;
  for (let i = open + 1; i < body.length && found.length < limit; i += 1) {
    const c = body[i];
    if (inString) {
      if (c === BACKSLASH) i += 1;
      else if (c === QUOTE) inString = false;
      continue;
    }
    if (c === QUOTE) inString = true;
    else if (c === OPEN_BRACE) {
      if (depth === 0) found.push(i);
      depth += 1;
    } else if (c === CLOSE_BRACE) depth -= 1;
    else if (c === CLOSE_BRACKET && depth === 0) break;
  }
  return found;
}

/**
 * JSON with locations: parse text and, when it is not JSON (RFC 8259), say where and what was expected;
 * find the line and column of the value a JSON pointer (RFC 6901) names, for errors about a wrong shape.
 * `JSON.parse` does the parsing; jsonc-parser (VS Code's JSON scanner) only runs to locate a problem.
 */
import { findNodeAtLocation, parseTree, printParseErrorCode, type ParseError } from 'jsonc-parser';
import { IngestError } from './ingest-error.js';

export interface TextPosition {
  line: number;
  column: number;
}

/** Strict JSON: no comments, no trailing commas (jsonc-parser allows both unless told not to). */
const STRICT = { disallowComments: true, allowTrailingComma: false, allowEmptyContent: false };

/** Parses JSON text; throws IngestError `json-syntax` with the line and column of the first error. */
export function parseJson(text: string, file: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    const errors: ParseError[] = [];
    parseTree(text, errors, STRICT);
    const first = errors[0];
    const offset = first?.offset ?? text.length;
    const found = first ? describe(first) : error instanceof Error ? error.message : String(error);
    const expected = offset >= text.trimEnd().length ? `unexpected end of input (${found})` : found;
    throw new IngestError('json-syntax', `not valid JSON: ${expected}`, { file, ...positionAt(text, offset) });
  }
}

function describe(error: ParseError): string {
  const code = printParseErrorCode(error.error);
  // "CloseBraceExpected" -> "close brace expected"
  return code.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase();
}

/** RFC 6901 pointer for a path of keys and indices, e.g. ['list', 0, 'a/b'] -> '/list/0/a~1b'. */
export function jsonPointer(path: readonly PropertyKey[]): string {
  return path.map((key) => '/' + String(key).replace(/~/g, '~0').replace(/\//g, '~1')).join('');
}

/** Line and column where the value named by `pointer` starts, if the text has it. */
export function locateJsonPointer(text: string, pointer: string): TextPosition | undefined {
  const root = parseTree(text, [], STRICT);
  if (!root) return undefined;
  const segments =
    pointer === ''
      ? []
      : pointer
          .slice(1)
          .split('/')
          .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
  const path = segments.map((segment) => (/^(0|[1-9]\d*)$/.test(segment) ? Number(segment) : segment));
  const node = findNodeAtLocation(root, path);
  return node ? positionAt(text, node.offset) : undefined;
}

/** 1-based line and column (in UTF-16 code units) of an offset. */
export function positionAt(text: string, offset: number): TextPosition {
  let line = 1;
  let lineStart = 0;
  for (let i = text.indexOf('\n'); i !== -1 && i < offset; i = text.indexOf('\n', i + 1)) {
    line += 1;
    lineStart = i + 1;
  }
  return { line, column: offset - lineStart + 1 };
}

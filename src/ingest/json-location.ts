/**
 * JSON with locations: parse text and, when it is not JSON (RFC 8259), say where and what was expected;
 * find the line and column of the value a JSON pointer (RFC 6901) names, for errors about a wrong shape.
 * `JSON.parse` does the parsing; the scanner below only runs to locate a problem, because V8's messages
 * do not always carry a position.
 */
import { IngestError } from './ingest-error.js';

export interface TextPosition {
  line: number;
  column: number;
}

/** Parses JSON text; throws IngestError `json-syntax` with the line and column of the first error. */
export function parseJson(text: string, file: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    const scan = scanJson(text, undefined);
    const offset = scan.error?.offset ?? text.length;
    const expected = scan.error?.expected ?? (error instanceof Error ? error.message : String(error));
    throw new IngestError('json-syntax', `not valid JSON: ${expected}`, { file, ...positionAt(text, offset) });
  }
}

/** RFC 6901 pointer for a path of keys and indices, e.g. ['list', 0, 'a/b'] -> '/list/0/a~1b'. */
export function jsonPointer(path: readonly PropertyKey[]): string {
  return path.map((key) => '/' + String(key).replace(/~/g, '~0').replace(/\//g, '~1')).join('');
}

/** Line and column where the value named by `pointer` starts, if the text has it. */
export function locateJsonPointer(text: string, pointer: string): TextPosition | undefined {
  const segments = pointer === '' ? [] : pointer.slice(1).split('/').map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
  const scan = scanJson(text, segments);
  return scan.target === undefined ? undefined : positionAt(text, scan.target);
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

interface ScanResult {
  error?: { offset: number; expected: string };
  target?: number;
}

class ScanError extends Error {
  constructor(
    readonly offset: number,
    readonly expected: string,
  ) {
    super(expected);
  }
}

const WHITESPACE = new Set([' ', '\t', '\n', '\r']);
const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;

function scanJson(text: string, target: readonly string[] | undefined): ScanResult {
  let pos = 0;
  let found: number | undefined;
  const path: string[] = [];

  const skip = (): void => {
    while (pos < text.length && WHITESPACE.has(text[pos]!)) pos += 1;
  };
  const fail = (expected: string): never => {
    const got = pos >= text.length ? 'end of input' : `'${text[pos]}'`;
    throw new ScanError(pos, `expected ${expected}, found ${got}`);
  };
  const atTarget = (): boolean =>
    target !== undefined && found === undefined && path.length === target.length && path.every((s, i) => s === target[i]);

  const string = (): string => {
    const start = pos;
    pos += 1;
    while (pos < text.length) {
      const c = text[pos]!;
      if (c === '"') {
        pos += 1;
        return JSON.parse(text.slice(start, pos)) as string;
      }
      if (c === '\\') {
        const next = text[pos + 1];
        if (next === 'u') {
          if (!/^[0-9a-fA-F]{4}$/.test(text.slice(pos + 2, pos + 6))) fail('four hex digits after \\u');
          pos += 6;
        } else if (next !== undefined && '"\\/bfnrt'.includes(next)) {
          pos += 2;
        } else {
          pos += 1;
          fail('an escape character (one of " \\ / b f n r t u)');
        }
      } else if (c < ' ') {
        fail('no control character inside a string (escape it)');
      } else {
        pos += 1;
      }
    }
    return fail('a closing quote (\'"\')');
  };

  const value = (): void => {
    skip();
    if (atTarget()) found = pos;
    const c = text[pos];
    if (c === '{') {
      pos += 1;
      skip();
      if (text[pos] === '}') {
        pos += 1;
        return;
      }
      for (;;) {
        skip();
        if (text[pos] !== '"') fail('a property name in double quotes');
        path.push(string());
        skip();
        if (text[pos] !== ':') fail("':' after the property name");
        pos += 1;
        value();
        path.pop();
        skip();
        if (text[pos] === ',') {
          pos += 1;
          continue;
        }
        if (text[pos] === '}') {
          pos += 1;
          return;
        }
        fail("',' or '}' after a property value");
      }
    }
    if (c === '[') {
      pos += 1;
      skip();
      if (text[pos] === ']') {
        pos += 1;
        return;
      }
      for (let index = 0; ; index += 1) {
        path.push(String(index));
        value();
        path.pop();
        skip();
        if (text[pos] === ',') {
          pos += 1;
          continue;
        }
        if (text[pos] === ']') {
          pos += 1;
          return;
        }
        fail("',' or ']' after an array element");
      }
    }
    if (c === '"') {
      string();
      return;
    }
    for (const word of ['true', 'false', 'null']) {
      if (text.startsWith(word, pos)) {
        pos += word.length;
        return;
      }
    }
    NUMBER.lastIndex = pos;
    if (NUMBER.exec(text)) {
      pos = NUMBER.lastIndex;
      return;
    }
    fail('a JSON value (object, array, string, number, true, false or null)');
  };

  try {
    value();
    skip();
    if (pos < text.length) fail('end of input after the JSON value');
    return { target: found };
  } catch (error) {
    if (error instanceof ScanError) return { error: { offset: error.offset, expected: error.expected }, target: found };
    throw error;
  }
}

import { SparqlError } from './sparql-error.js';

/** Bounds a request text must keep before anything parses it. */
export interface RequestBounds {
  /** Most characters in the text. */
  maxLength: number;
  /** Deepest nesting of { ( [ outside strings, IRIs and comments. */
  maxDepth: number;
  /** Most group graph patterns ({ … }, outside strings, IRIs and comments), however flat. */
  maxGroups: number;
}

/** What the main thread's one pass measures of a request text. */
export interface RequestShape {
  /** Deepest nesting of { ( [. */
  depth: number;
  /** Opening braces: group graph patterns (a UNION chain has one per branch). */
  groups: number;
}

const OPEN_BRACE = 0x7b;
const CLOSE_BRACE = 0x7d;
const OPEN_PAREN = 0x28;
const CLOSE_PAREN = 0x29;
const OPEN_BRACKET = 0x5b;
const CLOSE_BRACKET = 0x5d;
const HASH = 0x23;
const DOUBLE_QUOTE = 0x22;
const SINGLE_QUOTE = 0x27;
const LESS_THAN = 0x3c;

/** The deepest nesting of braces, parentheses and brackets in a SPARQL text, in one linear pass. */
export function nestingDepth(text: string): number {
  return requestShape(text).depth;
}

/** The nesting depth and the number of groups of a SPARQL text, in one linear pass. */
export function requestShape(text: string): RequestShape {
  let depth = 0;
  let deepest = 0;
  let groups = 0;
  let i = 0;
  const n = text.length;
  while (i < n) {
    const c = text.charCodeAt(i);
    if (c === OPEN_BRACE || c === OPEN_PAREN || c === OPEN_BRACKET) {
      if (c === OPEN_BRACE) groups += 1;
      depth += 1;
      if (depth > deepest) deepest = depth;
      i += 1;
    } else if (c === CLOSE_BRACE || c === CLOSE_PAREN || c === CLOSE_BRACKET) {
      if (depth > 0) depth -= 1;
      i += 1;
    } else if (c === HASH) {
      const end = text.indexOf('\n', i);
      i = end < 0 ? n : end + 1;
    } else if (c === DOUBLE_QUOTE || c === SINGLE_QUOTE) {
      i = stringEnd(text, i);
    } else if (c === LESS_THAN) {
      i = iriEnd(text, i);
    } else {
      i += 1;
    }
  }
  return { depth: deepest, groups };
}

/** Where a string literal starting at `start` ends (SPARQL 1.1 Query §19.8: STRING_LITERAL1/2, STRING_LITERAL_LONG1/2). */
function stringEnd(text: string, start: number): number {
  const quote = text[start]!;
  const long = text.startsWith(quote.repeat(3), start);
  const close = long ? quote.repeat(3) : quote;
  let i = start + close.length;
  while (i < text.length) {
    const c = text[i]!;
    if (c === '\\') i += 2;
    else if (text.startsWith(close, i)) return i + close.length;
    else if (!long && (c === '\n' || c === '\r')) return i;
    else i += 1;
  }
  return i;
}

/**
 * Where an IRIREF starting at `start` ends (§19.8: no spaces, <>"{}|^`\ inside); when none can start here,
 * the `<` is the less-than operator. A scan stops at the next `<` at the latest, so the pass stays linear.
 */
function iriEnd(text: string, start: number): number {
  for (let i = start + 1; i < text.length; i += 1) {
    const c = text.charCodeAt(i);
    if (c === 0x3e) return i + 1;
    if (c <= 0x20 || c === 0x3c || c === 0x22 || c === 0x7b || c === 0x7d || c === 0x7c || c === 0x5e || c === 0x60 || c === 0x5c) return start + 1;
  }
  return start + 1;
}

/**
 * Refuses a text over its bounds before it is parsed anywhere: the check is one linear pass over the text,
 * so it is safe on the main thread. `parameter` names the request parameter in the error.
 */
export function checkRequestBounds(text: string, bounds: RequestBounds, parameter: 'query' | 'update'): void {
  if (text.length > bounds.maxLength) {
    throw new SparqlError('query-bound', `${parameter}: ${text.length} characters, over the bound of ${bounds.maxLength}`, {
      parameter,
      bound: 'length',
      limit: bounds.maxLength,
    });
  }
  const { depth, groups } = requestShape(text);
  if (depth > bounds.maxDepth) {
    throw new SparqlError('query-bound', `${parameter}: nested ${depth} levels deep ({ ( [), over the bound of ${bounds.maxDepth}`, {
      parameter,
      bound: 'depth',
      limit: bounds.maxDepth,
    });
  }
  if (groups > bounds.maxGroups) {
    throw new SparqlError(
      'query-bound',
      `${parameter}: ${groups} group patterns ({ … }, e.g. UNION branches), over the bound of ${bounds.maxGroups}: too complex to evaluate`,
      {
        parameter,
        bound: 'groups',
        limit: bounds.maxGroups,
      },
    );
  }
}

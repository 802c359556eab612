/**
 * One linear pass over a well-formed VOTable before it is parsed into a tree: refuses a document past the
 * nesting-depth and checked-element bounds, and finds the TABLEDATA contents the check never reads (those
 * of tables without a `semantics` column). Leaving them out of the parse spares the tree a node per cell
 * (a 19.5 MB table is mostly cells: 640 MB of tree, 9 s); positions are mapped back to the whole text.
 */
import { UcdLimitError } from './ucd-limit-error.js';

export interface VotableShapeLimits {
  /** Deepest element nesting accepted. */
  maxDepth: number;
  /** Most FIELD, PARAM and INFO elements (each gets its UCD checked). */
  maxCheckedElements: number;
}

export interface VotableShape {
  depth: number;
  checkedElements: number;
  /** [start, end) offsets of TABLEDATA contents no check reads. */
  unread: [number, number][];
}

const CHECKED = new Set(['FIELD', 'PARAM', 'INFO']);
const SEMANTICS_NAME = /\sname\s*=\s*(["'])\s*semantics\s*\1/i;

function localName(qualified: string): string {
  const colon = qualified.indexOf(':');
  return colon < 0 ? qualified : qualified.slice(colon + 1);
}

/** Scans `xml`, which must be well-formed (XMLValidator first); throws UcdLimitError past a bound. */
export function scanVotableShape(xml: string, limits: VotableShapeLimits): VotableShape {
  const shape: VotableShape = { depth: 0, checkedElements: 0, unread: [] };
  let depth = 0;
  let tableHasSemantics = false;
  let unreadFrom = -1;
  let i = xml.indexOf('<');
  while (i >= 0 && i < xml.length) {
    if (xml.startsWith('<!--', i)) i = after(xml, '-->', i + 4);
    else if (xml.startsWith('<![CDATA[', i)) i = after(xml, ']]>', i + 9);
    else if (xml.startsWith('<?', i)) i = after(xml, '?>', i + 2);
    else if (xml.startsWith('<!', i)) i = afterDeclaration(xml, i);
    else if (xml[i + 1] === '/') {
      const end = after(xml, '>', i + 2);
      const name = localName(xml.slice(i + 2, end - 1).trim());
      if (name === 'TABLEDATA' && unreadFrom >= 0) {
        shape.unread.push([unreadFrom, i]);
        unreadFrom = -1;
      }
      depth -= 1;
      i = end;
    } else {
      const end = endOfStartTag(xml, i + 1);
      const tag = xml.slice(i + 1, end);
      const name = localName(/^[^\s/>]+/.exec(tag)?.[0] ?? '');
      const selfClosing = xml[end - 1] === '/';
      if (CHECKED.has(name) && ++shape.checkedElements > limits.maxCheckedElements) {
        throw new UcdLimitError('elements', `the document has more than ${limits.maxCheckedElements} FIELD, PARAM and INFO elements, the most checked`, limits.maxCheckedElements);
      }
      if (name === 'TABLE') tableHasSemantics = false;
      else if (name === 'FIELD' && SEMANTICS_NAME.test(tag)) tableHasSemantics = true;
      else if (name === 'TABLEDATA' && !selfClosing && !tableHasSemantics) unreadFrom = end + 1;
      if (!selfClosing) {
        depth += 1;
        if (depth > shape.depth) shape.depth = depth;
        if (depth > limits.maxDepth) {
          throw new UcdLimitError('depth', `elements are nested more than ${limits.maxDepth} deep, the deepest nesting checked`, limits.maxDepth);
        }
      }
      i = end + 1;
    }
    i = xml.indexOf('<', i);
  }
  return shape;
}

/** `xml` without the given ranges, and the way back from an offset in the shorter text to one in `xml`. */
export function withoutRanges(xml: string, ranges: readonly [number, number][]): { text: string; originalOffset: (offset: number) => number } {
  if (ranges.length === 0) return { text: xml, originalOffset: (offset) => offset };
  const parts: string[] = [];
  // Where each cut sits in the shorter text, and how much was cut there and before.
  const cutAt: number[] = [];
  const removedUpTo: number[] = [];
  let from = 0;
  let removed = 0;
  for (const [start, end] of ranges) {
    parts.push(xml.slice(from, start));
    removed += end - start;
    cutAt.push(start - (removed - (end - start)));
    removedUpTo.push(removed);
    from = end;
  }
  parts.push(xml.slice(from));
  const originalOffset = (offset: number): number => {
    let lo = 0;
    let hi = cutAt.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((cutAt[mid] ?? 0) <= offset) lo = mid + 1;
      else hi = mid;
    }
    return offset + (lo === 0 ? 0 : (removedUpTo[lo - 1] ?? 0));
  };
  return { text: parts.join(''), originalOffset };
}

function after(xml: string, token: string, from: number): number {
  const at = xml.indexOf(token, from);
  return at < 0 ? xml.length : at + token.length;
}

/** The offset of the `>` closing a start tag; `>` inside a quoted attribute value does not count. */
function endOfStartTag(xml: string, from: number): number {
  let quote = 0;
  for (let i = from; i < xml.length; i++) {
    const c = xml.charCodeAt(i);
    if (quote !== 0) {
      if (c === quote) quote = 0;
    } else if (c === 34 || c === 39) quote = c;
    else if (c === 62) return i;
  }
  return xml.length;
}

/** Past a `<!DOCTYPE …>` declaration, its internal subset in brackets included. */
function afterDeclaration(xml: string, from: number): number {
  const close = xml.indexOf('>', from);
  const open = xml.indexOf('[', from);
  if (open >= 0 && (close < 0 || open < close)) return after(xml, '>', after(xml, ']', open));
  return close < 0 ? xml.length : close + 1;
}

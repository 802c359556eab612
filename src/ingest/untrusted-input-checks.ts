/**
 * Linear checks of untrusted RDF text before any parser sees it: the shapes that make a parser recurse
 * without end (deeply nested JSON: oxigraph's JSON-LD parser traps on a 6 KB body) or expand a small
 * document into gigabytes (an RDF/XML DOCTYPE whose entities reference entities: "billion laughs").
 */
import { InputBoundError } from './ingest-error.js';
import { positionAt } from './json-location.js';

/** Deepest nesting of JSON objects and arrays taken (JSON-LD vocabularies nest a handful of levels). */
export const MAX_JSON_DEPTH = 100;
/** Most entity declarations an RDF/XML DOCTYPE may make (real ones abbreviate a few namespaces). */
export const MAX_XML_ENTITIES = 100;
/** Most characters the entity references of an RDF/XML document may expand to, in all. */
export const MAX_XML_ENTITY_EXPANSION = 1024 * 1024;

/** Throws InputBoundError `too-deep` where JSON text nests objects and arrays deeper than `maxDepth`. */
export function checkJsonDepth(text: string, file: string, maxDepth = MAX_JSON_DEPTH): void {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c) i++;
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x7b || c === 0x5b) {
      if (++depth > maxDepth) {
        throw new InputBoundError(
          'too-deep',
          `JSON nested deeper than ${maxDepth} levels of objects and arrays`,
          { file, ...positionAt(text, i) },
          'depth',
          maxDepth,
        );
      }
    } else if (c === 0x7d || c === 0x5d) depth--;
  }
}

const ENTITY_DECLARATION = /<!ENTITY\s+(%\s+)?([^\s>]+)\s+(?:"([^"]*)"|'([^']*)'|(SYSTEM|PUBLIC)\b)/g;
const ENTITY_REFERENCE = /&([A-Za-z_:][\w.:-]*);/g;

/**
 * Throws InputBoundError for an XML DOCTYPE that declares parameter, external or nested entities, more
 * than MAX_XML_ENTITIES entities, or entities whose references expand past MAX_XML_ENTITY_EXPANSION.
 * Namespace abbreviations (`<!ENTITY skos "http://...">` used as `&skos;`) pass.
 */
export function checkXmlEntities(text: string, file: string): void {
  const doctype = text.search(/<!DOCTYPE/i);
  if (doctype < 0) return;
  const values = new Map<string, string>();
  for (const match of text.matchAll(ENTITY_DECLARATION)) {
    const where = { file, ...positionAt(text, match.index) };
    const name = match[2]!;
    if (match[1] || match[5]) {
      throw new InputBoundError(
        'xml-entity',
        `the DOCTYPE declares a ${match[1] ? 'parameter' : 'external'} entity (${name}); astrovoc reads only internal entities that stand for text`,
        where,
        'entities',
        0,
      );
    }
    const value = match[3] ?? match[4] ?? '';
    if (/&[A-Za-z_:]/.test(value) || /%[A-Za-z_:]/.test(value)) {
      throw new InputBoundError(
        'xml-entity',
        `entity ${name} refers to another entity; nested entities are refused (they expand a small document into gigabytes)`,
        where,
        'entity nesting',
        0,
      );
    }
    values.set(name, value);
    if (values.size > MAX_XML_ENTITIES) {
      throw new InputBoundError('xml-entity', `the DOCTYPE declares more than ${MAX_XML_ENTITIES} entities`, where, 'entities', MAX_XML_ENTITIES);
    }
  }
  let expanded = 0;
  for (const match of text.matchAll(ENTITY_REFERENCE)) {
    expanded += values.get(match[1]!)?.length ?? 0;
    if (expanded > MAX_XML_ENTITY_EXPANSION) {
      throw new InputBoundError(
        'xml-entity',
        `entity references expand to more than ${MAX_XML_ENTITY_EXPANSION} characters`,
        { file, ...positionAt(text, match.index) },
        'entity expansion',
        MAX_XML_ENTITY_EXPANSION,
      );
    }
  }
}

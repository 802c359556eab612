/**
 * Which identifiers a mapping set may hold: absolute IRIs (RFC 3987) of an allowed scheme, written out or
 * as a CURIE whose prefix the set's curie_map declares. The SSSOM reader and the write path both ask here,
 * so that nothing is written that the reader would refuse at the next start.
 */
import oxigraph from 'oxigraph';
import type { CurieMap } from './curie-map.js';

/**
 * Schemes a mapping may point at: the web (every hosted term and every link a source asserts is http or
 * https), URNs, IVOA identifiers (`ivo://`, IVOA Identifiers 2.0) and mail addresses for people. Others —
 * `javascript:`, `data:`, `file:`, `tag:` — are refused: term pages render these IRIs as links.
 */
export const IRI_SCHEMES: readonly string[] = ['http', 'https', 'urn', 'ivo', 'mailto'];

/** The longest identifier accepted: far above any hosted IRI, low enough to keep a row on one screen. */
export const MAX_IDENTIFIER_LENGTH = 2048;

const SCHEME = /^([A-Za-z][A-Za-z0-9+.-]*):/;

/** The scheme of an absolute IRI in `IRI_SCHEMES` (lower case), or undefined. */
export function allowedScheme(value: string): string | undefined {
  const scheme = SCHEME.exec(value)?.[1]?.toLowerCase();
  return scheme !== undefined && IRI_SCHEMES.includes(scheme) ? scheme : undefined;
}

/**
 * Why `value` is not an IRI a mapping may hold, or undefined when it is one. The syntax check is oxigraph's
 * IRI parser (the oxiri crate, RFC 3987 §2.2 `IRI`): the store refuses exactly what it refuses (`>`, a space,
 * `|`, a bad %-escape), which is what answered 500 after the file had been written.
 */
export function iriProblem(value: string): string | undefined {
  if (value.length > MAX_IDENTIFIER_LENGTH) return `is ${value.length} characters long; at most ${MAX_IDENTIFIER_LENGTH} are accepted`;
  const scheme = SCHEME.exec(value)?.[1];
  if (scheme === undefined) return `${JSON.stringify(value)} is not an absolute IRI (scheme:…)`;
  if (!IRI_SCHEMES.includes(scheme.toLowerCase())) return `the scheme ${scheme}: is not accepted (accepted: ${IRI_SCHEMES.join(', ')})`;
  if (value.length === scheme.length + 1) return `${JSON.stringify(value)} has nothing after its scheme`;
  try {
    oxigraph.namedNode(value);
  } catch (error) {
    return `${JSON.stringify(value)} is not an IRI (RFC 3987): ${(error as Error).message}`;
  }
  return undefined;
}

/**
 * An identifier as a request or a file gives it: a CURIE whose prefix `curies` declares, expanded, or an
 * absolute IRI of an allowed scheme. Either way the IRI must pass `iriProblem`.
 */
export function parseIdentifier(value: string, curies: CurieMap): { iri: string } | { problem: string; code: 'unknownPrefix' | 'badIri' } {
  if (value.length > MAX_IDENTIFIER_LENGTH)
    return { problem: `is ${value.length} characters long; at most ${MAX_IDENTIFIER_LENGTH} are accepted`, code: 'badIri' };
  const iri = curies.expand(value);
  if (iri === undefined) {
    const prefix = SCHEME.exec(value)?.[1];
    const problem = prefix
      ? `prefix ${prefix} of ${value} is not declared in curie_map, nor is ${prefix}: an accepted IRI scheme (${IRI_SCHEMES.join(', ')})`
      : `${value} is neither a CURIE nor an absolute IRI`;
    return { problem, code: 'unknownPrefix' };
  }
  const problem = iriProblem(iri);
  if (problem === undefined) return { iri };
  return { problem: iri === value ? problem : `${value} expands to ${iri}: ${problem}`, code: 'badIri' };
}

import sparqljs from 'sparqljs';
import { SparqlError } from './sparql-error.js';

export type QueryForm = 'SELECT' | 'ASK' | 'CONSTRUCT' | 'DESCRIBE';

/** A request text checked by sparqljs: what it is and what it would reach outside the store. */
export type ParsedSparql =
  | {
      kind: 'query';
      form: QueryForm;
      text: string;
      /** IRIs named by SERVICE clauses, anywhere in the query (sub-queries, EXISTS, OPTIONAL...). */
      services: string[];
      /** The top-level LIMIT, if any. */
      limit?: number;
      /** A trailing VALUES block after the solution modifiers (SPARQL 1.1 Query §18.2.4.3). */
      trailingValues: boolean;
      /** Whether the query names its own dataset with FROM / FROM NAMED. */
      hasDataset: boolean;
      parsed: sparqljs.Query;
    }
  | { kind: 'update'; text: string; services: string[]; parsed: sparqljs.Update };

/** The base against which relative IRIs in a query resolve when it declares no BASE. */
export const DEFAULT_BASE_IRI = 'urn:astrovoc:base:';

/**
 * Parses a query or an update. A syntax error becomes a SparqlError('syntax') with the parser's message
 * and its line and column; a SERVICE whose target is a variable is refused here (it cannot be allow-listed).
 */
export function parseSparql(text: string, baseIri = DEFAULT_BASE_IRI): ParsedSparql {
  let parsed: sparqljs.SparqlQuery;
  try {
    parsed = new sparqljs.Parser({ baseIRI: baseIri }).parse(text);
  } catch (error) {
    throw syntaxError(error);
  }
  const services = serviceTargets(parsed);
  if (parsed.type === 'update') return { kind: 'update', text, services, parsed };
  const limit = (parsed as { limit?: number }).limit;
  return {
    kind: 'query',
    form: parsed.queryType,
    text,
    services,
    ...(limit !== undefined ? { limit } : {}),
    trailingValues: parsed.values !== undefined,
    hasDataset: Boolean(parsed.from && (parsed.from.default.length > 0 || parsed.from.named.length > 0)),
    parsed,
  };
}

function syntaxError(error: unknown): SparqlError {
  const hash = (error as { hash?: { loc?: { first_line?: number; first_column?: number } } }).hash;
  const message = error instanceof Error ? error.message : String(error);
  const line = hash?.loc?.first_line;
  const column = hash?.loc?.first_column;
  const where = line !== undefined ? ` (line ${line}${column !== undefined ? `, column ${column + 1}` : ''})` : '';
  return new SparqlError('syntax', `Malformed SPARQL${where}: ${message}`, {
    ...(line !== undefined ? { line } : {}),
    ...(column !== undefined ? { column: column + 1 } : {}),
  });
}

/** Every SERVICE target in the parsed request, in order of appearance; an explicit stack, so no depth of nesting overflows. */
function serviceTargets(root: unknown): string[] {
  const found: string[] = [];
  const stack: unknown[] = [root];
  while (stack.length > 0) {
    const value = stack.pop();
    if (!value || typeof value !== 'object') continue;
    const children = Array.isArray(value) ? value : Object.values(value as Record<string, unknown>);
    const record = value as Record<string, unknown>;
    if (!Array.isArray(value) && record.type === 'service') {
      const name = record.name as { termType: string; value: string };
      if (name.termType !== 'NamedNode') {
        throw new SparqlError('service-refused', `SERVICE ?${name.value}: a SERVICE target must be an IRI from the peer allow-list, not a variable`, {
          iri: `?${name.value}`,
        });
      }
      found.push(name.value);
    }
    // Pushed in reverse so that they are visited in order.
    for (let i = children.length - 1; i >= 0; i -= 1) if (children[i] && typeof children[i] === 'object') stack.push(children[i]);
  }
  return found;
}

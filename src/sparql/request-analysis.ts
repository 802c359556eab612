import sparqljs from 'sparqljs';
import { parseSparql, DEFAULT_BASE_IRI, type QueryForm } from './sparql-parser.js';
import { cappedQueryText } from './row-cap.js';
import { updateTargets, type UpdateTargets } from './update-targets.js';

/** What a request is, once parsed and guarded: plain data, so that it crosses a worker boundary. */
export type RequestAnalysis =
  | {
      kind: 'query';
      form: QueryForm;
      /** The text to run: the request's own, or with a LIMIT one past the row cap (row-cap.ts). */
      text: string;
      /** SERVICE targets, for the caller to check against the peer allow-list. */
      services: string[];
      /** Whether the query names its own dataset with FROM / FROM NAMED. */
      hasDataset: boolean;
    }
  | { kind: 'update'; services: string[]; targets: UpdateTargets };

/**
 * Parses a request with sparqljs and guards it: SERVICE targets (a variable target is refused), the row cap
 * applied to a SELECT (`maxRows` undefined: no cap), the graphs an update names. sparqljs's parse time grows
 * faster than the text, so this runs in a worker, inside the request's time limit, never on the main thread.
 */
export function analyseRequest(text: string, maxRows?: number): RequestAnalysis {
  const parsed = parseSparql(text, DEFAULT_BASE_IRI);
  if (parsed.kind === 'update') return { kind: 'update', services: parsed.services, targets: updateTargets(parsed.parsed) };
  const capped = parsed.form === 'SELECT' && maxRows !== undefined ? cappedQueryText(parsed, maxRows, (q) => new sparqljs.Generator().stringify(q)) : text;
  return { kind: 'query', form: parsed.form, text: capped, services: parsed.services, hasDataset: parsed.hasDataset };
}

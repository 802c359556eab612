/**
 * Content negotiation for vocabularies and terms (VocInVO2 §3.2: HTML by default, Turtle, RDF/XML,
 * JSON-LD and desise on the vocabulary IRI; astrovoc adds N-Triples and serves single terms too).
 * `?format=` wins over `Accept`; express's `req.accepts` (the `negotiator` package) weighs the q-values,
 * and a tie goes to the first representation listed, so `*\/*` and no Accept give HTML.
 */
import type { Request, Response } from 'express';
import { HttpProblem, badRequest } from './problem.js';

export const REPRESENTATIONS = [
  { format: 'html', mediaType: 'text/html', also: ['application/xhtml+xml'], names: ['html'] },
  { format: 'ttl', mediaType: 'text/turtle', also: ['application/x-turtle'], names: ['ttl', 'turtle'] },
  { format: 'rdfxml', mediaType: 'application/rdf+xml', also: [], names: ['rdfxml', 'rdf', 'xml'] },
  { format: 'jsonld', mediaType: 'application/ld+json', also: [], names: ['jsonld', 'json-ld'] },
  { format: 'nt', mediaType: 'application/n-triples', also: [], names: ['nt', 'ntriples', 'n-triples'] },
  { format: 'desise', mediaType: 'application/x-desise+json', also: [], names: ['desise'] },
] as const;

export type Representation = (typeof REPRESENTATIONS)[number];
export type RepresentationFormat = Representation['format'];

export const FORMAT_NAMES: readonly string[] = REPRESENTATIONS.flatMap((r) => r.names);

/** The representation `?format=` names, if the request has one (400 for an unknown name). */
function fromFormatParameter(req: Request): Representation | undefined {
  const value = req.query.format;
  if (value === undefined) return undefined;
  const representation = typeof value === 'string' ? REPRESENTATIONS.find((r) => (r.names as readonly string[]).includes(value.toLowerCase())) : undefined;
  if (!representation) throw badRequest('format', `expected one of ${FORMAT_NAMES.join(', ')}`);
  return representation;
}

/**
 * The representation to answer with, among `available` (all by default). Sets `Vary: Accept`.
 * Throws 400 for a bad `format` and 406 (problem details listing what is available) when nothing fits.
 */
export function negotiate(req: Request, res: Response, available: readonly RepresentationFormat[] = REPRESENTATIONS.map((r) => r.format)): Representation {
  res.vary('Accept');
  const offered = REPRESENTATIONS.filter((r) => available.includes(r.format));
  const chosen = fromFormatParameter(req);
  if (chosen) {
    if (offered.includes(chosen)) return chosen;
    throw notAcceptable(offered, `format=${String(req.query.format)} is not available here`);
  }
  const types = offered.flatMap((r) => [r.mediaType, ...r.also]);
  const best = req.accepts(types);
  const representation = best ? offered.find((r) => r.mediaType === best || (r.also as readonly string[]).includes(best)) : undefined;
  if (!representation) throw notAcceptable(offered, `Nothing here matches Accept: ${req.get('accept') ?? ''}`);
  return representation;
}

function notAcceptable(offered: readonly Representation[], detail: string): HttpProblem {
  return new HttpProblem(
    406,
    'Not acceptable',
    `${detail}. Available: ${offered.map((r) => r.mediaType).join(', ')} (or ?format=${offered.map((r) => r.format).join('|')})`,
    {
      available: offered.map((r) => ({ format: r.format, mediaType: r.mediaType })),
    },
  );
}

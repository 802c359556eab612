/**
 * The one content negotiator, for every route that answers in more than one form (the resolver, the
 * Skosmos `/data` export, the Graph Store, SPARQL results, mapping lists). `?format=` wins over `Accept`;
 * Accept is weighed by express's `req.accepts`, i.e. the `negotiator` package (q-values, then specificity,
 * then the order of the offer), kept rather than parsed here: a tie goes to the first form offered, so
 * `*\/*` and no Accept give each route's default.
 *
 * The resolver's representations (VocInVO2 §3.2: HTML by default, Turtle, RDF/XML, JSON-LD and desise on
 * the vocabulary IRI; astrovoc adds N-Triples and serves single terms too) are the list below: HTML and the
 * machine-readable representations render writes, whose RDF formats come from the format registry.
 */
import type { Request, Response } from 'express';
import type { RdfFormat } from '../model/index.js';
import { MACHINE_REPRESENTATIONS, type MachineFormat } from '../render/index.js';
import { HttpProblem, badRequest } from './problem.js';

/** A form a route can answer in: its media types (the preferred first) and the names `?format=` gives it. */
export interface Offer {
  readonly mediaTypes: readonly [string, ...string[]];
  readonly names: readonly [string, ...string[]];
}

/**
 * The offer `format` names or, without `format`, the best for the request's Accept; undefined when none fits.
 * Names are compared in lower case (media types are case-insensitive too).
 */
export function choose<O extends Offer>(req: Request, offered: readonly O[], format?: string): O | undefined {
  if (format !== undefined) {
    const wanted = format.toLowerCase();
    return offered.find((o) => o.names.includes(wanted));
  }
  const best = req.accepts(offered.flatMap((o) => o.mediaTypes));
  return best ? offered.find((o) => o.mediaTypes.includes(best)) : undefined;
}

/**
 * `choose` for a route: sets `Vary: Accept` and throws 406, problem details listing what is available
 * (naming the `format` parameter when it was given), when nothing fits.
 */
export function negotiate<O extends Offer>(req: Request, res: Response, offered: readonly O[], format?: string): O {
  res.vary('Accept');
  const chosen = choose(req, offered, format);
  if (chosen) return chosen;
  throw notAcceptable(
    offered,
    format === undefined ? `Nothing here matches Accept: ${req.get('accept') ?? ''}` : `format=${format} is not available here`,
    format,
  );
}

/** The 406 of a request nothing in `offered` fits. */
function notAcceptable(offered: readonly Offer[], detail: string, format?: string): HttpProblem {
  return new HttpProblem(
    406,
    'Not acceptable',
    `${detail}. Available: ${offered.map((o) => o.mediaTypes[0]).join(', ')} (or ?format=${offered.map((o) => o.names[0]).join('|')})`,
    {
      ...(format !== undefined ? { parameter: 'format' } : {}),
      available: offered.map((o) => ({ format: o.names[0], mediaType: o.mediaTypes[0] })),
    },
  );
}

/** An RDF format of the registry as an offer: `?format=` takes its name and aliases. */
export function rdfOffer<F extends RdfFormat>(format: F): Offer & { rdf: F } {
  return { rdf: format, mediaTypes: format.mediaTypes, names: [format.name, ...format.aliases] };
}

export interface Representation extends Offer {
  readonly format: 'html' | MachineFormat;
}

export const HTML: Representation = { format: 'html', mediaTypes: ['text/html', 'application/xhtml+xml'], names: ['html'] };

/** What the resolver answers with, in this order: HTML, then the machine-readable representations. */
export const REPRESENTATIONS: readonly Representation[] = [HTML, ...MACHINE_REPRESENTATIONS];

const FORMAT_NAMES: readonly string[] = REPRESENTATIONS.flatMap((r) => r.names);

/** The resolver's negotiation (sets `Vary: Accept`): a `?format=` that names no representation is a 400. */
export function negotiateRepresentation(req: Request, res: Response): Representation {
  const value = req.query.format;
  if (value !== undefined && (typeof value !== 'string' || !FORMAT_NAMES.includes(value.toLowerCase())))
    throw badRequest('format', `expected one of ${FORMAT_NAMES.join(', ')}`);
  return negotiate(req, res, REPRESENTATIONS, value);
}

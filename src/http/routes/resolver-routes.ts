/**
 * The IRI resolver: every hosted vocabulary and term has a page path (`/rdf/refframe`,
 * `/rdf/refframe/ICRS`, `/rdf/datalink/core/progenitor`) that answers with content negotiation, and
 * `/resolve?iri=` redirects (303, W3C "Cool URIs for the Semantic Web" §4.3) from any hosted IRI to
 * the representation asked for.
 */
import type { Response } from 'express';
import { z } from 'zod';
import type { Term, VocabularyMeta } from '../../model/index.js';
import {
  PagePaths,
  Representations,
  termPage,
  termPath,
  vocabularyModel,
  vocabularyPath,
  type PageRenderer,
  type TermPageSources,
} from '../../render/index.js';
import { resolveIri, type Lookup, type VocabularyService } from '../../vocab/index.js';
import { route, type RouteGroup } from '../api/api-route.js';
import { REPRESENTATIONS, negotiateRepresentation, type Representation } from '../content-negotiation.js';
import { termCuration, vocabularyCuration, type PageCuration } from '../page-curation.js';
import { notFound } from '../problem.js';
import { PAGE_SCRIPTS } from './page-routes.js';

export interface ResolverOptions {
  vocabularies: VocabularyService;
  lookup: Lookup;
  pages: PageRenderer;
  /** The mapping sets (curated, computed): their links of a term are shown on its page with their review state. */
  mappings?: TermPageSources['mappings'];
  /** Curated changes, conflicts and proposals, shown on the term and vocabulary pages. */
  curation?: PageCuration;
}

const FORMAT_NAMES = REPRESENTATIONS.flatMap((r) => r.names);

/** `?format=` is checked by the negotiation (a name it does not know is a 400 naming `format`), in any case. */
const formatQuery = z.object({
  format: z
    .string()
    .optional()
    .describe(`Overrides Accept: ${FORMAT_NAMES.join(', ')}`),
});

const resolveQuery = formatQuery.extend({
  iri: z
    .string({ error: 'the IRI of a hosted vocabulary or term is required' })
    .min(1, 'the IRI of a hosted vocabulary or term is required')
    .describe('a hosted vocabulary or term IRI, e.g. http://www.ivoa.net/rdf/refframe#ICRS'),
});

/** Express gives the segments of `*vocabularyPath` decoded; encoded again, they are the page path PagePaths reads. */
const pagePathParams = z.object({
  vocabularyPath: z
    .preprocess((value) => (Array.isArray(value) ? value.map((s) => encodeURIComponent(String(s))).join('/') : value), z.string())
    .describe(
      'the page path after /rdf/: a vocabulary (the part of its IRI after http://www.ivoa.net/rdf/ for IVOA vocabularies, e.g. refframe or datalink/core; ' +
        'its catalogue id otherwise), or a vocabulary path, "/" and a term id (refframe/ICRS)',
    ),
});

const desiseSchema = z
  .object({
    uri: z.string(),
    flavour: z.string(),
    terms: z.record(
      z.string(),
      z.object({
        label: z.string(),
        description: z.string().nullable(),
        deprecated: z.literal('').optional(),
        useInstead: z.string().optional(),
        preliminary: z.literal('').optional(),
        wider: z.array(z.string()),
        narrower: z.array(z.string()),
      }),
    ),
  })
  .meta({ id: 'Desise' });

/** The schema of each representation's body: desise and JSON-LD are JSON (JSON-LD open by design); the others are documents. */
const BODY_SCHEMAS: Readonly<Partial<Record<Representation['format'], z.ZodType>>> = {
  desise: desiseSchema,
  jsonld: z.object({}).catchall(z.unknown()).describe('compacted JSON-LD whose context holds the prefixes'),
};
const CONTENT = Object.fromEntries(REPRESENTATIONS.map((r) => [r.mediaTypes[0], BODY_SCHEMAS[r.format]]));
const ALTERNATES = 'for the HTML page: its machine-readable forms (RFC 8288 rel="alternate")';

/** `/rdf/...` pages and representations, and `/resolve?iri=`. */
export function resolverRoutes(options: ResolverOptions): RouteGroup {
  const { vocabularies, lookup, pages } = options;
  const representations = new Representations({
    get index() {
      return lookup.index;
    },
    quadsOfGraph: (graph) => vocabularies.store.local.quadsOfGraph(graph),
  });
  let pathsFor: { index: unknown; paths: PagePaths } | undefined;
  const pagePaths = (): PagePaths => {
    if (pathsFor?.index !== lookup.index) pathsFor = { index: lookup.index, paths: new PagePaths(lookup.index.vocabularies) };
    return pathsFor.paths;
  };

  const resolve = route({
    method: 'get',
    path: '/resolve',
    base: 'root',
    operationId: 'resolveIri',
    summary: 'Redirect (303) from a hosted vocabulary or term IRI to the representation asked for by Accept or format',
    tag: 'resolver',
    query: resolveQuery,
    responses: {
      303: { description: 'See Other: Location is the page path, with ?format= for a machine-readable form', headers: { Location: 'the page path' } },
      404: 'No hosted vocabulary or term has this IRI',
      406: 'No representation matches Accept; the problem lists the available media types',
    },
    handler: ({ query, req, res }) => {
      const target = resolveIri(lookup.index, query.iri);
      if (!target) throw notFound(`No hosted vocabulary or term has the IRI ${query.iri}`);
      const representation = negotiateRepresentation(req, res);
      const path = target.term ? termPath(target.vocabulary, target.term.id) : vocabularyPath(target.vocabulary);
      res.redirect(303, representation.format === 'html' ? path : `${path}?format=${representation.format}`);
    },
  });

  const home = route({
    method: 'get',
    path: '/rdf',
    base: 'root',
    operationId: 'getRdfRoot',
    summary: 'Redirect (303) to the home page, which lists every hosted vocabulary',
    tag: 'resolver',
    responses: { 303: { description: 'See Other: Location is /', headers: { Location: '/' } } },
    handler: ({ res }) => res.redirect(303, '/'),
  });

  const page = route({
    method: 'get',
    path: '/rdf/{vocabularyPath}',
    match: '/rdf/*vocabularyPath',
    base: 'root',
    operationId: 'getVocabularyOrTerm',
    summary: 'A vocabulary or a term: its HTML page (default), Turtle, RDF/XML, JSON-LD, N-Triples or desise (VocInVO2 §3.2)',
    description:
      'A vocabulary in full; a term as its concise bounded description, or its desise entry in the vocabulary envelope. ' +
      'The form is chosen by ?format=, else by Accept (Vary: Accept).',
    tag: 'resolver',
    params: pagePathParams,
    query: formatQuery,
    responses: {
      200: { description: 'The vocabulary or the term', content: CONTENT, headers: { Link: ALTERNATES, Vary: 'Accept: the form depends on it' } },
      404: 'No such vocabulary or term',
      406: 'No representation matches Accept; the problem lists the available media types',
    },
    handler: async ({ params, req, res }) => {
      const target = pagePaths().resolve(`/rdf/${params.vocabularyPath}`);
      if (!target) throw notFound(`No hosted vocabulary or term at ${req.path}`);
      const { vocabulary, termId } = target;
      if (termId === undefined) {
        await answerVocabulary(res, vocabulary, negotiateRepresentation(req, res));
        return;
      }
      const term = lookup.index.term(vocabulary.id, termId);
      if (!term) throw notFound(`The vocabulary ${vocabulary.id} (${vocabulary.iri}) has no term ${termId}`);
      await answerTerm(res, term, vocabulary, negotiateRepresentation(req, res));
    },
  });

  async function answerVocabulary(res: Response, vocabulary: VocabularyMeta, representation: Representation): Promise<void> {
    if (representation.format === 'html') {
      const hosted = vocabularies.get(vocabulary.id);
      const model = hosted ? vocabularyModel(hosted, lookup, 'live', await vocabularyCuration(options.curation, vocabulary.id)) : undefined;
      if (!model) throw notFound(`The vocabulary ${vocabulary.id} is not loaded`);
      sendHtml(res, vocabularyPath(vocabulary), pages.render('vocabulary', { ...model, scripts: PAGE_SCRIPTS }));
      return;
    }
    const { body, mediaType } = await representations.vocabulary(vocabulary, representation.format);
    res.type(mediaType).send(body);
  }

  async function answerTerm(res: Response, term: Term, vocabulary: VocabularyMeta, representation: Representation): Promise<void> {
    if (representation.format === 'html') {
      const sources = { lookup, representations, ...(options.mappings ? { mappings: options.mappings } : {}) };
      const page = await termPage(sources, term, 'live', await termCuration(options.curation, vocabulary.id, term.id));
      if (!page) throw notFound(`The vocabulary ${vocabulary.id} is not loaded`);
      sendHtml(res, termPath(vocabulary, term.id), pages.render('term', { ...page, scripts: PAGE_SCRIPTS }));
      return;
    }
    const answer = await representations.term(term, representation.format);
    if (!answer) throw notFound(`The vocabulary ${vocabulary.id} is not loaded`);
    res.type(answer.mediaType).send(answer.body);
  }

  return {
    tags: [{ name: 'resolver', description: 'Vocabulary and term IRIs, their pages and content negotiation' }],
    routes: [resolve, home, page],
  };
}

/** An HTML answer that names its machine-readable alternatives in a Link header (RFC 8288). */
function sendHtml(res: Response, path: string, html: string): void {
  const alternates = REPRESENTATIONS.filter((r) => r.format !== 'html').map((r) => `<${path}?format=${r.format}>; rel="alternate"; type="${r.mediaTypes[0]}"`);
  res.set('Link', alternates.join(', ')).type('html').send(html);
}

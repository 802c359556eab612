/**
 * The IRI resolver: every hosted vocabulary and term has a page path (`/rdf/refframe`,
 * `/rdf/refframe/ICRS`, `/rdf/datalink/core/progenitor`) that answers with content negotiation, and
 * `/resolve?iri=` redirects (303, W3C "Cool URIs for the Semantic Web" §4.3) from any hosted IRI to
 * the representation asked for.
 */
import { Router, type Request, type Response } from 'express';
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
import type { Lookup, VocabularyService } from '../../vocab/index.js';
import { REPRESENTATIONS, negotiateRepresentation } from '../content-negotiation.js';
import type { OpenApiPart } from '../openapi.js';
import { problemResponse } from '../openapi.js';
import { badRequest, notFound } from '../problem.js';

export interface ResolverOptions {
  vocabularies: VocabularyService;
  lookup: Lookup;
  pages: PageRenderer;
  /** The mapping sets (curated, computed): their links of a term are shown on its page with their review state. */
  mappings?: TermPageSources['mappings'];
}

/** Scripts every HTML page of the resolver loads. */
export const PAGE_SCRIPTS = ['/static/page.js'];

const resolveQuery = z.object({ iri: z.string().min(1, 'the IRI of a hosted vocabulary or term is required') });

/** `/rdf/...` pages and representations, and `/resolve?iri=`. Mount at the root. */
export function resolverRouter(options: ResolverOptions): Router {
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
  const router = Router();

  router.get('/resolve', (req, res) => {
    const parsed = resolveQuery.safeParse(req.query);
    if (!parsed.success) throw badRequest('iri', parsed.error.issues[0]?.message ?? 'required');
    const target = resolveIri(lookup, parsed.data.iri);
    if (!target) throw notFound(`No hosted vocabulary or term has the IRI ${parsed.data.iri}`);
    const representation = negotiateRepresentation(req, res);
    const path = target.term ? termPath(target.vocabulary, target.term.id) : vocabularyPath(target.vocabulary);
    res.redirect(303, representation.format === 'html' ? path : `${path}?format=${representation.format}`);
  });

  router.get('/rdf', (_req, res) => res.redirect(303, '/'));

  router.get(/^\/rdf\/.+/, async (req, res) => {
    const target = pagePaths().resolve(req.path);
    if (!target) throw notFound(`No hosted vocabulary or term at ${req.path}`);
    const vocabulary = target.vocabulary;
    if (target.termId === undefined) {
      await answerVocabulary(req, res, vocabulary);
      return;
    }
    const term = lookup.index.term(vocabulary.id, target.termId);
    if (!term) throw notFound(`The vocabulary ${vocabulary.id} (${vocabulary.iri}) has no term ${target.termId}`);
    await answerTerm(req, res, term, vocabulary);
  });

  async function answerVocabulary(req: Request, res: Response, vocabulary: VocabularyMeta): Promise<void> {
    const representation = negotiateRepresentation(req, res);
    const path = vocabularyPath(vocabulary);
    if (representation.format === 'html') {
      const hosted = vocabularies.get(vocabulary.id);
      const model = hosted ? vocabularyModel(hosted, lookup, 'live') : undefined;
      if (!model) throw notFound(`The vocabulary ${vocabulary.id} is not loaded`);
      sendHtml(res, path, pages.render('vocabulary', { ...model, scripts: PAGE_SCRIPTS }));
      return;
    }
    const { body, mediaType } = await representations.vocabulary(vocabulary, representation.format);
    res.type(mediaType).send(body);
  }

  async function answerTerm(req: Request, res: Response, term: Term, vocabulary: VocabularyMeta): Promise<void> {
    const representation = negotiateRepresentation(req, res);
    const path = termPath(vocabulary, term.id);
    if (representation.format === 'html') {
      const page = await termPage({ lookup, representations, ...(options.mappings ? { mappings: options.mappings } : {}) }, term, 'live');
      if (!page) throw notFound(`The vocabulary ${vocabulary.id} is not loaded`);
      sendHtml(res, path, pages.render('term', { ...page, scripts: PAGE_SCRIPTS }));
      return;
    }
    const answer = await representations.term(term, representation.format);
    if (!answer) throw notFound(`The vocabulary ${vocabulary.id} is not loaded`);
    res.type(answer.mediaType).send(answer.body);
  }

  return router;
}

/** An HTML answer that names its machine-readable alternatives in a Link header (RFC 8288). */
function sendHtml(res: Response, path: string, html: string): void {
  const alternates = REPRESENTATIONS.filter((r) => r.format !== 'html').map((r) => `<${path}?format=${r.format}>; rel="alternate"; type="${r.mediaTypes[0]}"`);
  res.set('Link', alternates.join(', ')).type('html').send(html);
}

/** The hosted vocabulary or term an IRI names: a term IRI, a vocabulary IRI, or a vocabulary IRI with a trailing `#` or `/`. */
export function resolveIri(lookup: Lookup, iri: string): { vocabulary: VocabularyMeta; term?: Term } | undefined {
  const term = lookup.index.termByIri(iri);
  if (term) {
    const vocabulary = lookup.index.vocabulary(term.vocabularyId);
    return vocabulary ? { vocabulary, term } : undefined;
  }
  const bare = iri.replace(/[#/]$/, '');
  const vocabulary = lookup.index.vocabularies.find((v) => v.iri === iri || v.iri === bare);
  return vocabulary ? { vocabulary } : undefined;
}

const FORMAT_PARAMETER = {
  name: 'format',
  in: 'query',
  required: false,
  description: 'Overrides Accept: html, ttl, rdfxml, jsonld, nt or desise',
  schema: { type: 'string', enum: REPRESENTATIONS.map((r) => r.format) },
};

const CONTENT = Object.fromEntries(REPRESENTATIONS.map((r) => [r.mediaTypes[0], { schema: { type: 'string' } }]));

/** The resolver's routes live at the site root, not under /api/v1: each path says so with its own `servers`. */
export const resolverOpenApi: OpenApiPart = {
  tags: [{ name: 'resolver', description: 'Vocabulary and term IRIs, their pages and content negotiation' }],
  paths: {
    '/resolve': {
      servers: [{ url: '/' }],
      get: {
        tags: ['resolver'],
        summary: 'Redirect (303) from a hosted vocabulary or term IRI to the representation asked for by Accept or format',
        parameters: [
          { name: 'iri', in: 'query', required: true, schema: { type: 'string' }, example: 'http://www.ivoa.net/rdf/refframe#ICRS' },
          FORMAT_PARAMETER,
        ],
        responses: {
          '303': { description: 'See Other: Location is the page path, with ?format= for a machine-readable form' },
          '400': problemResponse('iri missing, or format unknown'),
          '404': problemResponse('No hosted vocabulary or term has this IRI'),
          '406': problemResponse('No representation matches Accept; the problem lists the available media types'),
        },
      },
    },
    '/rdf/{vocabularyPath}': {
      servers: [{ url: '/' }],
      get: {
        tags: ['resolver'],
        summary: 'A vocabulary: HTML page (default), Turtle, RDF/XML, JSON-LD, N-Triples or desise (VocInVO2)',
        description:
          'The path is the part of the vocabulary IRI after http://www.ivoa.net/rdf/ for IVOA vocabularies (refframe, datalink/core), the catalogue id otherwise. Vary: Accept.',
        parameters: [{ name: 'vocabularyPath', in: 'path', required: true, schema: { type: 'string' }, example: 'refframe' }, FORMAT_PARAMETER],
        responses: {
          '200': { description: 'The vocabulary', content: CONTENT },
          '404': problemResponse('No such vocabulary'),
          '406': problemResponse('Not acceptable'),
        },
      },
    },
    '/rdf/{vocabularyPath}/{termId}': {
      servers: [{ url: '/' }],
      get: {
        tags: ['resolver'],
        summary: 'A term: HTML page (default), or its concise bounded description in Turtle, RDF/XML, JSON-LD, N-Triples, or its desise entry',
        parameters: [
          { name: 'vocabularyPath', in: 'path', required: true, schema: { type: 'string' }, example: 'refframe' },
          { name: 'termId', in: 'path', required: true, schema: { type: 'string' }, example: 'ICRS' },
          FORMAT_PARAMETER,
        ],
        responses: { '200': { description: 'The term', content: CONTENT }, '404': problemResponse('No such term'), '406': problemResponse('Not acceptable') },
      },
    },
  },
};

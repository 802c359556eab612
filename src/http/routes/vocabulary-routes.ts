import { Router } from 'express';
import { COMMUNITIES, type Community } from '../../model/index.js';
import { termJson, vocabularyJson } from '../../render/index.js';
import type { VocabularyService } from '../../vocab/index.js';
import { badRequest, notFound } from '../problem.js';

/** GET /vocabularies, /vocabularies/{id}, /terms?iri= — mounted under /api/v1. */
export function vocabularyRouter(service: VocabularyService): Router {
  const router = Router();

  router.get('/vocabularies', (req, res) => {
    const community = req.query.community;
    if (community !== undefined && !COMMUNITIES.includes(community as Community)) {
      throw badRequest('community', `expected one of ${COMMUNITIES.join(', ')}`);
    }
    const list = service.list().filter((v) => community === undefined || v.entry.community === community);
    res.json({ total: list.length, vocabularies: list.map(vocabularyJson) });
  });

  router.get('/vocabularies/:id', (req, res) => {
    const hosted = service.get(req.params.id);
    if (!hosted) throw notFound(`No vocabulary with id ${req.params.id}`);
    res.json(vocabularyJson(hosted));
  });

  router.get('/terms', (req, res) => {
    const iri = req.query.iri;
    if (typeof iri !== 'string' || iri === '') throw badRequest('iri', 'the IRI of a hosted term is required');
    const term = service.termByIri(iri);
    if (!term) throw notFound(`No hosted term has the IRI ${iri}`);
    res.json(termJson(term));
  });

  return router;
}

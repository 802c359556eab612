/**
 * Editors' writes to hosted terms (add, change, move, deprecate, approve, remove a preliminary term) and the record they
 * leave (the change log, a term's history, the conflicts with a newer upstream). Every write names the version it read
 * in If-Match (428 without, 412 when stale); its "who" is the token's owner.
 */
import { z } from 'zod';
import { exportSource, type CurationService } from '../../curation/index.js';
import { API_BASE, route, type RouteGroup } from '../api/api-route.js';
import { queryInteger } from '../api/common-schemas.js';
import { expectedVersionOf } from '../if-match.js';
import { notFound } from '../problem.js';
import { termVersion, type Lookup, type VocabularyService } from '../../vocab/index.js';
import { termAnswer, termSchema } from './term-answers.js';
import { STRONG_ETAG } from './vocabulary-routes.js';
import { changeEntrySchema, conflictSchema, newTermBody, termEditBody, deprecateBody, approveBody, LIMITS } from './term-edit-schemas.js';
import type { TermChange } from '../../model/index.js';

const vocabularyParams = z.object({ vocab: z.string().describe('catalogue id, e.g. refframe') });
const termParams = vocabularyParams.extend({ id: z.string().describe('term id, e.g. ICRS') });
const pageQuery = z.object({
  limit: queryInteger({ min: 1, max: 1000 }).default(100).describe('page size (1..1000, default 100)'),
  offset: queryInteger({ min: 0 }).default(0).describe('first entry'),
});
const removeQuery = z.object({ why: z.string().max(LIMITS.why).optional().describe('why the term is removed') });

const jsonBody = { mediaTypes: ['application/json'], limitBytes: 256 * 1024 } as const;
const writeProblems = {
  400: 'A field is malformed or past its bound (the problem names it)',
  401: 'No write token',
  403: 'The token does not hold the role this action needs for the vocabulary',
  404: 'No such vocabulary or term',
  409: 'The id is taken',
  412: 'If-Match names a version that is not the current one: read again',
  422: 'The change breaks a VocInVO2 rule (the problem names the field and the rule)',
  428: 'No If-Match: send the ETag of what you read',
} as const;
const termWritten = (description: string) => ({ description, content: { 'application/json': termSchema }, headers: { ETag: STRONG_ETAG } });

/** Term edits and the curation record under /api/v1/vocabularies/{vocab}. */
export function termEditRoutes(curation: CurationService, lookup: Lookup, vocabularies: VocabularyService): RouteGroup {
  /** Applies one change and answers the term as it is now, with its new entity-tag. */
  const write = async (
    input: { principal: Parameters<CurationService['apply']>[0] | undefined; req: { get(name: string): string | undefined }; res: import('express').Response },
    vocabulary: string,
    change: TermChange,
    note: { why?: string | undefined; proposal?: string | undefined },
  ) => {
    const entry = await curation.apply(input.principal!, vocabulary, change, expectedVersionOf(input.req.get('if-match')), {
      ...(note.why ? { why: note.why } : {}),
      ...(note.proposal ? { proposal: note.proposal } : {}),
    });
    const index = lookup.index;
    const term = index.term(vocabulary, change.term);
    if (!term) return { entry, answer: undefined };
    input.res.setHeader('ETag', `"${termVersion(index, term)}"`);
    return { entry, answer: termAnswer(term, index) };
  };

  const add = route({
    method: 'post',
    path: '/vocabularies/{vocab}/terms',
    base: 'api',
    operationId: 'addTerm',
    summary: 'Add a term (preliminary until a maintainer approves it)',
    description: "Needs the editor role for the vocabulary and If-Match with the vocabulary's ETag.",
    tag: 'curation',
    write: 'editor',
    params: vocabularyParams,
    body: { description: 'The new term', ...jsonBody, schema: newTermBody },
    responses: { 201: { ...termWritten('The term as added'), headers: { ETag: STRONG_ETAG, Location: 'the term' } }, ...writeProblems },
    handler: async (input) => {
      const { id, why, proposal, ...fields } = input.body;
      const { answer } = await write(input, input.params.vocab, { action: 'add', term: id, fields }, { why, proposal });
      input.res.status(201).setHeader('Location', `${API_BASE}/vocabularies/${input.params.vocab}/terms/${encodeURIComponent(id)}`);
      return answer;
    },
  });

  const edit = route({
    method: 'patch',
    path: '/vocabularies/{vocab}/terms/{id}',
    base: 'api',
    operationId: 'editTerm',
    summary: "Change a term's label, description, alt labels, links, or move it (parents)",
    description: "Needs the editor role for the vocabulary and If-Match with the term's ETag. Fields left out keep their value.",
    tag: 'curation',
    write: 'editor',
    params: termParams,
    body: {
      description: 'The fields to change',
      mediaTypes: ['application/json', 'application/merge-patch+json'],
      limitBytes: jsonBody.limitBytes,
      schema: termEditBody,
    },
    responses: { 200: termWritten('The term as changed'), ...writeProblems },
    handler: async (input) => {
      const { why, proposal, ...fields } = input.body;
      return (await write(input, input.params.vocab, { action: 'modify', term: input.params.id, fields }, { why, proposal })).answer;
    },
  });

  const deprecate = route({
    method: 'post',
    path: '/vocabularies/{vocab}/terms/{id}/deprecate',
    base: 'api',
    operationId: 'deprecateTerm',
    summary: 'Deprecate a term, naming its replacement (useInstead)',
    description: "Needs the maintainer role for the vocabulary and If-Match with the term's ETag.",
    tag: 'curation',
    write: 'maintainer',
    params: termParams,
    body: { description: 'The replacement and why', ...jsonBody, schema: deprecateBody },
    responses: { 200: termWritten('The term as deprecated'), ...writeProblems },
    handler: async (input) => {
      const { useInstead, why, proposal } = input.body;
      const change: TermChange = { action: 'deprecate', term: input.params.id, ...(useInstead ? { useInstead } : {}) };
      return (await write(input, input.params.vocab, change, { why, proposal })).answer;
    },
  });

  const approve = route({
    method: 'post',
    path: '/vocabularies/{vocab}/terms/{id}/approve',
    base: 'api',
    operationId: 'approveTerm',
    summary: 'Approve a preliminary term',
    description: "Needs the maintainer role for the vocabulary and If-Match with the term's ETag.",
    tag: 'curation',
    write: 'maintainer',
    params: termParams,
    body: { description: 'Why', ...jsonBody, schema: approveBody, required: false },
    responses: { 200: termWritten('The term as approved'), ...writeProblems },
    handler: async (input) => {
      const { why, proposal } = input.body ?? {};
      return (await write(input, input.params.vocab, { action: 'approve', term: input.params.id }, { why, proposal })).answer;
    },
  });

  const remove = route({
    method: 'delete',
    path: '/vocabularies/{vocab}/terms/{id}',
    base: 'api',
    operationId: 'removeTerm',
    summary: 'Remove a preliminary term (approved and deprecated terms are never removed: VocInVO2)',
    description: "Needs the maintainer role for the vocabulary and If-Match with the term's ETag.",
    tag: 'curation',
    write: 'maintainer',
    params: termParams,
    query: removeQuery,
    responses: { 204: { description: 'Removed' }, ...writeProblems },
    handler: async (input) => {
      await write(input, input.params.vocab, { action: 'remove', term: input.params.id }, { why: input.query.why });
      input.res.status(204).end();
    },
  });

  const changes = route({
    method: 'get',
    path: '/vocabularies/{vocab}/changes',
    base: 'api',
    operationId: 'listChanges',
    summary: "The vocabulary's change log, newest first",
    tag: 'curation',
    params: vocabularyParams,
    query: pageQuery,
    responses: {
      200: { description: 'The changes', content: { 'application/json': z.object({ total: z.number().int(), changes: z.array(changeEntrySchema) }) } },
      404: 'No such vocabulary',
    },
    handler: ({ params, query }) => {
      hosted(params.vocab);
      const all = curation.changes(params.vocab);
      return { total: all.length, changes: all.slice(query.offset, query.offset + query.limit) };
    },
  });

  const history = route({
    method: 'get',
    path: '/vocabularies/{vocab}/terms/{id}/history',
    base: 'api',
    operationId: 'termHistory',
    summary: 'The changes that shaped a term, newest first',
    tag: 'curation',
    params: termParams,
    responses: {
      200: { description: 'The changes', content: { 'application/json': z.object({ total: z.number().int(), changes: z.array(changeEntrySchema) }) } },
      404: 'No such vocabulary',
    },
    handler: ({ params }) => {
      hosted(params.vocab);
      const all = curation.history(params.vocab, params.id);
      if (all.length === 0 && !lookup.index.term(params.vocab, params.id))
        throw notFound(`Vocabulary ${params.vocab} has no term ${params.id} and never had one`);
      return { total: all.length, changes: all };
    },
  });

  const conflicts = route({
    method: 'get',
    path: '/vocabularies/{vocab}/conflicts',
    base: 'api',
    operationId: 'listConflicts',
    summary: 'Curated changes that no longer apply to what upstream now says',
    description:
      'Each change that the last load could not re-apply, with the field upstream changed too and the term as it is now. They are kept, not dropped.',
    tag: 'curation',
    params: vocabularyParams,
    responses: {
      200: { description: 'The conflicts', content: { 'application/json': z.object({ total: z.number().int(), conflicts: z.array(conflictSchema) }) } },
      404: 'No such vocabulary',
    },
    handler: ({ params }) => {
      hosted(params.vocab);
      const all = curation.conflicts(params.vocab);
      return { total: all.length, conflicts: all };
    },
  });

  const exportFiles = route({
    method: 'get',
    path: '/vocabularies/{vocab}/export',
    base: 'api',
    operationId: 'exportSourceFiles',
    summary: 'The vocabulary in the IVOA source format, with every curated change: terms.csv or its vocabs.conf section',
    description:
      'An unedited vocabulary exports as its upstream file byte for byte; after edits only the rows of the changed terms differ, so the file makes a clean pull request. Vocabularies not kept as terms.csv answer 406 (export them as Turtle from their page).',
    tag: 'curation',
    params: vocabularyParams,
    query: z.object({ format: z.enum(['csv', 'conf']).default('csv').describe("csv: terms.csv; conf: the vocabulary's vocabs.conf section") }),
    responses: {
      200: { description: 'The file', content: { 'text/csv': undefined, 'text/plain': undefined } },
      404: 'No such vocabulary',
      406: 'The vocabulary is not kept in the IVOA source format',
    },
    handler: async ({ params, query, res }) => {
      const hostedVocabulary = vocabularies.get(params.vocab);
      const sourceDir = vocabularies.sourceDir;
      if (!hostedVocabulary?.meta || !sourceDir) throw notFound(`No hosted vocabulary with id ${params.vocab}`);
      const text = await exportSource(hostedVocabulary.entry, sourceDir, hostedVocabulary.meta, curation.curated(params.vocab), query.format);
      res
        .type(query.format === 'csv' ? 'text/csv; charset=utf-8' : 'text/plain; charset=utf-8')
        .setHeader('Content-Disposition', `inline; filename="${query.format === 'csv' ? 'terms.csv' : 'vocabs.conf'}"`)
        .send(text);
    },
  });

  const hosted = (id: string): void => {
    if (!lookup.index.vocabulary(id)) throw notFound(`No hosted vocabulary with id ${id}`);
  };

  return {
    tags: [{ name: 'curation', description: "Editors' changes to hosted terms, with their record: If-Match on every write; roles editor and maintainer" }],
    routes: [add, edit, deprecate, approve, remove, changes, history, conflicts, exportFiles],
  };
}

/**
 * Proposals (VEPs, VocInVO2 §5.2.1) under /api/v1: submitted as JSON or in the plain-text VEP form, read back as
 * either, commented and moved through their states by the owners of write tokens (roles checked by the service).
 */
import express, { type Request, type RequestHandler } from 'express';
import { z } from 'zod';
import type { Principal } from '../../access/index.js';
import { formatVep, parseVep, PROPOSAL_BOUNDS, PROPOSAL_STATES, type ProposalDraft, type ProposalService } from '../../curation/index.js';
import { AstrovocError } from '../../model/index.js';
import { API_BASE, route, type RouteGroup } from '../api/api-route.js';
import { parsePart } from '../api/mount-routes.js';
import { negotiate } from '../content-negotiation.js';
import { HttpProblem, limitedBody } from '../problem.js';
import { commentSchema, draftSchema, proposalListSchema, proposalSchema, transitionSchema } from './proposal-schemas.js';

const JSON_TYPE = 'application/json';
const VEP_TYPE = 'text/plain';
const vocabParams = z.object({ vocab: z.string().describe('catalogue id, e.g. refframe') });
const proposalParams = vocabParams.extend({ id: z.string().max(40).describe('the proposal id, e.g. p3') });
const stateQuery = z.object({ state: z.enum(PROPOSAL_STATES).optional().describe('only proposals in this state') });
const proposalContent = { [JSON_TYPE]: proposalSchema };
const OFFERS = [
  { mediaTypes: [JSON_TYPE], names: ['json'] },
  { mediaTypes: [VEP_TYPE], names: ['vep'] },
] as const;

/** The principal of a write route: the write guard ran first, so it is there. */
function actorOf(principal: Principal | undefined): Principal {
  if (!principal) throw new HttpProblem(401, 'Write token required', 'send Authorization: Bearer <write token>');
  return principal;
}

/** Reads a JSON or a plain-text (VEP) body, each bounded; any other type is a 415 naming the two. */
function draftReader(): RequestHandler {
  const limit = PROPOSAL_BOUNDS.vepBytes;
  const json = limitedBody(express.json({ limit, type: JSON_TYPE }), limit, 'a proposal');
  const text = limitedBody(express.text({ limit, type: VEP_TYPE, defaultCharset: 'utf-8' }), limit, 'a VEP');
  return (req, res, next) => {
    if (req.is(JSON_TYPE)) json(req, res, next);
    else if (req.is(VEP_TYPE)) text(req, res, next);
    else
      next(
        new HttpProblem(415, 'Unsupported Media Type', `send the proposal as ${JSON_TYPE} or as a VEP in ${VEP_TYPE}`, {
          parameter: 'Content-Type',
          accepted: [JSON_TYPE, VEP_TYPE],
        }),
      );
  };
}

/** The draft a request body gives: JSON by the schema, a VEP text by its reader (a 400 naming the line). */
function draftOf(req: Request, body: unknown): ProposalDraft {
  if (!req.is(VEP_TYPE)) return parsePart(draftSchema, body, 'body');
  try {
    return parseVep(typeof body === 'string' ? body : '', 'VEP');
  } catch (error) {
    if (error instanceof AstrovocError && error.kind === 'invalid-input')
      throw new AstrovocError('invalid-input', error.message, {
        location: { parameter: 'body', ...(error.location?.line !== undefined ? { line: error.location.line } : {}) },
        fields: error.location?.line !== undefined ? { line: error.location.line } : {},
      });
    throw error;
  }
}

export function proposalRoutes(proposals: ProposalService): RouteGroup {
  const base = '/vocabularies/{vocab}/proposals';
  const locationOf = (vocab: string, id: string) => `${API_BASE}/vocabularies/${encodeURIComponent(vocab)}/proposals/${id}`;
  return {
    tags: [{ name: 'proposals', description: 'Vocabulary Enhancement Proposals (VocInVO2 §5.2.1): submit, review, accept; JSON or the plain-text VEP form' }],
    routes: [
      route({
        method: 'get',
        path: '/proposals',
        base: 'api',
        operationId: 'listOpenProposals',
        summary: 'Proposals across the hosted vocabularies: the open ones (submitted, under review), or those in one state',
        tag: 'proposals',
        query: stateQuery,
        responses: {
          200: { description: 'The proposals, by vocabulary in catalogue order, oldest first', content: { [JSON_TYPE]: proposalListSchema } },
          400: 'An unknown state',
        },
        handler: async ({ query }) => ({ proposals: await proposals.listAll(query.state) }),
      }),
      route({
        method: 'get',
        path: base,
        base: 'api',
        operationId: 'listProposals',
        summary: 'The proposals of a vocabulary, oldest first',
        tag: 'proposals',
        params: vocabParams,
        query: stateQuery,
        responses: { 200: { description: 'The proposals', content: { [JSON_TYPE]: proposalListSchema } }, 400: 'An unknown state', 404: 'No such vocabulary' },
        handler: async ({ params, query }) => ({ proposals: await proposals.list(params.vocab, query.state) }),
      }),
      route({
        method: 'post',
        path: base,
        base: 'api',
        operationId: 'submitProposal',
        summary: 'Submit a proposal: JSON, or a VEP in the plain-text form (one term)',
        description:
          'Editors of the vocabulary submit. The author recorded is the owner of the token; a VEP’s Author item is kept as `authorLine`. ' +
          'VocInVO2 §5.2.1 rules apply: an Addition gives label, description and at least one Used-in URI; a Modification gives something to change.',
        tag: 'proposals',
        write: 'editor',
        params: vocabParams,
        body: {
          description: `The proposal, at most ${PROPOSAL_BOUNDS.vepBytes} bytes`,
          mediaTypes: [JSON_TYPE, VEP_TYPE],
          schema: draftSchema,
          schemaOf: {
            [VEP_TYPE]: z
              .string()
              .describe('a VEP: "Name: value" items (Vocabulary, Author, Date, Term, Action, Label, Description, Relationships, Used-in, Rationale)'),
          },
          reader: draftReader(),
        },
        responses: {
          201: { description: 'The proposal as recorded', content: proposalContent, headers: { Location: 'the proposal' } },
          400: 'A field (or, for a VEP, a line) breaks a rule or a bound; `parameter` (and `line`) name it',
          401: 'No write token',
          403: 'Not an editor of this vocabulary',
          404: 'No such vocabulary',
          413: 'The body is too large',
          415: 'Neither JSON nor text/plain',
        },
        handler: async ({ params, req, res, body, principal }) => {
          const proposal = await proposals.submit(actorOf(principal), params.vocab, draftOf(req, body));
          res.status(201).location(locationOf(params.vocab, proposal.id));
          return proposal;
        },
      }),
      route({
        method: 'get',
        path: `${base}/{id}`,
        base: 'api',
        operationId: 'getProposal',
        summary: 'One proposal: JSON, or with Accept: text/plain the VEP text (review comments after its Discussion)',
        tag: 'proposals',
        params: proposalParams,
        responses: {
          200: { description: 'The proposal', content: { ...proposalContent, [VEP_TYPE]: undefined } },
          404: 'No such vocabulary or proposal',
          406: 'Neither JSON nor text/plain is acceptable',
        },
        handler: async ({ params, req, res }) => {
          const proposal = await proposals.get(params.vocab, params.id);
          if (negotiate(req, res, OFFERS).names[0] === 'json') return proposal;
          res.type(`${VEP_TYPE}; charset=utf-8`).send(formatVep(proposal));
          return undefined;
        },
      }),
      route({
        method: 'post',
        path: `${base}/{id}/comments`,
        base: 'api',
        operationId: 'commentOnProposal',
        summary: 'Comment on an open proposal (editors of the vocabulary)',
        tag: 'proposals',
        write: 'editor',
        params: proposalParams,
        body: { description: 'The comment', mediaTypes: [JSON_TYPE], schema: commentSchema, limitBytes: 16 * 1024 },
        responses: {
          201: { description: 'The proposal with the comment', content: proposalContent, headers: { Location: 'the proposal' } },
          400: 'No text, or too long',
          401: 'No write token',
          403: 'Not an editor of this vocabulary',
          404: 'No such vocabulary or proposal',
          409: 'The proposal is closed',
        },
        handler: async ({ params, body, res, principal }) => {
          const proposal = await proposals.comment(actorOf(principal), params.vocab, params.id, body.text);
          res.status(201).location(locationOf(params.vocab, proposal.id));
          return proposal;
        },
      }),
      route({
        method: 'post',
        path: `${base}/{id}/transitions`,
        base: 'api',
        operationId: 'moveProposal',
        summary: 'Move a proposal: under-review, accepted, rejected, withdrawn',
        description:
          'Accepting carries the proposal out (an Addition becomes a preliminary term, a Deprecation deprecates, a Modification modifies); ' +
          'if a rule refuses that change, the proposal stays under review and the refusal is the answer.',
        tag: 'proposals',
        write: 'editor',
        params: proposalParams,
        body: { description: 'The new state and an optional comment', mediaTypes: [JSON_TYPE], schema: transitionSchema, limitBytes: 16 * 1024 },
        responses: {
          200: { description: 'The proposal in its new state', content: proposalContent },
          400: 'An unknown state, or a comment too long',
          401: 'No write token',
          403: 'The role does not allow this move',
          404: 'No such vocabulary or proposal',
          409: 'The move does not exist from the current state (`from`, `to`, `allowed`), or the change it carries out conflicts',
          422: 'A rule refuses the change the proposal carries out',
        },
        handler: ({ params, body, principal }) => proposals.transition(actorOf(principal), params.vocab, params.id, body.to, body.comment),
      }),
    ],
  };
}

/**
 * The proposal (VEP) pages of the editor: propose a change in a form, read one proposal with its comments and
 * states, comment on it, and move it to the states the signed-in editor may (take under review, accept, which
 * carries the change out, reject, withdraw). Each POST redirects back to the proposal; a refusal comes back in the
 * page with its message.
 */
import type { Response } from 'express';
import { z } from 'zod';
import type { Principal } from '../../access/index.js';
import { AstrovocError } from '../../model/index.js';
import {
  checkComment,
  checkTransition,
  PROPOSAL_STATES,
  TRANSITIONS,
  VEP_ACTIONS,
  type Proposal,
  type ProposalDraft,
  type ProposalService,
  type ProposalState,
  type VepAction,
} from '../../curation/index.js';
import {
  editTermPath,
  editVocabularyPath,
  PROPOSAL_FORM_FIELDS,
  proposalFormModel,
  proposalPageModel,
  proposalPath,
  type ProposalFormValues,
} from '../../render/index.js';
import type { Lookup } from '../../vocab/index.js';
import { route, type ApiRoute } from '../api/api-route.js';
import { FORM_MEDIA_TYPE, formReader, idsOf, linesOf, refusalOf } from '../editor-forms.js';
import { EDIT_TAG, HTML_PAGE, type EditedVocabulary, type EditorPages } from '../editor-pages.js';
import type { EditorSession } from '../editor-session.js';
import { problemOf } from '../problem.js';

const text = z
  .string()
  .max(64 * 1024)
  .optional();
const proposalForm = z.object({
  csrf: text,
  action: text,
  term: text,
  label: text,
  description: text,
  parents: text.describe('term ids, one per line'),
  useInstead: text,
  usedIn: text.describe('URIs of documents using the term, one per line'),
  rationale: text,
});
const reviewForm = z.object({ csrf: text, to: text.describe('the state to move to'), comment: text, text: text.describe('a comment') });

const vocabParams = z.object({ vocab: z.string() });
const proposalParams = vocabParams.extend({ proposal: z.string() });
const body = <S extends z.ZodType>(schema: S) => ({ description: 'the form', mediaTypes: [FORM_MEDIA_TYPE], schema, reader: formReader });

/** The states `actor` may move the proposal to now. */
function movesOf(proposal: Proposal, actor: Principal): ProposalState[] {
  return TRANSITIONS[proposal.state].filter((to) => {
    try {
      checkTransition(proposal, to, actor);
      return true;
    } catch {
      return false;
    }
  });
}

function mayComment(proposal: Proposal, actor: Principal): boolean {
  try {
    checkComment(proposal, actor);
    return true;
  } catch {
    return false;
  }
}

/** The draft a proposal form asks for; the service checks it (VocInVO2 §5.2.1). */
function draftOf(form: z.output<typeof proposalForm>): ProposalDraft {
  const value = (field: string | undefined) => (field?.trim() ? field.trim() : undefined);
  const parents = idsOf(form.parents);
  const useInstead = value(form.useInstead);
  const label = value(form.label);
  const description = value(form.description);
  const rationale = value(form.rationale);
  return {
    term: (form.term ?? '').trim(),
    action: (form.action ?? '') as VepAction,
    ...(label ? { label } : {}),
    ...(description ? { description } : {}),
    ...(parents.length > 0 || useInstead ? { relationships: { parents, ...(useInstead ? { useInstead } : {}) } } : {}),
    usedIn: linesOf(form.usedIn),
    ...(rationale ? { rationale } : {}),
  };
}

const valuesOf = (form: z.output<typeof proposalForm>): ProposalFormValues =>
  Object.fromEntries(PROPOSAL_FORM_FIELDS.map((field) => [field, form[field] ?? ''])) as unknown as ProposalFormValues;

/** GET/POST /edit/{vocab}/proposals/new, GET /edit/{vocab}/proposals/{proposal}, POST .../comment and .../transition. */
export function editorProposalRoutes(kit: EditorPages, lookup: Lookup, proposals: ProposalService): ApiRoute[] {
  const edited = (vocabulary: EditedVocabulary) => ({ id: vocabulary.id, title: vocabulary.title, editPath: editVocabularyPath(vocabulary.id) });

  const formPage = (res: Response, session: EditorSession, vocabulary: EditedVocabulary, status = 200, form?: Parameters<typeof proposalFormModel>[0]) => {
    const frame = kit.frame(session);
    kit.send(res, status, 'editor-propose', proposalFormModel(form ?? { vocabulary: edited(vocabulary), ...frame, actions: VEP_ACTIONS }));
  };

  const proposalPage = async (
    res: Response,
    session: EditorSession,
    vocabulary: EditedVocabulary,
    id: string,
    status = 200,
    refused?: { message: string; comment?: string },
  ) => {
    const proposal = await proposals.get(vocabulary.id, id);
    const model = proposalPageModel({
      proposal,
      vocabulary: edited(vocabulary),
      ...kit.frame(session),
      ...(lookup.index.term(vocabulary.id, proposal.term) ? { termEditPath: editTermPath(vocabulary.id, proposal.term) } : {}),
      moves: movesOf(proposal, session.principal),
      mayComment: mayComment(proposal, session.principal),
      ...(refused ? { message: refused.message, ...(refused.comment ? { comment: refused.comment } : {}) } : {}),
    });
    kit.send(res, status, 'editor-proposal', model);
  };

  /** Runs a review step; a refusal the page can show comes back in it, a 403 as the forbidden page. */
  const review = async (
    res: Response,
    session: EditorSession,
    vocabulary: EditedVocabulary,
    id: string,
    step: () => Promise<unknown>,
    done: string,
    typed?: string,
  ) => {
    try {
      await step();
    } catch (error) {
      if (error instanceof AstrovocError && problemOf(error).status === 403) {
        kit.refuse(res, 403, `${session.principal.name}: ${error.message}`);
        return;
      }
      const refusal = refusalOf(error, ['to', 'text', 'comment'] as const);
      if (!refusal) throw error;
      await proposalPage(res, session, vocabulary, id, refusal.status, { message: refusal.message, ...(typed ? { comment: typed } : {}) });
      return;
    }
    session.flash = done;
    res.redirect(303, proposalPath(vocabulary.id, id));
  };

  const common = { base: 'root' as const, tag: EDIT_TAG.name, undocumented: true };
  return [
    route({
      ...common,
      method: 'get',
      path: '/edit/{vocab}/proposals/new',
      operationId: 'getProposalForm',
      summary: 'The form that proposes an addition, deprecation or modification (a VEP)',
      params: vocabParams,
      responses: { 200: HTML_PAGE },
      handler: ({ params, req, res }) => {
        const session = kit.viewer(req, res);
        const vocabulary = session && kit.vocabularyFor(res, session, params.vocab);
        if (session && vocabulary) formPage(res, session, vocabulary);
      },
    }),
    route({
      ...common,
      method: 'post',
      path: '/edit/{vocab}/proposals/new',
      operationId: 'submitProposalInEditor',
      summary: 'Submits a proposal from the form',
      params: vocabParams,
      body: body(proposalForm),
      responses: { 303: 'Submitted: to the proposal', 400: 'Refused', 403: 'No session, wrong CSRF token or role' },
      handler: async ({ params, body: form, req, res }) => {
        const session = kit.poster(req, res, form);
        const vocabulary = session && kit.vocabularyFor(res, session, params.vocab);
        if (!session || !vocabulary) return;
        let proposal: Proposal;
        try {
          proposal = await proposals.submit(session.principal, vocabulary.id, draftOf(form));
        } catch (error) {
          const refusal = refusalOf(error, PROPOSAL_FORM_FIELDS, { relationships: 'parents' });
          if (!refusal) throw error;
          const errors = refusal.field ? { [refusal.field]: refusal.message } : {};
          formPage(res, session, vocabulary, refusal.status, {
            vocabulary: edited(vocabulary),
            ...kit.frame(session),
            actions: VEP_ACTIONS,
            values: valuesOf(form),
            errors,
            ...(refusal.field ? {} : { message: refusal.message }),
          });
          return;
        }
        session.flash = `Submitted proposal ${proposal.id}.`;
        res.redirect(303, proposalPath(vocabulary.id, proposal.id));
      },
    }),
    route({
      ...common,
      method: 'get',
      path: '/edit/{vocab}/proposals/{proposal}',
      operationId: 'getProposalPage',
      summary: 'One proposal: its items, comments and states, and the moves the editor may make',
      params: proposalParams,
      responses: { 200: HTML_PAGE, 404: 'No such proposal' },
      handler: async ({ params, req, res }) => {
        const session = kit.viewer(req, res);
        const vocabulary = session && kit.vocabularyFor(res, session, params.vocab);
        if (!session || !vocabulary) return;
        try {
          await proposals.get(vocabulary.id, params.proposal);
        } catch {
          kit.refuse(res, 404, `${vocabulary.title} has no proposal ${params.proposal}.`);
          return;
        }
        await proposalPage(res, session, vocabulary, params.proposal);
      },
    }),
    route({
      ...common,
      method: 'post',
      path: '/edit/{vocab}/proposals/{proposal}/comment',
      operationId: 'commentProposalInEditor',
      summary: 'Adds a comment to an open proposal',
      params: proposalParams,
      body: body(reviewForm),
      responses: { 303: 'Commented: back to the proposal', 403: 'No session, wrong CSRF token or role' },
      handler: async ({ params, body: form, req, res }) => {
        const session = kit.poster(req, res, form);
        const vocabulary = session && kit.vocabularyFor(res, session, params.vocab);
        if (!session || !vocabulary) return;
        const comment = form.text ?? '';
        await review(
          res,
          session,
          vocabulary,
          params.proposal,
          () => proposals.comment(session.principal, vocabulary.id, params.proposal, comment),
          'Comment added.',
          comment,
        );
      },
    }),
    route({
      ...common,
      method: 'post',
      path: '/edit/{vocab}/proposals/{proposal}/transition',
      operationId: 'moveProposalInEditor',
      summary: 'Moves a proposal to another state (accepting it carries its change out)',
      params: proposalParams,
      body: body(reviewForm),
      responses: { 303: 'Moved: back to the proposal', 403: 'No session, wrong CSRF token or role', 409: 'Not a move from this state' },
      handler: async ({ params, body: form, req, res }) => {
        const session = kit.poster(req, res, form);
        const vocabulary = session && kit.vocabularyFor(res, session, params.vocab);
        if (!session || !vocabulary) return;
        const to = PROPOSAL_STATES.find((state) => state === form.to);
        if (!to) {
          kit.refuse(res, 400, `No proposal state ${form.to ?? ''}.`);
          return;
        }
        const step = () => proposals.transition(session.principal, vocabulary.id, params.proposal, to, form.comment);
        await review(res, session, vocabulary, params.proposal, step, `The proposal is now ${to}.`);
      },
    }),
  ];
}

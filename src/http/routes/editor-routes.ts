/**
 * The editor pages under /edit: sign in with a token, add a term to a vocabulary, change, deprecate, approve or
 * remove one, each in a plain HTML form (no script needed) that posts, then redirects to the page it changed
 * (POST-redirect-GET). A refused change comes back as the form with the editor's values and the message next to the
 * field at fault. Sessions and CSRF: editor-session.ts.
 */
import type { Response } from 'express';
import { z } from 'zod';
import { can, type Principal } from '../../access/index.js';
import { OPEN_STATES, type Proposal, type ProposalService } from '../../curation/index.js';
import { AstrovocError, type ChangeEntry, type CurationConflict, type ExpectedVersion, type TermChange, type TermRecord } from '../../model/index.js';
import {
  conflictView,
  editorTermModel,
  editorVocabularyModel,
  editTermPath,
  editVocabularyPath,
  proposalSummary,
  termPath,
  type FormState,
  type PageRenderer,
  type TermFormField,
} from '../../render/index.js';
import { termVersion, vocabularyVersion, type Lookup, type VocabularyService } from '../../vocab/index.js';
import { route, type ApiRoute, type RouteGroup } from '../api/api-route.js';
import { addChange, deprecateChange, editChange, editorForm, FORM_MEDIA_TYPE, formReader, refusedForm, valuesOf, type EditorForm } from '../editor-forms.js';
import { EDIT_TAG, EditorPages, HTML_PAGE, type EditedVocabulary } from '../editor-pages.js';
import { EditorSessions, type EditorSession } from '../editor-session.js';
import { problemOf } from '../problem.js';
import { proposalSummaries } from '../page-curation.js';
import { editorProposalRoutes } from './editor-proposal-routes.js';
import { signInRoutes } from './editor-sign-in-routes.js';

type MaybePromise<T> = T | Promise<T>;

/** What the pages need of the curation service (src/curation CurationService). */
export interface EditorCuration {
  apply(
    actor: Principal,
    vocabulary: string,
    change: TermChange,
    expected: ExpectedVersion | undefined,
    note?: { why?: string; proposal?: string },
  ): Promise<ChangeEntry>;
  termRecord(vocabulary: string, id: string): TermRecord | undefined;
  changes(vocabulary: string): MaybePromise<readonly ChangeEntry[]>;
  history(vocabulary: string, term: string): MaybePromise<readonly ChangeEntry[]>;
  conflicts(vocabulary: string): MaybePromise<readonly CurationConflict[]>;
}

export interface EditorOptions {
  vocabularies: Pick<VocabularyService, 'get'>;
  lookup: Lookup;
  pages: PageRenderer;
  curation: EditorCuration;
  /** The principal a write token belongs to, or undefined for a token that is not one. */
  authenticate: (token: string) => Promise<Principal | undefined>;
  /** Proposals (VEPs): without them the proposal pages are absent and the pages list none. */
  proposals?: ProposalService;
  sessions?: EditorSessions;
}

const vocabParams = z.object({ vocab: z.string().describe('the catalogue id of a hosted vocabulary') });
const termParams = vocabParams.extend({ id: z.string().describe("the term's id") });
const formBody = { description: 'the form', mediaTypes: [FORM_MEDIA_TYPE], schema: editorForm, reader: formReader };

/** The editor pages. */
export function editorRoutes(options: EditorOptions): RouteGroup {
  const { lookup, curation } = options;
  const kit = new EditorPages(options.pages, options.sessions ?? new EditorSessions(), lookup);
  const summaries = options.proposals ? proposalSummaries(options.proposals) : async () => [];
  /** The vocabulary's proposals, the open ones apart from those decided or withdrawn. */
  const proposalLists = async (vocabulary: string) => {
    const all = options.proposals ? await options.proposals.list(vocabulary) : [];
    const open = (p: Proposal) => OPEN_STATES.includes(p.state);
    return { proposals: all.filter(open).map(proposalSummary), closedProposals: all.filter((p) => !open(p)).map(proposalSummary) };
  };

  const index = route({
    method: 'get',
    path: '/edit',
    base: 'root',
    operationId: 'getEditorIndex',
    summary: 'The vocabularies the signed-in editor may edit',
    tag: EDIT_TAG.name,
    undocumented: true,
    responses: { 200: HTML_PAGE, 303: 'Not signed in: to the sign-in form' },
    handler: ({ req, res }) => {
      const session = kit.viewer(req, res);
      if (!session) return;
      const editable = lookup.index.vocabularies
        .filter((vocabulary) => can(session.principal, 'editor', vocabulary.id))
        .map((vocabulary) => ({ id: vocabulary.id, title: vocabulary.title, editPath: editVocabularyPath(vocabulary.id) }));
      kit.send(res, 200, 'editor-index', { title: 'Edit vocabularies', ...kit.frame(session), vocabularies: editable });
    },
  });

  const vocabularyPage = async (res: Response, session: EditorSession, vocabulary: EditedVocabulary, add?: FormState, status = 200) => {
    const conflicts = await curation.conflicts(vocabulary.id);
    const pathOf = (term: string) => (lookup.index.term(vocabulary.id, term) ? termPath(vocabulary, term) : undefined);
    const hosted = options.vocabularies.get(vocabulary.id);
    const model = editorVocabularyModel({
      vocabulary,
      version: hosted ? vocabularyVersion(hosted) : '',
      ...kit.frame(session),
      ...(add ? { add } : {}),
      conflicts: conflicts.map((conflict) => conflictView(conflict, pathOf)),
      ...(await proposalLists(vocabulary.id)),
      proposing: options.proposals !== undefined,
      changes: await curation.changes(vocabulary.id),
    });
    kit.send(res, status, 'editor-vocabulary', model);
  };

  const getVocabulary = route({
    method: 'get',
    path: '/edit/{vocab}',
    base: 'root',
    operationId: 'getEditorVocabulary',
    summary: "A vocabulary's editor page: add a term, open one by id, its conflicts, open proposals and latest changes",
    tag: EDIT_TAG.name,
    undocumented: true,
    params: vocabParams,
    query: z.object({ term: z.string().optional().describe('open this term’s form') }),
    responses: { 200: HTML_PAGE, 303: 'Not signed in, or a term asked for by id' },
    handler: async ({ params, query, req, res }) => {
      const session = kit.viewer(req, res);
      const vocabulary = session && kit.vocabularyFor(res, session, params.vocab);
      if (!session || !vocabulary) return;
      if (query.term?.trim()) res.redirect(303, editTermPath(vocabulary.id, query.term.trim()));
      else await vocabularyPage(res, session, vocabulary);
    },
  });

  const addTerm = route({
    method: 'post',
    path: '/edit/{vocab}',
    base: 'root',
    operationId: 'addTermInEditor',
    summary: 'Adds a term (preliminary) from the form',
    tag: EDIT_TAG.name,
    undocumented: true,
    params: vocabParams,
    body: formBody,
    responses: { 303: 'Added: to the term’s form', 403: 'No session, wrong CSRF token or role', 409: 'Refused', 422: 'Refused' },
    handler: async ({ params, body, req, res }) => {
      const session = kit.poster(req, res, body);
      const vocabulary = session && kit.vocabularyFor(res, session, params.vocab);
      if (!session || !vocabulary) return;
      const { change, note } = addChange(body);
      await attempt(res, session, () => curation.apply(session.principal, vocabulary.id, change, versionOf(body), note), {
        done: (entry) => {
          session.flash = `Added the term ${entry.term} (preliminary).`;
          res.redirect(303, editTermPath(vocabulary.id, entry.term));
        },
        refused: async (error) => {
          const refused = refusedForm(error, valuesOf(body), ['id', 'label', 'description', 'altLabels', 'parents', 'why']);
          if (refused) await vocabularyPage(res, session, vocabulary, refused.state, refused.status);
          return refused !== undefined;
        },
      });
    },
  });

  /** The term's page, with a form's state when a change was refused. */
  const termPage = async (res: Response, session: EditorSession, vocabulary: EditedVocabulary, id: string, state: TermPageState = {}) => {
    const record = curation.termRecord(vocabulary.id, id);
    const term = lookup.index.term(vocabulary.id, id);
    if (!record || !term) {
      kit.refuse(res, 404, `${vocabulary.title} has no term ${id}.`);
      return;
    }
    const model = editorTermModel({
      vocabulary,
      record,
      termPath: termPath(vocabulary, id),
      version: termVersion(lookup.index, term),
      ...kit.frame(session),
      mayMaintain: can(session.principal, 'maintainer', vocabulary.id),
      ...(state.edit ? { edit: state.edit } : {}),
      ...(state.deprecate ? { deprecate: state.deprecate } : {}),
      ...(state.lifecycleMessage ? { lifecycleMessage: state.lifecycleMessage } : {}),
      ...(state.stale ? { current: record } : {}),
      history: await curation.history(vocabulary.id, id),
      proposals: await summaries(vocabulary.id, id),
    });
    kit.send(res, state.status ?? 200, 'editor-term', model);
  };

  const getTerm = route({
    method: 'get',
    path: '/edit/{vocab}/{id}',
    base: 'root',
    operationId: 'getEditorTerm',
    summary: "A term's editor page: its form, deprecate, approve, remove, and its history",
    tag: EDIT_TAG.name,
    undocumented: true,
    params: termParams,
    responses: { 200: HTML_PAGE, 303: 'Not signed in: to the sign-in form', 404: 'No such term' },
    handler: async ({ params, req, res }) => {
      const session = kit.viewer(req, res);
      const vocabulary = session && kit.vocabularyFor(res, session, params.vocab);
      if (session && vocabulary) await termPage(res, session, vocabulary, params.id);
    },
  });

  /** A POST about one term: the change the form asks for, which form shows a refusal, and what a success says. */
  const termAction = (
    suffix: string,
    operationId: string,
    summary: string,
    form: 'edit' | 'deprecate' | 'lifecycle',
    changeOf: (record: TermRecord, body: EditorForm) => { change: TermChange; note: { why?: string } } | undefined,
    done: (entry: ChangeEntry) => string,
  ): ApiRoute =>
    route({
      method: 'post',
      path: `/edit/{vocab}/{id}${suffix}`,
      base: 'root',
      operationId,
      summary,
      tag: EDIT_TAG.name,
      undocumented: true,
      params: termParams,
      body: formBody,
      responses: { 303: 'Done: back to the term’s form', 403: 'No session, wrong CSRF token or role', 409: 'Refused', 412: 'Stale', 422: 'Refused' },
      handler: async ({ params, body, req, res }) => {
        const session = kit.poster(req, res, body);
        const vocabulary = session && kit.vocabularyFor(res, session, params.vocab);
        if (!session || !vocabulary) return;
        const record = curation.termRecord(vocabulary.id, params.id);
        if (!record) {
          kit.refuse(res, 404, `${vocabulary.title} has no term ${params.id}.`);
          return;
        }
        const back = editTermPath(vocabulary.id, params.id);
        const asked = changeOf(record, body);
        if (!asked) {
          session.flash = 'Nothing changed: the form had the term’s current values.';
          res.redirect(303, back);
          return;
        }
        await attempt(res, session, () => curation.apply(session.principal, vocabulary.id, asked.change, versionOf(body), asked.note), {
          done: (entry) => {
            session.flash = done(entry);
            res.redirect(303, entry.after ? back : editVocabularyPath(vocabulary.id));
          },
          refused: async (error) => {
            const fields: TermFormField[] = form === 'edit' ? ['label', 'description', 'altLabels', 'parents', 'why'] : ['useInstead', 'why'];
            const refused = refusedForm(error, valuesOf(body), fields);
            if (!refused) return false;
            const state: TermPageState = { status: refused.status, stale: refused.status === 412 };
            if (form === 'edit') state.edit = refused.state;
            else if (form === 'deprecate') state.deprecate = refused.state;
            else state.lifecycleMessage = refused.state.message ?? Object.values(refused.state.errors)[0] ?? '';
            await termPage(res, session, vocabulary, params.id, state);
            return true;
          },
        });
      },
    });

  /** Runs a change; a refusal the form can show goes to `refused`, a 403 to the forbidden page, anything else to the error handler. */
  async function attempt(
    res: Response,
    session: EditorSession,
    run: () => Promise<ChangeEntry>,
    on: { done: (entry: ChangeEntry) => void; refused: (error: unknown) => Promise<boolean> },
  ): Promise<void> {
    let entry: ChangeEntry;
    try {
      entry = await run();
    } catch (error) {
      if (error instanceof AstrovocError && problemOf(error).status === 403) kit.refuse(res, 403, `${session.principal.name}: ${error.message}`);
      else if (!(await on.refused(error))) throw error;
      return;
    }
    on.done(entry);
  }

  const routes = [
    ...signInRoutes(kit, options.authenticate),
    ...(options.proposals ? editorProposalRoutes(kit, lookup, options.proposals) : []),
    index,
    getVocabulary,
    addTerm,
    termAction(
      '/deprecate',
      'deprecateTermInEditor',
      'Deprecates the term, with its replacement',
      'deprecate',
      deprecateChange,
      (e) => `Deprecated the term ${e.term}.`,
    ),
    termAction(
      '/approve',
      'approveTermInEditor',
      'Approves a preliminary term',
      'lifecycle',
      (r) => ({ change: { action: 'approve', term: r.id }, note: {} }),
      (e) => `Approved the term ${e.term}.`,
    ),
    termAction(
      '/remove',
      'removeTermInEditor',
      'Removes a preliminary term',
      'lifecycle',
      (r) => ({ change: { action: 'remove', term: r.id }, note: {} }),
      (e) => `Removed the term ${e.term}.`,
    ),
    getTerm,
    termAction(
      '',
      'changeTermInEditor',
      'Changes the term’s label, description, alternative labels or parents',
      'edit',
      editChange,
      (e) => `Saved the changes to ${e.term}.`,
    ),
  ];
  return { tags: [EDIT_TAG], routes };
}

/** The version a form was drawn at, as the entity-tag If-Match would carry (none: the service answers 428). */
function versionOf(form: EditorForm): ExpectedVersion | undefined {
  return form.version ? [`"${form.version}"`] : undefined;
}

interface TermPageState {
  status?: number;
  edit?: FormState;
  deprecate?: FormState;
  lifecycleMessage?: string;
  /** The change met a newer version of the term: show the term as it is now beside the form. */
  stale?: boolean;
}

/**
 * Proposal (VEP) pages: one proposal with its VocInVO2 §5.2.1 items, its comments and states, and the moves the
 * signed-in editor may make; the form that submits one; proposals as lists show them. The shapes below are what
 * the pages read of the proposal service's answers.
 */
import { timeText } from './change-view.js';
import type { EditorUser, ProposalSummary } from './editor-model.js';

/** What the pages read of a proposal (curation's Proposal has these and more). */
export interface ProposalFacts {
  id: string;
  vocabulary: string;
  vocabularyUri: string;
  term: string;
  action: string;
  label?: string;
  description?: string;
  relationships?: { parents: readonly string[]; useInstead?: string };
  usedIn: readonly string[];
  rationale?: string;
  discussion?: string;
  authorLine?: string;
  author: string;
  date: string;
  submitted: string;
  state: string;
  comments: readonly { who: string; when: string; text: string }[];
  history: readonly { from: string; to: string; who: string; when: string; comment?: string }[];
  change?: string;
}

/** The fields of the proposal form, as text (lists one per line). */
export interface ProposalFormValues {
  action: string;
  term: string;
  label: string;
  description: string;
  parents: string;
  useInstead: string;
  usedIn: string;
  rationale: string;
}
export type ProposalFormField = keyof ProposalFormValues;
export const PROPOSAL_FORM_FIELDS: readonly ProposalFormField[] = ['action', 'term', 'label', 'description', 'parents', 'useInstead', 'usedIn', 'rationale'];
export const EMPTY_PROPOSAL: ProposalFormValues = {
  action: 'Addition',
  term: '',
  label: '',
  description: '',
  parents: '',
  useInstead: '',
  usedIn: '',
  rationale: '',
};

export interface ProposalFormModel {
  title: string;
  user: EditorUser;
  csrf: string;
  flash?: string;
  vocabulary: { id: string; title: string; editPath: string };
  actions: { value: string; selected: boolean }[];
  values: ProposalFormValues;
  errors: Partial<Record<ProposalFormField, string>>;
  message?: string;
}

/** The words of each state on the buttons that move a proposal there. */
const MOVES: Readonly<Record<string, string>> = {
  'under-review': 'Take under review',
  accepted: 'Accept (carries the change out)',
  rejected: 'Reject',
  withdrawn: 'Withdraw',
};

export interface ProposalPageModel {
  title: string;
  user: EditorUser;
  csrf: string;
  flash?: string;
  vocabulary: { id: string; title: string; editPath: string };
  proposal: Omit<ProposalFacts, 'comments' | 'history' | 'relationships'> & { parents: readonly string[]; useInstead?: string; submittedText: string };
  /** The term's editor page, when the term exists. */
  termEditPath?: string;
  path: string;
  comments: { who: string; when: string; whenText: string; text: string }[];
  history: { from: string; to: string; who: string; when: string; whenText: string; comment?: string }[];
  moves: { to: string; label: string }[];
  mayComment: boolean;
  comment: string;
  message?: string;
}

export const proposalPath = (vocabulary: string, id: string): string => `/edit/${encodeURIComponent(vocabulary)}/proposals/${encodeURIComponent(id)}`;

export function proposalSummary(proposal: ProposalFacts): ProposalSummary {
  return {
    id: proposal.id,
    path: proposalPath(proposal.vocabulary, proposal.id),
    action: proposal.action,
    term: proposal.term,
    ...(proposal.label ? { label: proposal.label } : {}),
    state: proposal.state,
    author: proposal.author,
    date: proposal.date,
  };
}

export interface ProposalPageInput {
  proposal: ProposalFacts;
  vocabulary: { id: string; title: string; editPath: string };
  user: EditorUser;
  csrf: string;
  flash?: string;
  termEditPath?: string;
  /** The states the signed-in editor may move the proposal to. */
  moves: readonly string[];
  mayComment: boolean;
  comment?: string;
  message?: string;
}

export function proposalPageModel(input: ProposalPageInput): ProposalPageModel {
  const { proposal } = input;
  const { comments, history, relationships, ...facts } = proposal;
  return {
    title: `Proposal ${proposal.id}: ${proposal.action} of ${proposal.term}`,
    user: input.user,
    csrf: input.csrf,
    ...(input.flash ? { flash: input.flash } : {}),
    vocabulary: input.vocabulary,
    proposal: {
      ...facts,
      parents: relationships?.parents ?? [],
      ...(relationships?.useInstead ? { useInstead: relationships.useInstead } : {}),
      submittedText: timeText(proposal.submitted),
    },
    ...(input.termEditPath ? { termEditPath: input.termEditPath } : {}),
    path: proposalPath(proposal.vocabulary, proposal.id),
    comments: comments.map((c) => ({ ...c, whenText: timeText(c.when) })),
    history: history.map((h) => ({ ...h, whenText: timeText(h.when) })),
    moves: input.moves.map((to) => ({ to, label: MOVES[to] ?? to })),
    mayComment: input.mayComment,
    comment: input.comment ?? '',
    ...(input.message ? { message: input.message } : {}),
  };
}

export interface ProposalFormInput {
  vocabulary: { id: string; title: string; editPath: string };
  user: EditorUser;
  csrf: string;
  actions: readonly string[];
  values?: ProposalFormValues;
  errors?: Partial<Record<ProposalFormField, string>>;
  message?: string;
}

export function proposalFormModel(input: ProposalFormInput): ProposalFormModel {
  const values = input.values ?? EMPTY_PROPOSAL;
  return {
    title: `Propose a change to ${input.vocabulary.title}`,
    user: input.user,
    csrf: input.csrf,
    vocabulary: input.vocabulary,
    actions: input.actions.map((value) => ({ value, selected: value === values.action })),
    values,
    errors: input.errors ?? {},
    ...(input.message ? { message: input.message } : {}),
  };
}

/**
 * A Vocabulary Enhancement Proposal (VocInVO2 §5.2.1): one term to add, deprecate or modify, with its rationale,
 * the comments of its review and the history of its states. Pure: the service replays logged events through
 * `applyProposalEvent` and asks `checkTransition` before it moves one.
 */
import { can, type Principal } from '../access/index.js';
import { AstrovocError, type TermChange } from '../model/index.js';

export const VEP_ACTIONS = ['Addition', 'Deprecation', 'Modification'] as const;
export type VepAction = (typeof VEP_ACTIONS)[number];

export const PROPOSAL_STATES = ['submitted', 'under-review', 'accepted', 'rejected', 'withdrawn'] as const;
export type ProposalState = (typeof PROPOSAL_STATES)[number];
export const OPEN_STATES: readonly ProposalState[] = ['submitted', 'under-review'];

/** Where each state may go; accepted, rejected and withdrawn are final. */
export const TRANSITIONS: Readonly<Record<ProposalState, readonly ProposalState[]>> = {
  submitted: ['under-review', 'withdrawn'],
  'under-review': ['accepted', 'rejected', 'withdrawn'],
  accepted: [],
  rejected: [],
  withdrawn: [],
};

/** The sizes and counts every proposal keeps within, whichever way it arrives (JSON or the VEP text form). */
export const PROPOSAL_BOUNDS = {
  term: 100,
  label: 300,
  description: 4000,
  uri: 2000,
  authorLine: 500,
  usedIn: 20,
  parents: 20,
  rationale: 20_000,
  discussion: 20_000,
  supersedes: 200,
  comment: 4000,
  comments: 500,
  vepBytes: 64 * 1024,
} as const;

export const TERM_ID = /^[A-Za-z0-9_-]+$/;
const DATE = /^\d{4}-\d{2}-\d{2}$/;
/** A Used-in item is "at least one URI of a document using the proposed term"; real VEPs add words around it. */
const CONTAINS_URI = /(^|\s)[A-Za-z][A-Za-z0-9+.-]+:\S+/;

/** The relationships a VEP gives (VocInVO2 §5.2.1 "Relationships"), as astrovoc acts on them. */
export interface ProposedRelationships {
  /** Ids of the parents (skos:broader, rdfs:subClassOf, rdfs:subPropertyOf; "narrower than #x"). */
  parents: string[];
  /** Id of the replacement of a deprecated term (ivoasem:useInstead). */
  useInstead?: string;
}

/** What a proposer writes: the items of a VEP (VocInVO2 §5.2.1) for one term. */
export interface ProposalDraft {
  /** The VEP's Vocabulary item: the vocabulary URI. */
  vocabularyUri?: string;
  /** The VEP's Author item, as written (names, e-mail addresses); who submitted it is `Proposal.author`. */
  authorLine?: string;
  /** The VEP's Date item: YYYY-MM-DD. */
  date?: string;
  term: string;
  action: VepAction;
  label?: string;
  description?: string;
  /** Absent: the VEP gives none (for a Modification: the relationships stay as they are). */
  relationships?: ProposedRelationships;
  usedIn: string[];
  rationale?: string;
  /** A Discussion section the VEP already had (the maintainer's summary); review comments are kept apart. */
  discussion?: string;
  /** The VEP this one supersedes, or the one superseding it (VocInVO2 §5.2.2 Supercedes, Superceded-by). */
  supersedes?: string;
  supersededBy?: string;
}

export interface ProposalComment {
  who: string;
  when: string;
  text: string;
}

export interface ProposalTransition {
  from: ProposalState;
  to: ProposalState;
  who: string;
  when: string;
  comment?: string;
}

export interface Proposal extends ProposalDraft {
  id: string;
  /** The hosted vocabulary's id. */
  vocabulary: string;
  vocabularyUri: string;
  /** The principal that submitted it: never a field of the request. */
  author: string;
  date: string;
  /** ISO 8601 time of submission. */
  submitted: string;
  state: ProposalState;
  comments: ProposalComment[];
  history: ProposalTransition[];
  /** The id of the change log entry that carried out the accepted proposal. */
  change?: string;
}

/** One line of a vocabulary's proposal log; a proposal is the replay of its events. */
export type ProposalEvent =
  | { type: 'submitted'; proposal: string; who: string; when: string; vocabularyUri: string; draft: ProposalDraft }
  | { type: 'commented'; proposal: string; who: string; when: string; text: string }
  | { type: 'moved'; proposal: string; who: string; when: string; from: ProposalState; to: ProposalState; comment?: string; change?: string };

/** YYYY-MM-DD naming a day that exists (Date.parse takes 2026-02-30 for March 2). */
const isCalendarDate = (value: string) => DATE.test(value) && !Number.isNaN(Date.parse(value)) && new Date(value).toISOString().slice(0, 10) === value;

const invalid = (field: string, message: string) => new AstrovocError('invalid-input', `${field}: ${message}`, { location: { parameter: field } });

function bounded(field: string, value: string | undefined, max: number): void {
  if (value !== undefined && value.length > max) throw invalid(field, `at most ${max} characters (has ${value.length})`);
}

/** The id as proposals write it: VEPs often put a "#" before a term (`#dynamic-spectrum`). */
export const termIdOf = (written: string) => written.trim().replace(/^#/, '');

/** Whitespace trimmed and line breaks of one-line items unwrapped; empty optional items dropped. */
export function normaliseDraft(draft: ProposalDraft): ProposalDraft {
  const line = (value: string | undefined) => value?.replace(/\s*\n\s*/g, ' ').trim() || undefined;
  const text = (value: string | undefined) => value?.replace(/^\s*\n|\s+$/g, '') || undefined;
  const relationships = draft.relationships && {
    parents: draft.relationships.parents.map(termIdOf),
    ...(draft.relationships.useInstead !== undefined ? { useInstead: termIdOf(draft.relationships.useInstead) } : {}),
  };
  const out: ProposalDraft = { term: termIdOf(draft.term), action: draft.action, usedIn: draft.usedIn.map((u) => u.trim()).filter(Boolean) };
  const optional = {
    vocabularyUri: line(draft.vocabularyUri),
    authorLine: line(draft.authorLine),
    date: line(draft.date),
    label: line(draft.label),
    description: line(draft.description),
    relationships,
    rationale: text(draft.rationale),
    discussion: text(draft.discussion),
    supersedes: line(draft.supersedes),
    supersededBy: line(draft.supersededBy),
  };
  for (const [key, value] of Object.entries(optional)) if (value !== undefined) Object.assign(out, { [key]: value });
  return out;
}

/**
 * The VocInVO2 §5.2.1 rules of a VEP, and astrovoc's bounds: an invalid-input error naming the field otherwise.
 * Addition: everything but Relationships is mandatory; Deprecation: the replacement, if any, is another term;
 * Modification: a new label, description or relationships (the term itself cannot change).
 */
export function checkDraft(draft: ProposalDraft): void {
  if (!TERM_ID.test(draft.term)) throw invalid('term', `"${draft.term}" is not a term id (letters, digits, "_" and "-")`);
  bounded('term', draft.term, PROPOSAL_BOUNDS.term);
  if (!VEP_ACTIONS.includes(draft.action)) throw invalid('action', `one of ${VEP_ACTIONS.join(', ')}`);
  bounded('label', draft.label, PROPOSAL_BOUNDS.label);
  bounded('description', draft.description, PROPOSAL_BOUNDS.description);
  bounded('vocabularyUri', draft.vocabularyUri, PROPOSAL_BOUNDS.uri);
  bounded('authorLine', draft.authorLine, PROPOSAL_BOUNDS.authorLine);
  bounded('rationale', draft.rationale, PROPOSAL_BOUNDS.rationale);
  bounded('discussion', draft.discussion, PROPOSAL_BOUNDS.discussion);
  bounded('supersedes', draft.supersedes, PROPOSAL_BOUNDS.supersedes);
  bounded('supersededBy', draft.supersededBy, PROPOSAL_BOUNDS.supersedes);
  if (draft.date !== undefined && !isCalendarDate(draft.date)) throw invalid('date', `"${draft.date}" is not a date (YYYY-MM-DD)`);
  if (draft.usedIn.length > PROPOSAL_BOUNDS.usedIn) throw invalid('usedIn', `at most ${PROPOSAL_BOUNDS.usedIn} items`);
  draft.usedIn.forEach((item, i) => {
    bounded(`usedIn.${i}`, item, PROPOSAL_BOUNDS.uri);
    if (!CONTAINS_URI.test(item)) throw invalid(`usedIn.${i}`, `"${item}" names no URI of a document using the term`);
  });
  const { parents = [], useInstead } = draft.relationships ?? {};
  if (parents.length > PROPOSAL_BOUNDS.parents) throw invalid('relationships.parents', `at most ${PROPOSAL_BOUNDS.parents} parents`);
  for (const [i, id] of [...parents, ...(useInstead === undefined ? [] : [useInstead])].entries()) {
    const field = i < parents.length ? `relationships.parents.${i}` : 'relationships.useInstead';
    if (!TERM_ID.test(id) || id.length > PROPOSAL_BOUNDS.term) throw invalid(field, `"${id}" is not a term id`);
    if (id === draft.term) throw invalid(field, `a term cannot relate to itself (${id})`);
  }
  if (useInstead !== undefined && draft.action !== 'Deprecation') throw invalid('relationships.useInstead', 'only a Deprecation names a replacement');
  if (draft.action === 'Addition') {
    if (!draft.label) throw invalid('label', 'an Addition gives the label of the new term (VocInVO2 §5.2.1)');
    if (!draft.description) throw invalid('description', 'an Addition gives the description of the new term (VocInVO2 §5.2.1)');
    if (draft.usedIn.length === 0) throw invalid('usedIn', 'an Addition names at least one URI of a document using the term (VocInVO2 §5.2.1)');
  }
  if (draft.action === 'Modification' && draft.label === undefined && draft.description === undefined && draft.relationships === undefined)
    throw invalid('action', 'a Modification gives the new label, description or relationships of the term');
}

/** The change to the vocabulary an accepted proposal asks for (an Addition enters as a preliminary term). */
export function termChangeOf(proposal: ProposalDraft): TermChange {
  const { term, label, description, relationships } = proposal;
  switch (proposal.action) {
    case 'Addition':
      return { action: 'add', term, fields: { label: label ?? term, description: description ?? '', parents: relationships?.parents ?? [] } };
    case 'Deprecation':
      return { action: 'deprecate', term, ...(relationships?.useInstead !== undefined ? { useInstead: relationships.useInstead } : {}) };
    case 'Modification':
      return {
        action: 'modify',
        term,
        fields: {
          ...(label !== undefined ? { label } : {}),
          ...(description !== undefined ? { description } : {}),
          ...(relationships !== undefined ? { parents: relationships.parents } : {}),
        },
      };
  }
}

/**
 * Whether `actor` may move `proposal` to `to`: a conflict (409) naming both states when the move does not exist,
 * forbidden (403) when the role is not enough. Editors of the vocabulary take a proposal under review, maintainers
 * accept and reject, its author or a maintainer withdraw it.
 */
export function checkTransition(proposal: Proposal, to: ProposalState, actor: Principal): void {
  const allowed = TRANSITIONS[proposal.state];
  if (!allowed.includes(to))
    throw new AstrovocError(
      'conflict',
      `proposal ${proposal.id} is ${proposal.state}: it cannot become ${to} (from ${proposal.state}: ${allowed.join(', ') || 'no move, it is closed'})`,
      { fields: { from: proposal.state, to, allowed }, location: { parameter: 'to' } },
    );
  const vocabulary = proposal.vocabulary;
  const permitted =
    to === 'under-review'
      ? can(actor, 'editor', vocabulary)
      : to === 'withdrawn'
        ? can(actor, 'maintainer', vocabulary) || (actor.name === proposal.author && can(actor, 'editor', vocabulary))
        : can(actor, 'maintainer', vocabulary);
  if (!permitted) {
    const who = to === 'under-review' ? 'an editor' : to === 'withdrawn' ? 'its author or a maintainer' : 'a maintainer';
    throw new AstrovocError('forbidden', `only ${who} of ${vocabulary} may make proposal ${proposal.id} ${to}`);
  }
}

/** Whether `actor` may comment on `proposal`: editors of its vocabulary, while it is open. */
export function checkComment(proposal: Proposal, actor: Principal): void {
  if (!OPEN_STATES.includes(proposal.state))
    throw new AstrovocError('conflict', `proposal ${proposal.id} is ${proposal.state}: comments are taken while it is submitted or under review`, {
      fields: { state: proposal.state },
    });
  if (!can(actor, 'editor', proposal.vocabulary)) throw new AstrovocError('forbidden', `only editors of ${proposal.vocabulary} comment on its proposals`);
  if (proposal.comments.length >= PROPOSAL_BOUNDS.comments)
    throw new AstrovocError('conflict', `proposal ${proposal.id} has ${PROPOSAL_BOUNDS.comments} comments, the most it keeps`);
}

/** The proposal after `event` (undefined before its submission); events of other proposals are not passed here. */
export function applyProposalEvent(vocabulary: string, proposal: Proposal | undefined, event: ProposalEvent): Proposal {
  if (event.type === 'submitted') {
    const { draft } = event;
    return {
      ...draft,
      id: event.proposal,
      vocabulary,
      vocabularyUri: event.vocabularyUri,
      author: event.who,
      date: draft.date ?? event.when.slice(0, 10),
      submitted: event.when,
      state: 'submitted',
      comments: [],
      history: [],
    };
  }
  if (!proposal)
    throw new AstrovocError('internal', `the proposal log of ${vocabulary} has a ${event.type} event before proposal ${event.proposal} was submitted`);
  if (event.type === 'commented') return { ...proposal, comments: [...proposal.comments, { who: event.who, when: event.when, text: event.text }] };
  const transition: ProposalTransition = {
    from: event.from,
    to: event.to,
    who: event.who,
    when: event.when,
    ...(event.comment ? { comment: event.comment } : {}),
  };
  return { ...proposal, state: event.to, history: [...proposal.history, transition], ...(event.change ? { change: event.change } : {}) };
}

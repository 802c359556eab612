import type { Principal } from '../../../src/access/index.js';
import {
  applyProposalEvent,
  checkComment,
  checkDraft,
  checkTransition,
  normaliseDraft,
  PROPOSAL_STATES,
  termChangeOf,
  TRANSITIONS,
  type Proposal,
  type ProposalDraft,
  type ProposalState,
} from '../../../src/curation/index.js';
import { AstrovocError } from '../../../src/model/index.js';

const editor: Principal = { name: 'dora', role: 'editor', scope: ['refframe'] };
const otherEditor: Principal = { name: 'eve', role: 'editor', scope: ['refframe'] };
const outsider: Principal = { name: 'finn', role: 'editor', scope: ['timescale'] };
const maintainer: Principal = { name: 'mia', role: 'maintainer', scope: ['refframe'] };

const addition: ProposalDraft = {
  term: 'GSE',
  action: 'Addition',
  label: 'Geocentric Solar Ecliptic',
  description: 'Sun-pointing geocentric frame.',
  relationships: { parents: ['ECLIPTIC'] },
  usedIn: ['http://example.org/tap'],
};

function proposalIn(state: ProposalState, author = 'dora'): Proposal {
  return {
    ...addition,
    id: 'p1',
    vocabulary: 'refframe',
    vocabularyUri: 'http://www.ivoa.net/rdf/refframe',
    author,
    date: '2026-12-03',
    submitted: '2026-12-03T10:00:00.000Z',
    state,
    comments: [],
    history: [],
  };
}

function errorOf(run: () => void): AstrovocError {
  try {
    run();
  } catch (error) {
    if (error instanceof AstrovocError) return error;
    throw error;
  }
  throw new Error('no error');
}

describe('proposal states: submitted → under-review → accepted | rejected, withdrawn while open', () => {
  const moves = PROPOSAL_STATES.flatMap((from) => PROPOSAL_STATES.map((to) => [from, to] as const));

  it.each(moves.filter(([from, to]) => !TRANSITIONS[from].includes(to)))('%s → %s is a conflict naming both states', (from, to) => {
    const error = errorOf(() => checkTransition(proposalIn(from), to, maintainer));
    expect(error.kind).toBe('conflict');
    expect(error.message).toContain(`is ${from}: it cannot become ${to}`);
    expect(error.fields).toMatchObject({ from, to });
  });

  it('the moves that exist are exactly these', () => {
    expect(moves.filter(([from, to]) => TRANSITIONS[from].includes(to))).toEqual([
      ['submitted', 'under-review'],
      ['submitted', 'withdrawn'],
      ['under-review', 'accepted'],
      ['under-review', 'rejected'],
      ['under-review', 'withdrawn'],
    ]);
  });

  it('an editor of the vocabulary takes a proposal under review; an editor of another vocabulary may not', () => {
    expect(() => checkTransition(proposalIn('submitted'), 'under-review', otherEditor)).not.toThrow();
    expect(errorOf(() => checkTransition(proposalIn('submitted'), 'under-review', outsider)).kind).toBe('forbidden');
  });

  it.each(['accepted', 'rejected'] as const)('only a maintainer of the vocabulary makes it %s', (to) => {
    expect(errorOf(() => checkTransition(proposalIn('under-review'), to, editor)).kind).toBe('forbidden');
    expect(errorOf(() => checkTransition(proposalIn('under-review'), to, { ...maintainer, scope: ['timescale'] })).kind).toBe('forbidden');
    expect(() => checkTransition(proposalIn('under-review'), to, maintainer)).not.toThrow();
    expect(() => checkTransition(proposalIn('under-review'), to, { ...maintainer, scope: '*' })).not.toThrow();
  });

  it.each(['submitted', 'under-review'] as const)('from %s, its author or a maintainer withdraws it, another editor may not', (from) => {
    expect(() => checkTransition(proposalIn(from), 'withdrawn', editor)).not.toThrow();
    expect(() => checkTransition(proposalIn(from), 'withdrawn', maintainer)).not.toThrow();
    expect(errorOf(() => checkTransition(proposalIn(from), 'withdrawn', otherEditor)).kind).toBe('forbidden');
    expect(errorOf(() => checkTransition(proposalIn(from, 'finn'), 'withdrawn', outsider)).kind).toBe('forbidden');
  });

  it('comments are taken from editors of the vocabulary while the proposal is open', () => {
    expect(() => checkComment(proposalIn('under-review'), otherEditor)).not.toThrow();
    expect(errorOf(() => checkComment(proposalIn('submitted'), outsider)).kind).toBe('forbidden');
    expect(errorOf(() => checkComment(proposalIn('accepted'), maintainer)).kind).toBe('conflict');
  });
});

describe('VocInVO2 §5.2.1 rules of a proposal', () => {
  const refused = (draft: ProposalDraft) => errorOf(() => checkDraft(normaliseDraft(draft)));

  it('an Addition with label, description and Used-in passes; each missing one is named', () => {
    expect(() => checkDraft(addition)).not.toThrow();
    expect(refused({ ...addition, label: '  ' }).location).toEqual({ parameter: 'label' });
    expect(refused({ ...addition, description: undefined }).location).toEqual({ parameter: 'description' });
    expect(refused({ ...addition, usedIn: [] }).location).toEqual({ parameter: 'usedIn' });
  });

  it('a Modification changes something; a Deprecation alone needs only the term', () => {
    expect(refused({ term: 'BODY', action: 'Modification', usedIn: [] }).location).toEqual({ parameter: 'action' });
    expect(() => checkDraft({ term: 'BODY', action: 'Deprecation', usedIn: [] })).not.toThrow();
  });

  it('relations: term ids, never to itself, a replacement only in a Deprecation', () => {
    expect(refused({ ...addition, relationships: { parents: ['GSE'] } }).location).toEqual({ parameter: 'relationships.parents.0' });
    expect(refused({ ...addition, relationships: { parents: ['a b'] } }).location).toEqual({ parameter: 'relationships.parents.0' });
    expect(refused({ ...addition, relationships: { parents: [], useInstead: 'X' } }).location).toEqual({ parameter: 'relationships.useInstead' });
    expect(refused({ term: 'x', action: 'Deprecation', usedIn: [], relationships: { parents: [], useInstead: 'x' } }).location).toEqual({
      parameter: 'relationships.useInstead',
    });
  });

  it('bounds: sizes and counts name the field', () => {
    expect(refused({ ...addition, label: 'L'.repeat(301) }).location).toEqual({ parameter: 'label' });
    expect(refused({ ...addition, date: '2026-02-30' }).location).toEqual({ parameter: 'date' });
    expect(() => checkDraft({ ...addition, date: '2024-02-29' })).not.toThrow();
    expect(refused({ ...addition, usedIn: Array.from({ length: 21 }, (_, i) => `http://x.org/${i}`) }).location).toEqual({ parameter: 'usedIn' });
    expect(refused({ ...addition, rationale: 'r'.repeat(20_001) }).location).toEqual({ parameter: 'rationale' });
    expect(refused({ ...addition, relationships: { parents: Array.from({ length: 21 }, (_, i) => `t${i}`) } }).location).toEqual({
      parameter: 'relationships.parents',
    });
  });

  it('normalising unwraps one-line items and drops a "#" before term ids', () => {
    expect(normaliseDraft({ ...addition, term: '#GSE', label: ' Geocentric\n  Solar Ecliptic ', relationships: { parents: ['#ECLIPTIC'] } })).toMatchObject({
      term: 'GSE',
      label: 'Geocentric Solar Ecliptic',
      relationships: { parents: ['ECLIPTIC'] },
    });
  });
});

describe('what an accepted proposal does to the vocabulary', () => {
  it('an Addition adds the term (preliminary) with its label, description and parents', () => {
    expect(termChangeOf(addition)).toEqual({
      action: 'add',
      term: 'GSE',
      fields: { label: 'Geocentric Solar Ecliptic', description: 'Sun-pointing geocentric frame.', parents: ['ECLIPTIC'] },
    });
  });

  it('a Deprecation deprecates, with its replacement', () => {
    expect(termChangeOf({ term: 'ecl_FK4', action: 'Deprecation', usedIn: [], relationships: { parents: [], useInstead: 'ECLIPTIC' } })).toEqual({
      action: 'deprecate',
      term: 'ecl_FK4',
      useInstead: 'ECLIPTIC',
    });
    expect(termChangeOf({ term: 'ecl_FK4', action: 'Deprecation', usedIn: [] })).toEqual({ action: 'deprecate', term: 'ecl_FK4' });
  });

  it('a Modification modifies only what it gives (relationships given: the parents are replaced)', () => {
    expect(termChangeOf({ term: 'BODY', action: 'Modification', usedIn: [], label: 'Body-centred' })).toEqual({
      action: 'modify',
      term: 'BODY',
      fields: { label: 'Body-centred' },
    });
    expect(termChangeOf({ term: 'BODY', action: 'Modification', usedIn: [], relationships: { parents: [] } }).fields).toEqual({ parents: [] });
  });
});

describe('replaying the log', () => {
  it('a proposal is its submission, comments and moves, in order', () => {
    const when = '2026-12-03T10:00:00.000Z';
    let proposal = applyProposalEvent('refframe', undefined, {
      type: 'submitted',
      proposal: 'p1',
      who: 'dora',
      when,
      vocabularyUri: 'http://www.ivoa.net/rdf/refframe',
      draft: addition,
    });
    expect(proposal).toMatchObject({ id: 'p1', author: 'dora', date: '2026-12-03', state: 'submitted', comments: [], history: [] });
    proposal = applyProposalEvent('refframe', proposal, { type: 'commented', proposal: 'p1', who: 'eve', when, text: 'Fine.' });
    proposal = applyProposalEvent('refframe', proposal, { type: 'moved', proposal: 'p1', who: 'eve', when, from: 'submitted', to: 'under-review' });
    proposal = applyProposalEvent('refframe', proposal, {
      type: 'moved',
      proposal: 'p1',
      who: 'mia',
      when,
      from: 'under-review',
      to: 'accepted',
      change: 'c7',
    });
    expect(proposal.state).toBe('accepted');
    expect(proposal.change).toBe('c7');
    expect(proposal.comments).toEqual([{ who: 'eve', when, text: 'Fine.' }]);
    expect(proposal.history.map((t) => `${t.who}:${t.from}→${t.to}`)).toEqual(['eve:submitted→under-review', 'mia:under-review→accepted']);
  });

  it('an event before the submission is an internal error, not a silent proposal', () => {
    expect(errorOf(() => applyProposalEvent('refframe', undefined, { type: 'commented', proposal: 'p9', who: 'x', when: 'w', text: 't' })).kind).toBe(
      'internal',
    );
  });
});

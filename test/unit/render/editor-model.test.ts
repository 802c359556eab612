import type { ChangeEntry, TermRecord } from '../../../src/model/index.js';
import { editorTermModel, editorVocabularyModel, formValuesOf, proposalPageModel, proposalSummary, type ProposalFacts } from '../../../src/render/index.js';

const record: TermRecord = {
  id: 'NEW',
  label: 'New frame',
  description: 'A frame.',
  altLabels: ['new', 'novel'],
  parents: ['EQUATORIAL', 'ICRS'],
  status: 'preliminary',
  links: [],
};
const user = { name: 'mia', role: 'maintainer' };
const vocabulary = { id: 'refframe', title: 'Reference Frames', path: '/rdf/refframe' };
const change = (id: string, when: string): ChangeEntry => ({
  id,
  vocabulary: 'refframe',
  who: 'mia',
  when,
  action: 'modify',
  term: 'NEW',
  before: record,
  after: record,
});

describe('editor page models', () => {
  it('a record fills the term form: alt labels and parents one per line', () => {
    expect(formValuesOf(record)).toEqual({
      id: 'NEW',
      label: 'New frame',
      description: 'A frame.',
      altLabels: 'new\nnovel',
      parents: 'EQUATORIAL\nICRS',
      useInstead: '',
      why: '',
    });
  });

  it('the term page carries the version its forms expect, its status, and its history newest first', () => {
    const model = editorTermModel({
      vocabulary,
      record,
      termPath: '/rdf/refframe/NEW',
      version: 't-abc',
      user,
      csrf: 'token',
      mayMaintain: true,
      history: [change('1', '2026-12-07T10:00:00Z'), change('2', '2026-12-07T11:00:00Z')],
      proposals: [],
    });
    expect(model).toMatchObject({ version: 't-abc', preliminary: true, deprecated: false, mayMaintain: true, csrf: 'token' });
    expect(model.term).toMatchObject({ editPath: '/edit/refframe/NEW', path: '/rdf/refframe/NEW' });
    expect(model.edit.values.parents).toBe('EQUATORIAL\nICRS');
    expect(model.history.map((h) => h.id)).toEqual(['2', '1']);
    expect(model.current).toBeUndefined();
  });

  it('the vocabulary page lists at most the latest 20 changes', () => {
    const changes = Array.from({ length: 25 }, (_, i) => change(String(i).padStart(2, '0'), `2026-12-07T10:${String(i).padStart(2, '0')}:00Z`));
    const model = editorVocabularyModel({ vocabulary, version: 'v-1', user, csrf: 't', conflicts: [], proposals: [], proposing: false, changes });
    expect(model.recent).toHaveLength(20);
    expect(model.recent[0]!.id).toBe('24');
    expect(model.add.values.id).toBe('');
  });

  it('a proposal page names the moves the editor may make and lists its comments and states', () => {
    const proposal: ProposalFacts = {
      id: 'p1',
      vocabulary: 'refframe',
      vocabularyUri: 'http://www.ivoa.net/rdf/refframe',
      term: 'NEW',
      action: 'Addition',
      label: 'New frame',
      relationships: { parents: ['EQUATORIAL'] },
      usedIn: ['https://example.org/paper'],
      author: 'eddie',
      date: '2026-12-07',
      submitted: '2026-12-07T09:00:00Z',
      state: 'under-review',
      comments: [{ who: 'mia', when: '2026-12-07T09:30:00Z', text: 'Fine.' }],
      history: [{ from: 'submitted', to: 'under-review', who: 'mia', when: '2026-12-07T09:10:00Z' }],
    };
    const model = proposalPageModel({
      proposal,
      vocabulary: { ...vocabulary, editPath: '/edit/refframe' },
      user,
      csrf: 't',
      moves: ['accepted', 'rejected'],
      mayComment: true,
    });
    expect(model.moves).toEqual([
      { to: 'accepted', label: 'Accept (carries the change out)' },
      { to: 'rejected', label: 'Reject' },
    ]);
    expect(model.proposal.parents).toEqual(['EQUATORIAL']);
    expect(model.comments[0]!.whenText).toBe('2026-12-07 09:30 UTC');
    expect(model.path).toBe('/edit/refframe/proposals/p1');
    expect(proposalSummary(proposal)).toEqual({
      id: 'p1',
      path: '/edit/refframe/proposals/p1',
      action: 'Addition',
      term: 'NEW',
      label: 'New frame',
      state: 'under-review',
      author: 'eddie',
      date: '2026-12-07',
    });
  });
});

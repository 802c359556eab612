import type { ChangeEntry, TermRecord } from '../../../src/model/index.js';
import { changeView, conflictView, historyView, timeText } from '../../../src/render/index.js';

const added: TermRecord = { id: 'NEW', label: 'New', description: '', altLabels: [], parents: ['ICRS'], status: 'preliminary', links: [] };
const entry = (id: string, when: string, action: ChangeEntry['action'], before: TermRecord | null, after: TermRecord | null): ChangeEntry => ({
  id,
  vocabulary: 'refframe',
  who: 'alice',
  when,
  action,
  term: 'NEW',
  before,
  after,
});

describe('the history of a term as pages show it', () => {
  it('lists each field before → after, only the fields that changed', () => {
    const deprecated = { ...added, status: 'deprecated' as const, useInstead: 'FK5' };
    expect(changeView({ ...entry('2', '2026-12-07T19:00:00.000Z', 'deprecate', added, deprecated), why: 'replaced' })).toEqual({
      id: '2',
      who: 'alice',
      when: '2026-12-07T19:00:00.000Z',
      whenText: '2026-12-07 19:00 UTC',
      action: 'deprecate',
      term: 'NEW',
      why: 'replaced',
      fields: [
        { field: 'status', before: 'preliminary', after: 'deprecated' },
        { field: 'use instead', before: '', after: 'FK5' },
      ],
    });
    expect(changeView(entry('1', '2026-12-07T18:00:00.000Z', 'add', null, added)).fields).toEqual([
      { field: 'label', before: '', after: 'New' },
      { field: 'parents', before: '', after: 'ICRS' },
      { field: 'status', before: '', after: 'preliminary' },
    ]);
  });

  it('puts the newest change first, whatever order it is given in', () => {
    const changes = [entry('1', '2026-12-07T18:00:00.000Z', 'add', null, added), entry('2', '2026-12-07T19:00:00.000Z', 'approve', added, added)];
    expect(historyView(changes).map((c) => c.id)).toEqual(['2', '1']);
    expect(historyView([...changes].reverse()).map((c) => c.id)).toEqual(['2', '1']);
    expect(timeText('not a time')).toBe('not a time');
  });

  it('a conflict links its term only while the term is hosted', () => {
    const change = entry('1', '2026-12-07T18:00:00.000Z', 'add', null, added);
    const view = conflictView({ change, reason: 'the term was removed upstream', current: null, field: 'label' }, () => undefined);
    expect(view).toEqual({
      term: 'NEW',
      action: 'add',
      who: 'alice',
      when: change.when,
      whenText: '2026-12-07 18:00 UTC',
      reason: 'the term was removed upstream',
      field: 'label',
    });
    expect(conflictView({ change, reason: 'r', current: null }, (id) => `/rdf/refframe/${id}`).path).toBe('/rdf/refframe/NEW');
  });
});

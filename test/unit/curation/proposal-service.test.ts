import { appendFileSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Principal } from '../../../src/access/index.js';
import { fileProposalLog, ProposalService, type CarryOut, type ProposalDraft } from '../../../src/curation/index.js';
import { AstrovocError, type ChangeEntry, type TermChange } from '../../../src/model/index.js';
import { GSE_ADDITION } from '../../support/proposal-drafts.js';

const editor: Principal = { name: 'dora', role: 'editor', scope: ['refframe'] };
const reviewer: Principal = { name: 'eve', role: 'editor', scope: ['refframe'] };
const maintainer: Principal = { name: 'mia', role: 'maintainer', scope: '*' };

const vocabularies = {
  list: () => [
    { entry: { id: 'refframe' }, meta: { iri: 'http://www.ivoa.net/rdf/refframe' } },
    { entry: { id: 'timescale' }, meta: { iri: 'http://www.ivoa.net/rdf/timescale' } },
    { entry: { id: 'broken' } },
  ],
  get(id: string) {
    return this.list().find((v) => v.entry.id === id);
  },
};

const addition: ProposalDraft = { ...GSE_ADDITION, rationale: 'Space physics archives use it.' };

interface Call {
  actor: string;
  vocabulary: string;
  change: TermChange;
  note: { why?: string; proposal: string };
}

let dir: string;
let calls: Call[];
/** When set, the next carryOut refuses the change, as a term rule would. */
let refuseNext: AstrovocError | undefined;

const carryOut: CarryOut = async (actor, vocabulary, change, note) => {
  if (refuseNext) {
    const error = refuseNext;
    refuseNext = undefined;
    throw error;
  }
  calls.push({ actor: actor.name, vocabulary, change, note });
  const entry: ChangeEntry = {
    id: `c${calls.length}`,
    vocabulary,
    who: actor.name,
    when: 'now',
    action: change.action,
    term: change.term,
    before: null,
    after: null,
  };
  return entry;
};

const service = () => new ProposalService({ log: fileProposalLog(dir), vocabularies, carryOut, now: () => new Date('2026-12-03T10:00:00Z') });
const logPath = (vocab = 'refframe') => join(dir, 'curation', vocab, 'proposals.jsonl');

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'astrovoc-proposals-'));
  calls = [];
  refuseNext = undefined;
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

async function rejection(promise: Promise<unknown>): Promise<AstrovocError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof AstrovocError) return error;
    throw error;
  }
  throw new Error('it succeeded');
}

describe('ProposalService', () => {
  it('a submission is recorded with the submitter as author, the vocabulary IRI, and the day as its date', async () => {
    const proposal = await service().submit(editor, 'refframe', { ...addition, authorLine: 'Ada <ada@example.org>' });
    expect(proposal).toMatchObject({
      id: 'p1',
      vocabulary: 'refframe',
      vocabularyUri: 'http://www.ivoa.net/rdf/refframe',
      author: 'dora',
      authorLine: 'Ada <ada@example.org>',
      date: '2026-12-03',
      state: 'submitted',
    });
    const lines = readFileSync(logPath(), 'utf8').trim().split('\n');
    expect(lines.map((l) => (JSON.parse(l) as { value: { type: string } }).value.type)).toEqual(['submitted']);
  });

  it('the full life of an Addition survives a restart: comments, review, acceptance carried out as an add', async () => {
    const first = service();
    await first.submit(editor, 'refframe', addition);
    await first.comment(reviewer, 'refframe', 'p1', 'Looks right.');
    await first.transition(reviewer, 'refframe', 'p1', 'under-review');
    const accepted = await first.transition(maintainer, 'refframe', 'p1', 'accepted', 'TCG agreed');
    expect(accepted).toMatchObject({ state: 'accepted', change: 'c1' });
    expect(calls).toEqual([
      {
        actor: 'mia',
        vocabulary: 'refframe',
        change: {
          action: 'add',
          term: 'GSE',
          fields: { label: 'Geocentric Solar Ecliptic', description: 'Sun-pointing geocentric frame.', parents: ['ECLIPTIC'] },
        },
        note: { why: 'TCG agreed', proposal: 'p1' },
      },
    ]);
    const again = await service().get('refframe', 'p1');
    expect(again).toEqual(accepted);
    expect(again.history.map((t) => [t.who, t.from, t.to])).toEqual([
      ['eve', 'submitted', 'under-review'],
      ['mia', 'under-review', 'accepted'],
    ]);
  });

  it('a refused change leaves the proposal under review, records nothing, and answers the refusal', async () => {
    const proposals = service();
    await proposals.submit(editor, 'refframe', { term: 'ecl_FK4', action: 'Deprecation', usedIn: [], relationships: { parents: [], useInstead: 'GONE' } });
    await proposals.transition(reviewer, 'refframe', 'p1', 'under-review');
    const before = readFileSync(logPath(), 'utf8');
    refuseNext = new AstrovocError('unprocessable', 'useInstead: GONE does not exist');
    const error = await rejection(proposals.transition(maintainer, 'refframe', 'p1', 'accepted'));
    expect(error.message).toBe('useInstead: GONE does not exist');
    expect((await proposals.get('refframe', 'p1')).state).toBe('under-review');
    expect(readFileSync(logPath(), 'utf8')).toBe(before);
    await proposals.transition(maintainer, 'refframe', 'p1', 'accepted');
    expect(calls.map((c) => c.change)).toEqual([{ action: 'deprecate', term: 'ecl_FK4', useInstead: 'GONE' }]);
    expect(calls[0]!.note.why).toBeUndefined();
  });

  it('a crash after the change but before the acceptance: accepting again records the logged change, without a second one', async () => {
    const logged: ChangeEntry = {
      id: 'c-before-crash',
      vocabulary: 'refframe',
      who: 'mia',
      when: 'then',
      action: 'add',
      term: 'GSE',
      before: null,
      after: null,
      proposal: 'p1',
    };
    const proposals = new ProposalService({
      log: fileProposalLog(dir),
      vocabularies,
      carryOut,
      carriedOut: (vocabulary, proposal) => (vocabulary === 'refframe' && proposal === 'p1' ? logged : undefined),
    });
    await proposals.submit(editor, 'refframe', addition);
    await proposals.transition(reviewer, 'refframe', 'p1', 'under-review');
    const accepted = await proposals.transition(maintainer, 'refframe', 'p1', 'accepted');
    expect(accepted).toMatchObject({ state: 'accepted', change: 'c-before-crash' });
    expect(calls).toEqual([]);
  });

  it('roles: editors of another vocabulary cannot submit or comment; an editor cannot accept', async () => {
    const proposals = service();
    const outsider: Principal = { name: 'finn', role: 'editor', scope: ['timescale'] };
    expect((await rejection(proposals.submit(outsider, 'refframe', addition))).kind).toBe('forbidden');
    await proposals.submit(editor, 'refframe', addition);
    expect((await rejection(proposals.comment(outsider, 'refframe', 'p1', 'hi'))).kind).toBe('forbidden');
    await proposals.transition(reviewer, 'refframe', 'p1', 'under-review');
    expect((await rejection(proposals.transition(reviewer, 'refframe', 'p1', 'accepted'))).kind).toBe('forbidden');
    expect(calls).toEqual([]);
  });

  it('a move that does not exist is a conflict, and the author withdraws', async () => {
    const proposals = service();
    await proposals.submit(editor, 'refframe', addition);
    const error = await rejection(proposals.transition(maintainer, 'refframe', 'p1', 'accepted'));
    expect(error.kind).toBe('conflict');
    expect(error.message).toContain('is submitted: it cannot become accepted');
    expect((await proposals.transition(editor, 'refframe', 'p1', 'withdrawn')).state).toBe('withdrawn');
    expect((await rejection(proposals.comment(editor, 'refframe', 'p1', 'late'))).kind).toBe('conflict');
  });

  it('a VEP for another vocabulary URI is refused; http/https and a trailing slash are the same URI', async () => {
    const proposals = service();
    expect((await rejection(proposals.submit(editor, 'refframe', { ...addition, vocabularyUri: 'http://www.ivoa.net/rdf/timescale' }))).location).toEqual({
      parameter: 'vocabularyUri',
    });
    await expect(proposals.submit(editor, 'refframe', { ...addition, vocabularyUri: 'https://www.ivoa.net/rdf/refframe/' })).resolves.toMatchObject({
      id: 'p1',
    });
  });

  it('an unknown vocabulary or proposal is not-found; lists filter by state, and across vocabularies show open ones', async () => {
    const proposals = service();
    expect((await rejection(proposals.list('nope'))).kind).toBe('not-found');
    expect((await rejection(proposals.list('broken'))).kind).toBe('not-found');
    expect(await proposals.listAll()).toEqual([]);
    expect((await rejection(proposals.get('refframe', 'p1'))).kind).toBe('not-found');
    await proposals.submit(editor, 'refframe', addition);
    await proposals.submit(editor, 'refframe', { ...addition, term: 'GSM' });
    await proposals.submit({ ...editor, scope: '*' }, 'timescale', { ...addition, term: 'TCX', relationships: undefined });
    await proposals.transition(editor, 'refframe', 'p2', 'withdrawn');
    expect((await proposals.list('refframe', 'withdrawn')).map((p) => p.id)).toEqual(['p2']);
    expect((await proposals.listAll()).map((p) => `${p.vocabulary}/${p.id}`)).toEqual(['refframe/p1', 'timescale/p1']);
    expect((await proposals.listAll('withdrawn')).map((p) => `${p.vocabulary}/${p.id}`)).toEqual(['refframe/p2']);
  });

  it('concurrent submissions get distinct ids, each line whole', async () => {
    const proposals = service();
    const made = await Promise.all(Array.from({ length: 12 }, (_, i) => proposals.submit(editor, 'refframe', { ...addition, term: `T${i}` })));
    expect(new Set(made.map((p) => p.id)).size).toBe(12);
    expect(await service().list('refframe')).toHaveLength(12);
  });

  it('a last line torn by a crash (never acknowledged) is cut off, and the next append starts on a line of its own', async () => {
    await service().submit(editor, 'refframe', addition);
    appendFileSync(logPath(), '{"type":"commented","proposal":"p1","who":"x"');
    const proposals = service();
    expect((await proposals.get('refframe', 'p1')).comments).toEqual([]);
    await proposals.comment(reviewer, 'refframe', 'p1', 'after the crash');
    expect((await service().get('refframe', 'p1')).comments.map((c) => c.text)).toEqual(['after the crash']);
  });

  it('comment bounds name the field', async () => {
    const proposals = service();
    await proposals.submit(editor, 'refframe', addition);
    expect((await rejection(proposals.comment(editor, 'refframe', 'p1', ' '))).location).toEqual({ parameter: 'text' });
    expect((await rejection(proposals.comment(editor, 'refframe', 'p1', 'x'.repeat(4001)))).location).toEqual({ parameter: 'text' });
  });

  it('the generation moves with every recorded event', async () => {
    const proposals = service();
    const before = proposals.generation;
    await proposals.submit(editor, 'refframe', addition);
    expect(proposals.generation).not.toBe(before);
  });
});

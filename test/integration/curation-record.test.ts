import { appendFileSync, readFileSync, writeFileSync } from 'node:fs';
import { cp, mkdir, mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Principal } from '../../src/access/index.js';
import { loadCatalogue } from '../../src/catalogue/index.js';
import { CurationService } from '../../src/curation/index.js';
import { termVersion, vocabularyVersion } from '../../src/vocab/index.js';
import type { TermChange } from '../../src/model/index.js';
import { OxigraphStore } from '../../src/store/index.js';
import { VocabularyService } from '../../src/vocab/index.js';
import { mirrorPath, PROJECT_ROOT } from '../support/mirror.js';

const REFFRAME = 'http://www.ivoa.net/rdf/refframe#';
const editor: Principal = { name: 'edith', role: 'editor', scope: ['refframe'] };
const maintainer: Principal = { name: 'maria', role: 'maintainer', scope: '*' };

/** refframe's terms.csv and vocabs.conf in a temporary mirror, so a test can change upstream. */
async function smallMirror(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'astrovoc-curation-mirror-'));
  for (const file of ['ivoa-vocabularies/vocabs.conf', 'ivoa-vocabularies/refframe/terms.csv']) {
    await mkdir(join(dir, file, '..'), { recursive: true });
    await cp(mirrorPath(file), join(dir, file));
  }
  return dir;
}

interface Opened {
  vocabularies: VocabularyService;
  curation: CurationService;
}

async function open(data: string, mirror: string, how: { snapshot?: boolean } = {}): Promise<Opened & { fromSnapshot: boolean }> {
  const entries = (await loadCatalogue(PROJECT_ROOT)).filter((e) => e.id === 'refframe');
  const vocabularies = new VocabularyService(new OxigraphStore(), entries, { graphsDir: join(data, 'graphs') });
  const curation = new CurationService(vocabularies, join(data, 'curation'));
  if (how.snapshot) await mkdir(join(data, 'snapshot'), { recursive: true });
  const report = await vocabularies.load(mirror, how.snapshot ? join(data, 'snapshot') : undefined);
  expect(report.failures).toEqual([]);
  return { vocabularies, curation, fromSnapshot: report.fromSnapshot };
}

/** The If-Match a client would send: the vocabulary's version for an add, the term's otherwise. */
function versionFor({ vocabularies }: Opened, change: TermChange): string[] {
  if (change.action === 'add') return [`"${vocabularyVersion(vocabularies.get('refframe')!)}"`];
  return [`"${termVersion(vocabularies.index, vocabularies.index.term('refframe', change.term)!)}"`];
}

function apply(opened: Opened, who: Principal, change: TermChange, note?: { why?: string }) {
  return opened.curation.apply(who, 'refframe', change, versionFor(opened, change), note);
}

async function ask(opened: Opened, query: string): Promise<boolean> {
  const answer = await opened.vocabularies.store.query(query);
  return answer.kind === 'boolean' && answer.value;
}

describe('the record of curated changes', () => {
  test('each action is visible in the index and to SPARQL right after; warm and cold restarts replay every change', async () => {
    const mirror = await smallMirror();
    const data = await mkdtemp(join(tmpdir(), 'astrovoc-curation-data-'));
    const first = await open(data, mirror, { snapshot: true });
    const graph = first.vocabularies.index.vocabulary('refframe')!.graph;

    await apply(
      first,
      editor,
      { action: 'add', term: 'CURATED', fields: { label: 'Curated frame', description: 'Added by an editor.', parents: [] } },
      { why: 'test' },
    );
    expect(first.vocabularies.index.term('refframe', 'CURATED')).toMatchObject({ labels: ['Curated frame'], status: { preliminary: true } });
    expect(await ask(first, `ASK { GRAPH <${graph}> { <${REFFRAME}CURATED> <http://www.w3.org/2000/01/rdf-schema#label> "Curated frame" } }`)).toBe(true);

    await apply(first, editor, {
      action: 'modify',
      term: 'ICRS',
      fields: { label: 'ICRS (curated)', altLabels: ['International Celestial Reference System'] },
    });
    expect(first.vocabularies.index.term('refframe', 'ICRS')).toMatchObject({
      labels: ['ICRS (curated)'],
      altLabels: ['International Celestial Reference System'],
    });

    await apply(first, maintainer, { action: 'add', term: 'TEMPORARY', fields: { label: 'Temporary' } });
    await apply(first, maintainer, { action: 'approve', term: 'CURATED' });
    expect(first.vocabularies.index.term('refframe', 'CURATED')!.status).toEqual({ preliminary: false, deprecated: false });
    await apply(first, maintainer, { action: 'deprecate', term: 'CURATED', useInstead: 'ICRS' });
    expect(first.vocabularies.index.term('refframe', 'CURATED')).toMatchObject({ status: { deprecated: true }, useInstead: [`${REFFRAME}ICRS`] });
    await apply(first, maintainer, { action: 'remove', term: 'TEMPORARY' });
    expect(first.vocabularies.index.term('refframe', 'TEMPORARY')).toBeUndefined();
    expect(await ask(first, `ASK { GRAPH <${graph}> { <${REFFRAME}TEMPORARY> ?p ?o } }`)).toBe(false);

    const changes = first.curation.changes('refframe');
    expect(changes.map((c) => c.action)).toEqual(['remove', 'deprecate', 'approve', 'add', 'modify', 'add']);
    expect(changes.map((c) => c.who)).toEqual(['maria', 'maria', 'maria', 'maria', 'edith', 'edith']);
    expect(changes.at(-1)!.why).toBe('test');
    expect(first.curation.history('refframe', 'CURATED').map((c) => c.action)).toEqual(['deprecate', 'approve', 'add']);
    expect(first.curation.curated('refframe').get('TEMPORARY')).toBeNull();
    const hosted = first.curation.termRecord('refframe', 'CURATED');
    expect(hosted).toMatchObject({ status: 'deprecated', useInstead: 'ICRS', label: 'Curated frame' });
    const state = JSON.parse(readFileSync(join(data, 'curation', 'refframe', 'state.json'), 'utf8')) as { lastChange: string; curated: object };
    expect(state.lastChange).toBe(changes[0]!.id);

    for (const snapshot of [true, false]) {
      const again = await open(data, mirror, { snapshot });
      expect(again.fromSnapshot).toBe(snapshot);
      expect(again.curation.termRecord('refframe', 'CURATED')).toEqual(hosted);
      expect(again.vocabularies.index.term('refframe', 'ICRS')!.labels).toEqual(['ICRS (curated)']);
      expect(again.vocabularies.index.term('refframe', 'TEMPORARY')).toBeUndefined();
      expect(again.curation.changes('refframe')).toEqual(changes);
      expect(again.curation.conflicts('refframe')).toEqual([]);
      expect(await ask(again, `ASK { GRAPH <${graph}> { <${REFFRAME}ICRS> <http://www.w3.org/2000/01/rdf-schema#label> "ICRS (curated)" } }`)).toBe(true);
    }
  }, 60_000);

  test('replayed over a changed upstream: a label upstream changed too is a conflict, a description change still applies, a term removed upstream is a conflict', async () => {
    const mirror = await smallMirror();
    const data = await mkdtemp(join(tmpdir(), 'astrovoc-curation-data-'));
    const first = await open(data, mirror);
    await apply(first, editor, { action: 'modify', term: 'FK4', fields: { label: 'FK4 (curated)' } });
    await apply(first, editor, { action: 'modify', term: 'FK4', fields: { description: 'A curated description.' } });
    await apply(first, editor, { action: 'modify', term: 'FK5', fields: { label: 'FK5 (curated)' } });

    const csv = join(mirror, 'ivoa-vocabularies/refframe/terms.csv');
    const rows = readFileSync(csv, 'utf8').split('\n');
    const fk4 = rows.findIndex((r) => r.startsWith('FK4;'));
    const fields = rows[fk4]!.split(';');
    fields[2] = 'FK4 (upstream)';
    rows[fk4] = fields.join(';');
    writeFileSync(csv, rows.filter((r) => !r.startsWith('FK5;')).join('\n'));

    const again = await open(data, mirror);
    expect(again.curation.termRecord('refframe', 'FK4')).toMatchObject({ label: 'FK4 (upstream)', description: 'A curated description.' });
    const conflicts = again.curation.conflicts('refframe');
    expect(conflicts.map((c) => [c.change.term, c.field, c.reason])).toEqual([
      ['FK4', 'label', 'upstream changed the label too'],
      ['FK5', undefined, 'the term was removed upstream'],
    ]);
    expect(conflicts[0]!.current).toMatchObject({ label: 'FK4 (upstream)' });
    expect(again.vocabularies.index.term('refframe', 'FK5')).toBeUndefined();
    const state = JSON.parse(readFileSync(join(data, 'curation', 'refframe', 'state.json'), 'utf8')) as { conflicts: unknown[] };
    expect(state.conflicts).toHaveLength(2);
  }, 60_000);

  test('a torn last log line is ignored and cut off before the next append', async () => {
    const mirror = await smallMirror();
    const data = await mkdtemp(join(tmpdir(), 'astrovoc-curation-data-'));
    const first = await open(data, mirror);
    await apply(first, editor, { action: 'modify', term: 'ICRS', fields: { label: 'ICRS once' } });
    const log = join(data, 'curation', 'refframe', 'changes.jsonl');
    const whole = readFileSync(log, 'utf8');
    appendFileSync(log, whole.slice(0, whole.length / 2));

    const again = await open(data, mirror);
    expect(again.curation.changes('refframe')).toHaveLength(1);
    expect(again.vocabularies.index.term('refframe', 'ICRS')!.labels).toEqual(['ICRS once']);
    await apply(again, editor, { action: 'modify', term: 'ICRS', fields: { label: 'ICRS twice' } });
    const lines = readFileSync(log, 'utf8').split('\n').filter(Boolean);
    expect(lines).toHaveLength(2);
    expect(lines[0]).toBe(whole.trim());
    expect((await open(data, mirror)).curation.changes('refframe').map((c) => c.after?.label)).toEqual(['ICRS twice', 'ICRS once']);
  }, 60_000);

  test('If-Match: none is 428, a stale one 412; the wrong role is 403; nothing is recorded or changed', async () => {
    const mirror = await smallMirror();
    const data = await mkdtemp(join(tmpdir(), 'astrovoc-curation-data-'));
    const opened = await open(data, mirror);
    const change: TermChange = { action: 'modify', term: 'ICRS', fields: { label: 'ICRS stale' } };
    const stale = versionFor(opened, change);
    await expect(opened.curation.apply(editor, 'refframe', change, undefined)).rejects.toMatchObject({ kind: 'precondition-required' });
    await apply(opened, editor, { action: 'modify', term: 'ICRS', fields: { description: 'Changed first.' } });
    await expect(opened.curation.apply(editor, 'refframe', change, stale)).rejects.toMatchObject({ kind: 'precondition-failed' });
    const deprecate: TermChange = { action: 'deprecate', term: 'FK4' };
    await expect(apply(opened, editor, deprecate)).rejects.toMatchObject({ kind: 'forbidden', message: expect.stringContaining('maintainer') });
    const outsider: Principal = { name: 'otto', role: 'editor', scope: ['timescale'] };
    await expect(apply(opened, outsider, change)).rejects.toMatchObject({ kind: 'forbidden' });
    await expect(opened.curation.apply(maintainer, 'nosuch', change, 'any')).rejects.toMatchObject({ kind: 'not-found' });
    expect(opened.curation.changes('refframe')).toHaveLength(1);
    expect(opened.vocabularies.index.term('refframe', 'ICRS')!.labels).toEqual(['ICRS']);
    expect(opened.vocabularies.index.term('refframe', 'FK4')!.status.deprecated).toBe(false);
  }, 60_000);

  test('a change whose store write fails is not answered, changes nothing and does not come back at restart', async () => {
    const mirror = await smallMirror();
    const data = await mkdtemp(join(tmpdir(), 'astrovoc-curation-data-'));
    const opened = await open(data, mirror);
    const log = join(data, 'curation', 'refframe', 'changes.jsonl');
    await apply(opened, editor, { action: 'modify', term: 'ICRS', fields: { label: 'ICRS kept' } });
    const before = readFileSync(log, 'utf8');
    const store = opened.vocabularies.store;
    const replace = store.replaceGraphs.bind(store);
    store.replaceGraphs = () => Promise.reject(new Error('RuntimeError: unreachable'));
    await expect(apply(opened, editor, { action: 'modify', term: 'FK4', fields: { label: 'FK4 lost' } })).rejects.toThrow('unreachable');
    store.replaceGraphs = replace;
    expect(readFileSync(log, 'utf8')).toBe(before);
    expect(opened.vocabularies.index.term('refframe', 'FK4')!.labels).toEqual(['FK4']);
    expect(opened.curation.changes('refframe')).toHaveLength(1);
    const again = await open(data, mirror);
    expect(again.vocabularies.index.term('refframe', 'FK4')!.labels).toEqual(['FK4']);
    expect(again.vocabularies.index.term('refframe', 'ICRS')!.labels).toEqual(['ICRS kept']);
  }, 60_000);
});

import { appendFileSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { factory, type Quad } from '../../../src/model/index.js';
import { GraphJournal } from '../../../src/vocab/graph-journal.js';

const triple = (s: string, o: string): Quad => factory.quad(factory.namedNode(s), factory.namedNode('urn:ex:p'), factory.literal(o));
const values = (quads: readonly Quad[] | undefined) => (quads ?? []).map((q) => `${q.subject.value} ${q.object.value}`).sort();

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'astrovoc-journal-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('GraphJournal: the graphs written through the Graph Store and SPARQL Update, on disk', () => {
  test('replay gives each graph the content of its last record; an emptied graph comes back empty', async () => {
    const journal = new GraphJournal(join(dir, 'graphs'));
    await journal.record(new Map([['urn:g:a', [triple('urn:ex:s', '1')]], ['urn:g:b', [triple('urn:ex:s', 'b')]]]));
    await journal.record(new Map([['urn:g:a', [triple('urn:ex:s', '1'), triple('urn:ex:t', '2')]]]));
    await journal.record(new Map([['urn:g:b', []]]));
    const state = await new GraphJournal(join(dir, 'graphs')).replay();
    expect(values(state.get('urn:g:a'))).toEqual(['urn:ex:s 1', 'urn:ex:t 2']);
    expect(state.get('urn:g:b')).toEqual([]);
    expect(state.get('urn:g:a')![0]!.graph.value).toBe('urn:g:a');
  });

  test('a last line cut short by a crash is ignored, and cut off before the next append', async () => {
    const journal = new GraphJournal(join(dir, 'graphs'));
    await journal.record(new Map([['urn:g:a', [triple('urn:ex:s', 'kept')]]]));
    appendFileSync(journal.file, '{"graphs":["urn:g:a"],"nquads":"<urn:ex:s> <urn:ex:p> \\"lost');
    expect(values((await new GraphJournal(journal.dir).replay()).get('urn:g:a'))).toEqual(['urn:ex:s kept']);
    const writer = new GraphJournal(journal.dir);
    await writer.record(new Map([['urn:g:c', [triple('urn:ex:s', 'after')]]]));
    const lines = readFileSync(journal.file, 'utf8').split('\n').filter(Boolean);
    expect(lines).toHaveLength(2);
    expect(lines.every((l) => JSON.parse(l) as unknown)).toBe(true);
  });

  test('a line whose checksum does not match is not replayed', async () => {
    const journal = new GraphJournal(join(dir, 'graphs'));
    await journal.record(new Map([['urn:g:a', [triple('urn:ex:s', 'good')]]]));
    const forged = JSON.parse(readFileSync(journal.file, 'utf8')) as { nquads: string };
    appendFileSync(journal.file, `${JSON.stringify({ ...forged, nquads: forged.nquads.replace('good', 'evil') })}\n`);
    expect(values((await new GraphJournal(journal.dir).replay()).get('urn:g:a'))).toEqual(['urn:ex:s good']);
  });

  test('once grown past its bound the journal is rewritten as one record of the present content', async () => {
    const journal = new GraphJournal(join(dir, 'graphs'));
    const big = Array.from({ length: 3_000 }, (_, i) => triple(`urn:ex:s${i}`, 'x'.repeat(100)));
    for (let i = 0; i < 4; i++) await journal.record(new Map([['urn:g:big', big]]));
    const grown = statSync(journal.file).size;
    await journal.compactIfGrown(() => big);
    expect(statSync(journal.file).size).toBeLessThan(grown / 3);
    expect(values((await new GraphJournal(journal.dir).replay()).get('urn:g:big'))).toHaveLength(3_000);
  });
});

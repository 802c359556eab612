import { appendFileSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
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
    await journal.record(
      new Map([
        ['urn:g:a', [triple('urn:ex:s', '1')]],
        ['urn:g:b', [triple('urn:ex:s', 'b')]],
      ]),
    );
    await journal.record(new Map([['urn:g:a', [triple('urn:ex:s', '1'), triple('urn:ex:t', '2')]]]));
    await journal.record(new Map([['urn:g:b', []]]));
    const state = await new GraphJournal(join(dir, 'graphs')).replay();
    expect(values(state.get('urn:g:a'))).toEqual(['urn:ex:s 1', 'urn:ex:t 2']);
    expect(state.get('urn:g:b')).toEqual([]);
    expect(state.get('urn:g:a')![0]!.graph.value).toBe('urn:g:a');
  });

  test('a merge records only the triples it adds; replay gives the last whole record plus the merges after it', async () => {
    const journal = new GraphJournal(join(dir, 'graphs'));
    await journal.record(new Map([['urn:g:a', [triple('urn:ex:s', '1')]]]));
    await journal.record(new Map([['urn:g:a', [triple('urn:ex:t', '2')]]]), { add: true });
    await journal.record(new Map([['urn:g:m', [triple('urn:ex:u', '3')]]]), { add: true });
    const lines = readFileSync(journal.file, 'utf8').split('\n').filter(Boolean);
    expect(lines[1]).not.toContain('"1"');
    const state = await new GraphJournal(journal.dir).replay();
    expect(values(state.get('urn:g:a'))).toEqual(['urn:ex:s 1', 'urn:ex:t 2']);
    expect(values(state.get('urn:g:m'))).toEqual(['urn:ex:u 3']);
    // A whole record after a merge starts the graph again.
    await journal.record(new Map([['urn:g:a', [triple('urn:ex:v', '4')]]]));
    expect(values((await new GraphJournal(journal.dir).replay()).get('urn:g:a'))).toEqual(['urn:ex:v 4']);
  });

  test('a merge whose "add" mark is removed no longer matches its checksum (the mark is part of the record)', async () => {
    const journal = new GraphJournal(join(dir, 'graphs'));
    await journal.record(new Map([['urn:g:a', [triple('urn:ex:s', '1')]]]));
    await journal.record(new Map([['urn:g:a', [triple('urn:ex:t', '2')]]]), { add: true });
    const lines = readFileSync(journal.file, 'utf8').split('\n').filter(Boolean);
    const stripped = JSON.parse(lines[1]!) as Record<string, unknown>;
    delete stripped.add;
    writeFileSync(journal.file, `${lines[0]}\n${JSON.stringify(stripped)}\n`);
    expect(values((await new GraphJournal(journal.dir).replay()).get('urn:g:a'))).toEqual(['urn:ex:s 1']);
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

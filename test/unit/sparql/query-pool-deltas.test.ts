import { QueryPool } from '../../../src/sparql/query-pool.js';
import type { AnswerFormats } from '../../../src/sparql/query-protocol.js';

const JSON_RESULTS = 'application/sparql-results+json';
const FORMATS: AnswerFormats = {
  local: { SELECT: JSON_RESULTS, ASK: JSON_RESULTS, CONSTRUCT: false, DESCRIBE: false },
  federated: { SELECT: JSON_RESULTS, ASK: JSON_RESULTS, CONSTRUCT: false, DESCRIBE: false },
};
/** Deep enough to trap oxigraph: the worker is replaced. */
const TRAP = `SELECT * WHERE ${'{ '.repeat(800)}?s ?p ?o${' }'.repeat(800)}`;

let pool: QueryPool;

afterEach(async () => {
  await pool?.close();
});

async function objects(): Promise<string[]> {
  const outcome = await pool.run(
    { text: 'SELECT ?o WHERE { GRAPH ?g { <urn:s> <urn:p> ?o } }', formats: FORMATS, maxAnswerBytes: 1_000_000 },
    { timeoutMs: 10_000, client: 'test' },
  );
  if (outcome.kind !== 'answer') throw new Error(`unexpected ${outcome.kind}`);
  const json = JSON.parse(Buffer.from(outcome.body).toString('utf8')) as { results: { bindings: { o: { value: string } }[] } };
  return json.results.bindings.map((b) => b.o.value).sort();
}

describe('QueryPool: workers follow writes by the changed graphs only', () => {
  test('item 1: changes replace whole graphs in order (an empty one empties it), and a worker started later (after a trap) rebuilds the same dataset from the dump and the changes', async () => {
    pool = new QueryPool({ size: 1, queueLimit: 4 });
    await pool.loaded(pool.publishData('<urn:s> <urn:p> "base" <urn:g1> .\n<urn:s> <urn:p> "kept" <urn:g2> .\n<urn:s> <urn:p> "emptied" <urn:g4> .\n'));
    expect(await objects()).toEqual(['base', 'emptied', 'kept']);
    await pool.loaded(pool.publishChanges([{ graph: 'urn:g1', ntriples: '<urn:s> <urn:p> "one" .\n' }]));
    await pool.loaded(
      pool.publishChanges([
        { graph: 'urn:g1', ntriples: '<urn:s> <urn:p> "two" .\n' },
        { graph: 'urn:g3', ntriples: '<urn:s> <urn:p> "three" .\n' },
        { graph: 'urn:g4', ntriples: '' },
      ]),
    );
    expect(await objects()).toEqual(['kept', 'three', 'two']);
    await expect(pool.run({ text: TRAP, formats: FORMATS, maxAnswerBytes: 1_000_000 }, { timeoutMs: 10_000, client: 'test' })).rejects.toThrow(
      /worker was replaced/,
    );
    expect(pool.state.restarts).toBe(1);
    expect(await objects()).toEqual(['kept', 'three', 'two']);
    expect(pool.image.changes).toHaveLength(2);
  });

  test('item 1: a full dump drops the changes before it; compaction is due once the changes outgrow half the dump or their count bound', async () => {
    pool = new QueryPool({ size: 1, queueLimit: 4 });
    await pool.loaded(pool.publishData(`${Array.from({ length: 20 }, (_, i) => `<urn:s> <urn:p> "${i}" <urn:g1> .`).join('\n')}\n`));
    expect(pool.shouldCompact()).toBe(false);
    await pool.loaded(pool.publishChanges([{ graph: 'urn:g2', ntriples: '<urn:s> <urn:p> "small" .\n' }]));
    expect(pool.shouldCompact()).toBe(false);
    expect(pool.shouldCompact(1)).toBe(true);
    await pool.loaded(pool.publishChanges([{ graph: 'urn:g2', ntriples: '<urn:s> <urn:p> "big" .\n'.repeat(40) }]));
    expect(pool.shouldCompact()).toBe(true);
    await pool.loaded(pool.publishData('<urn:s> <urn:p> "fresh" <urn:g1> .\n'));
    expect(pool.image.changes).toHaveLength(0);
    expect(await objects()).toEqual(['fresh']);
  });
});

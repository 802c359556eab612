/**
 * Small writes on the real dataset (~100k quads) must not stall the service: the built server runs as a
 * child (test/fuzz/support/fuzz-server.ts), so /health is timed from another process, while one write at a
 * time runs. Each write is acknowledged and the next query sees it (read-your-writes). With the full-reload
 * design (a dump of the whole store after every write, another one for each update) /health waited 0.3–1.5 s.
 */
import { FuzzServer, WRITER } from '../fuzz/support/fuzz-server.js';

const HEALTH_BOUND_MS = 200;
const GRAPH = 'urn:small-writes:g';

let server: FuzzServer;

beforeAll(async () => {
  server = await FuzzServer.start();
}, 240_000);

afterAll(async () => {
  await server?.close();
});

/** Runs one write while /health is asked again and again; answers the write's status and the slowest /health. */
async function whileHealthPolled(write: () => Promise<{ status: number; text: string }>): Promise<{ status: number; text: string; slowestHealth: number }> {
  let done = false;
  let slowest = 0;
  const poll = (async () => {
    while (!done) {
      const answer = await server.request('/health', { method: 'GET', timeoutMs: 5000 });
      slowest = Math.max(slowest, answer.ms);
      await new Promise((r) => setTimeout(r, 5));
    }
  })();
  await new Promise((r) => setTimeout(r, 50));
  const answer = await write().finally(() => {
    done = true;
  });
  await poll;
  return { ...answer, slowestHealth: slowest };
}

const update = (text: string) =>
  server.request('/sparql', { method: 'POST', headers: { ...WRITER, 'content-type': 'application/sparql-update' }, body: text, timeoutMs: 30_000 });
const select = async (text: string): Promise<string[]> => {
  const answer = await server.request(`/sparql?query=${encodeURIComponent(text)}`, {
    method: 'GET',
    headers: { accept: 'application/sparql-results+json' },
    timeoutMs: 30_000,
  });
  expect(answer.status).toBe(200);
  return (JSON.parse(answer.body) as { results: { bindings: { o: { value: string } }[] } }).results.bindings.map((b) => b.o.value).sort();
};
const objects = () => select(`SELECT ?o WHERE { GRAPH <${GRAPH}> { <urn:small-writes:s> <urn:small-writes:p> ?o } }`);

describe('item 1: a small write does not stall the event loop, on the real data', () => {
  test(`item 1: a one-triple Graph Store POST keeps /health under ${HEALTH_BOUND_MS} ms, and the next query sees the triple`, async () => {
    const write = await whileHealthPolled(() =>
      server.request(`/rdf-graphs?graph=${encodeURIComponent(GRAPH)}`, {
        method: 'POST',
        headers: { ...WRITER, 'content-type': 'application/n-triples' },
        body: '<urn:small-writes:s> <urn:small-writes:p> "posted" .',
        timeoutMs: 30_000,
      }),
    );
    expect([200, 201, 204]).toContain(write.status);
    expect(write.slowestHealth).toBeLessThan(HEALTH_BOUND_MS);
    expect(await objects()).toEqual(['posted']);
  }, 60_000);

  test(`item 1: a one-line SPARQL Update (INSERT DATA, then WITH <x> DELETE … WHERE) keeps /health under ${HEALTH_BOUND_MS} ms, and the next query sees it`, async () => {
    const insert = await whileHealthPolled(() => update(`INSERT DATA { GRAPH <${GRAPH}> { <urn:small-writes:s> <urn:small-writes:p> "updated" } }`));
    expect(insert.status).toBeLessThan(300);
    expect(insert.slowestHealth).toBeLessThan(HEALTH_BOUND_MS);
    expect(await objects()).toEqual(['posted', 'updated']);
    const removal = await whileHealthPolled(() => update(`WITH <${GRAPH}> DELETE { ?s ?p ?o } WHERE { ?s ?p ?o }`));
    expect(removal.status).toBeLessThan(300);
    expect(removal.slowestHealth).toBeLessThan(HEALTH_BOUND_MS);
    expect(await objects()).toEqual([]);
  }, 60_000);
});

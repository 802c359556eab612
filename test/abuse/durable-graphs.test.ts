/**
 * Hardening item 7: a Graph Store or SPARQL Update write that was answered 2xx survives `kill -9` and a
 * restart, and a kill at any moment leaves no torn file under the data directory. Runs the built CLI
 * (dist/) as a child server on a small mirror (refframe only: the other vocabularies fail fast).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import { once } from 'node:events';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { KILL_ROUNDS } from '../support/kill-rounds.js';
import { mirrorRoot, PROJECT_ROOT } from '../support/mirror.js';

const CLI = resolve(PROJECT_ROOT, 'dist/cli/main.js');
const TOKEN = 'tester:durable-token';
const AUTH = { Authorization: `Bearer ${TOKEN}` };
const REFFRAME_GRAPH_PREFIX = 'urn:astrovoc:vocabulary:refframe';

let root: string;
let mirror: string;
let mappings: string;
const children = new Set<ChildProcess>();

beforeAll(() => {
  if (!existsSync(CLI)) throw new Error(`${CLI} is missing: run \`npm run build\` first (npm test does)`);
  root = mkdtempSync(join(tmpdir(), 'astrovoc-durable-'));
  mirror = join(root, 'mirror');
  mappings = join(root, 'mappings');
  mkdirSync(mappings, { recursive: true });
  for (const file of ['ivoa-vocabularies/refframe/terms.csv', 'ivoa-vocabularies/vocabs.conf']) cpSync(join(mirrorRoot(), file), join(mirror, file));
});

afterAll(() => {
  for (const child of children) child.kill('SIGKILL');
  rmSync(root, { recursive: true, force: true });
});

async function freePort(): Promise<number> {
  return new Promise((done) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => done(port));
    });
  });
}

interface Running {
  child: ChildProcess;
  base: string;
}

async function start(dataDir: string): Promise<Running> {
  const port = await freePort();
  const child = spawn('node', [CLI, '--from', mirror, '--data-dir', dataDir, 'serve', '--port', String(port), '--host', '127.0.0.1', '--query-workers', '1'], {
    stdio: 'ignore',
    env: { ...process.env, ASTROVOC_WRITE_TOKENS: TOKEN, ASTROVOC_MAPPINGS: mappings, ASTROVOC_LOG_LEVEL: 'error' },
  });
  children.add(child);
  child.once('exit', () => children.delete(child));
  const base = `http://127.0.0.1:${port}`;
  for (let attempt = 0; attempt < 600; attempt++) {
    if (child.exitCode !== null) throw new Error(`the server exited with ${child.exitCode}`);
    const ok = await fetch(`${base}/health`).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) return { child, base };
    await new Promise((r) => setTimeout(r, 50));
  }
  child.kill('SIGKILL');
  throw new Error('the server did not start');
}

async function kill(running: Running, signal: 'SIGKILL' | 'SIGTERM'): Promise<void> {
  const exited = once(running.child, 'exit');
  running.child.kill(signal);
  await exited;
}

const graphUrl = (base: string, graph: string) => `${base}/rdf-graphs?graph=${encodeURIComponent(graph)}`;
const put = (base: string, graph: string, body: string) =>
  fetch(graphUrl(base, graph), { method: 'PUT', headers: { ...AUTH, 'Content-Type': 'application/n-triples' }, body });
const post = (base: string, graph: string, body: string) =>
  fetch(graphUrl(base, graph), { method: 'POST', headers: { ...AUTH, 'Content-Type': 'application/n-triples' }, body });
const update = (base: string, text: string) =>
  fetch(`${base}/sparql`, { method: 'POST', headers: { ...AUTH, 'Content-Type': 'application/sparql-update' }, body: text });

/** A graph as sorted N-Triples lines ([] when it does not exist). */
async function lines(base: string, graph: string): Promise<string[]> {
  const res = await fetch(graphUrl(base, graph), { headers: { Accept: 'application/n-triples' } });
  if (res.status === 404) return [];
  expect(res.status).toBe(200);
  return (await res.text())
    .split('\n')
    .filter((l) => l.trim() !== '')
    .sort();
}

/** Every journal line is whole and matches its checksum; the snapshot's JSON files parse. */
function expectNoTornFile(dataDir: string): void {
  const journal = join(dataDir, 'graphs', 'journal.jsonl');
  if (existsSync(journal)) {
    const text = readFileSync(journal, 'utf8');
    expect(text.endsWith('\n') || text === '').toBe(true);
    for (const line of text.split('\n').filter(Boolean)) {
      const record = JSON.parse(line) as { graphs: string[]; nquads: string; sha256: string; add?: true };
      expect(
        createHash('sha256')
          .update(JSON.stringify(record.graphs))
          .update(record.add ? '\n+\n' : '\n')
          .update(record.nquads)
          .digest('hex'),
      ).toBe(record.sha256);
    }
  }
  const snapshot = join(dataDir, 'snapshot');
  for (const file of existsSync(snapshot) ? readdirSync(snapshot).filter((f) => f.endsWith('.json')) : []) {
    expect(statSync(join(snapshot, file)).size).toBeGreaterThan(0);
    expect(() => JSON.parse(readFileSync(join(snapshot, file), 'utf8')) as unknown).not.toThrow();
  }
}

describe('item 7: Graph Store and SPARQL Update writes are durable', () => {
  test('five PUT/POST/Update writes survive kill -9 and a restart, then a clean restart; a PUT to a hosted vocabulary graph is refused and never comes back', async () => {
    const dataDir = join(root, 'five');
    let server = await start(dataDir);
    const acknowledged = [
      await put(server.base, 'urn:ex:one', '<urn:ex:a> <urn:ex:p> "put" .\n'),
      await post(server.base, 'urn:ex:one', '<urn:ex:b> <urn:ex:p> "posted" .\n_:x <urn:ex:q> "blank" .\n'),
      await put(server.base, 'urn:ex:two', '<urn:ex:c> <urn:ex:p> "put two" .\n'),
      await update(server.base, 'INSERT DATA { GRAPH <urn:ex:three> { <urn:ex:d> <urn:ex:p> "updated" } }'),
      await update(
        server.base,
        'DELETE DATA { GRAPH <urn:ex:two> { <urn:ex:c> <urn:ex:p> "put two" } } ; INSERT DATA { GRAPH <urn:ex:two> { <urn:ex:e> <urn:ex:p> "replaced" } }',
      ),
    ];
    for (const res of acknowledged) expect(res.status).toBeLessThan(300);
    const vocabulary = (await fetch(`${server.base}/api/v1/vocabularies/refframe`).then((r) => r.json())) as { graph?: string };
    const refframeGraph = vocabulary.graph ?? (await findGraph(server.base, REFFRAME_GRAPH_PREFIX));
    const original = await lines(server.base, refframeGraph);
    const edited = [...original, '<http://www.ivoa.net/rdf/refframe#ICRS> <http://www.w3.org/2004/02/skos/core#altLabel> "durable edit" .'];
    const refused = await put(server.base, refframeGraph, `${edited.join('\n')}\n`);
    expect(refused.status).toBe(403);
    expect(((await refused.json()) as { detail: string }).detail).toContain('/api/v1/vocabularies/refframe/terms');
    const expected = {
      one: await lines(server.base, 'urn:ex:one'),
      two: await lines(server.base, 'urn:ex:two'),
      three: await lines(server.base, 'urn:ex:three'),
    };
    expect(expected.one).toHaveLength(3);
    expect(expected.two).toEqual(['<urn:ex:e> <urn:ex:p> "replaced" .']);

    for (const signal of ['SIGKILL', 'SIGTERM'] as const) {
      await kill(server, signal);
      server = await start(dataDir);
      expect(await lines(server.base, 'urn:ex:one')).toHaveLength(3);
      expect((await lines(server.base, 'urn:ex:one')).filter((l) => !l.startsWith('_:'))).toEqual(expected.one.filter((l) => !l.startsWith('_:')));
      expect(await lines(server.base, 'urn:ex:two')).toEqual(expected.two);
      expect(await lines(server.base, 'urn:ex:three')).toEqual(signal === 'SIGKILL' ? expected.three : []);
      // Blank nodes (the creators) are relabelled by each load.
      const named = (all: string[]) => all.filter((l) => !l.includes('_:'));
      expect(named(await lines(server.base, refframeGraph))).toEqual(named(original));
      expectNoTornFile(dataDir);
      // A deleted graph stays deleted.
      if (signal === 'SIGKILL') expect((await fetch(graphUrl(server.base, 'urn:ex:three'), { method: 'DELETE', headers: AUTH })).status).toBe(204);
    }
    await kill(server, 'SIGTERM');
  }, 60_000);

  test(
    `${KILL_ROUNDS} kills at random moments during a stream of writes: every acknowledged write is there after each restart, and no file is torn`,
    async () => {
      const dataDir = join(root, 'stream');
      const acknowledgedPosts: number[] = [];
      let lastPut = -1;
      let acknowledgedTotal = 0;
      let n = 0;
      for (let round = 0; round < KILL_ROUNDS; round++) {
        const server = await start(dataDir);
        const stream = await lines(server.base, 'urn:ex:stream');
        for (const i of acknowledgedPosts) expect(stream).toContain(`<urn:ex:w${i}> <urn:ex:p> "${i}" .`);
        if (lastPut >= 0) {
          const latest = (await lines(server.base, 'urn:ex:latest')).map((l) => Number(/"(\d+)"/.exec(l)?.[1]));
          expect(latest).toHaveLength(1);
          expect(latest[0]).toBeGreaterThanOrEqual(lastPut);
        }
        expectNoTornFile(dataDir);

        let stopped = false;
        let acknowledgedThisRound = 0;
        const writer = (async () => {
          while (!stopped) {
            const i = n++;
            const res =
              i % 3 === 2
                ? await put(server.base, 'urn:ex:latest', `<urn:ex:latest> <urn:ex:p> "${i}" .\n`).catch(() => undefined)
                : i % 3 === 1
                  ? await update(server.base, `INSERT DATA { GRAPH <urn:ex:stream> { <urn:ex:w${i}> <urn:ex:p> "${i}" } }`).catch(() => undefined)
                  : await post(server.base, 'urn:ex:stream', `<urn:ex:w${i}> <urn:ex:p> "${i}" .\n`).catch(() => undefined);
            if (!res || res.status >= 300) continue;
            acknowledgedThisRound++;
            acknowledgedTotal++;
            if (i % 3 === 2) lastPut = i;
            else acknowledgedPosts.push(i);
          }
        })();
        // Killed at a random moment once a write of this round has been answered, most likely mid-write.
        while (acknowledgedThisRound === 0) await new Promise((r) => setTimeout(r, 5));
        await new Promise((r) => setTimeout(r, Math.random() * 300));
        await kill(server, 'SIGKILL');
        stopped = true;
        await writer;
      }
      const server = await start(dataDir);
      const stream = await lines(server.base, 'urn:ex:stream');
      for (const i of acknowledgedPosts) expect(stream).toContain(`<urn:ex:w${i}> <urn:ex:p> "${i}" .`);
      expect(acknowledgedTotal).toBeGreaterThanOrEqual(KILL_ROUNDS);
      expectNoTornFile(dataDir);
      await kill(server, 'SIGTERM');
    },
    30_000 * KILL_ROUNDS,
  );
});

async function findGraph(base: string, prefix: string): Promise<string> {
  const res = await fetch(`${base}/sparql?query=${encodeURIComponent('SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }')}`, {
    headers: { Accept: 'application/sparql-results+json' },
  });
  const body = (await res.json()) as { results: { bindings: { g: { value: string } }[] } };
  const graph = body.results.bindings.map((b) => b.g.value).find((g) => g.startsWith(prefix));
  if (!graph) throw new Error(`no graph starting ${prefix}`);
  return graph;
}

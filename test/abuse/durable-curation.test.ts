/**
 * Issue 13, "Acknowledged means durable": a child server is killed with `kill -9` at random moments during a stream of
 * term edits (adds and label changes) at least 20 times; after each restart every acknowledged change is there, a
 * change in flight at the kill is either wholly there or absent, and no file under the data directory is torn.
 */
import { execFile } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { promisify } from 'node:util';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CLI, killChildServers, requireBuiltCli, startChildServer, stopChildServer, type ChildServer } from '../support/child-server.js';
import { KILL_ROUNDS } from '../support/kill-rounds.js';
import { mirrorRoot } from '../support/mirror.js';

const ROUNDS = Math.max(20, KILL_ROUNDS);
const TOKEN = 'tester:curation-token';
const AUTH = { Authorization: `Bearer ${TOKEN}` };
const TERMS = '/api/v1/vocabularies/refframe/terms';

let root: string;
let mirror: string;

beforeAll(() => {
  requireBuiltCli();
  root = mkdtempSync(join(tmpdir(), 'astrovoc-curation-kill-'));
  mirror = join(root, 'mirror');
  mkdirSync(join(root, 'mappings'));
  for (const file of ['ivoa-vocabularies/refframe/terms.csv', 'ivoa-vocabularies/vocabs.conf']) cpSync(join(mirrorRoot(), file), join(mirror, file));
});

afterAll(() => {
  killChildServers();
  rmSync(root, { recursive: true, force: true });
});

const start = (dataDir: string) => startChildServer({ mirror, dataDir, env: { ASTROVOC_WRITE_TOKENS: TOKEN, ASTROVOC_MAPPINGS: join(root, 'mappings') } });

async function etagOf(url: string): Promise<string | undefined> {
  const res = await fetch(url);
  return res.ok ? (res.headers.get('etag') ?? undefined) : undefined;
}

async function addTerm(base: string, id: string): Promise<boolean> {
  const etag = await etagOf(`${base}/api/v1/vocabularies/refframe`);
  if (!etag) return false;
  const res = await fetch(`${base}${TERMS}`, {
    method: 'POST',
    headers: { ...AUTH, 'Content-Type': 'application/json', 'If-Match': etag },
    body: JSON.stringify({ id, label: `Frame ${id}`, description: `Added by the crash test as ${id}.`, parents: ['EQUATORIAL'], why: 'crash test' }),
  });
  return res.status === 201;
}

async function relabel(base: string, id: string, label: string): Promise<boolean> {
  const etag = await etagOf(`${base}${TERMS}/${id}`);
  if (!etag) return false;
  const res = await fetch(`${base}${TERMS}/${id}`, {
    method: 'PATCH',
    headers: { ...AUTH, 'Content-Type': 'application/json', 'If-Match': etag },
    body: JSON.stringify({ label }),
  });
  return res.status === 200;
}

async function labelOf(base: string, id: string): Promise<string | undefined> {
  const res = await fetch(`${base}${TERMS}/${id}`);
  return res.ok ? ((await res.json()) as { label: string }).label : undefined;
}

/** Every whole line of the change log parses; only a last line without its newline may be cut (it was never acknowledged). */
function expectNoTornFile(dataDir: string, { lastMayBeCut }: { lastMayBeCut: boolean }): number {
  const log = join(dataDir, 'curation', 'refframe', 'changes.jsonl');
  if (!existsSync(log)) return 0;
  const text = readFileSync(log, 'utf8');
  const lines = text.split('\n');
  const tail = lines.pop()!;
  if (!lastMayBeCut) expect(tail).toBe('');
  for (const line of lines) expect(() => JSON.parse(line) as unknown).not.toThrow();
  const state = join(dataDir, 'curation', 'refframe', 'state.json');
  if (existsSync(state)) expect(() => JSON.parse(readFileSync(state, 'utf8')) as unknown).not.toThrow();
  return lines.length;
}

test(`${ROUNDS} kill -9s at random moments during a stream of term edits lose no acknowledged change and tear no file`, async () => {
  const dataDir = join(root, 'data');
  const added = new Set<string>();
  /** The label each relabelled term was last acknowledged with, and the one in flight at the kill (either may be there). */
  const labels = new Map<string, { acknowledged: string; inFlight?: string }>();
  let acknowledged = 0;
  let attempted = 0;
  let n = 0;
  for (let round = 0; round <= ROUNDS; round++) {
    const server: ChildServer = await start(dataDir);
    for (const id of added) expect(await labelOf(server.base, id)).toBeDefined();
    for (const [id, label] of labels) expect([label.acknowledged, label.inFlight]).toContain(await labelOf(server.base, id));
    expectNoTornFile(dataDir, { lastMayBeCut: true });
    if (round === ROUNDS) {
      expect(await addTerm(server.base, 'final')).toBe(true);
      expect(expectNoTornFile(dataDir, { lastMayBeCut: false })).toBeGreaterThanOrEqual(acknowledged + 1);
      await stopChildServer(server, 'SIGTERM');
      break;
    }
    let stopped = false;
    let acknowledgedThisRound = 0;
    const writer = (async () => {
      while (!stopped) {
        const i = n++;
        attempted++;
        const earlier = [...added];
        if (i % 3 === 2 && earlier.length > 0) {
          const id = earlier[i % earlier.length]!;
          const label = `Relabelled ${i}`;
          const previous = labels.get(id)?.acknowledged ?? `Frame ${id}`;
          labels.set(id, { acknowledged: previous, inFlight: label });
          if (await relabel(server.base, id, label).catch(() => false)) {
            labels.set(id, { acknowledged: label });
            acknowledged++;
            acknowledgedThisRound++;
          }
        } else {
          const id = `k${i}`;
          if (await addTerm(server.base, id).catch(() => false)) {
            added.add(id);
            acknowledged++;
            acknowledgedThisRound++;
          }
        }
      }
    })();
    while (acknowledgedThisRound === 0) await new Promise((r) => setTimeout(r, 5));
    await new Promise((r) => setTimeout(r, Math.random() * 400));
    // The write under way is killed with the server; none starts after it.
    stopped = true;
    await stopChildServer(server, 'SIGKILL');
    await writer;
  }
  // Offline, the command line sees the same record: the export holds every acknowledged term, and nothing conflicts.
  const cli = (...args: string[]) =>
    promisify(execFile)('node', [CLI, '--from', mirror, '--data-dir', dataDir, ...args], { env: { ...process.env, ASTROVOC_LOG_LEVEL: 'error' } });
  const csv = (await cli('export', 'refframe', '--format', 'csv', '--offline')).stdout;
  for (const id of [...added, 'final']) expect(csv).toMatch(new RegExp(`^${id};2;`, 'm'));
  expect((await cli('conflicts', 'refframe', '--offline', '--json')).stdout.trim()).toBe('[]');
  console.info(`durable curation: ${attempted} writes attempted, ${acknowledged} acknowledged, ${ROUNDS} kill -9s, 0 acknowledged changes lost`);
  expect(acknowledged).toBeGreaterThanOrEqual(ROUNDS);
}, 900_000);

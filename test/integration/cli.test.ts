import { execFile, spawn } from 'node:child_process';
import { mkdtemp } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { CLI, copyBuiltDataDir } from '../support/built-data-dir.js';
import { mirrorRoot } from '../support/mirror.js';
import { until } from '../support/wait-for.js';

const run = promisify(execFile);

async function astrovoc(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run('node', [CLI, ...args], { maxBuffer: 64 * 2 ** 20 });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

describe('astrovoc CLI (built)', () => {
  let dataDir: string;
  beforeAll(async () => {
    dataDir = join(await mkdtemp(join(tmpdir(), 'astrovoc-cli-')), 'data');
    await copyBuiltDataDir(dataDir);
  });

  it('stats prints a table per vocabulary from a mirror', async () => {
    const { code, stdout } = await astrovoc(['--data-dir', dataDir, '--from', mirrorRoot(), 'stats']);
    expect(code).toBe(0);
    expect(stdout).toMatch(/^id\s+community\s+version\s+terms\s+triples\s+deprecated\s+preliminary\s+top\s+status/);
    expect(stdout).toMatch(/\nrefframe\s+IVOA\s+2022-02-22\s+21\s+\d+\s+7\s/);
    expect(stdout).toMatch(/\nfacility\s+IVOA\s+\S+\s+7895\s/);
  });

  it('stats --json gives the same numbers as data', async () => {
    const { code, stdout } = await astrovoc(['--data-dir', dataDir, '--from', mirrorRoot(), 'stats', '--json']);
    expect(code).toBe(0);
    const rows = JSON.parse(stdout) as { id: string; terms: number; status: string }[];
    expect(rows.find((r) => r.id === 'object-type')?.terms).toBe(151);
    expect(rows.every((r) => r.status === 'loaded')).toBe(true);
  });

  it('export writes a vocabulary as Turtle and RDF/XML', async () => {
    const ttl = await astrovoc(['--data-dir', dataDir, '--from', mirrorRoot(), 'export', 'refframe', '--format', 'ttl']);
    expect(ttl.code).toBe(0);
    expect(ttl.stdout).toContain('<http://www.ivoa.net/rdf/refframe#ICRS>');
    const xml = await astrovoc(['--data-dir', dataDir, '--from', mirrorRoot(), 'export', 'timescale', '--format', 'rdfxml']);
    expect(xml.stdout).toMatch(/^<\?xml/);
  });

  it('exits 2 on bad usage: an unknown command, an unknown format, an unknown vocabulary', async () => {
    expect((await astrovoc(['frobnicate'])).code).toBe(2);
    expect((await astrovoc(['--from', mirrorRoot(), 'export', 'refframe', '--format', 'docx'])).code).toBe(2);
    expect((await astrovoc(['--data-dir', dataDir, '--from', mirrorRoot(), 'export', 'no-such-vocabulary'])).code).toBe(2);
  });

  it('serve --from MIRROR answers /api/v1/vocabularies with every catalogue entry', async () => {
    const port = await freePort();
    const child = spawn('node', [CLI, '--data-dir', dataDir, '--from', mirrorRoot(), 'serve', '--port', String(port), '--host', '127.0.0.1'], {
      stdio: 'ignore',
    });
    try {
      let body: { total: number; vocabularies: { loaded: boolean }[] } | undefined;
      // Until the server listens and has loaded (it may answer before the load is done).
      await until(async () => {
        const res = await fetch(`http://127.0.0.1:${port}/api/v1/vocabularies`).catch(() => undefined);
        if (res?.ok) body = (await res.json()) as typeof body;
        return body !== undefined;
      }, 110_000);
      expect(body?.total).toBeGreaterThan(90);
      expect(body?.vocabularies.every((v) => v.loaded)).toBe(true);
    } finally {
      child.kill('SIGTERM');
    }
  }, 120_000);
});

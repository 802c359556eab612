import { execFile, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { mirrorRoot, PROJECT_ROOT } from '../support/mirror.js';

const CLI = join(PROJECT_ROOT, 'dist', 'cli', 'main.js');
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

beforeAll(() => {
  if (!existsSync(CLI)) throw new Error(`${CLI} is missing: run \`npm run build\` first (npm test does)`);
});

describe('astrovoc CLI (built)', () => {
  let dataDir: string;
  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'astrovoc-cli-'));
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
      for (let attempt = 0; attempt < 120 && !body; attempt++) {
        try {
          const res = await fetch(`http://127.0.0.1:${port}/api/v1/vocabularies`);
          if (res.ok) body = (await res.json()) as typeof body;
        } catch {
          await new Promise((r) => setTimeout(r, 250));
        }
      }
      expect(body?.total).toBeGreaterThan(90);
      expect(body?.vocabularies.every((v) => v.loaded)).toBe(true);
    } finally {
      child.kill('SIGTERM');
    }
  });
});

/**
 * The built CLI (dist/) serving as a child process on a free loopback port, for the crash tests: started on a mirror
 * and a data directory, killed with SIGKILL or SIGTERM, started again on the same data directory.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { existsSync } from 'node:fs';
import { createServer } from 'node:net';
import { resolve } from 'node:path';
import { PROJECT_ROOT } from './mirror.js';

export const CLI = resolve(PROJECT_ROOT, 'dist/cli/main.js');

export interface ChildServer {
  child: ChildProcess;
  base: string;
}

const children = new Set<ChildProcess>();

/** Fails with how to build when dist/ is missing (npm test builds first). */
export function requireBuiltCli(): void {
  if (!existsSync(CLI)) throw new Error(`${CLI} is missing: run \`npm run build\` first (npm test does)`);
}

async function freePort(): Promise<number> {
  return new Promise((done) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => done(port));
    });
  });
}

/** Serves `mirror` with `dataDir`; resolves once /health answers. */
export async function startChildServer(options: { mirror: string; dataDir: string; env?: Record<string, string> }): Promise<ChildServer> {
  const port = await freePort();
  const args = [CLI, '--from', options.mirror, '--data-dir', options.dataDir, 'serve', '--port', String(port), '--host', '127.0.0.1', '--query-workers', '1'];
  const child = spawn('node', args, { stdio: 'ignore', env: { ...process.env, ASTROVOC_LOG_LEVEL: 'error', ...options.env } });
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

export async function stopChildServer(server: ChildServer, signal: 'SIGKILL' | 'SIGTERM'): Promise<void> {
  if (server.child.exitCode !== null) return;
  const exited = once(server.child, 'exit');
  server.child.kill(signal);
  await exited;
}

/** Kills every child still running (afterAll). */
export function killChildServers(): void {
  for (const child of children) child.kill('SIGKILL');
}

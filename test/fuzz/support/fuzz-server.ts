/**
 * The server a fuzz file drives: the built CLI (`astrovoc serve`, dist/) as a child process on 127.0.0.1,
 * with the real data, a write token, and private copies of the snapshot and the mapping sets (fuzzed
 * writes land there). A child rather than an app in the test process, so that a crash (an unhandled
 * rejection ends a Node process) is seen as an exit, a stalled event loop cannot stall the test runner,
 * and /health is timed from another process.
 *
 * Each server starts warm from a copy of the run's loaded data directory (test/support/built-data-dir.ts).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CLI, copyBuiltDataDir } from '../../support/built-data-dir.js';
import { mirrorRoot, PROJECT_ROOT } from '../../support/mirror.js';

export const WRITE_TOKEN = 'fuzz:secret';
export const WRITER = { authorization: `Bearer ${WRITE_TOKEN}` };
const STARTUP_MS = 180_000;
/** The last lines of the child's standard error kept for failure messages (its 500s are logged there). */
const STDERR_LINES = 40;

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
    server.on('error', reject);
  });
}

export interface Answer {
  status: number;
  /** The first characters of the body, for messages. */
  text: string;
  body: string;
  ms: number;
  headers: Headers;
}

export class FuzzServer {
  private child!: ChildProcess;
  /** Every child this server started: one is running at a time, and close() makes sure none outlives the file. */
  private readonly children = new Set<ChildProcess>();
  private restarting: Promise<void> | undefined;
  private stderr: string[] = [];
  /** Lines written to standard error since the server started (the tail is kept, the count goes on). */
  private stderrCount = 0;
  private exit: string | undefined;
  base = '';

  private constructor(private readonly dir: string) {}

  static async start(): Promise<FuzzServer> {
    const dir = mkdtempSync(join(tmpdir(), 'astrovoc-fuzz-'));
    cpSync(join(PROJECT_ROOT, 'mappings'), join(dir, 'mappings'), { recursive: true });
    const server = new FuzzServer(dir);
    await server.spawn();
    return server;
  }

  private async spawn(): Promise<void> {
    await this.stop();
    const data = join(this.dir, 'data');
    rmSync(data, { recursive: true, force: true });
    await copyBuiltDataDir(data);
    const port = await freePort();
    this.base = `http://127.0.0.1:${port}`;
    this.exit = undefined;
    this.stderr = [];
    this.stderrCount = 0;
    this.child = spawn(
      'node',
      [CLI, '--data-dir', data, '--from', mirrorRoot(), 'serve', '--port', String(port), '--host', '127.0.0.1', '--query-workers', '1'],
      {
        env: { ...process.env, ASTROVOC_MAPPINGS: join(this.dir, 'mappings'), ASTROVOC_WRITE_TOKENS: WRITE_TOKEN, ASTROVOC_LOG_LEVEL: 'error' },
        stdio: ['ignore', 'ignore', 'pipe'],
      },
    );
    this.child.stderr!.setEncoding('utf8').on('data', (chunk: string) => {
      const lines = chunk.split('\n').filter(Boolean);
      this.stderrCount += lines.length;
      this.stderr.push(...lines.map((line) => line.slice(0, 2000)));
      this.stderr.splice(0, Math.max(0, this.stderr.length - STDERR_LINES));
    });
    const child = this.child;
    this.children.add(child);
    child.on('exit', (code, signal) => {
      this.children.delete(child);
      if (child === this.child) this.exit = `exited with code ${code} signal ${signal}`;
    });
    const deadline = Date.now() + STARTUP_MS;
    while (Date.now() < deadline) {
      if (this.exit) throw new Error(`astrovoc serve ${String(this.exit)} while starting:\n${this.stderrTail()}`);
      const ok = await fetch(`${this.base}/health`, { signal: AbortSignal.timeout(2000) }).then(
        (r) => r.ok,
        () => false,
      );
      if (ok) return;
      await new Promise((r) => setTimeout(r, 50));
    }
    await this.stop();
    throw new Error(`astrovoc serve did not answer /health within ${STARTUP_MS} ms:\n${this.stderrTail()}`);
  }

  /** Why the process is gone, or undefined while it runs. */
  get crashed(): string | undefined {
    return this.exit;
  }

  stderrTail(): string {
    return this.stderr.join('\n');
  }

  /** A mark to pass to stderrSince. */
  stderrMark(): number {
    return this.stderrCount;
  }

  /** What the server wrote to standard error since the mark (its last lines only). */
  stderrSince(mark: number): string {
    return this.stderr.slice(Math.max(0, this.stderr.length - (this.stderrCount - mark))).join('\n');
  }

  /** Starts again from a fresh copy of the run's data directory when an earlier input crashed or poisoned the server, so the next property is judged alone. */
  async restartIfBroken(healthy: () => Promise<boolean>): Promise<void> {
    while (this.restarting) await this.restarting;
    if (!this.exit && (await healthy().catch(() => false))) return;
    this.restarting = this.spawn();
    try {
      await this.restarting;
    } finally {
      this.restarting = undefined;
    }
  }

  async request(path: string, init: RequestInit & { timeoutMs: number }): Promise<Answer> {
    const started = performance.now();
    const res = await fetch(`${this.base}${path}`, { ...init, redirect: 'manual', signal: AbortSignal.timeout(init.timeoutMs) });
    const body = await res.text();
    return { status: res.status, text: body.slice(0, 600), body, ms: performance.now() - started, headers: res.headers };
  }

  async stop(): Promise<void> {
    await Promise.all(
      [...this.children].map((child) => {
        const gone = new Promise((r) => child.once('exit', r));
        child.kill('SIGKILL');
        return gone;
      }),
    );
  }

  async close(): Promise<void> {
    await this.stop();
    rmSync(this.dir, { recursive: true, force: true });
  }
}

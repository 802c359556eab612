import { runDisposable, SandboxError } from '../../../src/sandbox/index.js';

const worker = new URL('../../fixtures/workers/task-worker.js', import.meta.url);
const run = (kind: string, timeoutMs = 20_000) => runDisposable<{ kind: string; value?: string }, unknown>(worker, { kind, value: 'x' }, { timeoutMs });

describe('runDisposable: untrusted work in a worker of its own', () => {
  test('answers the value the task computed', async () => {
    await expect(run('echo')).resolves.toEqual({ echoed: 'x' });
  });

  test("an error the task throws comes back as SandboxError 'failed' with its name, message and fields", async () => {
    const error = (await run('throw').catch((e: unknown) => e)) as SandboxError;
    expect(error).toBeInstanceOf(SandboxError);
    expect(error.code).toBe('failed');
    expect(error.details.remote).toEqual({ name: 'LocatedError', message: 'bad input', fields: { line: 7, name: 'LocatedError' } });
  });

  test("a task that never ends is stopped at its time limit ('timeout')", async () => {
    const started = Date.now();
    const error = (await run('loop', 1500).catch((e: unknown) => e)) as SandboxError;
    expect(error.code).toBe('timeout');
    expect(Date.now() - started).toBeLessThan(5000);
  });

  test("a WebAssembly trap costs the worker, not the caller ('crashed'), and the next task runs", async () => {
    const error = (await run('trap').catch((e: unknown) => e)) as SandboxError;
    expect(error.code).toBe('crashed');
    expect(error.message).toMatch(/unreachable/);
    await expect(run('echo')).resolves.toEqual({ echoed: 'x' });
  });
});

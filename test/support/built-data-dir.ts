/**
 * The tests that run the built CLI (dist/) as a child process start it warm: `astrovoc load` writes the
 * snapshot of the whole mirror into a data directory once per jest run (the first file that asks makes it,
 * the others wait), and each server gets a copy, since a server writes to its data directory.
 */
import { execFile } from 'node:child_process';
import { cpSync, existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { mirrorRoot, PROJECT_ROOT } from './mirror.js';
import { claimed, until } from './wait-for.js';

export const CLI = join(PROJECT_ROOT, 'dist', 'cli', 'main.js');
const BUILD_WAIT_MS = 240_000;

let made: Promise<string> | undefined;

/** The run's loaded data directory (read only: copy it with copyBuiltDataDir before serving from it). */
export function builtDataDir(): Promise<string> {
  return (made ??= make());
}

/** A private copy of the run's loaded data directory at `into`. */
export async function copyBuiltDataDir(into: string): Promise<void> {
  cpSync(await builtDataDir(), into, { recursive: true });
}

async function make(): Promise<string> {
  if (!existsSync(CLI)) throw new Error(`${CLI} is missing: run \`npm run build\` first (npm test does)`);
  const runDir = process.env.ASTROVOC_TEST_RUN_DIR;
  if (!runDir) throw new Error('ASTROVOC_TEST_RUN_DIR is not set: run jest with jest.config.js, whose global set-up makes the run directory');
  const dir = join(runDir, 'built-data');
  const building = join(runDir, 'built-data.building');
  const failed = join(runDir, 'built-data.failed');
  // The lock stays: a file that runs later in the same worker (a fresh module, so `made` is unset) must not build again.
  if (!claimed(join(runDir, 'built-data.lock'))) {
    if (!(await until(() => existsSync(dir) || existsSync(failed), BUILD_WAIT_MS, 100))) {
      throw new Error(`the run's data directory (${dir}) was not made within ${BUILD_WAIT_MS} ms`);
    }
    if (existsSync(failed)) throw new Error(`astrovoc load failed for the run's data directory: ${readFileSync(failed, 'utf8')}`);
    return dir;
  }
  try {
    await promisify(execFile)('node', [CLI, '--data-dir', building, '--from', mirrorRoot(), 'load'], {
      env: { ...process.env, ASTROVOC_LOG_LEVEL: 'error' },
      maxBuffer: 64 * 2 ** 20,
    });
  } catch (error) {
    writeFileSync(failed, String(error));
    throw error;
  }
  renameSync(building, dir);
  return dir;
}

/**
 * Coordination between the jest workers and with child processes: one caller claims a piece of work, the
 * others wait for it with a bound (a file appearing, a condition turning true).
 */
import { existsSync, mkdirSync, watch } from 'node:fs';
import { basename, dirname } from 'node:path';

/** Resolves true as soon as the file exists, false after timeoutMs. */
export function fileAppears(path: string, timeoutMs: number): Promise<boolean> {
  return new Promise((resolve) => {
    const watcher = watch(dirname(path), (_event, name) => {
      if (name === basename(path) && existsSync(path)) finish(true);
    });
    const timer = setTimeout(() => finish(existsSync(path)), timeoutMs);
    function finish(found: boolean): void {
      clearTimeout(timer);
      watcher.close();
      resolve(found);
    }
    // The file may have appeared before the watch began.
    if (existsSync(path)) finish(true);
  });
}

/**
 * Polls `check` until it answers true (resolves true) or timeoutMs pass (resolves false); `everyMs` apart.
 * For conditions with no event to listen to, such as a server starting to answer.
 */
export async function until(check: () => boolean | Promise<boolean>, timeoutMs: number, everyMs = 50): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (await check()) return true;
    if (Date.now() >= deadline) return false;
    await new Promise((r) => setTimeout(r, everyMs));
  }
}

/** True for the one caller that creates the directory (mkdir is atomic across the jest workers). */
export function claimed(dir: string): boolean {
  try {
    mkdirSync(dir);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw error;
  }
}

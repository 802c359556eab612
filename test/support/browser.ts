/**
 * Headless Debian Chromium driven by playwright-core, for the page tests. `.ci/run` installs the
 * `chromium` package; playwright's own browser download is never used (it cannot run here).
 */
import { existsSync, mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import { PROJECT_ROOT } from './mirror.js';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export async function launchBrowser(): Promise<Browser> {
  if (!existsSync(CHROMIUM)) throw new Error(`No Chromium at ${CHROMIUM}: install Debian's chromium package (apt-get install chromium), or set CHROMIUM_PATH`);
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

/** Where browser tests keep their screenshots (git-ignored; CI keeps them as artefacts). */
export function artifactPath(name: string): string {
  const dir = resolve(PROJECT_ROOT, 'test-artifacts');
  mkdirSync(dir, { recursive: true });
  return resolve(dir, name);
}

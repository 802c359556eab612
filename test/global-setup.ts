/**
 * Jest global set-up: a directory for this run's shared state, named in ASTROVOC_TEST_RUN_DIR (the workers
 * inherit it). test/support/mirror-snapshot.ts keeps the run's snapshot of the whole mirror there, made by
 * the first suite that needs it, so the mirror is parsed once per run, and only by runs that need it.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export default function globalSetup(): void {
  process.env.ASTROVOC_TEST_RUN_DIR = mkdtempSync(join(tmpdir(), 'astrovoc-test-run-'));
}

/**
 * Where the tests find the real upstream data: ASTROVOC_MIRROR, then ../shared/upstream, then the
 * sync cache (data/cache). Tests that need it call `mirrorPath()`, which fails plainly when none is there.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';

/** The nearest folder above this file with astrovoc's package.json (this file also runs compiled, from dist-bench/). */
function findProjectRoot(start: string): string {
  for (let dir = start; dir !== dirname(dir); dir = dirname(dir)) {
    const manifest = resolve(dir, 'package.json');
    if (existsSync(manifest) && (JSON.parse(readFileSync(manifest, 'utf8')) as { name?: string }).name === 'astrovoc') return dir;
  }
  throw new Error(`no astrovoc package.json above ${start}`);
}

const projectRoot = findProjectRoot(import.meta.dirname);

function candidates(): string[] {
  const list: string[] = [];
  if (process.env.ASTROVOC_MIRROR) list.push(resolve(process.env.ASTROVOC_MIRROR));
  list.push(resolve(projectRoot, '..', 'shared', 'upstream'));
  list.push(resolve(projectRoot, 'data', 'cache'));
  return list;
}

export function mirrorRoot(): string {
  const found = candidates().find((dir) => existsSync(resolve(dir, 'ivoa-vocabularies', 'vocabs.conf')));
  if (!found) {
    throw new Error(
      `No upstream mirror found. Looked in: ${candidates().join(', ')}. ` +
        'Set ASTROVOC_MIRROR to a copy of shared/upstream, or run `astrovoc sync` to fill data/cache.',
    );
  }
  return found;
}

/** Absolute path of a file in the mirror, e.g. mirrorPath('ivoa-vocabularies/refframe/terms.csv'). */
export function mirrorPath(relative: string): string {
  return resolve(mirrorRoot(), relative);
}

export function readMirror(relative: string): Uint8Array {
  return readFileSync(mirrorPath(relative));
}

/** The IVOA converter's own builds (shared/reference-builds/ivoa), the fidelity reference. */
export function referenceBuildPath(relative: string): string {
  const dir = resolve(projectRoot, '..', 'shared', 'reference-builds', 'ivoa');
  if (!existsSync(dir)) throw new Error(`No reference builds at ${dir}: fidelity tests need ../shared/reference-builds/ivoa.`);
  return resolve(dir, relative);
}

export const PROJECT_ROOT = projectRoot;

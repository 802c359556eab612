import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Command } from 'commander';
import { registerUcdCommands } from '../../../src/cli/commands/ucd-command.js';
import { PROJECT_ROOT } from '../../support/mirror.js';
import { loadUcdService, loadVotableVocabularies } from './load-ucd.js';

async function run(args: string[], stdin = ''): Promise<{ out: string; err: string; exitCode: number }> {
  const out: string[] = [];
  const err: string[] = [];
  const program = new Command().exitOverride();
  registerUcdCommands(program, async () => ({ service: loadUcdService(), votableVocabularies: loadVotableVocabularies() }), {
    out: (t) => out.push(t),
    err: (t) => err.push(t),
    readStdin: async () => stdin,
  });
  const previous = process.exitCode;
  process.exitCode = 0;
  await program.parseAsync(['node', 'astrovoc', ...args]);
  const exitCode = Number(process.exitCode ?? 0);
  process.exitCode = previous;
  return { out: out.join('\n'), err: err.join('\n'), exitCode };
}

describe('astrovoc ucd / votable commands', () => {
  test('ucd check exits 0 when all are valid', async () => {
    const r = await run(['ucd', 'check', 'phot.mag;em.opt.V', 'pos.eq.ra;meta.main']);
    expect(r.exitCode).toBe(0);
    expect(r.out).toContain('phot.mag;em.opt.V\tvalid');
  });

  test('ucd check exits 1 when any is invalid, and prints diagnostics and suggestions', async () => {
    const r = await run(['ucd', 'check', 'phot.mag', 'meta.main;pos.eq.ra']);
    expect(r.exitCode).toBe(1);
    expect(r.out).toContain('secondary-first');
    expect(r.out).toContain('suggestion: pos.eq.ra;meta.main');
  });

  test('ucd check reads lines from stdin without arguments; --json prints the results', async () => {
    const r = await run(['ucd', 'check', '--json'], 'phot.mag\n\npos.lambert\n');
    expect(JSON.parse(r.out).map((v: { status: string }) => v.status)).toEqual(['valid', 'deprecated']);
    expect(r.exitCode).toBe(1);
  });

  test('ucd explain and ucd suggest', async () => {
    expect((await run(['ucd', 'explain', 'phot.mag;em.opt.V'])).out).toContain('Photometric magnitude, in the optical band');
    const s = await run(['ucd', 'suggest', 'RA J2000', '--json']);
    expect(JSON.parse(s.out)[0].ucd).toBe('pos.eq.ra;meta.main');
  });

  test('votable check reports per element and exits 1 on an invalid document', async () => {
    const r = await run(['votable', 'check', resolve(PROJECT_ROOT, 'test/fixtures/ucd/votable-1.5.xml')]);
    expect(r.exitCode).toBe(1);
    expect(r.out).toContain('line 11: FIELD dec @ucd="meta.main;pos.eq.dec" invalid');
  });

  test('votable check on a missing file says so and exits 1', async () => {
    const r = await run(['votable', 'check', '/nonexistent/file.xml']);
    expect(r.exitCode).toBe(1);
    expect(r.err).toContain('cannot read /nonexistent/file.xml');
  });

  test('votable check on a document nested past the bound names the bound and exits 1', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'astrovoc-votable-'));
    const file = join(dir, 'deep.xml');
    writeFileSync(file, `<VOTABLE version="1.4">${'<GROUP>'.repeat(150)}${'</GROUP>'.repeat(150)}</VOTABLE>`);
    try {
      const r = await run(['votable', 'check', file]);
      expect(r.exitCode).toBe(1);
      expect(r.err).toContain('nested more than 100 deep');
    } finally {
      rmSync(dir, { recursive: true });
    }
  });
});

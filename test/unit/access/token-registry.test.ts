import { readFileSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { formatTokenLine, hashSecret, parseSecretHash, TokenRegistry, verifySecret, type SecretHash } from '../../../src/access/index.js';
import { PROJECT_ROOT } from '../../support/mirror.js';

let dir: string;
let file: string;
let aliceHash: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'astrovoc-tokens-'));
  file = join(dir, 'tokens');
  aliceHash = await hashSecret('alice-secret');
  const lines = [
    formatTokenLine({ name: 'alice', role: 'editor', scope: ['refframe'] }, aliceHash),
    formatTokenLine({ name: 'bob', role: 'maintainer', scope: '*' }, await hashSecret('bob-secret')),
  ];
  await writeFile(file, `# tokens\n${lines.join('\n')}\n`);
});

afterAll(() => rm(dir, { recursive: true, force: true }));

describe('scrypt hashes of secrets', () => {
  test('a new hash has N=16384, r=8, p=1, a 16-byte salt and a 32-byte key, and a fresh salt each time', async () => {
    const parsed = parseSecretHash(aliceHash) as SecretHash;
    expect(aliceHash).toMatch(/^scrypt\$16384\$8\$1\$/);
    expect({ N: parsed.N, r: parsed.r, p: parsed.p, salt: parsed.salt.length, key: parsed.key.length }).toEqual({ N: 16384, r: 8, p: 1, salt: 16, key: 32 });
    expect(await hashSecret('alice-secret')).not.toBe(aliceHash);
  });

  test('verifies the right secret and refuses a wrong one or a tampered hash', async () => {
    const parsed = parseSecretHash(aliceHash) as SecretHash;
    expect(await verifySecret('alice-secret', parsed)).toBe(true);
    expect(await verifySecret('alice-secreT', parsed)).toBe(false);
    const key = Buffer.from(parsed.key);
    key[0] = key[0]! ^ 1;
    expect(await verifySecret('alice-secret', { ...parsed, key })).toBe(false);
    const salt = Buffer.from(parsed.salt);
    salt[3] = salt[3]! ^ 0x80;
    expect(await verifySecret('alice-secret', { ...parsed, salt })).toBe(false);
  });

  test('compares keys and environment tokens with timingSafeEqual, never with === (by construction)', () => {
    for (const source of ['secret-hash.ts', 'token-registry.ts']) {
      const text = readFileSync(resolve(PROJECT_ROOT, 'src/access', source), 'utf8');
      expect(text).toMatch(/timingSafeEqual\(/);
    }
    const registry = readFileSync(resolve(PROJECT_ROOT, 'src/access/token-registry.ts'), 'utf8');
    expect(registry).not.toMatch(/token\s*===|===\s*token|\.equals\(/);
  });
});

describe('the token registry', () => {
  test('a file token <name>.<secret> gives its owner, role and scope', async () => {
    const registry = await TokenRegistry.load(file);
    expect(await registry.authenticate('alice.alice-secret')).toEqual({ name: 'alice', role: 'editor', scope: ['refframe'] });
    expect(await registry.authenticate('bob.bob-secret')).toEqual({ name: 'bob', role: 'maintainer', scope: '*' });
    expect(registry.size).toBe(2);
  });

  test("a wrong secret, another token's secret, an unknown name or no name is not valid", async () => {
    const registry = await TokenRegistry.load(file);
    expect(await registry.authenticate('alice.bob-secret')).toBeUndefined();
    expect(await registry.authenticate('alice.alice-secret2')).toBeUndefined();
    expect(await registry.authenticate('carol.alice-secret')).toBeUndefined();
    expect(await registry.authenticate('alice-secret')).toBeUndefined();
  });

  test('an unknown name costs one scrypt like a known one (timing does not tell names apart)', async () => {
    const registry = await TokenRegistry.load(file);
    const time = async (token: string) => {
      const start = performance.now();
      await registry.authenticate(token);
      return performance.now() - start;
    };
    // The fastest of three runs each, so that a pause of a loaded machine does not decide.
    const fastest = async (token: string) => Math.min(await time(token), await time(token), await time(token));
    const known = await fastest('alice.wrong');
    const unknown = await fastest('nobody.wrong');
    // A scrypt of N=16384, r=8 takes milliseconds; a map miss alone takes microseconds.
    expect(unknown).toBeGreaterThan(known / 4);
    expect(unknown).toBeGreaterThan(1);
  });

  test('a verified token is kept: a second check does not pay scrypt; a failure is not kept', async () => {
    const registry = await TokenRegistry.load(file);
    await registry.authenticate('alice.alice-secret');
    const start = performance.now();
    for (let i = 0; i < 50; i++) await registry.authenticate('alice.alice-secret');
    // 50 scrypts would take seconds.
    expect(performance.now() - start).toBeLessThan(500);
    expect(await registry.authenticate('alice.wrong')).toBeUndefined();
  });

  test('ASTROVOC_WRITE_TOKENS: name:secret and a bare secret are maintainers of every vocabulary', async () => {
    const registry = await TokenRegistry.load(join(dir, 'no-such-file'), ['dora:w', 'plain']);
    expect(await registry.authenticate('dora:w')).toEqual({ name: 'dora', role: 'maintainer', scope: '*' });
    expect(await registry.authenticate('plain')).toEqual({ name: 'maintainer', role: 'maintainer', scope: '*' });
    expect(await registry.authenticate('dora:x')).toBeUndefined();
    expect(await registry.authenticate('dora:ww')).toBeUndefined();
    expect(await TokenRegistry.fromEnvironment([]).authenticate('')).toBeUndefined();
  });

  test('a bad line stops the load, naming the file and line', async () => {
    const bad = join(dir, 'bad');
    await writeFile(bad, `# tokens\n\nalice editor *\n`);
    await expect(TokenRegistry.load(bad)).rejects.toThrow(`${bad}:3: expected 4 fields`);
  });
});

describe('a token file that changes under a running server', () => {
  test('a token removed stops working, a token added starts working, once the file is read again', async () => {
    const changing = join(dir, 'changing');
    const line = (name: string, hash: string) => formatTokenLine({ name, role: 'editor', scope: '*' }, hash);
    await writeFile(changing, `${line('alice', aliceHash)}\n`);
    const registry = await TokenRegistry.load(changing, [], { recheckMs: 0 });
    expect(await registry.authenticate('alice.alice-secret')).toMatchObject({ name: 'alice' });
    await writeFile(changing, `${line('carolyn', await hashSecret('carol-secret'))}\n`);
    expect(await registry.authenticate('alice.alice-secret')).toBeUndefined();
    expect(await registry.authenticate('carolyn.carol-secret')).toMatchObject({ name: 'carolyn' });
  });

  test('a changed file that cannot be read is reported once, and the tokens read before stay', async () => {
    const broken = join(dir, 'broken');
    await writeFile(broken, `${formatTokenLine({ name: 'alice', role: 'editor', scope: '*' }, aliceHash)}\n`);
    const messages: string[] = [];
    const registry = await TokenRegistry.load(broken, [], { recheckMs: 0, log: (message) => messages.push(message) });
    await writeFile(broken, 'alice editor *\n');
    expect(await registry.authenticate('alice.alice-secret')).toMatchObject({ name: 'alice' });
    expect(await registry.authenticate('alice.alice-secret')).toMatchObject({ name: 'alice' });
    expect(messages).toEqual([
      `the token file was not read again, the tokens read before stay in force: ${broken}:1: expected 4 fields (name role scope hash), found 3`,
    ]);
  });
});

/**
 * `astrovoc token add|list|remove`: the token file, where each write token is a line with its owner, role, scope
 * and the scrypt hash of its secret. The secret itself is printed once, by `add`, and kept nowhere.
 */
import { randomBytes } from 'node:crypto';
import { mkdir, open, readFile, rename, rm } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { Option, type Command } from 'commander';
import { formatTokenLine, hashSecret, parseTokenFile, ROLES, TOKEN_FILE_HEADER, TOKEN_NAME, type Principal, type Role } from '../../access/index.js';
import type { Config } from '../../config/index.js';
import { AstrovocError } from '../../model/index.js';
import { formatTable } from '../table.js';

/** The token file the configuration names: --token-file, ASTROVOC_TOKEN_FILE, or `tokens` in the data directory. */
export const tokenFile = (config: Config, dataDir: string): string => resolve(config.tokenFile ?? resolve(dataDir, 'tokens'));

export interface TokenCommandIo {
  out: (text: string) => void;
  err: (text: string) => void;
}

const defaultIo: TokenCommandIo = { out: (text) => process.stdout.write(text), err: (text) => process.stderr.write(text) };

async function readText(file: string): Promise<string> {
  return readFile(file, 'utf8').catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return '';
    throw error;
  });
}

/** Replaces the file with `text` so that a reader sees the old file or the new one, whole: a temporary file, fsync, rename. */
async function writeAtomically(file: string, text: string): Promise<void> {
  await mkdir(dirname(file), { recursive: true });
  const temporary = `${file}.${process.pid}.tmp`;
  const handle = await open(temporary, 'w', 0o600);
  try {
    await handle.writeFile(text);
    await handle.sync();
  } finally {
    await handle.close();
  }
  await rename(temporary, file).catch(async (error: unknown) => {
    await rm(temporary, { force: true });
    throw error;
  });
  const directory = await open(dirname(file), 'r');
  await directory.sync().finally(() => directory.close());
}

const scopeOf = (token: Principal) => (token.scope === '*' ? '*' : token.scope.join(','));

/** Adds a token; its text (`<name>.<secret>`), which only the client keeps. */
export async function addToken(file: string, token: Principal): Promise<string> {
  if (!TOKEN_NAME.test(token.name))
    throw new AstrovocError('bad-request', `a token name holds only letters, digits, "_" and "-", not ${JSON.stringify(token.name)}`);
  const text = await readText(file);
  if (parseTokenFile(text, file).some((entry) => entry.name === token.name))
    throw new AstrovocError('bad-request', `${file} has a token named ${token.name} already: remove it first, or choose another name`);
  const secret = randomBytes(32).toString('base64url');
  const line = formatTokenLine(token, await hashSecret(secret));
  const updated = `${text === '' ? `${TOKEN_FILE_HEADER}\n` : text.endsWith('\n') ? text : `${text}\n`}${line}\n`;
  parseTokenFile(updated, file);
  await writeAtomically(file, updated);
  return `${token.name}.${secret}`;
}

/** Removes the token's line, keeping every other line as it is. */
export async function removeToken(file: string, name: string): Promise<void> {
  const text = await readText(file);
  const entry = parseTokenFile(text, file).find((e) => e.name === name);
  if (!entry) throw new AstrovocError('not-found', `${file} has no token named ${name}`);
  const lines = text.split('\n');
  lines.splice(entry.line - 1, 1);
  await writeAtomically(file, lines.join('\n'));
}

/** `astrovoc token add|list|remove`; `file` gives the token file once the configuration is read. */
export function registerTokenCommands(program: Command, file: () => string, io: TokenCommandIo = defaultIo): Command {
  const token = program.command('token').description('write tokens: add one (its secret is printed once), list them, remove one');
  token
    .command('add')
    .description('add a token and print it (<name>.<secret>) once; only its scrypt hash is kept')
    .argument('<name>', 'its owner, recorded as the author of its writes (letters, digits, "_" and "-")')
    .addOption(new Option('--role <role>', 'what it may do').choices(ROLES).makeOptionMandatory())
    .option('--vocab <id>', 'a vocabulary it holds the role for (repeatable; none: every vocabulary)', (id: string, ids: string[] = []) => [...ids, id])
    .action(async (name: string, options: { role: Role; vocab?: string[] }) => {
      const where = file();
      const scope = options.vocab?.length ? options.vocab : '*';
      const text = await addToken(where, { name, role: options.role, scope });
      io.out(`${text}\n`);
      io.err(
        `token ${name} (${options.role} of ${scope === '*' ? 'every vocabulary' : scope.join(', ')}) added to ${where}; this is the only time it is shown\n`,
      );
    });
  token
    .command('list')
    .description('the tokens: name, role and scope (never a hash)')
    .action(async () => {
      const where = file();
      const entries = parseTokenFile(await readText(where), where);
      io.out(formatTable(entries.map((entry) => ({ name: entry.name, role: entry.role, scope: scopeOf(entry) }))));
    });
  token
    .command('remove')
    .description('remove a token (a running server stops accepting it within a second)')
    .argument('<name>', 'the token to remove')
    .action(async (name: string) => {
      const where = file();
      await removeToken(where, name);
      io.err(`token ${name} removed from ${where}\n`);
    });
  return token;
}

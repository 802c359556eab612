/**
 * Who a bearer token belongs to: a token of the token file (`<name>.<secret>`, checked against its scrypt hash) or
 * one of the environment's tokens (ASTROVOC_WRITE_TOKENS: `name:secret`, or a bare secret owned by "maintainer";
 * maintainers of every vocabulary).
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import { readFile, stat } from 'node:fs/promises';
import type { Principal } from './principal.js';
import { decoyHash, verifySecret, type SecretHash } from './secret-hash.js';
import { parseTokenFile, type TokenEntry } from './token-file.js';

/** Verified tokens kept (by the SHA-256 of the token), so that a busy client does not pay scrypt on every request. */
const CACHE_SIZE = 1024;

export interface TokenFileOptions {
  /** How often a request may look whether the file changed (default 1 s): a token removed stops working within it. */
  recheckMs?: number;
  /** Told when a changed file cannot be read (the tokens read before stay in force). */
  log?: (message: string) => void;
}

interface FileSource extends Required<TokenFileOptions> {
  file: string;
  /** The file's identity and version when it was read: inode, size and modification time (empty: no file). */
  version: string;
  checkedAt: number;
}

async function versionOf(file: string): Promise<string> {
  return stat(file).then(
    (s) => `${s.ino}:${s.size}:${s.mtimeMs}`,
    (error: NodeJS.ErrnoException) => {
      if (error.code === 'ENOENT') return '';
      throw error;
    },
  );
}

async function readTokens(file: string): Promise<{ entries: TokenEntry[]; version: string }> {
  const version = await versionOf(file);
  const text = version === '' ? '' : await readFile(file, 'utf8');
  return { entries: parseTokenFile(text, file), version };
}

interface EnvironmentToken {
  token: Buffer;
  principal: Principal;
}

function environmentToken(text: string): EnvironmentToken {
  const colon = text.indexOf(':');
  const name = colon > 0 ? text.slice(0, colon) : 'maintainer';
  return { token: Buffer.from(text), principal: { name, role: 'maintainer', scope: '*' } };
}

/** Whether two byte strings are equal, in a time that depends only on their lengths. */
function sameBytes(a: Buffer, b: Buffer): boolean {
  return a.length === b.length && timingSafeEqual(a, b);
}

export class TokenRegistry {
  private byName: ReadonlyMap<string, TokenEntry>;
  private readonly environment: readonly EnvironmentToken[];
  private readonly decoy: SecretHash = decoyHash();
  private readonly verified = new Map<string, Principal>();
  private source: FileSource | undefined;
  private reloading: Promise<void> | undefined;

  constructor(entries: readonly TokenEntry[] = [], environment: readonly string[] = []) {
    this.byName = new Map(entries.map((entry) => [entry.name, entry]));
    this.environment = environment.filter((token) => token.length > 0).map(environmentToken);
  }

  /** Only the environment's tokens (tests, and a service without a token file). */
  static fromEnvironment(tokens: readonly string[]): TokenRegistry {
    return new TokenRegistry([], tokens);
  }

  /**
   * The tokens of the file (none when it does not exist) and of the environment; a bad line throws naming the file
   * and line. The file is read again when it changes (`astrovoc token add|remove` on a running server).
   */
  static async load(file: string, environment: readonly string[] = [], options: TokenFileOptions = {}): Promise<TokenRegistry> {
    const { entries, version } = await readTokens(file);
    const registry = new TokenRegistry(entries, environment);
    registry.source = { file, version, checkedAt: Date.now(), recheckMs: options.recheckMs ?? 1000, log: options.log ?? (() => {}) };
    return registry;
  }

  /** Reads the file again if it changed since; a file that cannot be read is reported and the tokens read before stay. */
  private async refresh(): Promise<void> {
    const source = this.source;
    if (!source || Date.now() - source.checkedAt < source.recheckMs) return this.reloading;
    source.checkedAt = Date.now();
    this.reloading ??= (async () => {
      try {
        const version = await versionOf(source.file);
        if (version === source.version) return;
        // Once per version of the file: a file that cannot be read is reported once, not at every request.
        source.version = version;
        const { entries } = await readTokens(source.file);
        this.byName = new Map(entries.map((entry) => [entry.name, entry]));
        this.verified.clear();
      } catch (error) {
        source.log(`the token file was not read again, the tokens read before stay in force: ${error instanceof Error ? error.message : String(error)}`);
      }
    })().finally(() => (this.reloading = undefined));
    return this.reloading;
  }

  /** How many tokens the file and the environment give. */
  get size(): number {
    return this.byName.size + this.environment.length;
  }

  /** The owner of `token` with its role and scope, or undefined when it is no valid token. */
  async authenticate(token: string): Promise<Principal | undefined> {
    const given = Buffer.from(token);
    let fromEnvironment: Principal | undefined;
    // Every environment token is compared, so the time does not say which one matched.
    for (const candidate of this.environment) if (sameBytes(candidate.token, given)) fromEnvironment ??= candidate.principal;
    if (fromEnvironment) return fromEnvironment;
    await this.refresh();
    if (this.byName.size === 0) return undefined;
    const digest = createHash('sha256').update(given).digest('base64');
    const cached = this.verified.get(digest);
    if (cached) return cached;
    const dot = token.indexOf('.');
    const entry = dot > 0 ? this.byName.get(token.slice(0, dot)) : undefined;
    // An unknown name is checked against a decoy, so it costs one scrypt like a known one.
    const valid = await verifySecret(dot > 0 ? token.slice(dot + 1) : token, entry?.hash ?? this.decoy);
    // A file read again while the secret was checked may have removed the token.
    if (!valid || !entry || this.byName.get(entry.name) !== entry) return undefined;
    const principal: Principal = { name: entry.name, role: entry.role, scope: entry.scope };
    if (this.verified.size >= CACHE_SIZE) this.verified.delete(this.verified.keys().next().value!);
    this.verified.set(digest, principal);
    return principal;
  }
}

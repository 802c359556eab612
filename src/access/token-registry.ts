/**
 * Who a bearer token belongs to: a token of the token file (`<name>.<secret>`, checked against its scrypt hash) or
 * one of the environment's tokens (ASTROVOC_WRITE_TOKENS: `name:secret`, or a bare secret owned by "maintainer";
 * maintainers of every vocabulary).
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import type { Principal } from './principal.js';
import { decoyHash, verifySecret, type SecretHash } from './secret-hash.js';
import { parseTokenFile, type TokenEntry } from './token-file.js';

/** Verified tokens kept (by the SHA-256 of the token), so that a busy client does not pay scrypt on every request. */
const CACHE_SIZE = 1024;

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
  private readonly byName: ReadonlyMap<string, TokenEntry>;
  private readonly environment: readonly EnvironmentToken[];
  private readonly decoy: SecretHash = decoyHash();
  private readonly verified = new Map<string, Principal>();

  constructor(entries: readonly TokenEntry[] = [], environment: readonly string[] = []) {
    this.byName = new Map(entries.map((entry) => [entry.name, entry]));
    this.environment = environment.filter((token) => token.length > 0).map(environmentToken);
  }

  /** Only the environment's tokens (tests, and a service without a token file). */
  static fromEnvironment(tokens: readonly string[]): TokenRegistry {
    return new TokenRegistry([], tokens);
  }

  /** The tokens of the file (none when it does not exist) and of the environment; a bad line throws naming the file and line. */
  static async load(file: string, environment: readonly string[] = []): Promise<TokenRegistry> {
    const text = await readFile(file, 'utf8').catch((error: NodeJS.ErrnoException) => {
      if (error.code === 'ENOENT') return '';
      throw error;
    });
    return new TokenRegistry(parseTokenFile(text, file), environment);
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
    if (this.byName.size === 0) return undefined;
    const digest = createHash('sha256').update(given).digest('base64');
    const cached = this.verified.get(digest);
    if (cached) return cached;
    const dot = token.indexOf('.');
    const entry = dot > 0 ? this.byName.get(token.slice(0, dot)) : undefined;
    // An unknown name is checked against a decoy, so it costs one scrypt like a known one.
    const valid = await verifySecret(dot > 0 ? token.slice(dot + 1) : token, entry?.hash ?? this.decoy);
    if (!valid || !entry) return undefined;
    const principal: Principal = { name: entry.name, role: entry.role, scope: entry.scope };
    if (this.verified.size >= CACHE_SIZE) this.verified.delete(this.verified.keys().next().value!);
    this.verified.set(digest, principal);
    return principal;
  }
}

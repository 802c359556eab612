/**
 * The token file: one write token per line, `<name> <role> <scope> <hash>` separated by spaces; `#` starts a
 * comment line, blank lines are skipped. The scope is `*` (every vocabulary) or comma-separated vocabulary ids;
 * the hash is `scrypt$N$r$p$<salt>$<key>` of the token's secret. A client sends `<name>.<secret>`.
 */
import { AstrovocError } from '../model/index.js';
import { ROLES, type Principal, type Role } from './principal.js';
import { parseSecretHash, type SecretHash } from './secret-hash.js';

/** A token's name: what finds its line, and the "who" of its writes. */
export const TOKEN_NAME = /^[A-Za-z0-9_-]+$/;
const VOCABULARY_ID = /^[A-Za-z0-9][A-Za-z0-9_.-]*$/;

export interface TokenEntry extends Principal {
  hash: SecretHash;
  /** The hash as written in the file. */
  hashText: string;
  /** The line of the file (1-based). */
  line: number;
}

export const TOKEN_FILE_HEADER =
  '# astrovoc write tokens: <name> <role: editor|maintainer> <scope: * or vocabulary ids, comma-separated> <scrypt hash of the secret>';

function lineError(file: string, line: number, message: string): AstrovocError {
  return new AstrovocError('invalid-config', `${file}:${line}: ${message}`, { location: { file, line } });
}

/** One line's entry, or a message saying what is wrong with it. */
function parseLine(text: string, line: number): TokenEntry | string {
  const fields = text.trim().split(/\s+/);
  if (fields.length !== 4) return `expected 4 fields (name role scope hash), found ${fields.length}`;
  const [name, role, scopeText, hashText] = fields as [string, string, string, string];
  if (!TOKEN_NAME.test(name)) return `the name ${JSON.stringify(name)} may hold only letters, digits, "_" and "-"`;
  if (!(ROLES as readonly string[]).includes(role)) return `the role ${JSON.stringify(role)} is none of ${ROLES.join(', ')}`;
  const scope = scopeText === '*' ? '*' : scopeText.split(',');
  if (scope !== '*' && !scope.every((id) => VOCABULARY_ID.test(id)))
    return `the scope ${JSON.stringify(scopeText)} is neither * nor comma-separated vocabulary ids`;
  const hash = parseSecretHash(hashText);
  if (typeof hash === 'string') return `the hash: ${hash}`;
  return { name, role: role as Role, scope, hash, hashText, line };
}

/** Every token of the file's text; a bad line or a repeated name throws an invalid-config error naming the file and the line. */
export function parseTokenFile(text: string, file: string): TokenEntry[] {
  const entries: TokenEntry[] = [];
  const seen = new Map<string, number>();
  text.split(/\r?\n/).forEach((raw, index) => {
    const line = index + 1;
    if (raw.trim() === '' || raw.trimStart().startsWith('#')) return;
    const entry = parseLine(raw, line);
    if (typeof entry === 'string') throw lineError(file, line, entry);
    const first = seen.get(entry.name);
    if (first !== undefined) throw lineError(file, line, `the name ${entry.name} is already given on line ${first}`);
    seen.set(entry.name, line);
    entries.push(entry);
  });
  return entries;
}

/** The line of a token, as the file holds it. */
export function formatTokenLine(token: Principal, hashText: string): string {
  return `${token.name} ${token.role} ${token.scope === '*' ? '*' : token.scope.join(',')} ${hashText}`;
}

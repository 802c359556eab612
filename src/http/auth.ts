import { timingSafeEqual } from 'node:crypto';
import type { RequestHandler } from 'express';
import type { Principal } from '../access/index.js';
import { HttpProblem } from './problem.js';

/**
 * Writes need a token (security by default): `Authorization: Bearer <token>` matching one of the
 * configured write tokens (ASTROVOC_WRITE_TOKENS, comma-separated). With no token configured, every write is refused.
 */
export function requireWriteToken(tokens: readonly string[]): RequestHandler {
  const check = writeTokenCheck(tokens);
  return (req, res, next) => {
    const verdict = check(req.get('authorization'));
    if (verdict === 'valid') res.locals.principal = { name: writerOf(req.get('authorization')), role: 'maintainer', scope: '*' } satisfies Principal;
    if (verdict === 'missing') next(new HttpProblem(401, 'Write token required', 'This request changes data: send Authorization: Bearer <write token>'));
    else next(verdict === 'valid' ? undefined : new HttpProblem(403, 'Forbidden', 'The write token is not valid'));
  };
}

/** Whether an Authorization header carries one of the write tokens (compared in constant time). */
export function writeTokenCheck(tokens: readonly string[]): (authorization: string | undefined) => 'valid' | 'invalid' | 'missing' {
  const accepted = tokens.filter((t) => t.length > 0).map((t) => Buffer.from(t));
  return (authorization) => {
    const match = /^Bearer\s+(\S+)$/i.exec(authorization ?? '');
    if (!match) return 'missing';
    const given = Buffer.from(match[1]!);
    return accepted.some((t) => t.length === given.length && timingSafeEqual(t, given)) ? 'valid' : 'invalid';
  };
}

/** Who made a write: the part of the token before a colon, if it has one (`alice:secret`), else "maintainer". */
export function writerOf(authorization: string | undefined): string {
  const token = /^Bearer\s+(\S+)$/i.exec(authorization ?? '')?.[1] ?? '';
  return token.includes(':') ? token.slice(0, token.indexOf(':')) : 'maintainer';
}

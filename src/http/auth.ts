import type { Request, RequestHandler, Response } from 'express';
import { can, type Principal, type Role, type TokenRegistry } from '../access/index.js';
import { HttpProblem } from './problem.js';

/** What the Authorization header of a request says: no bearer token, a token that is not valid, or its owner. */
export type Credential = { principal: Principal } | { refused: 'missing' | 'invalid' };

/** The bearer token of an Authorization header (RFC 6750 §2.1), if it has one. */
export function bearerToken(authorization: string | undefined): string | undefined {
  return /^Bearer\s+(\S+)$/i.exec(authorization ?? '')?.[1];
}

/** Who sent the request, by its bearer token; the answer is kept with the request, so a second ask costs nothing. */
export function credentialOf(tokens: TokenRegistry, req: Request, res: Response): Promise<Credential> {
  const kept = res.locals.credential as Promise<Credential> | undefined;
  if (kept) return kept;
  const token = bearerToken(req.get('authorization'));
  const credential: Promise<Credential> = token
    ? tokens.authenticate(token).then((principal) => (principal ? { principal } : { refused: 'invalid' }))
    : Promise.resolve({ refused: 'missing' });
  res.locals.credential = credential;
  return credential;
}

/** The problem of a request refused for its token: 401 without one (with WWW-Authenticate), 403 with one that is not valid. */
export function refusal(refused: 'missing' | 'invalid', role: Role): HttpProblem {
  return refused === 'missing'
    ? new HttpProblem(401, 'Write token required', `This request changes data: send Authorization: Bearer <token> of the ${role} role`)
    : new HttpProblem(403, 'Forbidden', 'The write token is not valid');
}

/**
 * The guard of a route declared as a write of `role` (security by default): 401 without a bearer token, 403 with
 * one that is not valid or whose role is below `role` for every vocabulary; else the principal goes to the handler
 * in `res.locals.principal`. Its scope, where the vocabulary is known, is the handler's to check (`requireRole`).
 */
export function requireWriteRole(tokens: TokenRegistry, role: Role): RequestHandler {
  return (req, res, next) => {
    credentialOf(tokens, req, res).then(
      (credential) => {
        if ('refused' in credential) return next(refusal(credential.refused, role));
        if (!can(credential.principal, role))
          return next(
            new HttpProblem(
              403,
              'Forbidden',
              `This needs the ${role} role; the token of ${credential.principal.name} has the ${credential.principal.role} role`,
              {
                role,
              },
            ),
          );
        res.locals.principal = credential.principal;
        next();
      },
      (error: unknown) => next(error),
    );
  };
}

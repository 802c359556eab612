/**
 * Sessions of the editor pages. A browser signs in once with its token; the server then keeps, in memory, a random
 * session id → the token's principal, and the browser holds only that id, in a cookie scripts cannot read
 * (HttpOnly), that other sites' requests do not carry (SameSite=Strict), and that travels only over TLS when the
 * site is served over https (Secure). The token itself never leaves the sign-in request.
 *
 * Every form a session sees carries the session's synchronizer token (OWASP CSRF Prevention Cheat Sheet), which every
 * POST must send back; the sign-in form, which has no session yet, carries a double-submit token instead (its cookie
 * and its field must match), so another site cannot sign a browser in under the attacker's token.
 */
import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { Request } from 'express';
import type { Principal } from '../access/index.js';

export const SESSION_COOKIE = 'astrovoc_editor';
export const SIGN_IN_COOKIE = 'astrovoc_sign_in';

/** A working day: after it the editor signs in again. */
export const SESSION_TTL_MS = 8 * 60 * 60 * 1000;
/** Sessions kept at most; signing in beyond it ends the session that expires first. */
export const MAX_SESSIONS = 1000;

export interface EditorSession {
  readonly id: string;
  readonly principal: Principal;
  /** The synchronizer token every form of this session carries. */
  readonly csrf: string;
  readonly expires: number;
  /** A one-time message for the next page (POST-redirect-GET): "Added the term X". */
  flash?: string;
}

export interface SessionOptions {
  ttlMs?: number;
  maxSessions?: number;
  now?: () => number;
}

/** 32 random bytes, as cookie- and form-safe text. */
export function randomToken(): string {
  return randomBytes(32).toString('base64url');
}

/** Whether two secrets are equal, in time that does not depend on where they differ. */
export function sameSecret(expected: string, given: unknown): boolean {
  if (typeof given !== 'string') return false;
  const a = Buffer.from(expected);
  const b = Buffer.from(given);
  return a.length === b.length && timingSafeEqual(a, b);
}

/** The signed-in sessions of one process (a replica behind a load balancer needs sticky sessions). */
export class EditorSessions {
  private readonly sessions = new Map<string, EditorSession>();
  private readonly ttlMs: number;
  private readonly maxSessions: number;
  private readonly now: () => number;

  constructor(options: SessionOptions = {}) {
    this.ttlMs = options.ttlMs ?? SESSION_TTL_MS;
    this.maxSessions = options.maxSessions ?? MAX_SESSIONS;
    this.now = options.now ?? Date.now;
  }

  get size(): number {
    return this.sessions.size;
  }

  /** A new session for the principal, under a fresh id (an id is never reused, so it cannot be fixed beforehand). */
  open(principal: Principal): EditorSession {
    this.sweep();
    // Every session lives equally long, so the map's insertion order is also the order of expiry.
    while (this.sessions.size >= this.maxSessions) this.sessions.delete(this.sessions.keys().next().value!);
    const session: EditorSession = { id: randomToken(), principal, csrf: randomToken(), expires: this.now() + this.ttlMs };
    this.sessions.set(session.id, session);
    return session;
  }

  /** The live session with this id, if any. */
  get(id: string | undefined): EditorSession | undefined {
    if (!id) return undefined;
    const session = this.sessions.get(id);
    if (session && session.expires <= this.now()) {
      this.sessions.delete(id);
      return undefined;
    }
    return session;
  }

  close(id: string): void {
    this.sessions.delete(id);
  }

  private sweep(): void {
    const now = this.now();
    for (const [id, session] of this.sessions) {
      if (session.expires > now) break;
      this.sessions.delete(id);
    }
  }
}

/** The value of a cookie of the request (no cookie parser is mounted). */
export function cookieOf(req: Request, name: string): string | undefined {
  for (const part of (req.get('cookie') ?? '').split(';')) {
    const at = part.indexOf('=');
    if (at > 0 && part.slice(0, at).trim() === name) return part.slice(at + 1).trim();
  }
  return undefined;
}

/** A Set-Cookie value: HttpOnly, SameSite=Strict, Path=/, Secure when the request came over https; max-age 0 clears it. */
export function cookieHeader(req: Request, name: string, value: string, maxAgeMs: number): string {
  const attributes = [`${name}=${value}`, 'Path=/', 'HttpOnly', 'SameSite=Strict', `Max-Age=${Math.max(0, Math.floor(maxAgeMs / 1000))}`];
  if (req.secure) attributes.push('Secure');
  return attributes.join('; ');
}

/**
 * Whether the request came from one of this site's pages, by `Origin`, else `Referer`, when the browser sends them
 * (the editor pages ask for them with Referrer-Policy: same-origin; under no-referrer Chromium sends `Origin: null`).
 * The host is compared, not the scheme: behind a TLS front the request reaches express as http.
 */
export function fromThisSite(req: Request): boolean {
  const origin = req.get('origin');
  const referer = req.get('referer');
  const source = origin ?? referer;
  if (source === undefined) return true;
  try {
    return new URL(source).host === req.host;
  } catch {
    return false;
  }
}

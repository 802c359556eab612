import type { RequestHandler } from 'express';

/**
 * The pages load scripts and stylesheets from /static only (no inline script, style or event handler),
 * ask only this origin for data, and may not be framed. `<script type="application/json">` and
 * `application/ld+json` blocks are data, not scripts: a policy without 'unsafe-inline' leaves them alone.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self'",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

const HEADERS = {
  'Content-Security-Policy': CONTENT_SECURITY_POLICY,
  'X-Content-Type-Options': 'nosniff',
  // For browsers older than CSP frame-ancestors.
  'X-Frame-Options': 'DENY',
  'Referrer-Policy': 'no-referrer',
  'Cross-Origin-Opener-Policy': 'same-origin',
} as const;

/**
 * Security headers on every answer (helmet's set, less what belongs to the TLS front: HSTS, whose
 * includeSubDomains would bind a data centre's other hosts, and upgrade-insecure-requests, which breaks a
 * service run over plain HTTP inside a network). Cross-Origin-Resource-Policy is left out: the API is
 * meant to be read from other origins (CORS).
 */
export const securityHeaders: RequestHandler = (_req, res, next) => {
  res.set(HEADERS);
  next();
};

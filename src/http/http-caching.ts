import { createHash } from 'node:crypto';
import type { Request, RequestHandler, Response } from 'express';

export interface CachingOptions {
  /** Changes whenever the data behind the answers changes (the lookup's generation). */
  generation: () => string;
  /**
   * Cache-Control max-age in seconds. Default 0 with must-revalidate: vocabularies are edited live, and a read that
   * starts after a write is answered must see it, so caches ask again each time (a 304 when nothing changed).
   */
  maxAge?: number;
}

/**
 * HTTP manners for read-only routes: CORS for GET (any origin may read, RFC 9110 §9.2.1 safe methods),
 * a weak ETag derived from the data generation, the URL and the Accept header, a 304 for a matching
 * If-None-Match (RFC 9110 §13.1.2, weak comparison) before any work is done, and Cache-Control.
 */
export function httpCaching(options: CachingOptions): RequestHandler {
  const maxAge = options.maxAge ?? 0;
  return (req, res, next) => {
    res.setHeader('Access-Control-Allow-Origin', '*');
    if (req.method === 'OPTIONS') {
      res.setHeader('Access-Control-Allow-Methods', 'GET, HEAD, OPTIONS');
      res.setHeader('Access-Control-Allow-Headers', req.get('access-control-request-headers') ?? 'Accept, If-None-Match');
      res.setHeader('Access-Control-Max-Age', '86400');
      res.status(204).end();
      return;
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      next();
      return;
    }
    res.setHeader('Access-Control-Expose-Headers', 'ETag');
    const digest = createHash('sha1')
      .update(req.originalUrl)
      .update('\n')
      .update(req.get('accept') ?? '')
      .digest('base64url')
      .slice(0, 16);
    const etag = `W/"${options.generation()}-${digest}"`;
    res.setHeader('ETag', etag);
    res.setHeader('Cache-Control', maxAge > 0 ? `public, max-age=${maxAge}` : 'public, max-age=0, must-revalidate');
    res.setHeader('Vary', 'Accept');
    if (matches(req.get('if-none-match'), etag)) {
      res.status(304).end();
      return;
    }
    forgetOnError(res);
    next();
  };
}

/** A problem answer (4xx, 5xx) must not be cached or revalidated as if it were the resource. */
function forgetOnError(res: Response): void {
  // eslint-disable-next-line @typescript-eslint/unbound-method -- called below with the response as `this`
  const writeHead = res.writeHead;
  res.writeHead = function (this: Response, ...args: Parameters<Response['writeHead']>) {
    if (this.statusCode >= 400) {
      this.removeHeader('ETag');
      this.setHeader('Cache-Control', 'no-store');
    }
    return writeHead.apply(this, args);
  } as Response['writeHead'];
}

function matches(header: string | undefined, etag: string): boolean {
  if (!header) return false;
  if (header.trim() === '*') return true;
  const opaque = etag.replace(/^W\//, '');
  return header.split(',').some((tag) => tag.trim().replace(/^W\//, '') === opaque);
}

/**
 * Gives the answer a strong entity-tag derived from the data (`version`) in place of the generation's weak one, and
 * answers 304 when If-None-Match names it (RFC 9110 §13.1.2). Answers whether the 304 was sent.
 */
export function answeredByVersion(req: Request, res: Response, version: string): boolean {
  const etag = `"${version}"`;
  res.setHeader('ETag', etag);
  if (!matches(req.get('if-none-match'), etag)) return false;
  res.status(304).end();
  return true;
}

/**
 * The fetch Comunica gets for SERVICE calls: it reaches allow-listed peers only, follows a redirect only
 * when its target is itself a peer, and reads each answer whole, up to a size bound, before handing it on.
 * Reading the body here keeps a late error of the network stream (the query's abort after Comunica has
 * what it needs, a peer that hangs up) inside this function: Comunica parses an in-memory copy that
 * cannot fail, so no stream is left to emit an error nobody listens to.
 */
import { SparqlError } from './sparql-error.js';

export interface PeerFetchOptions {
  peers: readonly string[];
  /** Largest answer read from a peer, in bytes. */
  maxResponseBytes: number;
  /** Most redirects followed for one request (each to a peer). */
  maxRedirects: number;
  /** Told of every refusal, so the caller can report it even when Comunica wraps or swallows the error. */
  onRefused?: (error: SparqlError) => void;
}

const REDIRECTS = new Set([301, 302, 303, 307, 308]);

/** A peer matches by exact IRI; Comunica may add a query string to it when it calls the endpoint. */
export function isAllowed(url: string, peers: readonly string[]): boolean {
  const withoutQuery = url.split('?')[0]!;
  return peers.includes(url) || peers.includes(withoutQuery);
}

export function peerFetch(options: PeerFetchOptions): typeof fetch {
  const refuse = (message: string, iri: string): never => {
    const error = new SparqlError('service-refused', message, { iri });
    options.onRefused?.(error);
    throw error;
  };
  return async (input, init) => {
    let url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
    let method = (init?.method ?? (input instanceof Request ? input.method : 'GET')).toUpperCase();
    let body = init?.body;
    if (!isAllowed(url, options.peers)) refuse(`${url} is not a configured peer endpoint`, url);
    for (let hop = 0; ; hop++) {
      const response = await fetch(hop === 0 ? input : url, { ...init, method, body, redirect: 'manual' });
      const location = response.headers.get('location');
      if (!REDIRECTS.has(response.status) || location === null) return readWhole(response, url, options.maxResponseBytes);
      await response.body?.cancel().catch(() => undefined);
      const target = new URL(location, url).href;
      if (!isAllowed(target, options.peers))
        refuse(`the peer ${url} redirected to ${target}, which is not a configured peer endpoint; the redirect was not followed`, target);
      if (hop >= options.maxRedirects) refuse(`the peer ${url} redirected more than ${options.maxRedirects} times`, target);
      // Fetch §4.4 (HTTP-redirect fetch): 303, and 301/302 after a POST, continue as a GET without a body.
      if (response.status === 303 || ((response.status === 301 || response.status === 302) && method === 'POST')) {
        method = 'GET';
        body = undefined;
      } else if (body !== undefined && body !== null && typeof body !== 'string' && !(body instanceof URLSearchParams)) {
        refuse(`the peer ${url} redirected a request whose body cannot be sent twice`, target);
      }
      url = target;
    }
  };
}

/** The answer with its body read into memory; past `maxBytes` the read stops and the request fails. */
async function readWhole(response: Response, url: string, maxBytes: number): Promise<Response> {
  const chunks: Uint8Array[] = [];
  let size = 0;
  if (response.body) {
    const reader = (response.body as ReadableStream<Uint8Array>).getReader();
    try {
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        size += value.byteLength;
        if (size > maxBytes) {
          await reader.cancel().catch(() => undefined);
          throw new SparqlError('engine', `the peer ${url} answered more than ${maxBytes} bytes, the limit for one answer of a peer`, { retryAfter: 1 });
        }
        chunks.push(value);
      }
    } finally {
      reader.releaseLock();
    }
  }
  const headers = new Headers(response.headers);
  // The body is already decoded and its length is known again.
  headers.delete('content-encoding');
  headers.delete('content-length');
  const status = response.status;
  const nullBody = status === 101 || status === 204 || status === 205 || status === 304;
  return new Response(nullBody ? null : Buffer.concat(chunks), { status, statusText: response.statusText, headers });
}

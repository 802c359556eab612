/**
 * Mounts declared routes on express: the write guard, the body reader, the parse of path, query and body by the
 * declared schemas (a 400 naming the parameter or field, the same shape everywhere), the handler, and a 405 with
 * `Allow` for a method a path does not declare (RFC 9110 §15.5.6).
 */
import express, { type RequestHandler, type Router } from 'express';
import type { z } from 'zod';
import { TokenRegistry, type Principal } from '../../access/index.js';
import { requireWriteRole } from '../auth.js';
import { badRequest, HttpProblem, limitedBody } from '../problem.js';
import { expressPath, type ApiRoute } from './api-route.js';

/** The largest JSON body a route reads unless it says otherwise. */
export const DEFAULT_JSON_BODY_BYTES = 1024 * 1024;

export interface MountOptions {
  /** The tokens that may write, each with its role and scope; without them every write is refused. */
  tokens?: TokenRegistry;
}

/** The value of `schema` for `input`, or a 400 naming where the first issue is (`limit`, `values.3`, or the part). */
export function parsePart<T extends z.ZodType>(schema: T, input: unknown, part: 'path' | 'query' | 'body'): z.output<T> {
  const parsed = schema.safeParse(input);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0]!;
  throw badRequest(issue.path.map(String).join('.') || part, issue.message);
}

function jsonReader(route: ApiRoute): RequestHandler {
  const limit = route.body?.limitBytes ?? DEFAULT_JSON_BODY_BYTES;
  return limitedBody(express.json({ limit, type: [...(route.body?.mediaTypes ?? ['application/json'])] }), limit, 'a JSON body');
}

function handlerOf(route: ApiRoute): RequestHandler {
  const parsesBody = route.body !== undefined && route.body.reader === undefined;
  return async (req, res) => {
    const params = route.params ? parsePart(route.params, req.params, 'path') : {};
    const query = route.query ? parsePart(route.query, req.query, 'query') : {};
    const body = route.body && parsesBody ? parsePart(route.body.schema, req.body, 'body') : (req.body as unknown);
    const principal = res.locals.principal as Principal | undefined;
    const answer = await route.handler({ params, query, body, req, res, principal });
    if (answer !== undefined && !res.headersSent) res.json(answer);
  };
}

/** Registers every route on `router`, in order; paths that declare some methods answer 405 for the others. */
export function mountRoutes(router: Router, routes: readonly ApiRoute[], options: MountOptions): void {
  const methodsByPath = new Map<string, string[]>();
  const tokens = options.tokens ?? new TokenRegistry();
  for (const route of routes) {
    const path = expressPath(route);
    const chain: RequestHandler[] = [];
    if (route.write) chain.push(requireWriteRole(tokens, route.write));
    if (route.body) chain.push(route.body.reader ?? jsonReader(route));
    chain.push(handlerOf(route));
    router[route.method](path, ...chain);
    methodsByPath.set(path, [...(methodsByPath.get(path) ?? []), route.method.toUpperCase()]);
  }
  for (const [path, methods] of methodsByPath) {
    const allowed = methods.includes('GET') ? [...methods, 'HEAD'] : methods;
    router.all(path, (req, res, next) => {
      if (req.method === 'OPTIONS') {
        res.set('Allow', allowed.join(', ')).status(204).end();
        return;
      }
      res.set('Allow', allowed.join(', '));
      next(new HttpProblem(405, 'Method Not Allowed', `${req.method} is not allowed here; allowed: ${allowed.join(', ')}`));
    });
  }
}

/** An express router of the groups' routes (paths are the full site paths: mount it at the root). */
export function apiRouter(groups: readonly { routes: readonly ApiRoute[] }[], options: MountOptions = {}): Router {
  const router = express.Router();
  mountRoutes(
    router,
    groups.flatMap((group) => group.routes),
    options,
  );
  return router;
}

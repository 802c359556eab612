/**
 * A route of the HTTP face, declared once: its path, its zod schemas for path, query, body and every response, and its
 * handler. From this one declaration come the express route with its request parsing (`mount-routes.ts`) and its
 * OpenAPI 3.1 description (`openapi-document.ts`), so the two cannot drift.
 */
import type { Request, RequestHandler, Response } from 'express';
import type { z } from 'zod';
import type { Principal, Role } from '../../access/index.js';

export type HttpMethod = 'get' | 'post' | 'put' | 'delete' | 'patch';

/**
 * Where a route lives: under the REST API's base `/api/v1` (the document's server), or at the site root (the resolver,
 * `/rest/v1` for Skosmos, `/sparql`, pages), which its path then spells out in full.
 */
export type RouteBase = 'api' | 'root';

export const API_BASE = '/api/v1';

/** A request part parsed from strings: an object schema whose keys are the parameter names. */
export type ParameterSchema = z.ZodObject;

/** A problem-details answer, described by its cause ("No such vocabulary"). */
export type ProblemResponse = string;

export interface ContentResponse {
  description: string;
  /** By media type; a zod schema for JSON answers, `undefined` (no schema) for RDF, HTML and other documents. */
  content?: Readonly<Record<string, z.ZodType | undefined>>;
  /** Response headers worth describing (ETag, Location, Link), by name, with their description. */
  headers?: Readonly<Record<string, string>>;
}

export type RouteResponses = Readonly<Record<number, ContentResponse | ProblemResponse>>;

export interface RequestBody<B extends z.ZodType> {
  description: string;
  /** The media types the body may have; JSON ones are parsed and checked with `schema`. */
  mediaTypes: readonly string[];
  /** What the body is; for a JSON body it is also the parse, whose first issue answers 400 naming the field. */
  schema: B;
  /** A media type's own schema in the document, where it is not `schema` (a form beside a text body). */
  schemaOf?: Readonly<Record<string, z.ZodType>>;
  /** Reads the body before parsing (default: JSON, bounded by `limitBytes`); a route reading text or raw bytes gives its own. */
  reader?: RequestHandler;
  /** The largest body the default JSON reader accepts (default 1 MB). */
  limitBytes?: number;
  required?: boolean;
}

export interface RouteInput<P, Q, B> {
  params: P;
  query: Q;
  body: B;
  req: Request;
  res: Response;
  /** Who sent a write (the owner of its token); undefined on reads. */
  principal: Principal | undefined;
}

export interface RouteDeclaration<P extends ParameterSchema | undefined, Q extends ParameterSchema | undefined, B extends z.ZodType | undefined> {
  method: HttpMethod;
  /** OpenAPI template (`/vocabularies/{vocab}`), relative to `base`. */
  path: string;
  base: RouteBase;
  /** The express path when the template cannot say it (a path parameter spanning slashes: `/rdf/*path`). */
  match?: string;
  operationId: string;
  summary: string;
  description?: string;
  tag: string;
  /** A write, and the least role it needs: a bearer token of that role (401 without one, 403 with a wrong one or a lesser role), checked before anything else. */
  write?: Role;
  params?: P;
  query?: Q;
  body?: B extends z.ZodType ? RequestBody<B> : undefined;
  responses: RouteResponses;
  /** Not listed in the OpenAPI document (still parsed the same way): a page or form for people, a method alias. */
  undocumented?: boolean;
  /** Returns the answer, sent as JSON (or a promise of it), or nothing when it answered itself (a negotiated or streamed body). */
  handler: (
    input: RouteInput<
      P extends z.ZodType ? z.output<P> : Record<string, never>,
      Q extends z.ZodType ? z.output<Q> : Record<string, never>,
      B extends z.ZodType ? z.output<B> : undefined
    >,
  ) => unknown;
}

/** A declared route with its types erased, as routers hand them to the app. */
export interface ApiRoute {
  readonly method: HttpMethod;
  readonly path: string;
  readonly base: RouteBase;
  readonly match?: string;
  readonly operationId: string;
  readonly summary: string;
  readonly description?: string;
  readonly tag: string;
  readonly write?: Role;
  readonly params?: ParameterSchema;
  readonly query?: ParameterSchema;
  readonly body?: RequestBody<z.ZodType>;
  readonly responses: RouteResponses;
  readonly undocumented?: boolean;
  readonly handler: (input: RouteInput<unknown, unknown, unknown>) => unknown;
}

/** Declares a route; the handler's `params`, `query` and `body` are typed by the schemas. */
export function route<
  P extends ParameterSchema | undefined = undefined,
  Q extends ParameterSchema | undefined = undefined,
  B extends z.ZodType | undefined = undefined,
>(declaration: RouteDeclaration<P, Q, B>): ApiRoute {
  return declaration as unknown as ApiRoute;
}

/** A tag of the document: a group of operations with what they are for. */
export interface ApiTag {
  name: string;
  description: string;
}

/** What a router module offers the app: its routes and the tags they use. */
export interface RouteGroup {
  tags: readonly ApiTag[];
  routes: readonly ApiRoute[];
}

/** The route's full path on the site, as express matches it (`/api/v1/vocabularies/:vocab`). */
export function expressPath(route: Pick<ApiRoute, 'base' | 'path' | 'match'>): string {
  const full = route.base === 'api' ? `${API_BASE}${route.match ?? route.path}` : (route.match ?? route.path);
  return full.replace(/\{([A-Za-z0-9_]+)\}/g, ':$1');
}

/** The route's path in the OpenAPI document: the full site path, as a template (`/api/v1/vocabularies/{vocab}`). */
export function documentPath(route: Pick<ApiRoute, 'base' | 'path'>): string {
  return route.base === 'api' ? `${API_BASE}${route.path}` : route.path;
}

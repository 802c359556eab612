/**
 * The OpenAPI 3.1 document, generated from the declared routes by zod-to-openapi (the schemas that parse a request
 * are the ones the document shows, so the two cannot drift).
 */
import { OpenAPIRegistry, OpenApiGeneratorV31, type ResponseConfig, type RouteConfig } from '@asteasolutions/zod-to-openapi';
import { documentPath, type ApiRoute, type ApiTag, type ContentResponse } from './api-route.js';
import { problemSchema } from './common-schemas.js';

export type OpenApiDocument = ReturnType<OpenApiGeneratorV31['generateDocument']>;

/** The security scheme of every write: `Authorization: Bearer <write token>`. */
export const WRITE_SECURITY_SCHEME = 'writeToken';

export interface DocumentInfo {
  version: string;
  tags: readonly ApiTag[];
}

function problemContent(description: string): ResponseConfig {
  return { description, content: { 'application/problem+json': { schema: problemSchema } } };
}

function contentResponse(response: ContentResponse): ResponseConfig {
  const content = Object.fromEntries(
    Object.entries(response.content ?? {}).map(([mediaType, schema]) => [mediaType, schema ? { schema } : { schema: { type: 'string' as const } }]),
  );
  const headers = response.headers
    ? Object.fromEntries(Object.entries(response.headers).map(([name, description]) => [name, { description, schema: { type: 'string' as const } }]))
    : undefined;
  return { description: response.description, ...(response.content ? { content } : {}), ...(headers ? { headers } : {}) };
}

/** Responses every route of a kind has, unless it declares its own: a bad parameter, a missing or wrong token. */
function implicitResponses(route: ApiRoute): Record<number, string> {
  const responses: Record<number, string> = {};
  if (route.params || route.query || route.body) responses[400] = 'A bad parameter or body (named in the problem)';
  if (route.write) Object.assign(responses, { 401: 'No write token', 403: `The write token is not valid, or not of the ${route.write} role` });
  return responses;
}

function routeConfig(route: ApiRoute): RouteConfig {
  const responses: Record<string, ResponseConfig> = {};
  for (const [status, response] of Object.entries({ ...implicitResponses(route), ...route.responses })) {
    responses[status] = typeof response === 'string' ? problemContent(response) : contentResponse(response);
  }
  const body = route.body;
  return {
    method: route.method,
    path: documentPath(route),
    operationId: route.operationId,
    summary: route.summary,
    ...(route.description ? { description: route.description } : {}),
    tags: [route.tag],
    ...(route.write ? { security: [{ [WRITE_SECURITY_SCHEME]: [] }] } : {}),
    request: {
      ...(route.params ? { params: route.params } : {}),
      ...(route.query ? { query: route.query } : {}),
      ...(body
        ? {
            body: {
              description: body.description,
              required: body.required ?? true,
              content: Object.fromEntries(body.mediaTypes.map((type) => [type, { schema: body.schemaOf?.[type] ?? body.schema }])),
            },
          }
        : {}),
    },
    responses,
  };
}

type Operation = { parameters?: { description?: string; schema?: { description?: string; type?: string | string[] } }[] };

/**
 * zod-to-openapi calls a schema nullable when it accepts null, which a coercing integer does (Number(null) is 0);
 * a parameter of a path or query string is never null.
 */
function withoutNull(schema: { type?: string | string[] } | undefined): void {
  if (!schema || !Array.isArray(schema.type)) return;
  const types = schema.type.filter((type) => type !== 'null');
  schema.type = types.length === 1 ? types[0]! : types;
}

/**
 * A parameter's description is its schema's (zod's `.describe`).
 */
function finish(document: OpenApiDocument): OpenApiDocument {
  for (const item of Object.values(document.paths ?? {})) {
    for (const operation of Object.values(item as Record<string, Operation>)) {
      for (const parameter of operation.parameters ?? []) {
        if (parameter.description === undefined && parameter.schema?.description) parameter.description = parameter.schema.description;
        withoutNull(parameter.schema);
      }
    }
  }
  return document;
}

/** The whole document of the routes given, in their order. */
export function openApiDocument(routes: readonly ApiRoute[], info: DocumentInfo): OpenApiDocument {
  const registry = new OpenAPIRegistry();
  registry.registerComponent('securitySchemes', WRITE_SECURITY_SCHEME, {
    type: 'http',
    scheme: 'bearer',
    description:
      'A write token `<name>.<secret>` of the token file (astrovoc token add), or one of ASTROVOC_WRITE_TOKENS; its owner (the name) has a role, editor or maintainer, for some vocabularies or all, and is recorded as the author of the write',
  });
  const documented = routes.filter((route) => !route.undocumented);
  const declared = new Map<string, string>();
  for (const route of documented) {
    const key = `${route.method.toUpperCase()} ${documentPath(route)}`;
    const other = declared.get(key);
    if (other) throw new Error(`${key} is declared twice (${other} and ${route.operationId})`);
    declared.set(key, route.operationId);
  }
  for (const route of documented) registry.registerPath(routeConfig(route));
  const usedTags = new Set(documented.map((route) => route.tag));
  const document = new OpenApiGeneratorV31(registry.definitions).generateDocument({
    openapi: '3.1.0',
    info: {
      title: 'astrovoc',
      version: info.version,
      description: 'Vocabularies of IVOA, IPDA/EPN-TAP and IHDEA/SPASE, the UCD list, and mappings between them.',
      license: { name: 'Apache-2.0', identifier: 'Apache-2.0' },
    },
    // Every path is the site path: the REST API (/api/v1), Skosmos' (/rest/v1), SPARQL and the pages share one site.
    servers: [{ url: '/' }],
    // Several groups may share a tag (`pages`): the document lists each name once.
    tags: [...new Map(info.tags.filter((tag) => usedTags.has(tag.name)).map((tag) => [tag.name, { ...tag }])).values()],
  });
  return finish(document);
}

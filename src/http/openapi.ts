/**
 * The OpenAPI 3.1 document of /api/v1, assembled from the parts each router declares next to its routes
 * (style.md: a route is documented where it is declared).
 */
export type OpenApiPaths = Record<string, Record<string, unknown>>;

export interface OpenApiPart {
  paths: OpenApiPaths;
  /** Reusable schemas (components.schemas), by name. */
  schemas?: Record<string, unknown>;
  tags?: { name: string; description: string }[];
}

export function buildOpenApi(parts: readonly OpenApiPart[], version: string): Record<string, unknown> {
  const paths: OpenApiPaths = {};
  const schemas: Record<string, unknown> = { Problem: PROBLEM_SCHEMA };
  const tags: { name: string; description: string }[] = [];
  for (const part of parts) {
    for (const [path, operations] of Object.entries(part.paths)) paths[path] = { ...(paths[path] ?? {}), ...operations };
    Object.assign(schemas, part.schemas ?? {});
    tags.push(...(part.tags ?? []));
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'astrovoc',
      version,
      description: 'Vocabularies of IVOA, IPDA/EPN-TAP and IHDEA/SPASE, the UCD list, and mappings between them.',
      license: { name: 'Apache-2.0', identifier: 'Apache-2.0' },
    },
    servers: [{ url: '/api/v1' }],
    tags,
    paths,
    components: { schemas },
  };
}

/** RFC 9457 problem details. */
const PROBLEM_SCHEMA = {
  type: 'object',
  properties: {
    type: { type: 'string' },
    title: { type: 'string' },
    status: { type: 'integer' },
    detail: { type: 'string' },
    instance: { type: 'string' },
    parameter: { type: 'string', description: 'the request parameter at fault, for a 400' },
  },
  required: ['title', 'status'],
};

/** A response that is a problem, for use in `responses`. */
export const problemResponse = (description: string) => ({
  description,
  content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } },
});

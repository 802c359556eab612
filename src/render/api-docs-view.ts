/** The view model of the API description page: the OpenAPI document's operations grouped by tag, with full paths. */

interface Parameter {
  name: string;
  in: string;
  required?: boolean;
  description?: string;
  schema?: { type?: string | string[]; enum?: unknown[] };
}

interface Operation {
  tags?: string[];
  summary?: string;
  description?: string;
  parameters?: Parameter[];
  responses?: Record<string, { description?: string }>;
}

/** What the page needs of an OpenAPI document. */
export interface ApiDescription {
  info: { title: string; version: string; description?: string };
  servers?: { url: string }[];
  tags?: { name: string; description?: string }[];
  paths?: Record<string, unknown>;
}

export interface ApiDocsOperation {
  method: string;
  path: string;
  anchor: string;
  summary?: string;
  description?: string;
  parameters: (Parameter & { type: string; values?: string })[];
  responses: { status: string; description: string }[];
}

export interface ApiDocsView {
  title: string;
  info: ApiDescription['info'];
  openapi: string;
  tags: { name: string; description: string; operations: ApiDocsOperation[] }[];
}

const METHODS = ['get', 'put', 'post', 'delete', 'patch', 'head', 'options'];

const withoutSlash = (url: string) => url.replace(/\/$/, '');

function operationView(method: string, path: string, operation: Operation): ApiDocsOperation {
  return {
    method: method.toUpperCase(),
    path,
    anchor: `${method}-${path}`.replace(/[^A-Za-z0-9]+/g, '-'),
    ...(operation.summary ? { summary: operation.summary } : {}),
    ...(operation.description ? { description: operation.description } : {}),
    parameters: (operation.parameters ?? []).map((p) => ({
      ...p,
      type: Array.isArray(p.schema?.type) ? p.schema.type.join(' | ') : (p.schema?.type ?? 'string'),
      ...(p.schema?.enum ? { values: p.schema.enum.join(', ') } : {}),
    })),
    responses: Object.entries(operation.responses ?? {}).map(([status, response]) => ({ status, description: response.description ?? '' })),
  };
}

/** The document's operations by tag (in the document's tag order), each with the path its server gives it. */
export function apiDocsView(document: ApiDescription, openapiPath: string): ApiDocsView {
  const base = withoutSlash(document.servers?.[0]?.url ?? '');
  const tags = (document.tags ?? []).map((tag) => ({ name: tag.name, description: tag.description ?? '', operations: [] as ApiDocsOperation[] }));
  const byTag = new Map(tags.map((tag) => [tag.name, tag]));
  for (const [path, value] of Object.entries(document.paths ?? {})) {
    const item = value as Record<string, unknown> & { servers?: { url: string }[] };
    const server = withoutSlash(item.servers?.[0]?.url ?? base);
    for (const method of METHODS) {
      const operation = item[method] as Operation | undefined;
      if (!operation) continue;
      const tagName = operation.tags?.[0] ?? 'other';
      let tag = byTag.get(tagName);
      if (!tag) {
        tag = { name: tagName, description: '', operations: [] };
        tags.push(tag);
        byTag.set(tagName, tag);
      }
      tag.operations.push(operationView(method, `${server}${path}`, operation));
    }
  }
  return {
    title: `${document.info.title} API ${document.info.version}`,
    info: document.info,
    openapi: openapiPath,
    tags: tags.filter((tag) => tag.operations.length > 0),
  };
}

import { Router } from 'express';
import Handlebars from 'handlebars';
import { buildOpenApi, type OpenApiPart } from '../openapi.js';

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

/**
 * GET /openapi.json (the OpenAPI 3.1 document assembled from every router's part) and GET /docs
 * (the same document as one HTML page: no script; its stylesheet is /static/api-docs.css).
 * Mounted under /api/v1.
 */
export function apiDocsRouter(parts: readonly OpenApiPart[], version: string): Router {
  const document = buildOpenApi([...parts, apiDocsApi], version);
  const page = renderDocs(document);
  const router = Router();
  router.get('/openapi.json', (_req, res) => {
    res.json(document);
  });
  router.get('/docs', (_req, res) => {
    res.type('html').send(page);
  });
  return router;
}

export const apiDocsApi: OpenApiPart = {
  tags: [{ name: 'docs', description: 'This description' }],
  paths: {
    '/openapi.json': {
      get: {
        tags: ['docs'],
        summary: 'The OpenAPI 3.1 document',
        responses: { 200: { description: 'OpenAPI document', content: { 'application/json': {} } } },
      },
    },
    '/docs': {
      get: {
        tags: ['docs'],
        summary: 'The OpenAPI document as a readable page',
        responses: { 200: { description: 'HTML page', content: { 'text/html': {} } } },
      },
    },
  },
};

const METHODS = ['get', 'put', 'post', 'delete', 'patch', 'head', 'options'];

/** The document as sections by tag, each operation with its full path, parameters and responses. */
export function renderDocs(document: Record<string, unknown>): string {
  const info = document.info as { title: string; version: string; description?: string };
  const base = ((document.servers as { url: string }[] | undefined)?.[0]?.url ?? '').replace(/\/$/, '');
  const paths = document.paths as Record<string, Record<string, unknown>>;
  const tags = (document.tags as { name: string; description: string }[]).map((tag) => ({ ...tag, operations: [] as unknown[] }));
  const byTag = new Map(tags.map((tag) => [tag.name, tag]));
  for (const [path, item] of Object.entries(paths)) {
    const server = ((item.servers as { url: string }[] | undefined)?.[0]?.url ?? base).replace(/\/$/, '');
    for (const method of METHODS) {
      const operation = item[method] as Operation | undefined;
      if (!operation) continue;
      const tagName = operation.tags?.[0] ?? 'other';
      if (!byTag.has(tagName)) {
        const tag = { name: tagName, description: '', operations: [] as unknown[] };
        tags.push(tag);
        byTag.set(tagName, tag);
      }
      byTag.get(tagName)!.operations.push({
        method: method.toUpperCase(),
        path: `${server}${path}`,
        anchor: `${method}-${server}${path}`.replace(/[^A-Za-z0-9]+/g, '-'),
        summary: operation.summary,
        description: operation.description,
        parameters: (operation.parameters ?? []).map((p) => ({
          ...p,
          type: Array.isArray(p.schema?.type) ? p.schema.type.join(' | ') : (p.schema?.type ?? 'string'),
          values: p.schema?.enum?.join(', '),
        })),
        responses: Object.entries(operation.responses ?? {}).map(([status, response]) => ({ status, description: response.description ?? '' })),
      });
    }
  }
  return template({ info, tags: tags.filter((tag) => tag.operations.length > 0), openapi: `${base}/openapi.json` });
}

const template = Handlebars.create().compile(`<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{info.title}} API {{info.version}}</title>
<link rel="stylesheet" href="/static/api-docs.css">
</head>
<body>
<header>
<h1>{{info.title}} API <small>{{info.version}}</small></h1>
<p>{{info.description}}</p>
<p>Machine-readable: <a href="{{openapi}}">OpenAPI 3.1 document</a>. Errors are RFC 9457 problem details (<code>application/problem+json</code>).</p>
<nav aria-label="Sections"><ul>{{#each tags}}<li><a href="#tag-{{name}}">{{name}}</a></li>{{/each}}</ul></nav>
</header>
<main>
{{#each tags}}
<section id="tag-{{name}}" aria-labelledby="tag-{{name}}-title">
<h2 id="tag-{{name}}-title">{{name}}</h2>
<p>{{description}}</p>
{{#each operations}}
<article id="{{anchor}}">
<h3><span class="method">{{method}}</span> <code>{{path}}</code></h3>
{{#if summary}}<p>{{summary}}</p>{{/if}}
{{#if description}}<p>{{description}}</p>{{/if}}
{{#if parameters.length}}
<table><caption class="visually-hidden">Parameters</caption>
<thead><tr><th scope="col">parameter</th><th scope="col">in</th><th scope="col">type</th><th scope="col">description</th></tr></thead>
<tbody>{{#each parameters}}<tr><td><code>{{name}}</code>{{#if required}} (required){{/if}}</td><td>{{in}}</td><td>{{type}}{{#if values}}: {{values}}{{/if}}</td><td>{{description}}</td></tr>{{/each}}</tbody>
</table>
{{/if}}
<table><thead><tr><th scope="col">status</th><th scope="col">response</th></tr></thead>
<tbody>{{#each responses}}<tr><td>{{status}}</td><td>{{description}}</td></tr>{{/each}}</tbody></table>
</article>
{{/each}}
</section>
{{/each}}
</main>
</body>
</html>
`);

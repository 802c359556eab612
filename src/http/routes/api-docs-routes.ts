import { z } from 'zod';
import { apiDocsView, type PageRenderer } from '../../render/index.js';
import { API_BASE, route, type RouteGroup } from '../api/api-route.js';
import type { OpenApiDocument } from '../api/openapi-document.js';

/**
 * GET /api/v1/openapi.json (the OpenAPI 3.1 document generated from every declared route) and GET /api/v1/docs (the same
 * document as one HTML page: no script; its stylesheet is /static/api-docs.css). `document` is called once, after every
 * route is declared, so the document describes these two routes as well.
 */
export function apiDocsRoutes(document: () => OpenApiDocument, pages: PageRenderer): RouteGroup {
  let page: string | undefined;
  return {
    tags: [{ name: 'docs', description: 'This description' }],
    routes: [
      route({
        method: 'get',
        path: '/openapi.json',
        base: 'api',
        operationId: 'getOpenApiDocument',
        summary: 'The OpenAPI 3.1 document',
        tag: 'docs',
        responses: { 200: { description: 'OpenAPI document', content: { 'application/json': z.object({ openapi: z.string() }).catchall(z.unknown()) } } },
        handler: () => document(),
      }),
      route({
        method: 'get',
        path: '/docs',
        base: 'api',
        operationId: 'getApiDocsPage',
        summary: 'The OpenAPI document as a readable page',
        tag: 'docs',
        responses: { 200: { description: 'HTML page', content: { 'text/html': undefined } } },
        handler: ({ res }) => {
          page ??= pages.render('api-docs', { ...apiDocsView(document(), `${API_BASE}/openapi.json`) }, { standalone: true });
          res.type('html').send(page);
        },
      }),
    ],
  };
}

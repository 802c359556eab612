/** One declaration gives the express route, its parsing and its OpenAPI operation. */
import express from 'express';
import request from 'supertest';
import { z } from 'zod';
import { route } from '../../../src/http/api/api-route.js';
import { queryInteger } from '../../../src/http/api/common-schemas.js';
import { apiRouter } from '../../../src/http/api/mount-routes.js';
import { openApiDocument } from '../../../src/http/api/openapi-document.js';
import { TokenRegistry } from '../../../src/access/index.js';
import { notFoundHandler, problemHandler } from '../../../src/http/problem.js';

const echo = route({
  method: 'get',
  path: '/things/{name}',
  base: 'api',
  operationId: 'getThing',
  summary: 'A thing',
  tag: 'things',
  params: z.object({
    name: z
      .string()
      .regex(/^[a-z]+$/, 'lower-case letters')
      .describe('the thing'),
  }),
  query: z.object({ limit: queryInteger({ min: 1, max: 10 }).default(3).describe('how many') }),
  responses: { 200: { description: 'The thing', content: { 'application/json': z.object({ name: z.string(), limit: z.number() }) } }, 404: 'No such thing' },
  handler: ({ params, query }) => ({ name: params.name, limit: query.limit }),
});

const add = route({
  method: 'post',
  path: '/things',
  base: 'api',
  operationId: 'addThing',
  summary: 'Add a thing',
  tag: 'things',
  write: 'editor',
  body: { description: 'The thing', mediaTypes: ['application/json'], schema: z.object({ name: z.string().max(5) }), limitBytes: 100 },
  responses: { 201: { description: 'Added', content: { 'application/json': z.object({ added: z.string() }) } } },
  handler: ({ body, res }) => {
    res.status(201);
    return { added: body.name };
  },
});

const app = express();
app.set('query parser', 'simple');
app.use(apiRouter([{ routes: [echo, add] }], { tokens: TokenRegistry.fromEnvironment(['secret']) }));
app.use(notFoundHandler);
app.use(problemHandler(() => {}));

describe('a declared route', () => {
  it('parses path and query by its schemas and answers JSON', async () => {
    expect((await request(app).get('/api/v1/things/box').expect(200)).body).toEqual({ name: 'box', limit: 3 });
    expect((await request(app).get('/api/v1/things/box?limit=7').expect(200)).body).toEqual({ name: 'box', limit: 7 });
  });

  it('answers 400 naming the parameter or the body field at fault (RFC 9457)', async () => {
    expect((await request(app).get('/api/v1/things/box?limit=11').expect(400)).body).toMatchObject({ parameter: 'limit', detail: 'limit: at most 10' });
    expect((await request(app).get('/api/v1/things/Box').expect(400)).body).toMatchObject({ parameter: 'name' });
    const res = await request(app).post('/api/v1/things').set('Authorization', 'Bearer secret').send({ name: 'toolong' }).expect(400);
    expect(res.body).toMatchObject({ parameter: 'name' });
  });

  it('guards a write before reading its body: 401 without a token, 403 with a wrong one, 413 past its bound', async () => {
    await request(app).post('/api/v1/things').send({ name: 'a' }).expect(401);
    await request(app).post('/api/v1/things').set('Authorization', 'Bearer wrong').send({ name: 'a' }).expect(403);
    await request(app)
      .post('/api/v1/things')
      .set('Authorization', 'Bearer secret')
      .send({ name: 'x'.repeat(200) })
      .expect(413);
    expect((await request(app).post('/api/v1/things').set('Authorization', 'Bearer secret').send({ name: 'a' }).expect(201)).body).toEqual({ added: 'a' });
  });

  it('answers 405 with Allow for a method the path does not declare (RFC 9110 §15.5.6)', async () => {
    const res = await request(app).delete('/api/v1/things/box').expect(405);
    expect(res.headers.allow).toBe('GET, HEAD');
    expect(res.headers['content-type']).toMatch(/problem\+json/);
  });

  it('is described by the same declaration in the OpenAPI document', () => {
    const document = openApiDocument([echo, add], { version: 't', tags: [{ name: 'things', description: 'Things' }] });
    const get = document.paths!['/api/v1/things/{name}']!.get!;
    expect(get.operationId).toBe('getThing');
    expect(get.parameters).toEqual([
      expect.objectContaining({ name: 'name', in: 'path', required: true, description: 'the thing' }),
      expect.objectContaining({ name: 'limit', in: 'query', required: false, schema: expect.objectContaining({ minimum: 1, maximum: 10, default: 3 }) }),
    ]);
    expect(Object.keys(get.responses ?? {})).toEqual(['200', '400', '404']);
    const post = document.paths!['/api/v1/things']!.post!;
    expect(post.security).toEqual([{ writeToken: [] }]);
    expect(Object.keys(post.responses ?? {}).sort()).toEqual(['201', '400', '401', '403']);
    expect(document.components!.securitySchemes!.writeToken).toMatchObject({ type: 'http', scheme: 'bearer' });
  });

  it('names the site path in the document, and refuses two declarations of one method and path', () => {
    const page = route({ ...echo, base: 'root', path: '/api/v1/things/{name}', operationId: 'getThingPage' });
    expect(() => openApiDocument([echo, page], { version: 't', tags: [] })).toThrow('GET /api/v1/things/{name} is declared twice (getThing and getThingPage)');
  });
});

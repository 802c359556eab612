import express from 'express';
import request from 'supertest';
import { AstrovocError, ERROR_KINDS, type ErrorKind } from '../../../src/model/index.js';
import { badRequest, HttpProblem, problemHandler } from '../../../src/http/problem.js';
import { MappingError, SssomError } from '../../../src/mapping/index.js';
import { IngestError, InputBoundError, ParseBusyError } from '../../../src/ingest/index.js';
import { SparqlError } from '../../../src/sparql/index.js';
import { UcdLimitError } from '../../../src/ucd/index.js';
import { SandboxError } from '../../../src/sandbox/index.js';
import { RemoteStoreError } from '../../../src/store/index.js';
import { UnsafeIriError } from '../../../src/store/store.js';
import { CatalogueError } from '../../../src/catalogue/index.js';
import { ConfigError } from '../../../src/config/index.js';

/** An app whose one route throws the error given, answered by problemHandler; `logged` collects what it logs. */
function answer(error: unknown) {
  const logged: unknown[] = [];
  const app = express();
  app.get('/x', () => {
    throw error;
  });
  app.use(problemHandler((e) => logged.push(e)));
  return { response: request(app).get('/x?q=1'), logged };
}

describe('one error model', () => {
  test.each<[string, AstrovocError, ErrorKind]>([
    ['MappingError', new MappingError('precondition-failed', 'stale'), 'precondition-failed'],
    ['MappingError invalid', new MappingError('invalid', 'bad', 'comment'), 'bad-request'],
    ['SssomError', new SssomError('bad-curie', 'no prefix', { file: 'a.sssom.tsv', line: 3 }), 'invalid-input'],
    ['IngestError', new IngestError('bad-level', 'no level', { file: 'body', line: 4 }), 'invalid-input'],
    ['InputBoundError over a limit', new InputBoundError('deep', 'too deep', { file: 'body' }, 'depth', 64), 'too-large'],
    ['InputBoundError refused shape', new InputBoundError('entities', 'nested entities', { file: 'body' }, 'entities', 0), 'invalid-input'],
    ['ParseBusyError', new ParseBusyError(8), 'busy'],
    ['SparqlError syntax', new SparqlError('syntax', 'bad', { line: 1, column: 2 }), 'bad-request'],
    ['SparqlError timeout', new SparqlError('timeout', 'slow'), 'timeout'],
    ['UcdLimitError', new UcdLimitError('depth', 'deep', 32), 'unprocessable'],
    ['SandboxError', new SandboxError('crashed', 'trap'), 'internal'],
    ['UnsafeIriError', new UnsafeIriError('a b'), 'bad-request'],
    ['RemoteStoreError', new RemoteStoreError('http://store/sparql', 500, 'down'), 'upstream'],
    ['CatalogueError', new CatalogueError('missing-field', 'no url', { file: 'catalogue.yaml', line: 2 }), 'invalid-config'],
    ['ConfigError', new ConfigError('PORT', 'not a port'), 'invalid-config'],
    ['HttpProblem', new HttpProblem(415, 'Unsupported Media Type', 'send Turtle'), 'unsupported-media-type'],
  ])('%s is an AstrovocError of its kind', (_name, error, kind) => {
    expect(error).toBeInstanceOf(AstrovocError);
    expect(error.kind).toBe(kind);
  });

  test('the table gives the status and title; the location gives the parameter; fields follow', async () => {
    const res = await answer(new MappingError('invalid', 'comment: too long', 'comment')).response;
    expect(res.status).toBe(400);
    expect(res.type).toBe('application/problem+json');
    expect(res.body).toEqual({ type: 'about:blank', title: 'Bad request', status: 400, detail: 'comment: too long', instance: '/x?q=1', parameter: 'comment' });
  });

  test('an error may name a more precise title, and a busy one sets Retry-After', async () => {
    const { response, logged } = answer(new SparqlError('client-busy', 'wait', { bound: 'client-share', limit: 2, retryAfter: 3 }));
    const res = await response;
    expect(res.status).toBe(429);
    expect(res.headers['retry-after']).toBe('3');
    expect(res.body).toMatchObject({ title: 'Too many queries from this client', bound: 'client-share', limit: 2 });
    expect(logged).toEqual([]);
  });

  test('a reader error carries its code, line and column as fields', async () => {
    const res = await answer(new IngestError('bad-level', 'no level', { file: 'request body', line: 4, column: 2 })).response;
    expect(res.body).toMatchObject({ status: 400, title: 'Malformed input', detail: 'request body:4:2: no level', code: 'bad-level', line: 4, column: 2 });
  });

  test('HttpProblem keeps its own status and title; badRequest names the parameter', async () => {
    expect((await answer(new HttpProblem(411, 'Length Required')).response).body).toEqual({
      type: 'about:blank',
      title: 'Length Required',
      status: 411,
      instance: '/x?q=1',
    });
    expect((await answer(badRequest('limit', 'at most 100')).response).body).toMatchObject({ status: 400, title: 'Bad request parameter', parameter: 'limit' });
  });

  test('an internal error and an unknown one are 500s without internals, and logged', async () => {
    for (const error of [new SandboxError('crashed', 'worker trapped at 0xdead'), new Error('secret path /srv/x')]) {
      const { response, logged } = answer(error);
      const res = await response;
      expect(res.body).toEqual({ type: 'about:blank', title: 'Internal server error', status: 500, instance: '/x?q=1' });
      expect(logged).toEqual([error]);
    }
  });

  test('every kind has a status, a title and an exit code; only command-line and configuration mistakes exit 2', () => {
    for (const [kind, entry] of Object.entries(ERROR_KINDS)) {
      expect(entry.status).toBeGreaterThanOrEqual(400);
      expect(entry.title.length).toBeGreaterThan(0);
      expect(entry.exit).toBe(kind === 'bad-request' || kind === 'invalid-config' ? 2 : 1);
    }
  });
});

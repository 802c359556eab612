/**
 * The served OpenAPI document is valid OpenAPI 3.1 (checked by a real validator, not by us), complete (every operation
 * has an operationId and its answers a schema; writes declare their security) and true: a live answer to every GET
 * operation of the assembled app matches the schema the document gives for its status.
 */
import { TokenRegistry } from '../../src/access/index.js';
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Validator } from '@seriousme/openapi-schema-validator';
import { Ajv2020 } from 'ajv/dist/2020.js';
import type { Express } from 'express';
import request from 'supertest';
import { createApp } from '../../src/http/index.js';
import { MappingRepository, MappingService } from '../../src/mapping/index.js';
import { SparqlService, sparqlConfig } from '../../src/sparql/index.js';
import type { VocabularyService } from '../../src/vocab/index.js';
import { loadMirrorService } from '../support/loaded-service.js';
import { PROJECT_ROOT } from '../support/mirror.js';

interface Operation {
  operationId?: string;
  security?: unknown[];
  parameters?: { name: string; in: string; required?: boolean }[];
  responses: Record<string, { content?: Record<string, { schema?: object }> }>;
}
type PathItem = Record<string, Operation> & { servers?: { url: string }[] };
interface Document {
  openapi: string;
  servers: { url: string }[];
  paths: Record<string, PathItem>;
  components: { schemas: Record<string, object>; securitySchemes?: Record<string, object> };
}

const METHODS = ['get', 'put', 'post', 'delete', 'patch'];

/** A value for each path or required query parameter a GET operation may have: hosted things that exist. */
const SAMPLE_VALUES: Readonly<Record<string, string>> = {
  vocab: 'refframe',
  vocid: 'refframe',
  id: 'ICRS',
  q: 'galaxy',
  query: 'galaxy',
  iri: 'http://www.ivoa.net/rdf/refframe#ICRS',
  uri: 'http://www.ivoa.net/rdf/refframe#ICRS',
  label: 'ICRS',
  ucd: 'pos.eq.ra;meta.main',
  text: 'right ascension',
  to: 'spase-coordinate-system-name',
  name: 'ihdea-refframe_refframe',
  vocabularyPath: 'refframe',
  termPath: 'refframe/ICRS',
};

let vocabularies: VocabularyService;
let mappings: MappingService;
let sparql: SparqlService;
let app: Express;
let document: Document;
let mappingsDir: string;

beforeAll(async () => {
  vocabularies = await loadMirrorService();
  mappingsDir = mkdtempSync(join(tmpdir(), 'astrovoc-openapi-'));
  cpSync(resolve(PROJECT_ROOT, 'mappings'), mappingsDir, { recursive: true });
  mappings = new MappingService(vocabularies, new MappingRepository(mappingsDir));
  await mappings.load();
  sparql = await SparqlService.start(vocabularies, sparqlConfig({ workers: 1 }));
  app = createApp({ vocabularies, mappings, sparql, tokens: TokenRegistry.fromEnvironment(['alice:secret']), log: () => {} });
  document = (await request(app).get('/api/v1/openapi.json').expect(200)).body as Document;
}, 180_000);

afterAll(async () => {
  mappings?.close();
  await sparql?.close();
  rmSync(mappingsDir, { recursive: true, force: true });
});

function operations(): { path: string; method: string; operation: Operation; item: PathItem }[] {
  return Object.entries(document.paths).flatMap(([path, item]) =>
    METHODS.filter((method) => item[method]).map((method) => ({ path, method, operation: item[method]!, item })),
  );
}

describe('the OpenAPI document (OpenAPI 3.1.0 §4)', () => {
  it('is valid OpenAPI 3.1 by @seriousme/openapi-schema-validator', async () => {
    const result = await new Validator().validate(structuredClone(document) as unknown as Parameters<Validator['validate']>[0]);
    expect(result.errors ?? []).toEqual([]);
    expect(result.valid).toBe(true);
  });

  it('gives every operation a unique operationId and a described answer with a schema for each JSON or problem body', () => {
    const ids = operations().map(({ operation }) => operation.operationId);
    expect(ids.filter((id) => !id)).toEqual([]);
    expect(new Set(ids).size).toBe(ids.length);
    const missing = operations().flatMap(({ path, method, operation }) =>
      Object.entries(operation.responses).flatMap(([status, response]) =>
        Object.entries(response.content ?? {})
          .filter(([type, media]) => /json/.test(type) && !media.schema)
          .map(([type]) => `${method} ${path} ${status} ${type}`),
      ),
    );
    expect(missing).toEqual([]);
    expect(operations().filter(({ operation }) => Object.keys(operation.responses).length === 0)).toEqual([]);
  });

  it('declares the bearer scheme on exactly the operations that refuse a request without a token (§4.8.10, §4.8.27)', async () => {
    const schemes = document.components.securitySchemes ?? {};
    const mismatches: string[] = [];
    let writes = 0;
    for (const { path, method, operation, item } of operations()) {
      if (method === 'get') continue;
      const server = (item.servers?.[0]?.url ?? document.servers[0]!.url).replace(/\/$/, '');
      const concrete = path.replace(/\{([^}]+)\}/g, (_, name: string) => encodeURIComponent(SAMPLE_VALUES[name] ?? name));
      const res = await request(app)[method as 'post'](`${server}${concrete}`);
      const refused = res.status === 401;
      const declared = (operation.security ?? []).length > 0;
      if (refused) writes++;
      if (refused !== declared) mismatches.push(`${method} ${path}: ${res.status} without a token, security ${declared ? '' : 'not '}declared`);
      for (const requirement of operation.security ?? []) {
        for (const name of Object.keys(requirement as object)) {
          if ((schemes[name] as { type?: string; scheme?: string } | undefined)?.scheme !== 'bearer')
            mismatches.push(`${method} ${path}: no bearer scheme ${name}`);
        }
      }
    }
    expect(mismatches).toEqual([]);
    expect(writes).toBeGreaterThan(4);
  });

  it('a live answer to every GET operation matches the schema the document gives for its status and media type', async () => {
    const ajv = new Ajv2020({ strict: false, allErrors: false });
    ajv.addSchema({ $id: 'openapi', components: document.components });
    const relinked = (schema: object) => JSON.parse(JSON.stringify(schema).replaceAll('"#/components/', '"openapi#/components/')) as object;
    const failures: string[] = [];
    let checked = 0;
    for (const { path, method, operation, item } of operations()) {
      if (method !== 'get') continue;
      const server = (item.servers?.[0]?.url ?? document.servers[0]!.url).replace(/\/$/, '');
      const concrete = path.replace(/\{([^}]+)\}/g, (_, name: string) => encodeURIComponent(SAMPLE_VALUES[name] ?? `missing-sample-${name}`));
      const required = (operation.parameters ?? []).filter((p) => p.in === 'query' && p.required);
      const query = Object.fromEntries(required.map((p) => [p.name, SAMPLE_VALUES[p.name] ?? `missing-sample-${p.name}`]));
      const res = await request(app).get(`${server}${concrete}`).query(query).set('Accept', 'application/json, */*;q=0.1');
      const declared = operation.responses[String(res.status)];
      const where = `GET ${server}${concrete} ${JSON.stringify(query)} → ${res.status}`;
      if (!declared) {
        failures.push(`${where}: status not declared`);
        continue;
      }
      const mediaType = String(res.headers['content-type'] ?? '').split(';')[0]!;
      const media = declared.content?.[mediaType];
      if (declared.content && !media) {
        failures.push(`${where}: ${mediaType} not declared (${Object.keys(declared.content).join(', ')})`);
        continue;
      }
      if (!media?.schema || !/json/.test(mediaType)) continue;
      const validate = ajv.compile(relinked(media.schema));
      checked++;
      if (!validate(res.body)) failures.push(`${where}: ${ajv.errorsText(validate.errors)}`);
    }
    expect(failures).toEqual([]);
    expect(checked).toBeGreaterThan(20);
  });
});

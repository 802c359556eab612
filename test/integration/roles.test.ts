/**
 * Who may do what, end to end: tokens made with `astrovoc token add` (a temporary data directory), read back by a
 * real app from the token file, and used over HTTP against each kind of write.
 */
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Command } from 'commander';
import type { Express } from 'express';
import request from 'supertest';
import { TokenRegistry } from '../../src/access/index.js';
import { registerTokenCommands } from '../../src/cli/commands/token-command.js';
import { createApp } from '../../src/http/index.js';
import { MappingRepository, MappingService, personIri } from '../../src/mapping/index.js';
import { SparqlService, sparqlConfig } from '../../src/sparql/index.js';
import { loadMirrorVocabularies } from '../support/loaded-service.js';

const ICRS = 'http://www.ivoa.net/rdf/refframe#ICRS';
const TT = 'http://www.ivoa.net/rdf/timescale#TT';
const TAI = 'http://www.ivoa.net/rdf/timescale#TAI';
const SCRATCH = 'urn:astrovoc:test:roles';

let dir: string;
let file: string;
let app: Express;
let sparql: SparqlService;
let mappings: MappingService;
const tokens: Record<string, string> = {};

/** Runs `astrovoc token …` as the command line declares it; its standard output and error. */
async function token(...args: string[]): Promise<{ out: string; err: string }> {
  const io = { out: '', err: '' };
  const program = new Command('astrovoc').exitOverride().configureOutput({ writeErr: () => {} });
  registerTokenCommands(program, () => file, { out: (text) => (io.out += text), err: (text) => (io.err += text) });
  await program.parseAsync(['token', ...args], { from: 'user' });
  return io;
}

const bearer = (name: string) => ({ Authorization: `Bearer ${tokens[name]}` });

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'astrovoc-roles-'));
  file = join(dir, 'data', 'tokens');
  const vocabularies = await loadMirrorVocabularies(['refframe', 'timescale']);
  mappings = new MappingService(vocabularies, new MappingRepository(join(dir, 'mappings')));
  await mappings.load();
  sparql = await SparqlService.start(vocabularies, sparqlConfig({ workers: 1, queueLimit: 4 }));
}, 120_000);

afterAll(async () => {
  await sparql.close();
  mappings.close();
  await rm(dir, { recursive: true, force: true });
});

describe('astrovoc token add | list | remove', () => {
  it('adds tokens (printed once as <name>.<secret>), lists names, roles and scopes without hashes, removes one', async () => {
    for (const [name, role, ...vocabs] of [
      ['alice', 'editor', 'refframe'],
      ['bob', 'maintainer', 'refframe'],
      ['carol', 'maintainer', 'uat'],
      ['root', 'maintainer'],
      ['eve', 'editor'],
    ] as const) {
      const { out, err } = await token('add', name, '--role', role, ...vocabs.flatMap((v) => ['--vocab', v]));
      expect(out).toMatch(new RegExp(`^${name}\\.[A-Za-z0-9_-]{43}\\n$`));
      expect(err).toContain(`token ${name} (${role} of ${vocabs.length ? vocabs.join(', ') : 'every vocabulary'}) added`);
      tokens[name] = out.trim();
    }
    expect((await stat(file)).mode & 0o777).toBe(0o600);
    await expect(token('add', 'alice', '--role', 'editor')).rejects.toThrow(/has a token named alice already/);
    await expect(token('add', 'al.ice', '--role', 'editor')).rejects.toThrow(/letters, digits/);
    await expect(token('add', 'zed', '--role', 'admin')).rejects.toThrow(/Allowed choices are editor, maintainer/);

    await token('remove', 'eve');
    await expect(token('remove', 'eve')).rejects.toThrow(/no token named eve/);
    const { out } = await token('list');
    expect(out).not.toMatch(/scrypt|\$/);
    expect(out.split('\n').slice(2, -1)).toEqual([
      'alice  editor      refframe',
      'bob    maintainer  refframe',
      'carol  maintainer  uat',
      'root   maintainer  *',
    ]);
    app = createApp({ vocabularies: mappings.vocabularies, mappings, sparql, tokens: await TokenRegistry.load(file), log: () => {} });
  });
});

describe('the tokens over HTTP', () => {
  const mapping = { subject_id: ICRS, predicate_id: 'skos:relatedMatch', object_id: TT };
  let id: string;
  let etag: string;

  it('a write without a token is 401 with WWW-Authenticate: Bearer; a wrong or removed token is 403', async () => {
    const none = await request(app).post('/api/v1/mappings').send(mapping).expect(401);
    expect(none.headers['www-authenticate']).toBe('Bearer');
    await request(app).post('/api/v1/mappings').set('Authorization', 'Bearer alice.wrong').send(mapping).expect(403);
    await request(app).post('/api/v1/mappings').set(bearer('eve')).send(mapping).expect(403);
    await request(app)
      .post('/api/v1/mappings')
      .set('Authorization', `Bearer ${tokens.alice!.replace('alice.', 'bob.')}`)
      .send(mapping)
      .expect(403);
  });

  it("a curated mapping needs an editor of the subject's or the object's vocabulary; its author is the token's owner", async () => {
    const refused = await request(app).post('/api/v1/mappings').set(bearer('carol')).send(mapping).expect(403);
    expect(refused.body).toMatchObject({ role: 'editor', vocabulary: ['refframe', 'timescale'] });
    expect(refused.body.detail).toMatch(/editor role of refframe or timescale/);
    const added = await request(app).post('/api/v1/mappings').set(bearer('alice')).send(mapping).expect(201);
    expect(added.body.author_id).toEqual([personIri('alice')]);
    id = added.body.id;
    etag = added.headers.etag!;
  });

  it('a review needs a maintainer of either vocabulary: an editor and a maintainer of another vocabulary are 403', async () => {
    const review = (who: string, body: object = { decision: 'accept' }) =>
      request(app).post(`/api/v1/mappings/${id}/review`).set(bearer(who)).set('If-Match', etag).send(body);
    const editor = await review('alice').expect(403);
    expect(editor.body.detail).toMatch(/needs the maintainer role/);
    expect(editor.body.role).toBe('maintainer');
    const other = await review('carol').expect(403);
    expect(other.body).toMatchObject({ role: 'maintainer', vocabulary: ['refframe', 'timescale'] });
    await review('bob', { decision: 'accept', reviewer: 'mallory' }).expect(400);
    const accepted = await review('bob').expect(200);
    expect(accepted.body.reviewer_id).toEqual([personIri('bob')]);
    expect(mappings.get(id)?.mapping.reviewerId).toEqual([personIri('bob')]);
  });

  it('mapping compute needs an editor of any vocabulary', async () => {
    await request(app).post('/api/v1/mappings/compute').send({ source: 'refframe', target: 'timescale' }).expect(401);
    await request(app).post('/api/v1/mappings/compute').set(bearer('alice')).send({ source: 'refframe', target: 'timescale' }).expect(200);
  });

  it('the Graph Store and SPARQL Update need a maintainer of every vocabulary', async () => {
    const put = (who: string) => request(app).put('/rdf-graphs').query({ graph: SCRATCH }).set(bearer(who)).type('text/turtle').send(`<${TAI}> <urn:p> "x" .`);
    expect((await put('alice').expect(403)).body.detail).toMatch(/needs the maintainer role/);
    expect((await put('bob').expect(403)).body).toMatchObject({ role: 'maintainer', vocabulary: '*' });
    await put('root').expect(201);
    const update = (who: string) =>
      request(app).post('/sparql').set(bearer(who)).type('application/sparql-update').send(`INSERT DATA { GRAPH <${SCRATCH}> { <urn:s> <urn:p> "y" } }`);
    await request(app).post('/sparql').type('application/sparql-update').send('INSERT DATA { <urn:s> <urn:p> "z" }').expect(401);
    await update('bob').expect(403);
    expect((await update('root').expect(200)).body.changedGraphs).toEqual([SCRATCH]);
    await request(app).delete('/rdf-graphs').query({ graph: SCRATCH }).set(bearer('bob')).expect(403);
    await request(app).delete('/rdf-graphs').query({ graph: SCRATCH }).set(bearer('root')).expect(204);
  });
});

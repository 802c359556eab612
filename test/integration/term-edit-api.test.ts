/**
 * Editors' term writes over HTTP (issue 13): roles from a token file of scrypt hashes (401/403), If-Match on every
 * write (RFC 9110 §13.1.1: 428 without, 412 when stale, nothing changed), each VocInVO2 rule a 422 naming its field and
 * rule, the change log and a term's history newest first, and the terms.csv export differing from upstream in exactly
 * the rows the edits touched.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Express } from 'express';
import { Command } from 'commander';
import request from 'supertest';
import { registerTermCommands } from '../../src/cli/commands/term-command.js';
import { serveOnLoopback } from '../support/loopback.js';
import { formatTokenLine, hashSecret, TokenRegistry } from '../../src/access/index.js';
import { loadCatalogue } from '../../src/catalogue/index.js';
import { CurationService } from '../../src/curation/index.js';
import { createApp } from '../../src/http/index.js';
import { OxigraphStore } from '../../src/store/index.js';
import { VocabularyService } from '../../src/vocab/index.js';
import { mirrorPath, mirrorRoot, PROJECT_ROOT } from '../support/mirror.js';

const TERMS = '/api/v1/vocabularies/refframe/terms';
let dir: string;
let app: Express;
let vocabularies: VocabularyService;
const token = { editor: 'alice.editor-secret', maintainer: 'root.maintainer-secret', otherEditor: 'tim.timescale-secret' };
const bearer = (t: string) => ({ Authorization: `Bearer ${t}` });

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'astrovoc-term-edit-'));
  const lines = [
    formatTokenLine({ name: 'alice', role: 'editor', scope: ['refframe'] }, await hashSecret('editor-secret')),
    formatTokenLine({ name: 'root', role: 'maintainer', scope: '*' }, await hashSecret('maintainer-secret')),
    formatTokenLine({ name: 'tim', role: 'editor', scope: ['timescale'] }, await hashSecret('timescale-secret')),
  ];
  writeFileSync(join(dir, 'tokens'), `${lines.join('\n')}\n`);
  vocabularies = new VocabularyService(
    new OxigraphStore(),
    (await loadCatalogue(PROJECT_ROOT)).filter((e) => ['refframe', 'timescale'].includes(e.id)),
  );
  const curation = new CurationService(vocabularies, join(dir, 'curation'));
  await vocabularies.load(mirrorRoot());
  const tokens = await TokenRegistry.load(join(dir, 'tokens'), []);
  app = createApp({ vocabularies, curation, tokens, log: () => {} });
}, 120_000);

afterAll(() => rmSync(dir, { recursive: true, force: true }));

const etagOf = async (path: string) => (await request(app).get(path).expect(200)).headers.etag as string;
const vocabularyTag = () => etagOf('/api/v1/vocabularies/refframe');

describe('who may write (issue 13: 401 without a token, 403 with the wrong role)', () => {
  test('no token: 401 with WWW-Authenticate; a token of another vocabulary: 403; an editor approving: 403', async () => {
    const body = { id: 'NOBODY', label: 'Nobody' };
    await request(app)
      .post(TERMS)
      .set('If-Match', await vocabularyTag())
      .send(body)
      .expect(401)
      .expect('www-authenticate', /Bearer/);
    await request(app)
      .post(TERMS)
      .set(bearer('alice.wrong'))
      .set('If-Match', await vocabularyTag())
      .send(body)
      .expect(403);
    const other = await request(app)
      .post(TERMS)
      .set(bearer(token.otherEditor))
      .set('If-Match', await vocabularyTag())
      .send(body)
      .expect(403);
    expect(other.body.detail).toMatch(/editor/);
    await request(app).get(`${TERMS}/NOBODY`).expect(404);
    const approve = await request(app)
      .post(`${TERMS}/ICRS/approve`)
      .set(bearer(token.editor))
      .set('If-Match', await etagOf(`${TERMS}/ICRS`))
      .send({})
      .expect(403);
    expect(approve.body.detail).toMatch(/maintainer/);
  });
});

describe('RFC 9110 §13.1.1 If-Match on term writes', () => {
  test('428 without If-Match and 412 with a stale tag; neither changes anything', async () => {
    const body = { id: 'PRECOND', label: 'Precondition' };
    await request(app).post(TERMS).set(bearer(token.editor)).send(body).expect(428);
    await request(app).post(TERMS).set(bearer(token.editor)).set('If-Match', '"v-stale"').send(body).expect(412);
    await request(app).get(`${TERMS}/PRECOND`).expect(404);
    await request(app).patch(`${TERMS}/FK5`).set(bearer(token.editor)).set('If-Match', '"t-stale"').send({ label: 'Changed' }).expect(412);
    expect((await request(app).get(`${TERMS}/FK5`).expect(200)).body.label).toBe('FK5');
    expect((await request(app).get('/api/v1/vocabularies/refframe/changes').expect(200)).body.total).toBe(0);
  });
});

describe('the lifecycle of a term: add (preliminary), change, deprecate with useInstead, history newest first', () => {
  test('an editor adds and relabels; a maintainer deprecates; the record says who did what', async () => {
    const added = await request(app)
      .post(TERMS)
      .set(bearer(token.editor))
      .set('If-Match', await vocabularyTag())
      .send({ id: 'GALACTIC_II', label: 'Galactic II', description: 'A test frame.', parents: ['EQUATORIAL'], why: 'VEP-042' });
    expect(added.status).toBe(201);
    expect(added.headers.location).toBe(`${TERMS}/GALACTIC_II`);
    expect(added.headers.etag).toMatch(/^"t-/);
    expect(added.body.status).toEqual({ preliminary: true, deprecated: false });

    const relabelled = await request(app)
      .patch(`${TERMS}/GALACTIC_II`)
      .set(bearer(token.editor))
      .set('If-Match', added.headers.etag!)
      .send({ label: 'Galactic 2' })
      .expect(200);
    expect(relabelled.body.label).toBe('Galactic 2');
    await request(app).patch(`${TERMS}/GALACTIC_II`).set(bearer(token.editor)).set('If-Match', added.headers.etag!).send({ label: 'Lost' }).expect(412);

    const deprecated = await request(app)
      .post(`${TERMS}/GALACTIC_II/deprecate`)
      .set(bearer(token.maintainer))
      .set('If-Match', relabelled.headers.etag!)
      .send({ useInstead: 'GALACTIC', why: 'duplicate of GALACTIC' })
      .expect(200);
    expect(deprecated.body.status.deprecated).toBe(true);
    expect(deprecated.body.useInstead[0].id).toBe('GALACTIC');

    const history = await request(app).get(`${TERMS}/GALACTIC_II/history`).expect(200);
    expect(history.body.changes.map((c: { action: string; who: string }) => [c.action, c.who])).toEqual([
      ['deprecate', 'root'],
      ['modify', 'alice'],
      ['add', 'alice'],
    ]);
    expect(history.body.changes[2].why).toBe('VEP-042');
    expect(history.body.changes[1].before.label).toBe('Galactic II');
  });

  test('VocInVO2: each refusal is a 422 naming the field and the rule, and changes nothing', async () => {
    const cycle = await request(app)
      .patch(`${TERMS}/EQUATORIAL`)
      .set(bearer(token.editor))
      .set('If-Match', await etagOf(`${TERMS}/EQUATORIAL`))
      .send({ parents: ['FK5'] });
    expect(cycle.status).toBe(422);
    expect(cycle.body.rule).toBe('parent-cycle');
    expect(cycle.body.parameter).toBe('parents.0');
    const badId = await request(app)
      .post(TERMS)
      .set(bearer(token.editor))
      .set('If-Match', await vocabularyTag())
      .send({ id: 'no spaces', label: 'x' });
    expect(badId.status).toBe(422);
    expect(badId.body.rule).toBe('id-syntax');
    const taken = await request(app)
      .post(TERMS)
      .set(bearer(token.editor))
      .set('If-Match', await vocabularyTag())
      .send({ id: 'ICRS', label: 'again' });
    expect(taken.status).toBe(409);
    const removeApproved = await request(app)
      .delete(`${TERMS}/ICRS`)
      .set(bearer(token.maintainer))
      .set('If-Match', await etagOf(`${TERMS}/ICRS`));
    expect(removeApproved.status).toBe(422);
    expect(removeApproved.body.rule).toBe('remove-not-preliminary');
    await request(app).get(`${TERMS}/ICRS`).expect(200);
  });

  test('the terms.csv export differs from upstream in exactly the row the edits touched', async () => {
    const exported = await request(app)
      .get('/api/v1/vocabularies/refframe/export?format=csv')
      .expect(200)
      .expect('content-type', /text\/csv/);
    const upstream = readFileSync(mirrorPath('ivoa-vocabularies/refframe/terms.csv'), 'utf8').split('\n');
    const lines = exported.text.split('\n');
    const added = lines.filter((l) => !upstream.includes(l));
    const dropped = upstream.filter((l) => !lines.includes(l));
    expect(dropped).toEqual([]);
    expect(added).toHaveLength(1);
    expect(added[0]).toMatch(/^GALACTIC_II;2;"?Galactic 2"?;/);
    expect(added[0]).toMatch(/ivoasem:deprecated/);
    expect(added[0]).toMatch(/ivoasem:useInstead\(GALACTIC\)/);
    const conf = await request(app).get('/api/v1/vocabularies/refframe/export?format=conf').expect(200);
    expect(conf.text).toMatch(/^\[refframe\]/);
  });

  test('the change log lists every change newest first; there are no conflicts', async () => {
    const log = await request(app).get('/api/v1/vocabularies/refframe/changes').expect(200);
    expect(log.body.total).toBe(3);
    expect(log.body.changes[0].action).toBe('deprecate');
    expect((await request(app).get('/api/v1/vocabularies/refframe/conflicts').expect(200)).body).toEqual({ total: 0, conflicts: [] });
  });
});

describe('astrovoc term: the same edits from the command line, through the running server', () => {
  /** Runs `astrovoc term …` against the app on loopback with `token`; what it printed. */
  async function term(base: string, secret: string, ...args: string[]): Promise<string> {
    let out = '';
    const program = new Command('astrovoc').exitOverride().configureOutput({ writeErr: () => {} });
    registerTermCommands(program.command('term'), { server: () => ({ url: base, token: secret }), out: (text) => (out += text) });
    await program.parseAsync(['term', ...args], { from: 'user' });
    return out;
  }

  test('term add, edit, approve and history read the ETag and send it back; a refusal names the rule', async () => {
    const { server, base } = await serveOnLoopback(app);
    try {
      const added = JSON.parse(
        await term(base, token.editor, 'add', 'refframe', 'CLI_FRAME', '--label', 'CLI frame', '--parent', 'EQUATORIAL', '--why', 'from the CLI'),
      ) as {
        status: { preliminary: boolean };
      };
      expect(added.status.preliminary).toBe(true);
      await term(base, token.editor, 'edit', 'refframe', 'CLI_FRAME', '--description', 'Made from the command line.');
      await expect(term(base, token.editor, 'approve', 'refframe', 'CLI_FRAME')).rejects.toThrow(/403.*maintainer/);
      const approved = JSON.parse(await term(base, token.maintainer, 'approve', 'refframe', 'CLI_FRAME')) as { status: { preliminary: boolean } };
      expect(approved.status.preliminary).toBe(false);
      const history = JSON.parse(await term(base, token.editor, 'history', 'refframe', 'CLI_FRAME')) as { changes: { action: string }[] };
      expect(history.changes.map((c) => c.action)).toEqual(['approve', 'modify', 'add']);
      await expect(term(base, token.editor, 'edit', 'refframe', 'CLI_FRAME', '--parent', 'CLI_FRAME')).rejects.toThrow(/422.*parent-self/);
    } finally {
      server.close();
    }
  });
});

/**
 * The editor pages' sessions and CSRF defence over HTTP, on the real curation record (refframe, a temporary data
 * directory): a wrong token does not sign in; the session cookie is HttpOnly and SameSite=Strict and is not the
 * token; a POST without the session's CSRF token, with another session's, or from another site is 403 and changes
 * nothing; refusals come back as the form with the message by its field; sign-out ends the session.
 */
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { formatTokenLine, hashSecret, parseTokenFile, TokenRegistry } from '../../src/access/index.js';
import { editorStack, type EditorStack } from '../support/editor-app.js';
import { mirrorPath } from '../support/mirror.js';

const MAINTAINER = 'mia:maintainer-secret';
/** A token-file token: an editor of refframe only. */
const EDITOR = 'eddie.editor-secret';
let stack: EditorStack;

beforeAll(async () => {
  const line = formatTokenLine({ name: 'eddie', role: 'editor', scope: ['refframe'] }, await hashSecret('editor-secret'));
  stack = await editorStack(new TokenRegistry(parseTokenFile(line, 'tokens'), [MAINTAINER]), ['refframe', 'messenger']);
}, 120_000);

afterAll(() => stack?.close());

const hidden = (html: string, name: string, form?: string): string => {
  const scope = form ? html.slice(html.indexOf(`id="${form}"`)) : html;
  const found = new RegExp(`name="${name}" value="([^"]*)"`).exec(scope);
  if (!found) throw new Error(`no hidden ${name}${form ? ` in #${form}` : ''}`);
  return found[1]!;
};

/** A browser-like client signed in with `token`: its agent (cookie jar) and its session's CSRF token. */
async function signedIn(token: string): Promise<{ agent: ReturnType<typeof request.agent>; csrf: string; cookie: string }> {
  const agent = request.agent(stack.app);
  const form = await agent.get('/edit/sign-in?next=/edit/refframe').expect(200);
  const answer = await agent
    .post('/edit/sign-in')
    .type('form')
    .send({ csrf: hidden(form.text, 'csrf'), token, next: '/edit/refframe' })
    .expect(303);
  expect(answer.headers.location).toBe('/edit/refframe');
  const cookie = [answer.headers['set-cookie'] ?? []].flat().find((c: string) => c.startsWith('astrovoc_editor='))!;
  const page = await agent.get('/edit/refframe').expect(200);
  return { agent, csrf: hidden(page.text, 'csrf'), cookie };
}

describe('editor pages: signing in', () => {
  it('an anonymous visit goes to the sign-in form, which remembers where it came from', async () => {
    const answer = await request(stack.app).get('/edit/refframe/ICRS').expect(303);
    expect(answer.headers.location).toBe('/edit/sign-in?next=%2Fedit%2Frefframe%2FICRS');
  });

  it('a wrong token does not sign in: 403, the form again, no session cookie', async () => {
    const agent = request.agent(stack.app);
    const form = await agent.get('/edit/sign-in').expect(200);
    const answer = await agent
      .post('/edit/sign-in')
      .type('form')
      .send({ csrf: hidden(form.text, 'csrf'), token: 'mia:guess' })
      .expect(403);
    expect(answer.text).toContain('This token is not valid');
    expect(String(answer.headers['set-cookie'] ?? '')).not.toContain('astrovoc_editor=');
    await agent.get('/edit').expect(303);
  });

  it('the sign-in form needs its own double-submit token: without it a valid token is refused', async () => {
    const agent = request.agent(stack.app);
    await agent.get('/edit/sign-in').expect(200);
    await agent.post('/edit/sign-in').type('form').send({ token: MAINTAINER }).expect(403);
    await agent.post('/edit/sign-in').type('form').send({ csrf: 'forged', token: MAINTAINER }).expect(403);
    await agent.get('/edit').expect(303);
  });

  it('the session cookie is HttpOnly, SameSite=Strict, Path=/, not Secure over plain http, and is not the token', async () => {
    const { cookie } = await signedIn(MAINTAINER);
    const attributes = cookie.split(';').map((part) => part.trim());
    expect(attributes).toEqual(expect.arrayContaining(['HttpOnly', 'SameSite=Strict', 'Path=/']));
    expect(attributes).not.toContain('Secure');
    expect(cookie).not.toContain('maintainer-secret');
    expect(attributes[0]!.split('=')[1]).toHaveLength(43);
  });
});

describe('editor pages: CSRF', () => {
  it('a POST without the CSRF token, with a wrong one, with another session’s, or from another site is 403 and changes nothing', async () => {
    const { agent, csrf } = await signedIn(MAINTAINER);
    const other = await signedIn(MAINTAINER);
    const page = await agent.get('/edit/refframe').expect(200);
    const version = hidden(page.text, 'version', 'add-term');
    const add = { id: 'CSRF_PROBE', label: 'Probe', parents: 'EQUATORIAL', version };
    const logged = stack.curation.changes('refframe').length;
    await agent.post('/edit/refframe').type('form').send(add).expect(403);
    await agent
      .post('/edit/refframe')
      .type('form')
      .send({ ...add, csrf: 'x'.repeat(43) })
      .expect(403);
    await agent
      .post('/edit/refframe')
      .type('form')
      .send({ ...add, csrf: other.csrf })
      .expect(403);
    await agent
      .post('/edit/refframe')
      .type('form')
      .set('Origin', 'http://evil.example')
      .send({ ...add, csrf })
      .expect(403);
    await request(stack.app)
      .post('/edit/refframe')
      .type('form')
      .send({ ...add, csrf })
      .expect(403);
    expect(stack.lookup.index.term('refframe', 'CSRF_PROBE')).toBeUndefined();
    expect(stack.curation.changes('refframe')).toHaveLength(logged);
    await agent
      .post('/edit/refframe')
      .type('form')
      .send({ ...add, csrf })
      .expect(303);
    expect(stack.lookup.index.term('refframe', 'CSRF_PROBE')?.status.preliminary).toBe(true);
    expect(stack.curation.changes('refframe')[0]).toMatchObject({ who: 'mia', action: 'add', term: 'CSRF_PROBE' });
  });
});

describe('editor pages: refused changes show in the form', () => {
  it('an id that exists comes back next to the id field, with what the editor typed', async () => {
    const { agent, csrf } = await signedIn(MAINTAINER);
    const page = await agent.get('/edit/refframe').expect(200);
    const answer = await agent
      .post('/edit/refframe')
      .type('form')
      .send({ csrf, version: hidden(page.text, 'version', 'add-term'), id: 'ICRS', label: 'Another ICRS', parents: 'EQUATORIAL' });
    expect(answer.status).toBe(409);
    expect(answer.text).toMatch(/<p class="field-error" id="add-id-error">[^<]*ICRS/);
    expect(answer.text).toContain('value="Another ICRS"');
    expect(stack.lookup.index.term('refframe', 'ICRS')?.labels[0]).toBe('ICRS');
  });

  it('a form drawn before another change is stale: 412, the term as it is now beside the form, nothing changed', async () => {
    const alice = await signedIn(MAINTAINER);
    const bob = await signedIn(MAINTAINER);
    const old = await alice.agent.get('/edit/refframe/FK4').expect(200);
    const fresh = await bob.agent.get('/edit/refframe/FK4').expect(200);
    const form = (html: string, label: string, csrf: string) => ({
      csrf,
      version: hidden(html, 'version', 'edit-term'),
      label,
      description: stack.curation.termRecord('refframe', 'FK4')!.description,
      parents: stack.curation.termRecord('refframe', 'FK4')!.parents.join('\n'),
    });
    await bob.agent
      .post('/edit/refframe/FK4')
      .type('form')
      .send(form(fresh.text, 'FK4 (Bob)', bob.csrf))
      .expect(303);
    const stale = await alice.agent
      .post('/edit/refframe/FK4')
      .type('form')
      .send(form(old.text, 'FK4 (Alice)', alice.csrf))
      .expect(412);
    expect(stale.text).toContain('id="current"');
    expect(stale.text).toContain('FK4 (Bob)');
    expect(stale.text).toContain('value="FK4 (Alice)"');
    expect(stack.lookup.index.term('refframe', 'FK4')?.labels[0]).toBe('FK4 (Bob)');
  });
});

describe('editor pages: signing out', () => {
  it('ends the session: the cookie is cleared, the old cookie and CSRF token no longer work', async () => {
    const { agent, csrf, cookie } = await signedIn(MAINTAINER);
    const out = await agent.post('/edit/sign-out').type('form').send({ csrf }).expect(303);
    expect(String(out.headers['set-cookie'])).toMatch(/astrovoc_editor=; Path=\/; HttpOnly; SameSite=Strict; Max-Age=0/);
    const replay = request(stack.app);
    const session = cookie.split(';')[0]!;
    await replay.get('/edit/refframe').set('Cookie', session).expect(303);
    await replay.post('/edit/refframe').set('Cookie', session).type('form').send({ csrf, id: 'AFTER_SIGN_OUT', label: 'x' }).expect(403);
    expect(stack.lookup.index.term('refframe', 'AFTER_SIGN_OUT')).toBeUndefined();
  });
});

describe('editor pages: roles', () => {
  it('an editor adds and changes terms but is offered no approve or deprecate, and a forged approve is 403 and changes nothing', async () => {
    const { agent, csrf } = await signedIn(EDITOR);
    const page = await agent.get('/edit/refframe').expect(200);
    await agent
      .post('/edit/refframe')
      .type('form')
      .send({ csrf, version: hidden(page.text, 'version', 'add-term'), id: 'EDITOR_ADDED', label: 'Added by an editor', parents: 'EQUATORIAL' })
      .expect(303);
    const form = await agent.get('/edit/refframe/EDITOR_ADDED').expect(200);
    expect(form.text).toContain('id="edit-term"');
    expect(form.text).not.toContain('id="approve-term"');
    expect(form.text).not.toContain('id="deprecate-term"');
    const refused = await agent
      .post('/edit/refframe/EDITOR_ADDED/approve')
      .type('form')
      .send({ csrf, version: hidden(form.text, 'version', 'edit-term') })
      .expect(403);
    expect(refused.text).toContain('maintainer');
    expect(stack.lookup.index.term('refframe', 'EDITOR_ADDED')?.status.preliminary).toBe(true);
    expect(stack.curation.history('refframe', 'EDITOR_ADDED')[0]).toMatchObject({ who: 'eddie', action: 'add' });
  });

  it('a vocabulary outside the token’s scope is a 403 page, one not hosted a 404; the index lists only those in scope', async () => {
    const { agent, csrf } = await signedIn(EDITOR);
    await agent.get('/edit/messenger').expect(403);
    await agent.post('/edit/messenger').type('form').send({ csrf, id: 'OUT_OF_SCOPE', label: 'x' }).expect(403);
    expect(stack.lookup.index.term('messenger', 'OUT_OF_SCOPE')).toBeUndefined();
    await agent.get('/edit/no-such-vocabulary').expect(404);
    const index = await agent.get('/edit').expect(200);
    expect(index.text).toContain('href="/edit/refframe"');
    expect(index.text).not.toContain('href="/edit/messenger"');
  });
});

describe('editor pages: approve and remove', () => {
  it('a maintainer approves one preliminary term and removes another; the removed one leaves for the vocabulary page', async () => {
    const { agent, csrf } = await signedIn(MAINTAINER);
    for (const id of ['TO_APPROVE', 'TO_REMOVE']) {
      const page = await agent.get('/edit/refframe').expect(200);
      await agent
        .post('/edit/refframe')
        .type('form')
        .send({ csrf, version: hidden(page.text, 'version', 'add-term'), id, label: id, parents: 'EQUATORIAL' })
        .expect(303);
    }
    const approve = await agent.get('/edit/refframe/TO_APPROVE').expect(200);
    expect(approve.text).toContain('id="approve-term"');
    await agent
      .post('/edit/refframe/TO_APPROVE/approve')
      .type('form')
      .send({ csrf, version: hidden(approve.text, 'version', 'approve-term') })
      .expect(303);
    expect(stack.lookup.index.term('refframe', 'TO_APPROVE')?.status.preliminary).toBe(false);
    const approved = await agent.get('/edit/refframe/TO_APPROVE').expect(200);
    expect(approved.text).toContain('Approved the term TO_APPROVE.');
    expect(approved.text).not.toContain('id="remove-term"');

    const remove = await agent.get('/edit/refframe/TO_REMOVE').expect(200);
    const gone = await agent
      .post('/edit/refframe/TO_REMOVE/remove')
      .type('form')
      .send({ csrf, version: hidden(remove.text, 'version', 'remove-term') })
      .expect(303);
    expect(gone.headers.location).toBe('/edit/refframe');
    expect(stack.lookup.index.term('refframe', 'TO_REMOVE')).toBeUndefined();
    await agent.get('/edit/refframe/TO_REMOVE').expect(404);
    const kept = await agent
      .post('/edit/refframe/TO_APPROVE/remove')
      .type('form')
      .send({ csrf, version: hidden(approved.text, 'version', 'edit-term') })
      .expect(422);
    expect(kept.text).toMatch(/id="lifecycle-message">[^<]*remove-not-preliminary/);
    expect(stack.lookup.index.term('refframe', 'TO_APPROVE')).toBeDefined();
  });
});

describe('editor pages: proposals', () => {
  it('an editor proposes an addition in the form; a maintainer takes it under review, comments and accepts it; the term is added with the proposal in its history', async () => {
    const eddie = await signedIn(EDITOR);
    const form = await eddie.agent.get('/edit/refframe/proposals/new').expect(200);
    expect(form.text).toContain('id="propose"');
    const draft = {
      csrf: eddie.csrf,
      action: 'Addition',
      term: 'PROPOSED_FRAME',
      label: 'Proposed frame',
      description: 'A frame proposed through the editor pages.',
      parents: 'EQUATORIAL',
      usedIn: 'https://example.org/paper',
      rationale: 'Needed by a test.',
    };
    const missing = await eddie.agent
      .post('/edit/refframe/proposals/new')
      .type('form')
      .send({ ...draft, usedIn: '' })
      .expect(400);
    expect(missing.text).toMatch(/id="propose-usedIn-error">[^<]*Used-in|id="propose-usedIn-error">[^<]*URI/);
    expect(missing.text).toContain('value="Proposed frame"');
    const submitted = await eddie.agent.post('/edit/refframe/proposals/new').type('form').send(draft).expect(303);
    const path = submitted.headers.location as string;
    expect(path).toMatch(/^\/edit\/refframe\/proposals\/p\d+$/);
    const vocabularyPage = await eddie.agent.get('/edit/refframe').expect(200);
    expect(vocabularyPage.text).toContain(`href="${path}"`);

    const mia = await signedIn(MAINTAINER);
    const review = await mia.agent.post(`${path}/transition`).type('form').send({ csrf: mia.csrf, to: 'under-review' }).expect(303);
    expect(review.headers.location).toBe(path);
    await mia.agent.post(`${path}/comment`).type('form').send({ csrf: mia.csrf, text: 'Looks right.' }).expect(303);
    const open = await eddie.agent.get(path).expect(200);
    expect(open.text).toContain('Looks right.');
    expect(open.text).not.toContain('id="move-accepted"');
    await eddie.agent.post(`${path}/transition`).type('form').send({ csrf: eddie.csrf, to: 'accepted' }).expect(403);
    expect(stack.lookup.index.term('refframe', 'PROPOSED_FRAME')).toBeUndefined();

    const page = await mia.agent.get(path).expect(200);
    expect(page.text).toContain('id="move-accepted"');
    await mia.agent.post(`${path}/transition`).type('form').send({ csrf: mia.csrf, to: 'accepted', comment: 'Accepted at the meeting.' }).expect(303);
    expect(stack.lookup.index.term('refframe', 'PROPOSED_FRAME')?.status.preliminary).toBe(true);
    const [added] = stack.curation.history('refframe', 'PROPOSED_FRAME');
    expect(added).toMatchObject({ action: 'add', who: 'mia', proposal: path.split('/').pop() });
    const listed = (await mia.agent.get('/edit/refframe').expect(200)).text;
    expect(listed.slice(listed.indexOf('Closed proposals ('))).toContain(`href="${path}"`);
    const publicPage = await request(stack.app).get('/rdf/refframe/PROPOSED_FRAME').expect(200);
    expect(publicPage.text).toContain('id="history"');
    expect(publicPage.text).toContain(`href="${path}"`);
  });
});

describe('conflicts with upstream', () => {
  it('a change upstream contradicts is reported on the public and the editor vocabulary pages, not dropped', async () => {
    const mirror = mkdtempSync(join(tmpdir(), 'astrovoc-mirror-'));
    mkdirSync(join(mirror, 'ivoa-vocabularies', 'refframe'), { recursive: true });
    cpSync(mirrorPath('ivoa-vocabularies/vocabs.conf'), join(mirror, 'ivoa-vocabularies', 'vocabs.conf'));
    const terms = join(mirror, 'ivoa-vocabularies', 'refframe', 'terms.csv');
    cpSync(mirrorPath('ivoa-vocabularies/refframe/terms.csv'), terms);
    const local = await editorStack(TokenRegistry.fromEnvironment([MAINTAINER]), ['refframe'], mirror);
    try {
      const agent = request.agent(local.app);
      const form = await agent.get('/edit/sign-in').expect(200);
      await agent
        .post('/edit/sign-in')
        .type('form')
        .send({ csrf: hidden(form.text, 'csrf'), token: MAINTAINER, next: '/edit/refframe/FK5' })
        .expect(303);
      const page = await agent.get('/edit/refframe/FK5').expect(200);
      const record = local.curation.termRecord('refframe', 'FK5')!;
      await agent
        .post('/edit/refframe/FK5')
        .type('form')
        .send({
          csrf: hidden(page.text, 'csrf'),
          version: hidden(page.text, 'version', 'edit-term'),
          label: 'FK5 (ours)',
          description: record.description,
          parents: record.parents.join('\n'),
        })
        .expect(303);
      const quiet = await request(local.app).get('/rdf/refframe').expect(200);
      expect(quiet.text).not.toContain('id="conflicts"');

      writeFileSync(terms, readFileSync(terms, 'utf8').replace(/^FK5;2;FK5;/m, 'FK5;2;FK5 (upstream);'));
      await local.vocabularies.load(mirror);
      expect(local.curation.conflicts('refframe').length).toBeGreaterThan(0);
      const publicPage = await request(local.app).get('/rdf/refframe').expect(200);
      expect(publicPage.text).toContain('id="conflicts"');
      expect(publicPage.text).toMatch(/<li class="conflict"><strong>modify<\/strong> of <a href="\/rdf\/refframe\/FK5"><code>FK5<\/code><\/a>/);
      const editorPage = await agent.get('/edit/refframe').expect(200);
      expect(editorPage.text).toContain(local.curation.conflicts('refframe')[0]!.reason);
    } finally {
      local.close();
      rmSync(mirror, { recursive: true, force: true });
    }
  });
});

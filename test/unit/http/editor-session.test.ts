import express from 'express';
import request from 'supertest';
import { addChange, editChange, fieldOf, idsOf, refusedForm } from '../../../src/http/editor-forms.js';
import { cookieHeader, EditorSessions, fromThisSite, sameSecret } from '../../../src/http/editor-session.js';
import { safeNext } from '../../../src/http/routes/editor-sign-in-routes.js';
import { AstrovocError, type TermRecord } from '../../../src/model/index.js';
import { EMPTY_FORM, TERM_FORM_FIELDS } from '../../../src/render/index.js';

const alice = { name: 'alice', role: 'editor', scope: ['refframe'] } as const;

describe('editor sessions', () => {
  it('a session has a fresh random id and CSRF token, lives its TTL, and ends when closed', () => {
    let now = 1_000;
    const sessions = new EditorSessions({ ttlMs: 100, now: () => now });
    const a = sessions.open(alice);
    const b = sessions.open(alice);
    expect(a.id).not.toBe(b.id);
    expect(a.csrf).not.toBe(a.id);
    expect(Buffer.from(a.id, 'base64url')).toHaveLength(32);
    expect(sessions.get(a.id)?.principal.name).toBe('alice');
    now += 99;
    expect(sessions.get(a.id)).toBeDefined();
    now += 1;
    expect(sessions.get(a.id)).toBeUndefined();
    sessions.close(b.id);
    expect(sessions.get(b.id)).toBeUndefined();
    expect(sessions.get(undefined)).toBeUndefined();
  });

  it('keeps at most maxSessions: a new one ends the one that expires first', () => {
    let now = 0;
    const sessions = new EditorSessions({ maxSessions: 3, now: () => now++ });
    const opened = [1, 2, 3, 4, 5].map(() => sessions.open(alice));
    expect(sessions.size).toBe(3);
    expect(sessions.get(opened[0]!.id)).toBeUndefined();
    expect(sessions.get(opened[1]!.id)).toBeUndefined();
    expect(sessions.get(opened[4]!.id)).toBeDefined();
  });

  it('compares secrets whatever their length or type', () => {
    expect(sameSecret('abc', 'abc')).toBe(true);
    expect(sameSecret('abc', 'abd')).toBe(false);
    expect(sameSecret('abc', 'abcd')).toBe(false);
    expect(sameSecret('abc', undefined)).toBe(false);
    expect(sameSecret('abc', ['abc'])).toBe(false);
  });

  it('the cookie is HttpOnly, SameSite=Strict, Path=/, and Secure only over https; Origin and Referer must be this site', async () => {
    const app = express();
    app.set('trust proxy', true);
    app.get('/', (req, res) => res.json({ cookie: cookieHeader(req, 'c', 'v', 5000), same: fromThisSite(req) }));
    const plain = await request(app).get('/').set('Host', 'vocab.example');
    expect(plain.body.cookie).toBe('c=v; Path=/; HttpOnly; SameSite=Strict; Max-Age=5');
    const tls = await request(app).get('/').set('Host', 'vocab.example').set('X-Forwarded-Proto', 'https');
    expect(tls.body.cookie).toContain('; Secure');
    const from = async (headers: Record<string, string>) => (await request(app).get('/').set('Host', 'vocab.example').set(headers)).body.same;
    expect(await from({})).toBe(true);
    expect(await from({ Origin: 'http://vocab.example' })).toBe(true);
    expect(await from({ Origin: 'https://vocab.example' })).toBe(true);
    expect(await from({ Origin: 'http://evil.example' })).toBe(false);
    expect(await from({ Origin: 'http://vocab.example.evil.example' })).toBe(false);
    expect(await from({ Origin: 'null' })).toBe(false);
    expect(await from({ Referer: 'http://vocab.example/edit/refframe' })).toBe(true);
    expect(await from({ Referer: 'http://evil.example/edit/refframe' })).toBe(false);
  });

  it('after signing in, goes only to an editor page of this site', () => {
    expect(safeNext('/edit/refframe/ICRS')).toBe('/edit/refframe/ICRS');
    expect(safeNext('/edit')).toBe('/edit');
    expect(safeNext('https://evil.example/edit')).toBe('/edit');
    expect(safeNext('//evil.example/edit')).toBe('/edit');
    expect(safeNext('/editor-of-evil')).toBe('/edit');
    expect(safeNext(undefined)).toBe('/edit');
  });
});

const ICRS: TermRecord = {
  id: 'ICRS',
  label: 'ICRS',
  description: 'International',
  altLabels: ['icrs'],
  parents: ['EQUATORIAL'],
  status: 'approved',
  links: [],
};

describe('editor forms', () => {
  it('a modify carries only the fields the editor changed; none changed is no change', () => {
    const form = { label: 'ICRS', description: 'International ', altLabels: 'icrs\r\n\r\nIcrs frame', parents: 'EQUATORIAL', why: ' typo ' };
    expect(editChange(ICRS, form)).toEqual({
      change: { action: 'modify', term: 'ICRS', fields: { altLabels: ['icrs', 'Icrs frame'] } },
      note: { why: 'typo' },
    });
    expect(editChange(ICRS, { label: 'ICRS', description: 'International', altLabels: 'icrs', parents: 'EQUATORIAL' })).toBeUndefined();
    expect(editChange(ICRS, { label: 'ICRS', description: 'International', altLabels: 'icrs', parents: 'GEO_C, EQUATORIAL' })?.change.fields).toEqual({
      parents: ['GEO_C', 'EQUATORIAL'],
    });
  });

  it('an add takes the id, the fields and one parent per line', () => {
    expect(addChange({ id: ' NEW ', label: 'New', parents: 'ICRS\nFK5\n', altLabels: '' })).toEqual({
      change: { action: 'add', term: 'NEW', fields: { label: 'New', description: '', altLabels: [], parents: ['ICRS', 'FK5'] } },
      note: {},
    });
    expect(idsOf(' a, b;c\n d ')).toEqual(['a', 'b', 'c', 'd']);
  });

  it('a refusal is shown next to the field it names, with its rule, and keeps its status', () => {
    const unprocessable = new AstrovocError('unprocessable', 'no such term: NOPE', {
      location: { parameter: 'useInstead' },
      fields: { rule: 'use-instead-exists' },
    });
    expect(fieldOf(unprocessable, TERM_FORM_FIELDS)).toBe('useInstead');
    expect(fieldOf(new AstrovocError('unprocessable', 'x', { location: { parameter: 'relationships.parents.1' } }), TERM_FORM_FIELDS)).toBe('parents');
    expect(fieldOf(new AstrovocError('conflict', 'x', { location: { parameter: 'term' } }), TERM_FORM_FIELDS, { term: 'id' })).toBe('id');
    expect(fieldOf(new AstrovocError('conflict', 'x', { location: { parameter: 'term' } }), ['label'])).toBeUndefined();
    expect(refusedForm(new AstrovocError('conflict', 'taken', { location: { parameter: 'term' } }), EMPTY_FORM, ['id'])?.state.errors).toEqual({ id: 'taken' });
    const values = { ...EMPTY_FORM, useInstead: 'NOPE' };
    expect(refusedForm(unprocessable, values, ['useInstead', 'why'])).toEqual({
      state: { values, errors: { useInstead: 'no such term: NOPE (rule: use-instead-exists)' } },
      status: 422,
    });
    const stale = refusedForm(new AstrovocError('precondition-failed', 'the term changed', { location: { parameter: 'label' } }), values, ['label']);
    expect(stale).toEqual({ state: { values, errors: {}, message: 'the term changed' }, status: 412 });
    expect(refusedForm(new AstrovocError('internal', 'disk full'), values, ['label'])).toBeUndefined();
    expect(refusedForm(new Error('bug'), values, ['label'])).toBeUndefined();
  });
});

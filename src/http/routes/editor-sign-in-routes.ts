/** Signing in to the editor pages with a write token, and out again. */
import { z } from 'zod';
import type { Principal } from '../../access/index.js';
import { signInModel } from '../../render/index.js';
import { route, type ApiRoute } from '../api/api-route.js';
import { FORM_MEDIA_TYPE, formReader, signInForm } from '../editor-forms.js';
import { EDIT_TAG, HTML_PAGE, type EditorPages } from '../editor-pages.js';
import { cookieHeader, cookieOf, fromThisSite, randomToken, sameSecret, SESSION_COOKIE, SIGN_IN_COOKIE } from '../editor-session.js';

/** The sign-in form's double-submit token lives as long as an editor may take to paste a token. */
const SIGN_IN_TTL_MS = 60 * 60 * 1000;

const signInBody = { description: 'the form', mediaTypes: [FORM_MEDIA_TYPE], schema: signInForm, reader: formReader };

/** Where to go after signing in: an editor page of this site, never another site. */
export function safeNext(next: string | undefined): string {
  return next && /^\/edit(\/|\?|$)/.test(next) && !next.includes('\\') ? next : '/edit';
}

/** GET and POST /edit/sign-in, POST /edit/sign-out. */
export function signInRoutes(kit: EditorPages, authenticate: (token: string) => Promise<Principal | undefined>): ApiRoute[] {
  const { sessions } = kit;
  const signInPage = route({
    method: 'get',
    path: '/edit/sign-in',
    base: 'root',
    operationId: 'getEditorSignIn',
    summary: 'The sign-in form of the editor pages',
    tag: EDIT_TAG.name,
    undocumented: true,
    query: z.object({ next: z.string().optional() }),
    responses: { 200: HTML_PAGE },
    handler: ({ query, req, res }) => {
      // A sign-in page opened twice (two tabs) keeps one token, so that either form still signs in.
      const pending = cookieOf(req, SIGN_IN_COOKIE);
      const token = pending && /^[A-Za-z0-9_-]{43}$/.test(pending) ? pending : randomToken();
      res.append('Set-Cookie', cookieHeader(req, SIGN_IN_COOKIE, token, SIGN_IN_TTL_MS));
      kit.send(res, 200, 'editor-sign-in', signInModel(token, safeNext(query.next)));
    },
  });

  const signIn = route({
    method: 'post',
    path: '/edit/sign-in',
    base: 'root',
    operationId: 'signInEditor',
    summary: 'Signs in with a write token: a session cookie, never the token',
    tag: EDIT_TAG.name,
    undocumented: true,
    body: signInBody,
    responses: { 303: 'Signed in: to the page asked for', 403: 'Wrong token, or a form from elsewhere' },
    handler: async ({ body, req, res }) => {
      const pending = cookieOf(req, SIGN_IN_COOKIE);
      if (!fromThisSite(req) || !pending || !sameSecret(pending, body.csrf)) {
        kit.refuse(res, 403, 'The sign-in form was not sent from this site’s sign-in page: open the sign-in page again.');
        return;
      }
      const principal = body.token?.trim() ? await authenticate(body.token.trim()) : undefined;
      if (!principal) {
        kit.send(res, 403, 'editor-sign-in', signInModel(pending, safeNext(body.next), 'This token is not valid.'));
        return;
      }
      const session = sessions.open(principal);
      res.append('Set-Cookie', cookieHeader(req, SIGN_IN_COOKIE, '', 0));
      res.append('Set-Cookie', cookieHeader(req, SESSION_COOKIE, session.id, session.expires - Date.now()));
      res.redirect(303, safeNext(body.next));
    },
  });

  const signOut = route({
    method: 'post',
    path: '/edit/sign-out',
    base: 'root',
    operationId: 'signOutEditor',
    summary: 'Ends the session',
    tag: EDIT_TAG.name,
    undocumented: true,
    body: signInBody,
    responses: { 303: 'Signed out: to the home page', 403: 'No session, or a form from elsewhere' },
    handler: ({ body, req, res }) => {
      const session = kit.poster(req, res, body);
      if (!session) return;
      sessions.close(session.id);
      res.append('Set-Cookie', cookieHeader(req, SESSION_COOKIE, '', 0));
      res.redirect(303, '/');
    },
  });
  return [signInPage, signIn, signOut];
}

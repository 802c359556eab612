/**
 * What every editor page shares: the HTML answer (never cached, same-origin referrer policy), the page that refuses
 * (403, 404), and the two gates: a page view needs a session (else a redirect to sign in), a POST needs a session,
 * a form from this site and the session's CSRF token (else 403, and nothing changes).
 */
import type { Request, Response } from 'express';
import { can, type Role } from '../access/index.js';
import { vocabularyPath, type PageRenderer } from '../render/index.js';
import type { Lookup } from '../vocab/index.js';
import { cookieOf, fromThisSite, sameSecret, SESSION_COOKIE, type EditorSession, type EditorSessions } from './editor-session.js';
import { PAGE_SCRIPTS } from './routes/page-routes.js';

export const EDIT_TAG = { name: 'editor', description: 'Editor pages: sign in, edit terms in forms, review proposals' };
export const HTML_PAGE = { description: 'HTML page', content: { 'text/html': undefined } };

/** A vocabulary as the editor pages name it. */
export interface EditedVocabulary {
  id: string;
  iri: string;
  title: string;
  /** Its public page. */
  path: string;
}

export class EditorPages {
  constructor(
    readonly pages: PageRenderer,
    readonly sessions: EditorSessions,
    private readonly lookup: Lookup,
  ) {}

  /** The vocabulary if the session's principal holds `role` for it, else a 404 or 403 page (undefined: answered). */
  vocabularyFor(res: Response, session: EditorSession, id: string, role: Role = 'editor'): EditedVocabulary | undefined {
    const vocabulary = this.lookup.index.vocabulary(id);
    const { principal } = session;
    if (!vocabulary) this.refuse(res, 404, `No hosted vocabulary has the id ${id}.`);
    else if (!can(principal, role, id)) this.refuse(res, 403, `${principal.name} may not edit ${vocabulary.title} (role ${principal.role}).`);
    else return { id: vocabulary.id, iri: vocabulary.iri, title: vocabulary.title, path: vocabularyPath(vocabulary) };
    return undefined;
  }

  send<M extends { title: string }>(res: Response, status: number, template: string, model: M): void {
    // Same-origin referrer policy: Chromium then sends Origin with the forms' POSTs (under no-referrer it sends "null").
    res.set({ 'Cache-Control': 'no-store', 'Referrer-Policy': 'same-origin' });
    res
      .status(status)
      .type('html')
      .send(this.pages.render(template, { ...model, scripts: PAGE_SCRIPTS }));
  }

  refuse(res: Response, status: number, message: string): void {
    this.send(res, status, 'editor-message', { title: status === 403 ? 'Not allowed' : status === 404 ? 'Not found' : 'Refused', status, message });
  }

  session(req: Request): EditorSession | undefined {
    return this.sessions.get(cookieOf(req, SESSION_COOKIE));
  }

  /** The session of a page view, or a redirect to sign in (undefined: answered). */
  viewer(req: Request, res: Response): EditorSession | undefined {
    const session = this.session(req);
    if (!session) res.redirect(303, `/edit/sign-in?next=${encodeURIComponent(req.originalUrl)}`);
    return session;
  }

  /** The session of a POST from this site that carries the session's CSRF token, or a 403 page (undefined: answered). */
  poster(req: Request, res: Response, body: { csrf?: string | undefined }): EditorSession | undefined {
    const session = this.session(req);
    if (!session) this.refuse(res, 403, 'You are not signed in (or your session has ended): sign in again, then repeat the change.');
    else if (!fromThisSite(req)) this.refuse(res, 403, 'This form was sent from another site.');
    else if (!sameSecret(session.csrf, body.csrf))
      this.refuse(res, 403, 'The form is missing its security token or carries a wrong one: reload the page and try again.');
    else return session;
    return undefined;
  }

  /** The one-time message a POST left for the page it redirected to. */
  takeFlash(session: EditorSession): { flash?: string } {
    const flash = session.flash;
    delete session.flash;
    return flash ? { flash } : {};
  }

  /** What every signed-in page shows: who, their CSRF token (the sign-out form), the flash. */
  frame(session: EditorSession): { user: { name: string; role: string }; csrf: string; flash?: string } {
    return { user: { name: session.principal.name, role: session.principal.role }, csrf: session.csrf, ...this.takeFlash(session) };
  }
}

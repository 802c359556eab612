/**
 * UCD routes (mounted under /api/v1). Each handler parses the request, calls one UcdService method
 * and shapes the answer; errors are RFC 9457 problem details.
 *
 *   GET  /ucd/validate?ucd=        one UCD → UcdValidation
 *   POST /ucd/validate             JSON array of UCDs (at most 10,000) → UcdValidation[]
 *   GET  /ucd/explain?ucd=         → UcdExplanation
 *   GET  /ucd/suggest?text=&limit= → UcdCandidate[] (limit 1..20, default 5)
 *   GET  /ucd/words?code=&q=&deprecated=true → WordListing[]
 *   POST /votable/check            VOTable XML body (text/xml, application/xml or application/x-votable+xml) → VotableReport
 */
import express, { type NextFunction, type Request, type Response } from 'express';
import { z } from 'zod';
import { UCD_SYNTAX_CODES } from '../../model/index.js';
import { DEFAULT_MAX_VOTABLE_BYTES, type UcdService, type VotableVocabularies } from '../../ucd/index.js';

export const MAX_BATCH = 10_000;

interface Problem {
  type: string;
  title: string;
  status: number;
  detail: string;
}

function sendProblem(res: Response, status: number, title: string, detail: string): void {
  const problem: Problem = { type: `https://astrovoc.org/problems/${title.toLowerCase().replace(/[^a-z0-9]+/g, '-')}`, title, status, detail };
  res.status(status).type('application/problem+json').send(JSON.stringify(problem));
}

const ucdQuery = z.object({ ucd: z.string({ error: 'query parameter "ucd" is required' }) });
const suggestQuery = z.object({
  text: z.string({ error: 'query parameter "text" is required' }).min(1, 'query parameter "text" must not be empty'),
  limit: z.coerce.number().int().min(1).max(20).default(5),
});
const wordsQuery = z.object({
  code: z.enum(UCD_SYNTAX_CODES).optional(),
  q: z.string().optional(),
  deprecated: z.enum(['true', 'false']).optional(),
});
const batchBody = z.array(z.string()).max(MAX_BATCH, `at most ${MAX_BATCH} UCDs per request`);

function firstIssue(error: z.ZodError): string {
  const issue = error.issues[0];
  if (!issue) return 'bad request';
  const path = issue.path.length > 0 ? `${issue.path.join('.')}: ` : '';
  return `${path}${issue.message}`;
}

export function ucdRouter(service: UcdService, vocabularies: VotableVocabularies, options: { maxVotableBytes?: number } = {}): express.Router {
  const router = express.Router();
  const maxVotableBytes = options.maxVotableBytes ?? DEFAULT_MAX_VOTABLE_BYTES;

  router.get('/ucd/validate', (req, res) => {
    const query = ucdQuery.safeParse(req.query);
    if (!query.success) return sendProblem(res, 400, 'Bad Request', firstIssue(query.error));
    res.json(service.validate(query.data.ucd));
  });

  router.post('/ucd/validate', express.json({ limit: '5mb' }), (req, res) => {
    const body = batchBody.safeParse(req.body);
    if (!body.success) return sendProblem(res, 400, 'Bad Request', `expected a JSON array of UCD strings; ${firstIssue(body.error)}`);
    res.json(service.validateBatch(body.data));
  });

  router.get('/ucd/explain', (req, res) => {
    const query = ucdQuery.safeParse(req.query);
    if (!query.success) return sendProblem(res, 400, 'Bad Request', firstIssue(query.error));
    res.json(service.explain(query.data.ucd));
  });

  router.get('/ucd/suggest', (req, res) => {
    const query = suggestQuery.safeParse(req.query);
    if (!query.success) return sendProblem(res, 400, 'Bad Request', firstIssue(query.error));
    res.json(service.suggest(query.data.text, query.data.limit));
  });

  router.get('/ucd/words', (req, res) => {
    const query = wordsQuery.safeParse(req.query);
    if (!query.success) return sendProblem(res, 400, 'Bad Request', firstIssue(query.error));
    res.json(service.words({ code: query.data.code, q: query.data.q, includeDeprecated: query.data.deprecated === 'true' }));
  });

  router.post(
    '/votable/check',
    express.text({ type: ['text/xml', 'application/xml', 'application/x-votable+xml', 'text/plain'], limit: maxVotableBytes }),
    (req, res) => {
      if (typeof req.body !== 'string' || req.body === '') {
        return sendProblem(res, 415, 'Unsupported Media Type', 'send the VOTable as the request body with Content-Type text/xml or application/x-votable+xml');
      }
      res.json(service.checkVotable(req.body, vocabularies, { maxBytes: maxVotableBytes }));
    },
  );

  // Body parser failures (malformed JSON, body too large) become problem details too.
  router.use((error: unknown, _req: Request, res: Response, next: NextFunction) => {
    if (res.headersSent) return next(error);
    const status = typeof error === 'object' && error !== null && 'status' in error ? Number((error as { status: unknown }).status) : 500;
    if (status === 413) return sendProblem(res, 413, 'Content Too Large', `the body exceeds the limit (${maxVotableBytes} bytes for a VOTable)`);
    if (status === 400) return sendProblem(res, 400, 'Bad Request', `the body cannot be parsed: ${(error as Error).message}`);
    return next(error);
  });

  return router;
}

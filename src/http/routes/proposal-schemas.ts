/** The shapes of proposal (VEP) requests and answers, bounded as src/curation's PROPOSAL_BOUNDS. */
import { z } from 'zod';
import { PROPOSAL_BOUNDS as B, PROPOSAL_STATES, VEP_ACTIONS } from '../../curation/index.js';

const termId = z
  .string()
  .regex(/^#?[A-Za-z0-9_-]+$/, 'a term id: letters, digits, "_" and "-"')
  .max(B.term + 1);
const text = (max: number) => z.string().max(max);

export const relationshipsSchema = z.strictObject({
  parents: z.array(termId).max(B.parents).default([]).describe('ids of the parents (skos:broader, rdfs:subClassOf, rdfs:subPropertyOf)'),
  useInstead: termId.optional().describe('a Deprecation: the id of the replacement (ivoasem:useInstead)'),
});

/** A proposal as JSON: the items of a VEP for one term; the author is the owner of the token, never a field. */
export const draftSchema = z.strictObject({
  vocabularyUri: text(B.uri).optional().describe("the VEP's Vocabulary: the vocabulary URI (default: the hosted vocabulary's)"),
  authorLine: text(B.authorLine).optional().describe("the VEP's Author item, as written (names, e-mail addresses)"),
  date: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/, 'YYYY-MM-DD')
    .optional()
    .describe('the day the VEP was posted (default: today)'),
  term: termId.describe('the term to add, deprecate or modify'),
  action: z.enum(VEP_ACTIONS),
  label: text(B.label).optional(),
  description: text(B.description).optional(),
  relationships: relationshipsSchema.optional().describe('absent: none given (a Modification then keeps the parents)'),
  usedIn: z.array(text(B.uri)).max(B.usedIn).default([]).describe('URIs of documents using the term; at least one for an Addition'),
  rationale: text(B.rationale).optional(),
  discussion: text(B.discussion).optional(),
  supersedes: text(B.supersedes).optional(),
  supersededBy: text(B.supersedes).optional(),
});

export const commentSchema = z.strictObject({ text: z.string().min(1).max(B.comment) });

export const transitionSchema = z.strictObject({
  to: z.enum(PROPOSAL_STATES).describe('under-review (editors), accepted or rejected (maintainers), withdrawn (its author or a maintainer)'),
  comment: text(B.comment).optional(),
});

const stamp = { who: z.string(), when: z.string() };

export const proposalSchema = draftSchema.extend({
  id: z.string(),
  vocabulary: z.string(),
  vocabularyUri: z.string(),
  author: z.string().describe('the owner of the token that submitted it'),
  date: z.string(),
  submitted: z.string(),
  state: z.enum(PROPOSAL_STATES),
  comments: z.array(z.object({ ...stamp, text: z.string() })),
  history: z.array(z.object({ from: z.enum(PROPOSAL_STATES), to: z.enum(PROPOSAL_STATES), ...stamp, comment: z.string().optional() })),
  change: z.string().optional().describe('the change log entry that carried out an accepted proposal'),
});

export const proposalListSchema = z.object({ proposals: z.array(proposalSchema) });

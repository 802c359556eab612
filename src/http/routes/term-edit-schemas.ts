/** The bodies of term edits and the shapes of the curation record, with the bounds every field has. */
import { z } from 'zod';
import { TERM_ACTIONS, TERM_RECORD_FIELDS } from '../../model/index.js';

export const LIMITS = { id: 200, label: 1000, description: 10_000, altLabels: 200, parents: 50, links: 100, why: 2000, iri: 2000 } as const;

const label = z.string().min(1).max(LIMITS.label);
const termId = z.string().min(1).max(LIMITS.id).describe('a term id of the vocabulary: letters, digits, "_" and "-"');
const link = z.object({ predicate: z.string().url().max(LIMITS.iri), target: z.string().url().max(LIMITS.iri) });
const note = {
  why: z.string().max(LIMITS.why).optional().describe('why: kept in the change log'),
  proposal: z.string().max(200).optional().describe('the proposal (VEP) this change carries out'),
};
const editable = {
  label,
  description: z.string().max(LIMITS.description),
  altLabels: z.array(label).max(LIMITS.altLabels),
  parents: z.array(termId).max(LIMITS.parents).describe('ids of the parents; the first is the tree parent'),
  links: z.array(link).max(LIMITS.links).describe('skos:related and mapping links, as predicate and target IRIs'),
};

export const newTermBody = z
  .object({
    id: termId,
    label,
    description: editable.description.optional(),
    altLabels: editable.altLabels.optional(),
    parents: editable.parents.optional(),
    links: editable.links.optional(),
    ...note,
  })
  .strict()
  .meta({ id: 'NewTerm' });

export const termEditBody = z
  .object({
    label: label.optional(),
    description: editable.description.optional(),
    altLabels: editable.altLabels.optional(),
    parents: editable.parents.optional(),
    links: editable.links.optional(),
    ...note,
  })
  .strict()
  .meta({ id: 'TermEdit' });

export const deprecateBody = z
  .object({ useInstead: termId.optional().describe('the id of the replacement term'), ...note })
  .strict()
  .meta({ id: 'Deprecation' });
export const approveBody = z
  .object({ ...note })
  .strict()
  .optional();

export const termRecordSchema = z
  .object({
    id: z.string(),
    label: z.string(),
    description: z.string(),
    altLabels: z.array(z.string()),
    parents: z.array(z.string()),
    status: z.enum(['approved', 'preliminary', 'deprecated']),
    useInstead: z.string().optional(),
    links: z.array(z.object({ predicate: z.string(), target: z.string() })),
  })
  .meta({ id: 'TermRecord' });

export const changeEntrySchema = z
  .object({
    id: z.string(),
    vocabulary: z.string(),
    who: z.string().describe('the owner of the token that made the change'),
    when: z.string(),
    action: z.enum(TERM_ACTIONS),
    term: z.string(),
    before: termRecordSchema.nullable(),
    after: termRecordSchema.nullable(),
    why: z.string().optional(),
    proposal: z.string().optional(),
  })
  .meta({ id: 'ChangeEntry' });

export const conflictSchema = z
  .object({ change: changeEntrySchema, field: z.enum(TERM_RECORD_FIELDS).optional(), reason: z.string(), current: termRecordSchema.nullable() })
  .meta({ id: 'CurationConflict' });

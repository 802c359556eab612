/** Schemas several routers share: problem details, integers and lists in query strings, references to terms. */
import { z } from 'zod';

/** RFC 9457 problem details, as every error of the service leaves. */
export const problemSchema = z
  .object({
    type: z.string(),
    title: z.string(),
    status: z.number().int(),
    detail: z.string().optional(),
    instance: z.string().optional(),
    parameter: z.string().optional().describe('the request parameter, field or header at fault'),
  })
  .catchall(z.unknown())
  .meta({ id: 'Problem' });

export interface IntegerBounds {
  min: number;
  max?: number;
}

/** An integer query parameter within bounds, with the messages a person can act on. */
export function queryInteger(bounds: IntegerBounds) {
  const base = z.coerce.number({ error: 'expected an integer' }).int('expected an integer').min(bounds.min, `at least ${bounds.min}`);
  return bounds.max === undefined ? base : base.max(bounds.max, `at most ${bounds.max}`);
}

/** A boolean query parameter spelt `true` or `false`. */
export const queryBoolean = z.enum(['true', 'false'], { error: 'expected true or false' }).transform((value) => value === 'true');

/** A comma-separated list in one query parameter (`vocab=a,b`): its trimmed, non-empty items. */
export const queryList = z
  .string()
  .optional()
  .transform((value) =>
    (value ?? '')
      .split(',')
      .map((item) => item.trim())
      .filter(Boolean),
  );

/** A term named in another answer: enough to show and follow it. */
export const termRefSchema = z
  .object({
    iri: z.string(),
    id: z.string(),
    vocabulary: z.string(),
    label: z.string(),
    deprecated: z.literal(true).optional(),
    preliminary: z.literal(true).optional(),
    page: z.string().optional(),
  })
  .meta({ id: 'TermRef' });

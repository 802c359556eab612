/** Request parameters the mapping and translation routes share, parsed at the edge. */
import { z } from 'zod';
import { MAPPING_PREDICATES, type MappingPredicate } from '../../model/index.js';
import { skosPredicate, type MappingService } from '../../mapping/index.js';

/** A predicate as a request may name it: `exactMatch`, `skos:exactMatch` or the full SKOS IRI. */
export function parsePredicate(value: string): MappingPredicate | undefined {
  const local = value.replace(/^skos:/, '');
  return (MAPPING_PREDICATES as readonly string[]).includes(local) ? (local as MappingPredicate) : skosPredicate(value);
}

export const predicateSchema = z.string().transform((value, ctx) => {
  const predicate = parsePredicate(value);
  if (!predicate) ctx.addIssue({ code: 'custom', message: `expected one of ${MAPPING_PREDICATES.join(', ')} (optionally skos: or the SKOS IRI)` });
  return predicate as MappingPredicate;
});

export const iriSchema = z.string().regex(/^[a-z][a-z0-9+.-]*:\S+$/i, 'expected an absolute IRI');
export const confidenceSchema = z.coerce.number().min(0).max(1);

/** The id of a vocabulary the service hosts (the answer to anything else is a 400 naming the parameter). */
export function hostedVocabulary(service: MappingService, missing?: string) {
  return z
    .string(missing ? { error: missing } : undefined)
    .min(1)
    .superRefine((id, ctx) => {
      if (!service.vocabularies.index.vocabulary(id)) ctx.addIssue({ code: 'custom', message: `no hosted vocabulary with id ${id}` });
    });
}

import { z } from 'zod';
import type { MappingService } from '../../mapping/index.js';
import type { SparqlService } from '../../sparql/index.js';
import type { VocabularyService } from '../../vocab/index.js';
import { route, type RouteGroup } from '../api/api-route.js';
import { checkHealth, indexPart, mappingsPart, sparqlPart, storePart, type HealthPart } from '../health.js';

export interface HealthRouteOptions {
  vocabularies: VocabularyService;
  mappings?: MappingService | undefined;
  /** Mapping sets that could not be read at load (their file names or messages). */
  mappingFailures?: readonly string[] | undefined;
  sparql?: SparqlService | undefined;
  /** Parts reported besides (or instead of, by name) store, index, mappings and sparql. */
  parts?: Readonly<Record<string, HealthPart>> | undefined;
}

const partStateSchema = z
  .object({ status: z.enum(['up', 'degraded', 'down']) })
  .catchall(z.unknown())
  .meta({ id: 'HealthPart' });

const healthSchema = z
  .object({
    status: z.enum(['ok', 'degraded']).describe('ok when every part is up'),
    vocabularies: z.number().int(),
    terms: z.number().int(),
    quads: z.number().int(),
    failures: z.number().int().describe('sources that failed to load'),
    store: partStateSchema,
    index: partStateSchema,
    mappings: partStateSchema.optional(),
    sparql: partStateSchema.optional(),
  })
  .catchall(partStateSchema)
  .meta({ id: 'Health' });

/** GET /health: what is loaded, and the state of each part of the service. */
export function healthRoutes(options: HealthRouteOptions): RouteGroup {
  const { vocabularies, mappings, sparql } = options;
  const parts: Record<string, HealthPart> = {
    store: storePart(vocabularies),
    index: indexPart(vocabularies),
    ...(mappings ? { mappings: mappingsPart(mappings, options.mappingFailures) } : {}),
    ...(sparql
      ? {
          sparql: sparqlPart(
            () => ({ ...sparql.status }),
            () => sparql.query({ text: 'ASK {}', choose: () => 'application/sparql-results+json' }),
          ),
        }
      : {}),
    ...options.parts,
  };
  return {
    tags: [{ name: 'operations', description: 'The state of the service, for monitors and load balancers' }],
    routes: [
      route({
        method: 'get',
        path: '/health',
        base: 'root',
        operationId: 'getHealth',
        summary: 'What is loaded, and the state of each part (store, index, mappings, SPARQL)',
        tag: 'operations',
        responses: {
          200: { description: 'Serving (`status` says whether a part is degraded)', content: { 'application/json': healthSchema } },
          503: { description: 'A required part (store, index) is down: take this instance out', content: { 'application/json': healthSchema } },
        },
        handler: async ({ res }) => {
          const report = vocabularies.report;
          const health = await checkHealth(parts);
          res.status(health.httpStatus).set('Cache-Control', 'no-store');
          return {
            status: health.status,
            vocabularies: vocabularies.index.vocabularies.length,
            terms: vocabularies.index.size,
            quads: report?.quads ?? 0,
            failures: report?.failures.length ?? 0,
            ...health.parts,
          };
        },
      }),
    ],
  };
}

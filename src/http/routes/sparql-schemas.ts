/** The JSON answers of the SPARQL endpoint and the Graph Store, as the document describes them. */
import { z } from 'zod';

/** An RDF term in SPARQL 1.1 Query Results JSON Format §3.2.2 (a quoted triple's value is the three terms). */
const sparqlTermSchema = z
  .object({
    type: z.enum(['uri', 'literal', 'bnode', 'triple']),
    value: z.union([z.string(), z.record(z.string(), z.unknown())]),
    'xml:lang': z.string().optional(),
    datatype: z.string().optional(),
  })
  .meta({ id: 'SparqlTerm' });

/** SPARQL 1.1 Query Results JSON Format §3: the variables and their bindings (SELECT), or a boolean (ASK). */
export const sparqlResultsSchema = z
  .union([
    z.object({
      head: z.object({ vars: z.array(z.string()), link: z.array(z.string()).optional() }),
      results: z.object({ bindings: z.array(z.record(z.string(), sparqlTermSchema)) }),
    }),
    z.object({
      head: z.object({ link: z.array(z.string()).optional() }),
      boolean: z.boolean(),
    }),
  ])
  .meta({ id: 'SparqlResults' });

/** A JSON-LD document (JSON-LD 1.1 §9): open by design, an object or an array of node objects. */
export const jsonLdSchema = z.union([z.object({}).catchall(z.unknown()), z.array(z.unknown())]);

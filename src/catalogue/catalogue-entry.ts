import { z } from 'zod';
import { COMMUNITIES, FLAVOURS, SOURCE_FORMATS } from '../model/index.js';

/** One file of a source: its canonical URL and where it sits in a mirror directory (and in the sync cache). */
export const sourceFileSchema = z.object({
  /** Where the file is fetched; with `construct`, the SPARQL endpoint that answers the query. */
  url: z.url(),
  /**
   * A SPARQL CONSTRUCT query: the source is harvested from the endpoint at `url` (SPARQL 1.1 Protocol,
   * answered as N-Triples) instead of fetched as a file. Read it with format `rdf`, syntax `ntriples`.
   */
  construct: z
    .string()
    .refine((query) => /\bCONSTRUCT\b/i.test(query), 'a SPARQL CONSTRUCT query')
    .optional(),
  mirror: z
    .string()
    .min(1)
    .refine((p) => !p.startsWith('/') && !p.split('/').includes('..'), 'a relative path inside the mirror'),
});

export const licenceSchema = z.object({
  uri: z.url(),
  name: z.string().min(1),
  html: z.string().optional(),
});

/**
 * A catalogue entry: one hosted vocabulary.
 * Roles of `sources` by format: ivoa-terms-csv {terms, config}; rdf {data}; spase-json {data};
 * pds4-context {data}; ucd-list {list, deprecated}.
 * Options by format: ivoa-terms-csv {section}; rdf {syntax: turtle|ntriples|nquads|rdfxml|jsonld};
 * spase-json {list}; pds4-context {productType}.
 */
export const catalogueEntrySchema = z.object({
  id: z.string().regex(/^[A-Za-z0-9_.-]+$/, 'letters, digits, _ . -'),
  community: z.enum(COMMUNITIES),
  title: z.string().min(1),
  description: z.string().optional(),
  flavour: z.enum(FLAVOURS),
  format: z.enum(SOURCE_FORMATS),
  iri: z.url(),
  termBase: z.string().optional(),
  licence: licenceSchema,
  homepage: z.url().optional(),
  sources: z.record(z.string(), sourceFileSchema),
  options: z.record(z.string(), z.string()).default({}),
});

export type SourceFileRef = z.infer<typeof sourceFileSchema>;
export type CatalogueEntry = z.infer<typeof catalogueEntrySchema>;

export const catalogueSchema = z.object({ vocabularies: z.array(catalogueEntrySchema) });

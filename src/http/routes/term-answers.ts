/** The JSON answers for vocabularies and terms that several routers give, with the schemas the document shows for them. */
import { z } from 'zod';
import { COMMUNITIES, FLAVOURS, MAPPING_PREDICATES, termPagePath, vocabularyPagePath, type Term } from '../../model/index.js';
import { MACHINE_REPRESENTATIONS, termJson, vocabularyJson } from '../../render/index.js';
import type { HostedVocabulary, TermIndex } from '../../vocab/index.js';
import { termRefSchema } from '../api/common-schemas.js';

export const linksSchema = z
  .object({
    page: z.string().describe('page path, e.g. /rdf/refframe/ICRS'),
    formats: z.record(z.string(), z.string()).describe('the page path with ?format=ttl, rdfxml, jsonld, nt, desise'),
  })
  .meta({ id: 'Links' });

export const termSchema = z
  .object({
    iri: z.string(),
    id: z.string(),
    vocabulary: z.string(),
    label: z.string(),
    labels: z.array(z.string()),
    altLabels: z.array(z.string()),
    definition: z.string().nullable(),
    definitions: z.array(z.string()),
    parents: z.array(z.string()).describe('direct broader terms (IRIs)'),
    children: z.array(z.string()).describe('direct narrower terms (IRIs)'),
    status: z.object({ preliminary: z.boolean(), deprecated: z.boolean() }),
    useInstead: z
      .array(z.union([termRefSchema, z.object({ iri: z.string(), hosted: z.literal(false) })]))
      .describe('the replacement terms of a deprecated term (`hosted: false` for one astrovoc does not host)'),
    mappings: z.array(z.object({ predicate: z.enum(MAPPING_PREDICATES), target: z.string(), targetTerm: termRefSchema.optional() })),
    links: linksSchema.optional(),
  })
  .meta({ id: 'Term' });

const countSchema = z.number().int();

export const vocabularySchema = z
  .object({
    id: z.string(),
    iri: z.string(),
    title: z.string(),
    description: z.string().nullable(),
    community: z.enum(COMMUNITIES),
    flavour: z.enum(FLAVOURS),
    version: z.string().nullable(),
    draft: z.boolean(),
    authors: z.array(z.string()),
    licence: z.object({ uri: z.string(), name: z.string(), html: z.string().optional() }),
    homepage: z.string().nullable(),
    sources: z.record(z.string(), z.string()).describe('the canonical URL of each source file, by role'),
    loaded: z.boolean(),
    failure: z.string().optional().describe('why the vocabulary could not be loaded'),
    counts: z.object({
      terms: countSchema,
      stable: countSchema,
      deprecated: countSchema,
      preliminary: countSchema,
      topTerms: countSchema,
      triples: countSchema,
    }),
    links: linksSchema,
  })
  .meta({ id: 'Vocabulary' });

export type TermRef = z.output<typeof termRefSchema>;
export type TermAnswer = z.output<typeof termSchema>;
export type VocabularyAnswer = z.output<typeof vocabularySchema>;

/** A term named in another answer: enough to show and follow it. */
export function termRef(term: Term, index: TermIndex): TermRef {
  const vocabulary = index.vocabulary(term.vocabularyId);
  return {
    iri: term.iri,
    id: term.id,
    vocabulary: term.vocabularyId,
    label: term.labels[0] ?? term.id,
    ...(term.status.deprecated ? { deprecated: true as const } : {}),
    ...(term.status.preliminary ? { preliminary: true as const } : {}),
    ...(vocabulary ? { page: termPagePath(vocabulary, term.id) } : {}),
  };
}

/** Where a vocabulary or a term is shown and in which machine-readable forms. */
export function pageLinks(page: string): z.output<typeof linksSchema> {
  return { page, formats: Object.fromEntries(MACHINE_REPRESENTATIONS.map((r) => [r.format, `${page}?format=${r.format}`])) };
}

/** The full answer for one term: the index's term, its replacement and mapping targets resolved where hosted, and its links. */
export function termAnswer(term: Term, index: TermIndex): TermAnswer {
  const vocabulary = index.vocabulary(term.vocabularyId);
  return {
    ...termJson(term),
    useInstead: term.useInstead.map((iri) => {
      const replacement = index.termByIri(iri);
      return replacement ? termRef(replacement, index) : { iri, hosted: false as const };
    }),
    mappings: term.mappings.map((link) => {
      const target = index.termByIri(link.target);
      return { ...link, ...(target ? { targetTerm: termRef(target, index) } : {}) };
    }),
    links: vocabulary ? pageLinks(termPagePath(vocabulary, term.id)) : undefined,
  };
}

/** A hosted vocabulary with its term counts by status and its links. */
export function vocabularyAnswer(hosted: HostedVocabulary): VocabularyAnswer {
  const json = vocabularyJson(hosted);
  const page = vocabularyPagePath(hosted.meta ?? hosted.entry);
  const { terms, deprecated, preliminary } = hosted.counts;
  return { ...json, counts: { ...json.counts, stable: terms - deprecated - preliminary }, links: pageLinks(page) };
}

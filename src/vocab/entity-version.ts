/**
 * Versions of a term and of a vocabulary derived from the data alone (never from the process): equal data, equal
 * version, in any process. Each covers exactly what the answer for that resource shows, so the version serves as a
 * strong entity-tag (RFC 9110 §8.8.1) and as what a write's If-Match is compared with.
 */
import { createHash } from 'node:crypto';
import type { Term } from '../model/index.js';
import type { TermIndex } from './term-index.js';
import type { HostedVocabulary } from './vocabulary-service.js';

function digest(value: unknown): string {
  return createHash('sha256').update(JSON.stringify(value)).digest('base64url').slice(0, 32);
}

/** The term's fields, its vocabulary's page base, and the label and status of each term it names (its answer shows them). */
export function termVersion(index: TermIndex, term: Term): string {
  const vocabulary = index.vocabulary(term.vocabularyId);
  const named = [...term.useInstead, ...term.mappings.map((m) => m.target)].map((iri) => {
    const other = index.termByIri(iri);
    return other ? [iri, other.vocabularyId, other.id, other.labels[0] ?? '', other.status] : [iri];
  });
  return `t-${digest([term, vocabulary?.iri, vocabulary?.termBase, named])}`;
}

/** The catalogue entry, the metadata the source gave, the term counts by status and the triple count. */
export function vocabularyVersion(hosted: HostedVocabulary): string {
  return `v-${digest([hosted.entry, hosted.meta ?? null, hosted.counts, hosted.triples, hosted.failure ?? null])}`;
}

/**
 * Stand-in for src/vocab/entity-version.ts, which the lead writes on main (same functions, same body): the lead
 * swaps the import in curation-service.ts and removes this file.
 */
import { createHash } from 'node:crypto';
import type { Term } from '../model/index.js';
import type { HostedVocabulary, TermIndex } from '../vocab/index.js';

function digest(value: unknown): string {
  return createHash('sha256').update(JSON.stringify(value)).digest('base64url').slice(0, 32);
}

export function termVersion(index: TermIndex, term: Term): string {
  const vocabulary = index.vocabulary(term.vocabularyId);
  const named = [...term.useInstead, ...term.mappings.map((m) => m.target)].map((iri) => {
    const other = index.termByIri(iri);
    return other ? [iri, other.vocabularyId, other.id, other.labels[0] ?? '', other.status] : [iri];
  });
  return `t-${digest([term, vocabulary?.iri, vocabulary?.termBase, named])}`;
}

export function vocabularyVersion(hosted: HostedVocabulary): string {
  return `v-${digest([hosted.entry, hosted.meta ?? null, hosted.counts, hosted.triples, hosted.failure ?? null])}`;
}

/**
 * What the public term and vocabulary pages show of curation: a term's recorded changes and the proposals about it,
 * a vocabulary's conflicts with upstream and its open proposals. The resolver asks the services here and hands the
 * answers to the page models (src/render runs no query itself).
 */
import type { ChangeEntry, CurationConflict } from '../model/index.js';
import type { ProposalSummary, TermCuration, VocabularyCuration } from '../render/index.js';

type MaybePromise<T> = T | Promise<T>;

export interface PageCuration {
  history(vocabulary: string, term: string): MaybePromise<readonly ChangeEntry[]>;
  conflicts(vocabulary: string): MaybePromise<readonly CurationConflict[]>;
  /** Open proposals of a vocabulary, or about one of its terms. */
  proposals?: (vocabulary: string, term?: string) => MaybePromise<readonly ProposalSummary[]>;
}

export async function termCuration(curation: PageCuration | undefined, vocabulary: string, term: string): Promise<TermCuration | undefined> {
  if (!curation) return undefined;
  return { history: await curation.history(vocabulary, term), proposals: (await curation.proposals?.(vocabulary, term)) ?? [] };
}

export async function vocabularyCuration(curation: PageCuration | undefined, vocabulary: string): Promise<VocabularyCuration | undefined> {
  if (!curation) return undefined;
  return { conflicts: await curation.conflicts(vocabulary), proposals: (await curation.proposals?.(vocabulary)) ?? [] };
}

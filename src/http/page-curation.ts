/**
 * What the public term and vocabulary pages show of curation: a term's recorded changes and the proposals about it,
 * a vocabulary's conflicts with upstream and its open proposals. The resolver asks the services here and hands the
 * answers to the page models (src/render runs no query itself).
 */
import { OPEN_STATES, type ProposalService } from '../curation/index.js';
import type { ChangeEntry, CurationConflict } from '../model/index.js';
import { proposalSummary, type ProposalSummary, type TermCuration, type VocabularyCuration } from '../render/index.js';

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

/** The proposals the pages list: those about one term (in any state), or the vocabulary's open ones. */
export function proposalSummaries(proposals: ProposalService): (vocabulary: string, term?: string) => Promise<ProposalSummary[]> {
  return async (vocabulary, term) => {
    const all = await proposals.list(vocabulary);
    return all.filter((p) => (term === undefined ? OPEN_STATES.includes(p.state) : p.term === term)).map(proposalSummary);
  };
}

/** What the public pages show, from the curation services (the resolver's `curation` option). */
export function pageCuration(curation: Pick<PageCuration, 'history' | 'conflicts'>, proposals?: ProposalService): PageCuration {
  return {
    history: (vocabulary, term) => curation.history(vocabulary, term),
    conflicts: (vocabulary) => curation.conflicts(vocabulary),
    ...(proposals ? { proposals: proposalSummaries(proposals) } : {}),
  };
}

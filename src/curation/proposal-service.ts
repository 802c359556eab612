/**
 * Proposals kept durably: per vocabulary an append-only log of proposal events (`<data>/curation/<vocab>/proposals.jsonl`),
 * each line on disk (fsync) before the answer, and the proposals as the replay of that log. Accepting a proposal
 * carries it out through the term edits (`carryOut`) first: if a rule refuses the change, nothing is accepted.
 */
import { join } from 'node:path';
import { CheckedLog, checkedJsonLine, readCheckedJsonLine } from '../store/index.js';
import type { Principal } from '../access/index.js';
import { can } from '../access/index.js';
import { AstrovocError, type ChangeEntry, type TermChange } from '../model/index.js';
import {
  applyProposalEvent,
  checkComment,
  checkDraft,
  checkTransition,
  normaliseDraft,
  OPEN_STATES,
  PROPOSAL_BOUNDS,
  termChangeOf,
  type Proposal,
  type ProposalDraft,
  type ProposalEvent,
  type ProposalState,
} from './proposal.js';

/** Where proposal events are kept; the file implementation below until the shared durable log replaces it. */
export interface ProposalLog {
  append(vocabulary: string, event: ProposalEvent): Promise<void>;
  read(vocabulary: string): Promise<ProposalEvent[]>;
}

/** Carries out a term change (validated, logged, applied), as the term edits do; throws when a rule refuses it. */
export type CarryOut = (actor: Principal, vocabulary: string, change: TermChange, note: { why?: string; proposal: string }) => Promise<ChangeEntry>;

/** What the service needs to know of the hosted vocabularies: their ids and IRIs. */
export interface ProposalVocabularies {
  list(): readonly { entry: { id: string }; meta?: { iri: string } }[];
  get(id: string): { entry: { id: string }; meta?: { iri: string } } | undefined;
}

export interface ProposalServiceOptions {
  log: ProposalLog;
  vocabularies: ProposalVocabularies;
  carryOut: CarryOut;
  /**
   * The logged change that already carries out this proposal, if any: a crash between carrying a proposal out and
   * recording its acceptance leaves one, and accepting again then records the acceptance without a second change.
   */
  carriedOut?: (vocabulary: string, proposal: string) => ChangeEntry | undefined;
  now?: () => Date;
}

/** Vocabulary URIs as VEPs write them: http or https, with or without a trailing slash or hash. */
const sameVocabulary = (a: string, b: string) => {
  const norm = (uri: string) =>
    uri
      .trim()
      .replace(/^https:/i, 'http:')
      .replace(/[/#]+$/, '');
  return norm(a) === norm(b);
};

export class ProposalService {
  private readonly loaded = new Map<string, Promise<Map<string, Proposal>>>();
  /** Writes to one vocabulary's proposals run one after the other: a check and its append are one step. */
  private readonly queues = new Map<string, Promise<unknown>>();
  private version = 0;

  constructor(private readonly options: ProposalServiceOptions) {}

  /** Changes with every recorded event: part of the ETag of proposal answers. */
  get generation(): string {
    return `p${this.version}`;
  }

  /** The proposals of a vocabulary, oldest first, in one state if given. */
  async list(vocabulary: string, state?: ProposalState): Promise<Proposal[]> {
    this.hosted(vocabulary);
    const proposals = [...(await this.proposals(vocabulary)).values()];
    return state === undefined ? proposals : proposals.filter((p) => p.state === state);
  }

  /** Proposals across the hosted vocabularies (those loaded), in catalogue order: those in `state`, or every open one. */
  async listAll(state?: ProposalState): Promise<Proposal[]> {
    const loaded = this.options.vocabularies.list().filter((v) => v.meta !== undefined);
    const all = await Promise.all(loaded.map((v) => this.list(v.entry.id)));
    return all.flat().filter((p) => (state === undefined ? OPEN_STATES.includes(p.state) : p.state === state));
  }

  async get(vocabulary: string, id: string): Promise<Proposal> {
    this.hosted(vocabulary);
    const proposal = (await this.proposals(vocabulary)).get(id);
    if (!proposal) throw new AstrovocError('not-found', `No proposal ${id} for ${vocabulary}`);
    return proposal;
  }

  /** Records a new proposal from an editor of the vocabulary; its author is the actor, whatever the draft says. */
  async submit(actor: Principal, vocabulary: string, draft: ProposalDraft): Promise<Proposal> {
    const iri = this.hosted(vocabulary);
    if (!can(actor, 'editor', vocabulary)) throw new AstrovocError('forbidden', `only editors of ${vocabulary} submit proposals to it`);
    const normalised = normaliseDraft(draft);
    checkDraft(normalised);
    if (normalised.vocabularyUri !== undefined && !sameVocabulary(normalised.vocabularyUri, iri))
      throw new AstrovocError('invalid-input', `vocabularyUri: the proposal is for ${normalised.vocabularyUri}, not ${iri} (${vocabulary})`, {
        location: { parameter: 'vocabularyUri' },
      });
    return this.serially(vocabulary, async (proposals) => {
      const id = `p${proposals.size + 1}`;
      const event: ProposalEvent = { type: 'submitted', proposal: id, who: actor.name, when: this.now(), vocabularyUri: iri, draft: normalised };
      return this.record(vocabulary, proposals, event);
    });
  }

  async comment(actor: Principal, vocabulary: string, id: string, text: string): Promise<Proposal> {
    this.hosted(vocabulary);
    const trimmed = text.trim();
    if (trimmed === '' || trimmed.length > PROPOSAL_BOUNDS.comment)
      throw new AstrovocError('invalid-input', `text: a comment has 1 to ${PROPOSAL_BOUNDS.comment} characters`, { location: { parameter: 'text' } });
    return this.serially(vocabulary, async (proposals) => {
      const proposal = this.existing(proposals, vocabulary, id);
      checkComment(proposal, actor);
      return this.record(vocabulary, proposals, { type: 'commented', proposal: id, who: actor.name, when: this.now(), text: trimmed });
    });
  }

  /**
   * Moves a proposal to `to`. Accepting carries the change out first (an Addition becomes a preliminary term, a
   * Deprecation deprecates, a Modification modifies); if that fails the proposal stays under review and the error is thrown.
   */
  async transition(actor: Principal, vocabulary: string, id: string, to: ProposalState, comment?: string): Promise<Proposal> {
    this.hosted(vocabulary);
    const note = comment?.trim() || undefined;
    if (note !== undefined && note.length > PROPOSAL_BOUNDS.comment)
      throw new AstrovocError('invalid-input', `comment: at most ${PROPOSAL_BOUNDS.comment} characters`, { location: { parameter: 'comment' } });
    return this.serially(vocabulary, async (proposals) => {
      const proposal = this.existing(proposals, vocabulary, id);
      checkTransition(proposal, to, actor);
      let change: ChangeEntry | undefined;
      if (to === 'accepted')
        change =
          this.options.carriedOut?.(vocabulary, id) ??
          (await this.options.carryOut(actor, vocabulary, termChangeOf(proposal), { why: note ?? proposal.rationale, proposal: id }));
      const event: ProposalEvent = {
        type: 'moved',
        proposal: id,
        who: actor.name,
        when: this.now(),
        from: proposal.state,
        to,
        ...(note !== undefined ? { comment: note } : {}),
        ...(change ? { change: change.id } : {}),
      };
      return this.record(vocabulary, proposals, event);
    });
  }

  private now(): string {
    return (this.options.now?.() ?? new Date()).toISOString();
  }

  /** The vocabulary's IRI; not-found when it is not hosted (or has no metadata, having failed to load). */
  private hosted(vocabulary: string): string {
    const iri = this.options.vocabularies.get(vocabulary)?.meta?.iri;
    if (iri === undefined) throw new AstrovocError('not-found', `No vocabulary with id ${vocabulary}`, { location: { parameter: 'vocab' } });
    return iri;
  }

  private existing(proposals: ReadonlyMap<string, Proposal>, vocabulary: string, id: string): Proposal {
    const proposal = proposals.get(id);
    if (!proposal) throw new AstrovocError('not-found', `No proposal ${id} for ${vocabulary}`);
    return proposal;
  }

  private proposals(vocabulary: string): Promise<Map<string, Proposal>> {
    let loading = this.loaded.get(vocabulary);
    if (!loading) {
      loading = this.options.log.read(vocabulary).then((events) => {
        const proposals = new Map<string, Proposal>();
        for (const event of events) proposals.set(event.proposal, applyProposalEvent(vocabulary, proposals.get(event.proposal), event));
        return proposals;
      });
      loading.catch(() => this.loaded.delete(vocabulary));
      this.loaded.set(vocabulary, loading);
    }
    return loading;
  }

  /** Durable first, then visible: the event is on disk before the proposals in memory change. */
  private async record(vocabulary: string, proposals: Map<string, Proposal>, event: ProposalEvent): Promise<Proposal> {
    const next = applyProposalEvent(vocabulary, proposals.get(event.proposal), event);
    await this.options.log.append(vocabulary, event);
    proposals.set(event.proposal, next);
    this.version += 1;
    return next;
  }

  private serially<T>(vocabulary: string, step: (proposals: Map<string, Proposal>) => Promise<T>): Promise<T> {
    const previous = this.queues.get(vocabulary) ?? Promise.resolve();
    const run = previous.catch(() => undefined).then(async () => step(await this.proposals(vocabulary)));
    this.queues.set(vocabulary, run);
    return run;
  }
}

/**
 * The proposal log as files: `<dataDir>/curation/<vocab>/proposals.jsonl`, one checksummed JSON event a line, each
 * appended and fsynced before `append` resolves. A last line torn by a crash (never acknowledged) is not read, and is
 * cut off before the next append.
 */
export function fileProposalLog(dataDir: string): ProposalLog {
  const logs = new Map<string, CheckedLog>();
  const logOf = (vocabulary: string): CheckedLog => {
    if (!/^[A-Za-z0-9_-][A-Za-z0-9_.-]*$/.test(vocabulary)) throw new AstrovocError('bad-request', `not a vocabulary id: ${vocabulary}`);
    let log = logs.get(vocabulary);
    if (!log) logs.set(vocabulary, (log = new CheckedLog(join(dataDir, 'curation', vocabulary, 'proposals.jsonl'))));
    return log;
  };
  return {
    async read(vocabulary) {
      return (await logOf(vocabulary).read((line) => readCheckedJsonLine<ProposalEvent>(line))).records;
    },
    async append(vocabulary, event) {
      await logOf(vocabulary).append(checkedJsonLine(event), (line) => readCheckedJsonLine(line));
    },
  };
}

/**
 * Runs VOTable checks in disposable workers, each with a time limit and a heap limit, and at most a few at
 * a time: a 19.5 MB table held the event loop for 6.7 s when it was checked in the request's thread.
 */
import { runDisposable, SandboxError } from '../sandbox/index.js';
import type { UcdService } from './ucd-service.js';
import type { VotableCheckTask } from './votable-check-task.js';
import type { VotableCheckOptions, VotableVocabularies } from './votable-checker.js';
import { UcdLimitError, type UcdBound } from './ucd-limit-error.js';

export interface VotableSandboxLimits {
  timeoutMs: number;
  /** Old-generation heap of each worker, in MB. */
  maxHeapMb: number;
  /** Checks running at once; one more is refused as `busy`. */
  maxConcurrent: number;
}

export const DEFAULT_VOTABLE_SANDBOX_LIMITS: VotableSandboxLimits = { timeoutMs: 30_000, maxHeapMb: 384, maxConcurrent: 2 };

const WORKER = new URL('./votable-check-worker.js', import.meta.url);

export class VotableCheckSandbox {
  private running = 0;

  constructor(private readonly limits: VotableSandboxLimits = DEFAULT_VOTABLE_SANDBOX_LIMITS) {}

  /** The report as JSON; rejects with UcdLimitError past a bound (time, memory, or too many checks at once). */
  async check(
    service: UcdService,
    body: { bytes: Uint8Array; charset: string },
    vocabularies: VotableVocabularies,
    options: VotableCheckOptions & { maxAnswerBytes: number },
  ): Promise<string> {
    const { timeoutMs, maxHeapMb, maxConcurrent } = this.limits;
    if (this.running >= maxConcurrent) throw new UcdLimitError('busy', `${maxConcurrent} VOTable checks are running, the most at a time; try again shortly`, maxConcurrent);
    const task: VotableCheckTask = { ...body, ucd: { source: service.source, termBase: service.list.termBase }, vocabularies, options };
    this.running += 1;
    try {
      return await runDisposable<VotableCheckTask, string>(WORKER, task, {
        timeoutMs,
        resourceLimits: { maxOldGenerationSizeMb: maxHeapMb, maxYoungGenerationSizeMb: 32, stackSizeMb: 4 },
      });
    } catch (error) {
      throw limitOf(error, this.limits);
    } finally {
      this.running -= 1;
    }
  }
}

function limitOf(error: unknown, limits: VotableSandboxLimits): unknown {
  if (!(error instanceof SandboxError)) return error;
  if (error.code === 'timeout') return new UcdLimitError('time', `the check ran over its time limit of ${limits.timeoutMs} ms`, limits.timeoutMs);
  if (error.code === 'crashed' && /memory/i.test(error.message)) {
    return new UcdLimitError('memory', `the check needs more than its memory limit of ${limits.maxHeapMb} MB`, limits.maxHeapMb);
  }
  const remote = error.details.remote;
  if (remote?.name === 'UcdLimitError') {
    const limit = remote.fields.limit;
    return new UcdLimitError(remote.fields.bound as UcdBound, remote.message, typeof limit === 'number' ? limit : undefined);
  }
  return new Error(`the VOTable check failed: ${remote?.message ?? error.message}`);
}

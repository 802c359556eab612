/**
 * Blocking: an index over the target vocabulary's normalised labels, word sets, words, acronyms and character
 * trigrams, which picks for each source term the targets that share something rare enough to be worth scoring.
 */
import { STOPWORDS } from './label-normaliser.js';
import { MATCH_TUNING } from './matching-tuning.js';
import type { TermFeatures } from './term-features.js';

const TUNING = MATCH_TUNING.blocking;

export class Blocking {
  private readonly byKey = new Map<string, number[]>();
  private readonly byWord = new Map<string, number[]>();
  private readonly byGram = new Map<string, number[]>();
  private readonly byAcronym = new Map<string, number[]>();
  private readonly byExpansion = new Map<string, number[]>();
  private readonly maxPosting: number;

  constructor(private readonly targets: readonly TermFeatures[]) {
    this.maxPosting = Math.max(TUNING.minPosting, Math.ceil(targets.length * TUNING.postingShare));
    targets.forEach((t, i) => {
      for (const v of t.views) {
        push(this.byKey, v.key, i);
        push(this.byKey, `bag:${v.bag}`, i);
        for (const w of new Set(v.tokens)) if (!STOPWORDS.has(w)) push(this.byWord, w, i);
      }
      for (const g of t.grams) push(this.byGram, g, i);
      for (const x of t.acronyms) push(this.byAcronym, x, i);
      for (const x of t.expansions) push(this.byExpansion, x, i);
      push(this.byKey, `iri:${t.term.iri}`, i);
    });
  }

  candidates(a: TermFeatures, baseline: boolean): Set<number> {
    const out = new Set<number>();
    const addAll = (list: readonly number[] | undefined) => list?.forEach((i) => out.add(i));
    for (const v of a.views) addAll(this.byKey.get(v.key));
    if (baseline) return out;
    addAll(this.byKey.get(`iri:${a.term.iri}`));
    for (const v of a.views) {
      addAll(this.byKey.get(`bag:${v.bag}`));
      for (const w of new Set(v.tokens)) {
        const posting = this.byWord.get(w);
        if (posting && posting.length <= this.maxPosting) addAll(posting);
      }
    }
    for (const x of a.acronyms) addAll(this.byExpansion.get(x));
    for (const x of a.expansions) addAll(this.byAcronym.get(x));
    const shared = new Map<number, number>();
    for (const g of a.grams) {
      const posting = this.byGram.get(g);
      if (!posting || posting.length > this.maxPosting * TUNING.gramPostingFactor) continue;
      for (const i of posting) shared.set(i, (shared.get(i) ?? 0) + 1);
    }
    const needed = Math.max(TUNING.minSharedGrams, a.grams.length * TUNING.sharedGramShare);
    [...shared.entries()]
      .filter(([, n]) => n >= needed)
      .sort((x, y) => y[1] - x[1])
      .slice(0, TUNING.gramCandidates)
      .forEach(([i]) => out.add(i));
    return out;
  }
}

function push(map: Map<string, number[]>, key: string, value: number): void {
  if (key === '' || key === 'bag:') return;
  const list = map.get(key);
  if (!list) map.set(key, [value]);
  else if (list[list.length - 1] !== value) list.push(value);
}

/** A term's place in its vocabulary as matching reads it: parents, ancestors, and the words their labels say. */
import { nounOf, STOPWORDS } from './label-normaliser.js';
import type { TermFeatures } from './term-features.js';

/** Words of the labels of a term's ancestors, as nouns: what a label may leave unsaid. */
export class TermContext {
  private readonly byIri: Map<string, TermFeatures>;
  private readonly cache = new Map<TermFeatures, Set<string>>();
  private readonly ancestorCache = new Map<TermFeatures, TermFeatures[]>();
  private readonly parentCache = new Map<TermFeatures, TermFeatures[]>();

  constructor(terms: readonly TermFeatures[]) {
    this.byIri = new Map(terms.map((t) => [t.term.iri, t]));
  }

  words(t: TermFeatures): Set<string> {
    let words = this.cache.get(t);
    if (words) return words;
    words = new Set<string>();
    for (const parent of this.ancestors(t)) {
      for (const v of parent.views) for (const w of v.tokens) if (!STOPWORDS.has(w)) words.add(nounOf(w));
      for (const x of parent.acronyms) words.add(x);
    }
    this.cache.set(t, words);
    return words;
  }

  /** The direct parents the run knows (the same array for a term each time). */
  parents(t: TermFeatures): TermFeatures[] {
    let list = this.parentCache.get(t);
    if (!list) this.parentCache.set(t, (list = t.term.parents.map((iri) => this.byIri.get(iri)).filter((p): p is TermFeatures => p !== undefined)));
    return list;
  }

  /** Ancestors nearest first (at most 50). */
  ancestors(t: TermFeatures): TermFeatures[] {
    let list = this.ancestorCache.get(t);
    if (list) return list;
    list = [];
    const seen = new Set<string>();
    const queue = [...t.term.parents];
    while (queue.length > 0 && seen.size < 50) {
      const iri = queue.shift()!;
      if (seen.has(iri)) continue;
      seen.add(iri);
      const parent = this.byIri.get(iri);
      if (!parent) continue;
      list.push(parent);
      queue.push(...parent.term.parents);
    }
    this.ancestorCache.set(t, list);
    return list;
  }
}

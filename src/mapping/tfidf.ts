/** Sparse TF-IDF vectors and their cosine, over whatever features (words, character n-grams) a caller gives. */

export type SparseVector = Map<string, number>;

export class TfIdf {
  private readonly df = new Map<string, number>();
  private documents = 0;

  add(features: Iterable<string>): void {
    this.documents++;
    for (const f of new Set(features)) this.df.set(f, (this.df.get(f) ?? 0) + 1);
  }

  idf(feature: string): number {
    return Math.log(1 + this.documents / (1 + (this.df.get(feature) ?? 0)));
  }

  /** How many documents hold the feature. */
  frequency(feature: string): number {
    return this.df.get(feature) ?? 0;
  }

  /** A unit-length TF-IDF vector. */
  vector(features: readonly string[]): SparseVector {
    const tf = new Map<string, number>();
    for (const f of features) tf.set(f, (tf.get(f) ?? 0) + 1);
    let norm = 0;
    for (const [f, n] of tf) {
      const w = n * this.idf(f);
      tf.set(f, w);
      norm += w * w;
    }
    norm = Math.sqrt(norm);
    if (norm > 0) for (const [f, w] of tf) tf.set(f, w / norm);
    return tf;
  }
}

export function cosine(a: SparseVector, b: SparseVector): number {
  const [small, large] = a.size <= b.size ? [a, b] : [b, a];
  let dot = 0;
  for (const [f, w] of small) {
    const v = large.get(f);
    if (v !== undefined) dot += w * v;
  }
  return dot;
}

/**
 * Where each hosted vocabulary and term lives on astrovoc's site. One rule, used by the pages, the
 * resolver, the REST answers' links and the static export:
 * - a vocabulary whose IRI is under http://www.ivoa.net/rdf/ keeps that path (`/rdf/refframe`,
 *   `/rdf/datalink/core`), as www.ivoa.net itself publishes it;
 * - every other vocabulary lives at `/rdf/<catalogue id>` (`/rdf/epn_target_class`, `/rdf/spase-MeasurementType`);
 * - a term lives at its vocabulary's path + `/` + its id (`/rdf/refframe/ICRS`).
 * This module adds the way back: from a request path to the vocabulary and term it names.
 */
import { AstrovocError, type VocabularyMeta } from '../model/index.js';
import { IVOA_RDF_BASE, termPagePath, vocabularyPagePath } from '../model/page-path.js';

export { IVOA_RDF_BASE };

type VocabularyRef = Pick<VocabularyMeta, 'id' | 'iri'>;

/** The page path of a vocabulary, e.g. `/rdf/datalink/core` (the rule lives in model/page-path.ts, shared with the REST links). */
export const vocabularyPath: (vocabulary: VocabularyRef) => string = vocabularyPagePath;

/** The page path of a term, e.g. `/rdf/refframe/ICRS`; an id is one path segment (PDS4 ids hold `:`, UCD words `.`). */
export const termPath: (vocabulary: VocabularyRef, termId: string) => string = termPagePath;

/** What a page path names. */
export type PageTarget<V extends VocabularyRef = VocabularyMeta> = { vocabulary: V; termId?: string };

/**
 * Maps page paths back to vocabularies and term ids. Built once per set of vocabularies; the longest
 * vocabulary path that prefixes the request wins, so `/rdf/datalink/core/this` is the term `this`
 * of `/rdf/datalink/core`.
 */
export class PagePaths<V extends VocabularyRef = VocabularyMeta> {
  private readonly byPath = new Map<string, V>();

  constructor(vocabularies: readonly V[]) {
    for (const vocabulary of vocabularies) {
      const path = vocabularyPath(vocabulary);
      const clash = this.byPath.get(path);
      if (clash)
        throw new AstrovocError(
          'invalid-config',
          `vocabularies ${clash.id} and ${vocabulary.id} would share the page path ${path}: give one of them another id`,
        );
      this.byPath.set(path, vocabulary);
    }
  }

  /** The vocabulary (and term id) a decoded or encoded request path names, if any. */
  resolve(path: string): PageTarget<V> | undefined {
    const segments = path.replace(/\/+$/, '').split('/').map(safeDecode);
    if (segments.some((s) => s === undefined)) return undefined;
    const decoded = segments as string[];
    for (let end = decoded.length; end > 2; end--) {
      const candidate = decoded
        .slice(0, end)
        .map((s, i) => (i === 0 ? s : encodeURIComponent(s)))
        .join('/');
      const vocabulary = this.byPath.get(candidate);
      if (!vocabulary) continue;
      const rest = decoded.slice(end);
      if (rest.length === 0) return { vocabulary };
      if (rest.length === 1) return { vocabulary, termId: rest[0]! };
      return undefined;
    }
    return undefined;
  }
}

function safeDecode(segment: string): string | undefined {
  try {
    return decodeURIComponent(segment);
  } catch {
    return undefined;
  }
}

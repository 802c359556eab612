/** The home page: the hosted vocabularies by community. */
import { COMMUNITIES, type Community } from '../model/index.js';
import type { HostedVocabulary } from '../vocab/index.js';
import { COMMUNITY_LABELS, thousands } from './page-links.js';
import { vocabularyPath } from './paths.js';

export interface HomeModel {
  title: string;
  totals: { vocabularies: number; terms: number; termsText: string };
  communities: {
    id: Community;
    title: string;
    blurb: string;
    terms: number;
    termsText: string;
    vocabularies: {
      id: string;
      title: string;
      path: string;
      flavour: string;
      version?: string;
      terms: number;
      termsText: string;
      deprecated: number;
      preliminary: number;
      failure?: string;
    }[];
  }[];
}

export function homeModel(hosted: readonly HostedVocabulary[]): HomeModel {
  const communities = COMMUNITIES.map((id) => {
    const vocabularies = hosted
      .filter((h) => h.entry.community === id)
      .map((h) => ({
        id: h.entry.id,
        title: h.meta?.title ?? h.entry.title,
        path: vocabularyPath(h.meta ?? h.entry),
        flavour: h.meta?.flavour ?? h.entry.flavour,
        ...(h.meta?.version ? { version: h.meta.version } : {}),
        terms: h.counts.terms,
        termsText: thousands(h.counts.terms),
        deprecated: h.counts.deprecated,
        preliminary: h.counts.preliminary,
        ...(h.failure ? { failure: 'not loaded' } : {}),
      }));
    const terms = vocabularies.reduce((n, v) => n + v.terms, 0);
    return { id, ...COMMUNITY_LABELS[id], terms, termsText: thousands(terms), vocabularies };
  }).filter((c) => c.vocabularies.length > 0);
  const terms = communities.reduce((n, c) => n + c.terms, 0);
  return {
    title: 'Vocabularies',
    totals: { vocabularies: hosted.length, terms, termsText: thousands(terms) },
    communities,
  };
}

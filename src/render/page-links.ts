/**
 * What every page's view model shares: how pages link to machine-readable forms (live `?format=` or
 * static files), links to terms, community titles, number formatting. View models are plain data, every
 * string as the source gave it (the templates escape); paths come from `paths.ts`.
 */
import type { Community, VocabularyMeta } from '../model/index.js';
import type { Lookup } from '../vocab/index.js';
import { externalHref } from './external-link.js';
import { termPath, vocabularyPath } from './paths.js';
import { MACHINE_REPRESENTATIONS } from './representations.js';

/** How the pages link to machine-readable forms: live (`?format=`) or as static files. */
export type LinkStyle = 'live' | 'static';

export const COMMUNITY_LABELS: Readonly<Record<Community, { title: string; blurb: string }>> = {
  IVOA: { title: 'IVOA', blurb: 'Vocabularies of the International Virtual Observatory Alliance (ivoa.net/rdf).' },
  IPDA: { title: 'IPDA / EPN-TAP', blurb: 'Planetary science: EPN-TAP vocabularies (voparis-ns) and the PDS4 registered context products.' },
  IHDEA: { title: 'IHDEA / SPASE', blurb: 'Heliophysics: IHDEA reference frames and the enumerations of the SPASE dictionary.' },
  UAT: { title: 'Unified Astronomy Thesaurus', blurb: 'The UAT in its IVOA rendering.' },
  UCD: { title: 'UCD', blurb: 'The IVOA UCD1+ controlled vocabulary.' },
};

/** Download formats of a vocabulary or term page, in the order shown. */
export const DOWNLOADS = MACHINE_REPRESENTATIONS.map((r) => ({ format: r.format, label: r.label, mediaType: r.mediaTypes[0], extension: r.extension }));

export interface DownloadLink {
  label: string;
  mediaType: string;
  href: string;
}

/** Where a static export keeps a vocabulary's files: `<path>/index.html` and `<path>/vocabulary.<ext>`. */
export function staticDownloadHref(vocabulary: Pick<VocabularyMeta, 'id' | 'iri'>, extension: string): string {
  return `${vocabularyPath(vocabulary)}/vocabulary.${extension}`;
}

export function downloads(path: string, style: LinkStyle, vocabulary: Pick<VocabularyMeta, 'id' | 'iri'>): DownloadLink[] {
  return DOWNLOADS.map((d) => ({
    label: d.label,
    mediaType: d.mediaType,
    href: style === 'live' ? `${path}?format=${d.format}` : staticDownloadHref(vocabulary, d.extension),
  }));
}

export interface TermLink {
  label: string;
  id?: string;
  iri: string;
  /** Page path when the term is hosted; absent for an IRI astrovoc does not host. */
  path?: string;
  /** For an IRI astrovoc does not host: the link to it, only when it is http(s) (else the page shows it as text). */
  href?: string;
  vocabularyTitle?: string;
  deprecated: boolean;
  preliminary: boolean;
}

export function linkTo(lookup: Lookup, iri: string): TermLink {
  const term = lookup.index.termByIri(iri);
  const vocabulary = term ? lookup.index.vocabulary(term.vocabularyId) : undefined;
  if (!term || !vocabulary) {
    const href = externalHref(iri);
    return { label: iri, iri, ...(href ? { href } : {}), deprecated: false, preliminary: false };
  }
  return {
    label: term.labels[0] ?? term.id,
    id: term.id,
    iri,
    path: termPath(vocabulary, term.id),
    vocabularyTitle: vocabulary.title,
    deprecated: term.status.deprecated,
    preliminary: term.status.preliminary,
  };
}

/** 16091 → "16,091". */
export const thousands = (n: number): string => n.toLocaleString('en-GB');

/** `{ [key]: href }` when the IRI may be a link, `{}` when it must stay text. */
export function linkable<K extends string>(key: K, iri: string): { [k in K]?: string } {
  const href = externalHref(iri);
  return href ? ({ [key]: href } as { [k in K]?: string }) : {};
}

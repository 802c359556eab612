/** The vocabulary page: its metadata, downloads and term tree. */
import type { CurationConflict, Term, VocabularyMeta } from '../model/index.js';
import type { HostedVocabulary, Lookup } from '../vocab/index.js';
import { conflictView, type ConflictView } from './change-view.js';
import type { ProposalSummary } from './editor-model.js';
import { COMMUNITY_LABELS, downloads, linkable, type DownloadLink, type LinkStyle } from './page-links.js';
import { termPath, vocabularyPath } from './paths.js';

export interface TreeNode {
  label: string;
  id: string;
  path: string;
  deprecated: boolean;
  preliminary: boolean;
  children: TreeNode[];
  /** Already shown in full elsewhere in the tree (a SKOS term with several parents). */
  shownElsewhere: boolean;
}

export interface VocabularyModel {
  title: string;
  vocabulary: {
    id: string;
    iri: string;
    path: string;
    title: string;
    description?: string;
    community: string;
    flavour: string;
    version?: string;
    previousVersion?: string;
    authors: string[];
    /** `href` only when the licence IRI may be a link (http/https). */
    licence: { name: string; uri: string; href?: string };
    draft: boolean;
    homepage?: string;
    homepageHref?: string;
  };
  counts: { terms: number; deprecated: number; preliminary: number; topTerms: number };
  downloads: DownloadLink[];
  tree: TreeNode[];
  /** Open the first level of the tree (small vocabularies). */
  openTree: boolean;
  /** Recorded changes that no longer apply to upstream: shown, never hidden. */
  conflicts: ConflictView[];
  /** Open proposals (VEPs) for the vocabulary. */
  proposals: ProposalSummary[];
}

/** What curation says about a vocabulary, as its services returned it. */
export interface VocabularyCuration {
  conflicts: readonly CurationConflict[];
  proposals: readonly ProposalSummary[];
}

export function vocabularyModel(hosted: HostedVocabulary, lookup: Lookup, style: LinkStyle, curation?: VocabularyCuration): VocabularyModel | undefined {
  const meta = hosted.meta;
  if (!meta) return undefined;
  const path = vocabularyPath(meta);
  const terms = lookup.index.terms(meta.id);
  return {
    title: meta.title,
    vocabulary: {
      id: meta.id,
      iri: meta.iri,
      path,
      title: meta.title,
      ...(meta.description ? { description: meta.description } : {}),
      community: COMMUNITY_LABELS[meta.community].title,
      flavour: meta.flavour,
      ...(meta.version ? { version: meta.version } : {}),
      ...(meta.previousVersion ? { previousVersion: meta.previousVersion } : {}),
      authors: meta.authors,
      licence: { name: meta.licence.name, uri: meta.licence.uri, ...linkable('href', meta.licence.uri) },
      draft: meta.draft,
      ...(hosted.entry.homepage ? { homepage: hosted.entry.homepage, ...linkable('homepageHref', hosted.entry.homepage) } : {}),
    },
    counts: hosted.counts,
    downloads: downloads(path, style, meta),
    tree: termTree(meta, terms),
    openTree: terms.length <= 300,
    conflicts: (curation?.conflicts ?? []).map((conflict) => conflictView(conflict, (id) => (lookup.index.term(meta.id, id) ? termPath(meta, id) : undefined))),
    proposals: [...(curation?.proposals ?? [])],
  };
}
/** The term tree: roots are terms with no parent inside the vocabulary; a subtree is spelt out once. */
export function termTree(vocabulary: VocabularyMeta, terms: readonly Term[]): TreeNode[] {
  const byIri = new Map(terms.map((t) => [t.iri, t]));
  const expanded = new Set<string>();
  const node = (term: Term): TreeNode => {
    const base = {
      label: term.labels[0] ?? term.id,
      id: term.id,
      path: termPath(vocabulary, term.id),
      deprecated: term.status.deprecated,
      preliminary: term.status.preliminary,
    };
    if (expanded.has(term.iri)) return { ...base, shownElsewhere: true, children: [] };
    expanded.add(term.iri);
    const children = term.children.map((iri) => byIri.get(iri)).filter((t): t is Term => t !== undefined);
    return { ...base, shownElsewhere: false, children: children.map(node) };
  };
  const roots = terms.filter((t) => !t.parents.some((p) => byIri.has(p)));
  const tree = roots.map(node);
  // Terms caught in a parent cycle have no root above them: list them at the top rather than drop them.
  for (const term of terms) if (!expanded.has(term.iri)) tree.push(node(term));
  return tree;
}

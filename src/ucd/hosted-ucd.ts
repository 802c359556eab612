/**
 * The UCD service and the VOTable check's vocabularies, built from what the vocabulary service hosts
 * and rebuilt when its graphs change (a reload, a curation write). The UCD list comes from the `ucd`
 * graph (words with `ivoasem:ucd-syntax-code`, deprecations with `ivoasem:useInstead`, as written by
 * the ucd-list reader); refframe, timescale, refposition and datalink come from the term index.
 */
import { IVOASEM, OWL, SKOS, UCD_SYNTAX_CODES, type DeprecatedUcdWord, type Quad, type UcdSyntaxCode, type UcdWord } from '../model/index.js';
import type { TermIndex, VocabularyService } from '../vocab/index.js';
import { UcdService, type UcdServiceSource } from './ucd-service.js';
import type { TermVocabulary, VotableVocabularies } from './votable-checker.js';

/** Catalogue ids of the vocabularies VOTable attributes are bound to. */
export const VOTABLE_VOCABULARY_IDS = { refframe: 'refframe', timescale: 'timescale', refposition: 'refposition', datalink: 'datalink' } as const;
export const UCD_VOCABULARY_ID = 'ucd';

const CODES: ReadonlySet<string> = new Set(UCD_SYNTAX_CODES);

function termVocabulary(index: TermIndex, id: string): TermVocabulary | undefined {
  const meta = index.vocabulary(id);
  if (!meta) return undefined;
  const terms = new Map<string, { deprecated: boolean; useInstead?: string }>();
  for (const term of index.terms(id)) {
    const target = term.useInstead[0];
    // useInstead holds IRIs; the VOTable attribute holds the term id.
    const useInstead = target === undefined ? undefined : target.startsWith(meta.termBase) ? target.slice(meta.termBase.length) : target;
    terms.set(term.id, useInstead === undefined ? { deprecated: term.status.deprecated } : { deprecated: term.status.deprecated, useInstead });
  }
  return { iri: meta.iri, terms };
}

/** The hosted vocabularies the VOTable check needs; a vocabulary that is not loaded is left out (its values are then "not-checked"). */
export function votableVocabulariesFrom(index: TermIndex): VotableVocabularies {
  const vocabularies: VotableVocabularies = {};
  for (const [key, id] of Object.entries(VOTABLE_VOCABULARY_IDS) as [keyof VotableVocabularies, string][]) {
    const vocabulary = termVocabulary(index, id);
    if (vocabulary) vocabularies[key] = vocabulary;
  }
  return vocabularies;
}

/** The UCD list as the ucd-list reader wrote it into a graph: words, codes, descriptions, deprecations. */
export function ucdSourceFromQuads(quads: readonly Quad[], termBase: string, version: string): UcdServiceSource {
  const bySubject = new Map<string, { label?: string; code?: string; definition?: string; deprecated: boolean; useInstead?: string }>();
  for (const quad of quads) {
    const subject = quad.subject.value;
    if (!subject.startsWith(termBase)) continue;
    let entry = bySubject.get(subject);
    if (!entry) bySubject.set(subject, (entry = { deprecated: false }));
    const p = quad.predicate.value;
    if (p === `${SKOS}prefLabel`) entry.label = quad.object.value;
    else if (p === `${IVOASEM}ucd-syntax-code`) entry.code = quad.object.value;
    else if (p === `${SKOS}definition`) entry.definition = quad.object.value;
    else if (p === `${IVOASEM}deprecated`) entry.deprecated = true;
    else if (p === `${IVOASEM}useInstead`) {
      entry.useInstead = quad.object.termType === 'NamedNode' && quad.object.value.startsWith(termBase) ? quad.object.value.slice(termBase.length) : quad.object.value;
    }
  }
  const words: UcdWord[] = [];
  const deprecated: DeprecatedUcdWord[] = [];
  for (const [subject, entry] of bySubject) {
    const word = entry.label ?? subject.slice(termBase.length);
    if (entry.deprecated) {
      if (entry.useInstead) deprecated.push({ word, replacement: entry.useInstead, line: 0 });
    } else if (entry.code !== undefined && CODES.has(entry.code)) {
      words.push({ word, code: entry.code as UcdSyntaxCode, description: entry.definition ?? '' });
    }
  }
  return { version, words, deprecated };
}

/** The versionInfo of the UCD graph's scheme, else the catalogue's version. */
function versionOf(quads: readonly Quad[], iri: string, fallback: string): string {
  return quads.find((q) => q.subject.value === iri && q.predicate.value === `${OWL}versionInfo`)?.object.value ?? fallback;
}

/**
 * Keeps a UcdService and the VOTable vocabularies in step with a VocabularyService: both are built on
 * first use and again after any change to the graphs they come from.
 */
export class HostedUcd {
  private ucd: UcdService | undefined;
  private ucdBuilt = false;
  private votable: VotableVocabularies | undefined;
  private readonly unsubscribe: () => void;

  constructor(private readonly vocabularies: VocabularyService) {
    this.unsubscribe = vocabularies.onChange(() => {
      this.ucdBuilt = false;
      this.ucd = undefined;
      this.votable = undefined;
    });
  }

  /** The UCD service of the hosted UCD list, or undefined when the list is not loaded. */
  get service(): UcdService | undefined {
    if (!this.ucdBuilt) {
      this.ucdBuilt = true;
      const meta = this.vocabularies.index.vocabulary(UCD_VOCABULARY_ID);
      if (meta) {
        const quads = this.vocabularies.store.local.quadsOfGraph(meta.graph);
        const source = ucdSourceFromQuads(quads, meta.termBase, versionOf(quads, meta.iri, meta.version ?? ''));
        this.ucd = source.words.length > 0 ? new UcdService(source, { termBase: meta.termBase }) : undefined;
      }
    }
    return this.ucd;
  }

  get votableVocabularies(): VotableVocabularies {
    this.votable ??= votableVocabulariesFrom(this.vocabularies.index);
    return this.votable;
  }

  close(): void {
    this.unsubscribe();
  }
}

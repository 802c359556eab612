/**
 * The machine-readable representations of hosted vocabularies and terms (RDF formats and desise),
 * built from the store's graphs and the term index. Whole-vocabulary answers and per-graph subject
 * indexes are kept until the index changes (a load or a write builds a new one), so the facility's
 * 39,000 triples are serialised once per format, not once per request.
 */
import { rdfFormat, type Quad, type Term, type VocabularyMeta, type WrittenRdfFormatName } from '../model/index.js';
import type { TermIndex } from '../vocab/index.js';
import { DESISE_MEDIA_TYPE, toDesise, writeDesise } from './desise-writer.js';
import { QuadsBySubject, prefixesFor, toJsonLd, writeRdf } from './rdf-writer.js';

/** The machine-readable representations: the RDF formats render writes, and desise. */
export type MachineFormat = WrittenRdfFormatName | 'desise';

export interface MachineRepresentation {
  format: MachineFormat;
  label: string;
  /** The preferred media type first. */
  mediaTypes: readonly [string, ...string[]];
  /** The names `?format=` takes, `format` first. */
  names: readonly [string, ...string[]];
  /** The extension of a static export's file. */
  extension: string;
}

function rdfRepresentation(name: WrittenRdfFormatName): MachineRepresentation {
  const { label, mediaTypes, aliases, extensions } = rdfFormat(name);
  return { format: name, label, mediaTypes, names: [name, ...aliases], extension: extensions[0] };
}

/** The machine-readable representations of a vocabulary or a term, in the order pages, links and the 406 list them (VocInVO2 §3.2's, then N-Triples). */
export const MACHINE_REPRESENTATIONS: readonly MachineRepresentation[] = [
  ...(['ttl', 'rdfxml', 'jsonld', 'nt'] as const).map(rdfRepresentation),
  { format: 'desise', label: 'desise', mediaTypes: [DESISE_MEDIA_TYPE], names: ['desise'], extension: 'desise' },
];

const machineMediaType = (format: MachineFormat): string => MACHINE_REPRESENTATIONS.find((r) => r.format === format)!.mediaTypes[0];

export interface RepresentationSource {
  /** The current term index (a new object after every change). */
  readonly index: TermIndex;
  /** The quads of one named graph. */
  quadsOfGraph(graph: string): Quad[];
}

export interface Serialised {
  body: string;
  mediaType: string;
}

export class Representations {
  private forIndex: TermIndex | undefined;
  private subjects = new Map<string, QuadsBySubject>();
  private documents = new Map<string, Promise<string>>();

  constructor(private readonly source: RepresentationSource) {}

  /** A whole vocabulary in one format. */
  async vocabulary(vocabulary: VocabularyMeta, format: MachineFormat): Promise<Serialised> {
    this.refresh();
    const key = `${vocabulary.graph} ${format}`;
    let body = this.documents.get(key);
    if (!body) {
      body =
        format === 'desise'
          ? Promise.resolve(writeDesise(toDesise(vocabulary, this.source.index.terms(vocabulary.id))))
          : writeRdf(this.subjectsOf(vocabulary).all(), format, prefixesFor(vocabulary));
      this.documents.set(key, body);
      body.catch(() => this.documents.delete(key));
    }
    return { body: await body, mediaType: machineMediaType(format) };
  }

  /** One term in one format: its concise bounded description, or its desise entry in the vocabulary envelope. */
  async term(term: Term, format: MachineFormat): Promise<Serialised | undefined> {
    const vocabulary = this.source.index.vocabulary(term.vocabularyId);
    if (!vocabulary) return undefined;
    if (format === 'desise') {
      return { body: writeDesise(toDesise(vocabulary, this.source.index.terms(vocabulary.id), [term])), mediaType: DESISE_MEDIA_TYPE };
    }
    return { body: await writeRdf(this.description(term), format, prefixesFor(vocabulary)), mediaType: machineMediaType(format) };
  }

  /** The term's concise bounded description (W3C CBD) in its vocabulary's graph. */
  description(term: Term): Quad[] {
    const vocabulary = this.source.index.vocabulary(term.vocabularyId);
    return vocabulary ? this.subjectsOf(vocabulary).describe(term.iri) : [];
  }

  /** The term's description as a compacted JSON-LD object, for embedding in its page. */
  async termJsonLd(term: Term): Promise<Record<string, unknown>> {
    const vocabulary = this.source.index.vocabulary(term.vocabularyId);
    return toJsonLd(this.description(term), vocabulary ? prefixesFor(vocabulary) : undefined);
  }

  private subjectsOf(vocabulary: VocabularyMeta): QuadsBySubject {
    this.refresh();
    let subjects = this.subjects.get(vocabulary.graph);
    if (!subjects) {
      subjects = new QuadsBySubject(this.source.quadsOfGraph(vocabulary.graph));
      this.subjects.set(vocabulary.graph, subjects);
    }
    return subjects;
  }

  private refresh(): void {
    if (this.forIndex === this.source.index) return;
    this.forIndex = this.source.index;
    this.subjects = new Map();
    this.documents = new Map();
  }
}

/**
 * RDF serialisations of a vocabulary or of one term: Turtle with prefixes and N-Triples (n3's Writer),
 * RDF/XML (oxigraph's serialiser) and JSON-LD (jsonld.js, compacted against the same prefixes).
 * A term is served as its concise bounded description (W3C CBD: every triple with the term as subject,
 * and, recursively, those of the blank nodes it reaches).
 */
import jsonld from 'jsonld';
import N3 from 'n3';
import oxigraph from 'oxigraph';
import { PREFIXES, rdfMediaType, type Quad, type VocabularyMeta, type WrittenRdfFormatName } from '../model/index.js';

export type Prefixes = Readonly<Record<string, string>>;

/** The shared prefixes plus one for the vocabulary's own terms, named after its id where that makes a valid prefix. */
export function prefixesFor(vocabulary: Pick<VocabularyMeta, 'id' | 'termBase'>): Prefixes {
  const name = /^[A-Za-z][A-Za-z0-9_-]*$/.test(vocabulary.id) ? vocabulary.id : 'voc';
  const taken = Object.entries(PREFIXES).find(([, namespace]) => namespace === vocabulary.termBase);
  return taken ? PREFIXES : { ...PREFIXES, [Object.hasOwn(PREFIXES, name) ? `${name}_voc` : name]: vocabulary.termBase };
}

/** Quads grouped by subject (in first-seen order), for describing terms one by one. */
export class QuadsBySubject {
  private readonly bySubject = new Map<string, Quad[]>();

  constructor(quads: Iterable<Quad>) {
    for (const quad of quads) {
      const key = subjectKey(quad.subject);
      const list = this.bySubject.get(key);
      if (list) list.push(quad);
      else this.bySubject.set(key, [quad]);
    }
  }

  /** The concise bounded description of a resource (an IRI). */
  describe(iri: string): Quad[] {
    const out: Quad[] = [];
    const seenBlank = new Set<string>();
    const visit = (key: string): void => {
      for (const quad of this.bySubject.get(key) ?? []) {
        out.push(quad);
        if (quad.object.termType === 'BlankNode' && !seenBlank.has(quad.object.value)) {
          seenBlank.add(quad.object.value);
          visit(`_:${quad.object.value}`);
        }
      }
    };
    visit(iri);
    return out;
  }

  /** Every quad, grouped by subject. */
  all(): Quad[] {
    return [...this.bySubject.values()].flat();
  }
}

function subjectKey(term: Quad['subject']): string {
  return term.termType === 'BlankNode' ? `_:${term.value}` : term.value;
}

/** Serialises triples (graph names are dropped) in one of the RDF formats the registry marks written. */
export async function writeRdf(quads: readonly Quad[], format: WrittenRdfFormatName, prefixes: Prefixes = PREFIXES): Promise<string> {
  const triples = quads.map((q) => N3.DataFactory.quad(q.subject as N3.Quad_Subject, q.predicate as N3.Quad_Predicate, q.object as N3.Quad_Object));
  return WRITERS[format](triples, prefixes);
}

/** One writer per written format of the registry (the Record makes TypeScript ask for each). */
const WRITERS: Readonly<Record<WrittenRdfFormatName, (triples: N3.Quad[], prefixes: Prefixes) => string | Promise<string>>> = {
  ttl: (triples, prefixes) => writeWithN3(triples, { prefixes: { ...prefixes } }),
  nt: (triples) => new N3.Writer({ format: 'N-Triples' }).quadsToString(triples),
  rdfxml: (triples) => writeRdfXml(triples),
  jsonld: async (triples, prefixes) => `${JSON.stringify(await toJsonLd(triples, prefixes), null, 2)}\n`,
};

/** Whether render writes a format (the unit test checks the registry's `written` against the writers). */
export const writesRdf = (format: string): format is WrittenRdfFormatName => Object.hasOwn(WRITERS, format);

/** The triples as a compacted JSON-LD document whose context holds the prefixes. */
export async function toJsonLd(quads: readonly Quad[], prefixes: Prefixes = PREFIXES): Promise<Record<string, unknown>> {
  const expanded = await jsonld.fromRDF(
    quads.map((q) => N3.DataFactory.quad(q.subject as N3.Quad_Subject, q.predicate as N3.Quad_Predicate, q.object as N3.Quad_Object)),
  );
  return await jsonld.compact(expanded, { ...prefixes });
}

function writeWithN3(quads: N3.Quad[], options: N3.WriterOptions): Promise<string> {
  const writer = new N3.Writer(options);
  writer.addQuads(quads);
  return new Promise((resolve, reject) => writer.end((error, result: string) => (error ? reject(error) : resolve(result))));
}

function writeRdfXml(quads: N3.Quad[]): string {
  const store = new oxigraph.Store();
  store.load(new N3.Writer({ format: 'N-Triples' }).quadsToString(quads), { format: rdfMediaType('nt') });
  return store.dump({ format: rdfMediaType('rdfxml'), from_graph_name: oxigraph.defaultGraph() });
}

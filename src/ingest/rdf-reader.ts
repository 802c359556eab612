/**
 * Reader for vocabularies published as RDF: Turtle, N-Triples, N-Quads, RDF/XML or JSON-LD (option `syntax`).
 * Every triple goes into the vocabulary's graph, including those a source puts in named graphs.
 */
import { createHash } from 'node:crypto';
import { factory, RDF_FORMATS, rdfFormatByName, type Quad, type RdfTerm, type VocabularyMeta, type Warning } from '../model/index.js';
import { IngestError } from './ingest-error.js';
import { decodeUtf8, type Reader, type SourceFile } from './reader.js';
import { findVocabsConfSection, parseVocabsConf } from './vocabs-conf-reader.js';
import { parseRdf } from './rdf-parse.js';
import { vocabularyMetaFromGraph } from './rdf-vocabulary-meta.js';

export const readRdf: Reader = ({ files, vocabulary, options }) => {
  const file = files.data;
  if (!file) throw new IngestError('missing-source', 'the rdf format needs a source file with role "data"', { file: vocabulary.id });
  const format = rdfFormatByName(options.syntax ?? '');
  if (!format) {
    throw new IngestError('bad-option', `option syntax is "${options.syntax ?? ''}"; expected one of ${RDF_FORMATS.map((f) => f.syntax).join(', ')}`, {
      file: file.name,
    });
  }
  const parsed = parseRdf(decodeUtf8(file), format.name, file.name, vocabulary.iri);
  const { quads, namedGraphs } = intoGraph(parsed, vocabulary.graph);
  const meta = vocabularyMetaFromGraph(quads, vocabulary, file.name);
  const config = files.config;
  const fromConfig = config && options.section ? metaFromVocabsConf(meta.vocabulary, config, options.section) : meta.vocabulary;
  const warnings: Warning[] = config ? meta.warnings.filter((w) => w.code !== 'no-vocabulary-node') : [...meta.warnings];
  if (namedGraphs > 0) {
    warnings.push({
      code: 'named-graphs-merged',
      message: `${namedGraphs} named graph(s) of the source were merged into the vocabulary graph`,
      location: { file: file.name },
    });
  }
  return { quads, vocabulary: fromConfig, warnings };
};

/** The vocabs.conf section of an RDF vocabulary the IVOA publishes (the UAT): version, title, authors, licence. */
function metaFromVocabsConf(vocabulary: VocabularyMeta, config: SourceFile, sectionName: string): VocabularyMeta {
  const section = findVocabsConfSection(parseVocabsConf(decodeUtf8(config), config.name), sectionName, config.name);
  return {
    ...vocabulary,
    ...(section.title ? { title: section.title } : {}),
    ...(section.description ? { description: section.description } : {}),
    ...(section.timestamp ? { version: section.timestamp } : {}),
    ...(section.previous ? { previousVersion: section.previous } : {}),
    ...(section.authors.length > 0 ? { authors: section.authors } : {}),
    ...(section.topConcepts?.length ? { topConcepts: section.topConcepts } : {}),
    draft: section.draft,
    hidden: section.hidden,
  };
}

/**
 * Moves every quad into `graph`, drops repeated triples, and relabels blank nodes `<hash of graph>_b<n>`
 * in order of appearance: parsers label them from process-wide counters or at random, and the store keeps
 * many graphs side by side, so labels must be the same on every run and distinct between graphs.
 */
function intoGraph(parsed: readonly Quad[], graph: string): { quads: Quad[]; namedGraphs: number } {
  const prefix = `g${createHash('sha256').update(graph).digest('hex').slice(0, 10)}_b`;
  const labels = new Map<string, string>();
  const graphNode = factory.namedNode(graph);
  const term = (t: RdfTerm): RdfTerm => {
    switch (t.termType) {
      case 'BlankNode': {
        let label = labels.get(t.value);
        if (label === undefined) {
          label = `${prefix}${labels.size}`;
          labels.set(t.value, label);
        }
        return factory.blankNode(label);
      }
      case 'NamedNode':
        return factory.namedNode(t.value);
      case 'Literal':
        return factory.literal(t.value, t.language !== '' ? t.language : factory.namedNode(t.datatype.value));
      case 'Quad':
        return factory.quad(term(t.subject) as Quad['subject'], term(t.predicate) as Quad['predicate'], term(t.object) as Quad['object']);
      default:
        return t;
    }
  };
  const seen = new Set<string>();
  const sourceGraphs = new Set<string>();
  const quads: Quad[] = [];
  for (const q of parsed) {
    if (q.graph.termType !== 'DefaultGraph') sourceGraphs.add(`${q.graph.termType}:${q.graph.value}`);
    const out = factory.quad(term(q.subject) as Quad['subject'], term(q.predicate) as Quad['predicate'], term(q.object) as Quad['object'], graphNode);
    const key = `${key1(out.subject)} ${key1(out.predicate)} ${key1(out.object)}`;
    if (seen.has(key)) continue;
    seen.add(key);
    quads.push(out);
  }
  return { quads, namedGraphs: sourceGraphs.size };
}

function key1(t: RdfTerm): string {
  switch (t.termType) {
    case 'Literal':
      return `${JSON.stringify(t.value)}@${t.language}^${t.datatype.value}`;
    case 'Quad':
      return `<<${key1(t.subject)} ${key1(t.predicate)} ${key1(t.object)}>>`;
    default:
      return `${t.termType}:${t.value}`;
  }
}

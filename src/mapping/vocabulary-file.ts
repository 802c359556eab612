/**
 * A vocabulary from a file a maintainer wants to match before hosting it: an IVOA terms.csv, RDF
 * (Turtle, N-Triples, N-Quads, RDF/XML, JSON-LD), or a plain list of labels (one per line, `#` comments).
 */
import { readFile } from 'node:fs/promises';
import { basename, dirname, extname, join } from 'node:path';
import { existsSync } from 'node:fs';
import { readRdf, readTermsCsv, type RdfSyntax } from '../ingest/index.js';
import type { Term, VocabularyMeta } from '../model/index.js';
import { TermIndex } from '../vocab/index.js';

const RDF_EXTENSIONS: Readonly<Record<string, RdfSyntax>> = {
  '.ttl': 'turtle',
  '.nt': 'ntriples',
  '.nq': 'nquads',
  '.rdf': 'rdfxml',
  '.owl': 'rdfxml',
  '.skos': 'rdfxml',
  '.xml': 'rdfxml',
  '.jsonld': 'jsonld',
};

export interface FileVocabulary {
  meta: VocabularyMeta;
  terms: Term[];
}

const LOCAL_BASE = 'https://astrovoc.org/local/';

function metaFor(file: string, termBase: string): VocabularyMeta {
  const stem = basename(file).replace(/\.[^.]+$/, '');
  const iri = `${LOCAL_BASE}${encodeURIComponent(stem)}`;
  return {
    id: stem,
    iri,
    termBase,
    title: stem,
    community: 'IVOA',
    flavour: 'SKOS',
    authors: [],
    licence: { uri: 'about:unknown', name: 'unknown' },
    draft: false,
    hidden: false,
    graph: `urn:astrovoc:file:${encodeURIComponent(stem)}`,
  };
}

export async function readVocabularyFile(file: string): Promise<FileVocabulary> {
  const bytes = await readFile(file);
  const extension = extname(file).toLowerCase();
  const syntax = RDF_EXTENSIONS[extension];
  if (syntax) {
    const base = metaFor(file, '');
    const { quads, vocabulary } = readRdf({ files: { data: { name: file, bytes } }, vocabulary: base, options: { syntax } });
    const meta = { ...vocabulary, termBase: '' };
    return { meta, terms: TermIndex.build([meta], () => quads).terms(meta.id) };
  }
  if (extension === '.csv' && /;/.test(new TextDecoder().decode(bytes.subarray(0, 2000)))) {
    const section = basename(dirname(file)) || 'vocabulary';
    const conf = join(dirname(file), '..', 'vocabs.conf');
    const config = existsSync(conf) && new TextDecoder().decode(await readFile(conf)).includes(`[${section}]`)
      ? { name: conf, bytes: await readFile(conf) }
      : { name: '<generated vocabs.conf>', bytes: new TextEncoder().encode(`[${section}]\nflavour: SKOS\ntitle: ${section}\n`) };
    const base = metaFor(join(dirname(file), section), `${LOCAL_BASE}${encodeURIComponent(section)}#`);
    const { quads, vocabulary } = readTermsCsv({ files: { terms: { name: file, bytes }, config }, vocabulary: { ...base, iri: base.termBase.slice(0, -1) }, options: { section } });
    return { meta: vocabulary, terms: TermIndex.build([vocabulary], () => quads).terms(vocabulary.id) };
  }
  return plainList(file, new TextDecoder().decode(bytes));
}

/** One label per line; a label's id is its slug, its IRI in astrovoc's local namespace. */
export function plainList(file: string, text: string): FileVocabulary {
  const meta = metaFor(file, '');
  const terms = new Map<string, Term>();
  for (const line of text.split(/\r?\n/)) {
    const label = line.trim();
    if (label === '' || label.startsWith('#')) continue;
    const id = label.normalize('NFKD').replace(/\p{M}+/gu, '').replace(/[^A-Za-z0-9]+/g, '-').replace(/^-|-$/g, '') || encodeURIComponent(label);
    const iri = `${meta.iri}#${id}`;
    if (terms.has(iri)) continue;
    terms.set(iri, { iri, id, vocabularyId: meta.id, labels: [label], altLabels: [], definitions: [], parents: [], children: [], status: { preliminary: false, deprecated: false }, useInstead: [], mappings: [] });
  }
  return { meta: { ...meta, termBase: `${meta.iri}#` }, terms: [...terms.values()] };
}

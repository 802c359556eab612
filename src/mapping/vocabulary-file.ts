/**
 * A vocabulary from a file a maintainer wants to match before hosting it: an IVOA terms.csv, RDF
 * (Turtle, N-Triples, N-Quads, RDF/XML, JSON-LD), or a plain list of labels (one per line, `#` comments).
 *
 * `parseVocabulary` reads one from bytes and a syntax (the HTTP API: a request body and its Content-Type);
 * `readVocabularyFile` reads one from disk (the CLI), choosing the syntax from the file's extension and
 * finding the `vocabs.conf` beside a terms.csv. Malformed input throws an IngestError naming the file (or
 * the name given) and the line. `parseUntrustedVocabulary` (uploads over the API) runs the parse in a
 * disposable worker with a time limit, and refuses terms over the per-field bounds before any matcher sees them.
 */
import { readFile } from 'node:fs/promises';
import { basename, dirname, extname, join } from 'node:path';
import { existsSync } from 'node:fs';
import {
  checkUntrustedText,
  DEFAULT_PARSE_RESOURCE_LIMITS,
  ingestErrorOf,
  IngestError,
  InputBoundError,
  positionAt,
  readRdf,
  UNTRUSTED_PARSES,
  readTermsCsv,
  type SourceFile,
} from '../ingest/index.js';
import { runDisposable } from '../sandbox/index.js';
import { bareTerm, factory, rdfFormatByExtension, type Quad, type RdfFormatName, type Term, type VocabularyMeta } from '../model/index.js';
import { TermIndex } from '../vocab/index.js';

/** How a vocabulary file is written: an IVOA terms.csv, an RDF syntax, or a plain list of labels. */
export type VocabularyFileSyntax = 'terms-csv' | RdfFormatName | 'labels';

export interface FileVocabulary {
  meta: VocabularyMeta;
  terms: Term[];
}

/** What `parseVocabulary` reads. */
export interface VocabularyBytes {
  bytes: Uint8Array;
  syntax: VocabularyFileSyntax;
  /** The vocabulary's id; its IRI is `https://astrovoc.org/local/<id>`. */
  id: string;
  /** The name errors give for the input (a path, or "request body"); default: the id. */
  fileName?: string;
  /** terms.csv only: a vocabs.conf with a section named `section`; without it a SKOS section is made up. */
  config?: SourceFile;
  /** terms.csv only: the vocabs.conf section (default: the id). */
  section?: string;
  /** Refuse terms over the per-field bounds (uploads): checked on the parsed quads, before terms are built. */
  bounded?: boolean;
}

const LOCAL_BASE = 'https://astrovoc.org/local/';

function metaFor(id: string, termBase: string): VocabularyMeta {
  const iri = `${LOCAL_BASE}${encodeURIComponent(id)}`;
  return {
    id,
    iri,
    termBase,
    title: id,
    community: 'IVOA',
    flavour: 'SKOS',
    authors: [],
    licence: { uri: 'about:unknown', name: 'unknown' },
    draft: false,
    hidden: false,
    graph: `urn:astrovoc:file:${encodeURIComponent(id)}`,
  };
}

const stemOf = (file: string) => basename(file).replace(/\.[^.]+$/, '');

/** A vocabulary from UTF-8 bytes in a known syntax (no file is written or read); other bytes are an error naming their line. */
export function parseVocabulary(input: VocabularyBytes): FileVocabulary {
  const fileName = input.fileName ?? input.id;
  const text = utf8Text(input.bytes, fileName);
  switch (input.syntax) {
    case 'terms-csv': {
      const section = input.section ?? input.id;
      const config = input.config ?? { name: '<generated vocabs.conf>', bytes: new TextEncoder().encode(`[${section}]\nflavour: SKOS\ntitle: ${section}\n`) };
      const base = metaFor(input.id, `${LOCAL_BASE}${encodeURIComponent(section)}#`);
      const { quads, vocabulary } = readTermsCsv({
        files: { terms: { name: fileName, bytes: input.bytes }, config },
        vocabulary: { ...base, iri: base.termBase.slice(0, -1) },
        options: { section },
      });
      if (input.bounded) checkTermBounds(quads, text, fileName);
      return { meta: vocabulary, terms: TermIndex.build([vocabulary], () => quads).terms(vocabulary.id) };
    }
    case 'labels': {
      const vocabulary = labelsVocabulary(input.id, text.split(/\r?\n/), fileName);
      if (input.bounded)
        checkTermBounds(
          vocabulary.terms.map((t) => factory.quad(factory.namedNode(t.iri), factory.namedNode(`${SKOS}prefLabel`), factory.literal(t.labels[0]!))),
          text,
          fileName,
        );
      return vocabulary;
    }
    default: {
      const { quads, vocabulary } = readRdf({
        files: { data: { name: fileName, bytes: input.bytes } },
        vocabulary: metaFor(input.id, ''),
        options: { syntax: input.syntax },
      });
      if (input.bounded) checkTermBounds(quads, text, fileName);
      const meta = { ...vocabulary, termBase: '' };
      return { meta, terms: TermIndex.build([meta], () => quads).terms(meta.id) };
    }
  }
}

/** The longest label (preferred or alternative) an uploaded term may have, in characters. */
export const MAX_LABEL_CHARS = 1_000;
/** The most alternative labels an uploaded term may have. */
export const MAX_ALT_LABELS = 200;
/** The longest definition an uploaded term may have, in characters. */
export const MAX_DEFINITION_CHARS = 10_000;

/**
 * Reads an uploaded vocabulary in a disposable worker (a trap, a runaway or a memory blow-up costs the
 * worker), within `timeoutMs`; throws IngestError, or InputBoundError naming the bound, the term and its line.
 */
export async function parseUntrustedVocabulary(input: VocabularyBytes, limits: { timeoutMs: number }): Promise<FileVocabulary> {
  const fileName = input.fileName ?? input.id;
  if (input.syntax !== 'terms-csv' && input.syntax !== 'labels') checkUntrustedText(utf8Text(input.bytes, fileName), input.syntax, fileName);
  return UNTRUSTED_PARSES.run(() =>
    runDisposable<VocabularyBytes, FileVocabulary>(new URL('./vocabulary-file-worker.js', import.meta.url), input, {
      timeoutMs: limits.timeoutMs,
      resourceLimits: DEFAULT_PARSE_RESOURCE_LIMITS,
    }),
  ).catch((error: unknown) => {
    throw ingestErrorOf(error, fileName, limits.timeoutMs);
  });
}

const SKOS = 'http://www.w3.org/2004/02/skos/core#';
const RDFS = 'http://www.w3.org/2000/01/rdf-schema#';
const LABELS = new Set([`${SKOS}prefLabel`, `${SKOS}altLabel`, `${RDFS}label`]);
const DEFINITIONS = new Set([`${SKOS}definition`, `${RDFS}comment`]);

/**
 * Throws InputBoundError for the first term with a label, alternative labels or a definition over its
 * bound, naming the term and the line where the value is. Runs on the quads, before terms are built (which
 * takes time quadratic in a term's labels).
 */
export function checkTermBounds(quads: readonly Quad[], text: string, fileName: string): void {
  const where = (value: string) => {
    const found = text.indexOf(value.slice(0, 200));
    return { file: fileName, ...(found >= 0 ? { line: positionAt(text, found).line } : {}) };
  };
  const over = (term: string, bound: string, limit: number, what: string, at: string) =>
    new InputBoundError('term-bound', `term ${term}: ${what}; the limit is ${limit}`, where(at), bound, limit, term);
  const altLabels = new Map<string, number>();
  for (const { subject, predicate, object } of quads) {
    if (object.termType !== 'Literal') continue;
    if (LABELS.has(predicate.value) && object.value.length > MAX_LABEL_CHARS)
      throw over(subject.value, 'label length', MAX_LABEL_CHARS, `a label of ${object.value.length} characters`, object.value);
    if (DEFINITIONS.has(predicate.value) && object.value.length > MAX_DEFINITION_CHARS)
      throw over(subject.value, 'definition length', MAX_DEFINITION_CHARS, `a definition of ${object.value.length} characters`, object.value);
    if (predicate.value === `${SKOS}altLabel`) {
      const count = (altLabels.get(subject.value) ?? 0) + 1;
      altLabels.set(subject.value, count);
      if (count > MAX_ALT_LABELS)
        throw over(subject.value, 'alt labels per term', MAX_ALT_LABELS, `more than ${MAX_ALT_LABELS} alternative labels`, object.value);
    }
  }
}

/** A vocabulary file on disk: RDF by extension, an IVOA terms.csv (a .csv with `;`), else a list of labels. */
export async function readVocabularyFile(file: string): Promise<FileVocabulary> {
  const bytes = await readFile(file);
  const extension = extname(file).toLowerCase();
  const rdf = extension ? rdfFormatByExtension(extension) : undefined;
  if (rdf) return parseVocabulary({ bytes, syntax: rdf.name, id: stemOf(file), fileName: file });
  if (extension === '.csv' && /;/.test(new TextDecoder().decode(bytes.subarray(0, 2000)))) {
    const section = basename(dirname(file)) || 'vocabulary';
    const conf = join(dirname(file), '..', 'vocabs.conf');
    const config =
      existsSync(conf) && new TextDecoder().decode(await readFile(conf)).includes(`[${section}]`) ? { name: conf, bytes: await readFile(conf) } : undefined;
    return parseVocabulary({ bytes, syntax: 'terms-csv', id: stemOf(section), section, fileName: file, ...(config ? { config } : {}) });
  }
  return parseVocabulary({ bytes, syntax: 'labels', id: stemOf(file), fileName: file });
}

/** One label per line; a label's id is its slug, its IRI in astrovoc's local namespace. */
export function plainList(file: string, text: string): FileVocabulary {
  return labelsVocabulary(stemOf(file), text.split(/\r?\n/), file);
}

/** The first C0 control (but tab) or DEL in a text: no label holds one; a line that does is binary or mis-decoded. */
function controlCharacterIn(text: string): number {
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if ((code < 0x20 && code !== 0x09) || code === 0x7f) return i;
  }
  return -1;
}

function labelsVocabulary(id: string, lines: readonly string[], fileName: string): FileVocabulary {
  const meta = metaFor(id, '');
  const terms = new Map<string, Term>();
  lines.forEach((line, index) => {
    const label = line.trim();
    if (label === '' || label.startsWith('#')) return;
    const control = controlCharacterIn(label);
    if (control >= 0) {
      const code = label.charCodeAt(control).toString(16).toUpperCase().padStart(4, '0');
      throw new IngestError('control-character', `a label is text: found the control character U+${code} (is this a binary file?)`, {
        file: fileName,
        line: index + 1,
        column: line.indexOf(label) + control + 1,
      });
    }
    const slug =
      label
        .normalize('NFKD')
        .replace(/\p{M}+/gu, '')
        .replace(/[^A-Za-z0-9]+/g, '-')
        .replace(/^-|-$/g, '') || encodeURIComponent(label);
    const iri = `${meta.iri}#${slug}`;
    if (terms.has(iri)) return;
    terms.set(iri, bareTerm({ iri, id: slug, vocabularyId: meta.id, labels: [label] }));
  });
  return { meta: { ...meta, termBase: `${meta.iri}#` }, terms: [...terms.values()] };
}

/** A UTF-8 text (a BOM dropped); bytes that are not UTF-8 are an error naming their line. */
function utf8Text(bytes: Uint8Array, fileName: string): string {
  const decoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false });
  try {
    return decoder.decode(bytes);
  } catch {
    let start = 0;
    let line = 1;
    for (let i = 0; i <= bytes.length; i++) {
      if (i < bytes.length && bytes[i] !== 0x0a) continue;
      try {
        decoder.decode(bytes.subarray(start, i));
      } catch {
        throw new IngestError('bad-encoding', 'the text is not UTF-8 (send it as UTF-8)', { file: fileName, line });
      }
      start = i + 1;
      line++;
    }
    throw new IngestError('bad-encoding', 'the text is not UTF-8 (send it as UTF-8)', { file: fileName });
  }
}

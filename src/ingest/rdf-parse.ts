/**
 * Parses one RDF document in any of the syntaxes astrovoc reads into RDF/JS quads, turning each parser's
 * error into an IngestError with the file, the line (and column where the parser gives one) and the message.
 *
 * - Turtle, N-Triples, N-Quads: n3, whose errors carry the line.
 * - RDF/XML: oxigraph, after a well-formedness check by fast-xml-parser. rdflib was tried first: it reports
 *   positions only through xmldom (which also prints to stderr) and it accepts broken input (a bare `<` in
 *   text, an HTML page, an unknown rdf:parseType) without complaint. Oxigraph is strict and conformant but
 *   accepts a truncated document and gives no line numbers, hence the XML check first.
 * - JSON-LD: oxigraph, because readers are synchronous and the `jsonld` package only offers a Promise API.
 *   Oxigraph never fetches remote contexts; a document that needs one is rejected with `remote-context`.
 *   (test/unit/ingest/rdf-reader.test.ts checks that both agree on the IVOA builds.)
 */
import N3 from 'n3';
import oxigraph from 'oxigraph';
import { XMLValidator } from 'fast-xml-parser';
import { isWebAssemblyTrap } from '../sandbox/index.js';
import { rdfFormat, rdfMediaType, type Quad, type RdfFormat, type RdfFormatName } from '../model/index.js';
import { IngestError } from './ingest-error.js';
import { positionAt, type TextPosition } from './json-location.js';

/**
 * Parses `text`; relative IRIs resolve against `baseIri`. Terms come back as the parser made them
 * (n3 terms, or oxigraph terms that follow RDF/JS); blank node labels are the parser's own.
 */
export function parseRdf(text: string, format: RdfFormatName, file: string, baseIri: string): readonly Quad[] {
  return PARSERS[format](text, file, baseIri);
}

type Parser = (text: string, file: string, baseIri: string) => Quad[];

/** One parser per format of the registry (the Record makes TypeScript ask for each). */
const PARSERS: Readonly<Record<RdfFormatName, Parser>> = {
  ttl: (text, file, baseIri) => parseWithN3(text, 'Turtle', file, baseIri),
  nt: (text, file, baseIri) => parseWithN3(text, 'N-Triples', file, baseIri),
  nq: (text, file, baseIri) => parseWithN3(text, 'N-Quads', file, baseIri),
  rdfxml: parseRdfXml,
  jsonld: parseJsonLd,
};

function parseWithN3(text: string, format: 'Turtle' | 'N-Triples' | 'N-Quads', file: string, baseIri: string): Quad[] {
  try {
    return new N3.Parser({ format, baseIRI: baseIri }).parse(text);
  } catch (error) {
    const line = (error as { context?: { line?: number } }).context?.line;
    const message = error instanceof Error ? error.message : String(error);
    throw new IngestError('rdf-syntax', `not valid ${format}: ${message}`, {
      file,
      ...(line !== undefined ? { line } : {}),
    });
  }
}

function parseRdfXml(text: string, file: string, baseIri: string): Quad[] {
  const wellFormed = XMLValidator.validate(text);
  if (wellFormed !== true) {
    const { msg, line, col } = wellFormed.err;
    // fast-xml-parser reports a document that ends early as "Invalid '[<open tags as JSON>]' found." at 1:1.
    const unclosed = /^Invalid '(\[[\s\S]*\])' found\.$/.exec(msg);
    if (unclosed) {
      const tags = (JSON.parse(unclosed[1]!) as string[]).join(', ');
      throw new IngestError('rdf-syntax', `not well-formed XML: the document ends before the end tags of ${tags}`, {
        file,
        ...positionAt(text, text.trimEnd().length),
      });
    }
    throw new IngestError('rdf-syntax', `not well-formed XML: ${msg}`, { file, line, ...(col ? { column: col } : {}) });
  }
  return parseWithOxigraph(text, rdfFormat('rdfxml'), file, baseIri);
}

function parseJsonLd(text: string, file: string, baseIri: string): Quad[] {
  try {
    return parseWithOxigraph(text, rdfFormat('jsonld'), file, baseIri);
  } catch (error) {
    if (error instanceof IngestError && /LoadDocumentCallback|remote context/i.test(error.detail)) {
      const remote = /"(?:@context|@import)"\s*:\s*(?:\[\s*)?"([^"]+)"/.exec(text);
      const where = remote ? positionAt(text, remote.index) : undefined;
      throw new IngestError(
        'remote-context',
        `JSON-LD context ${remote ? `<${remote[1]}> ` : ''}is remote; astrovoc does not fetch contexts: put the context inline in the document`,
        { file, ...(where ?? {}) },
      );
    }
    throw error;
  }
}

function parseWithOxigraph(text: string, format: RdfFormat, file: string, baseIri: string): Quad[] {
  try {
    // Parsed in Rust and handed over as one N-Quads string, which n3 turns into plain JS terms: reading
    // each term of oxigraph's WASM objects one by one is two orders of magnitude slower (UAT: 0.15 s vs 15 s).
    const scratch = new oxigraph.Store();
    scratch.load(text, { format: format.mediaTypes[0], base_iri: baseIri, no_transaction: true });
    return new N3.Parser({ format: 'N-Quads' }).parse(scratch.dump({ format: rdfMediaType('nq') }));
  } catch (error) {
    // A trap is no syntax error: it leaves this thread's oxigraph unusable, so it must end the (worker) thread.
    if (isWebAssemblyTrap(error)) throw error;
    const message = error instanceof Error ? error.message : String(error);
    const where = locateMessage(text, message);
    throw new IngestError('rdf-syntax', `not valid ${format.label}: ${message}`, { file, ...(where ?? {}) });
  }
}

/**
 * Oxigraph's messages give a position for JSON syntax errors ("line 3 column 7") but not for RDF/XML;
 * there they quote the offending text (`</a:b>`, 'http://x y', `foo:`), which we look up in the document.
 */
export function locateMessage(text: string, message: string): TextPosition | undefined {
  const explicit = /line (\d+),? column (\d+)/i.exec(message);
  if (explicit) return { line: Number(explicit[1]), column: Number(explicit[2]) };
  const fragments = [...message.matchAll(/`([^`]+)`|'([^']+)'/g)].map((m) => m[1] ?? m[2] ?? '');
  const lead = /^(\S+) is not a valid/.exec(message)?.[1];
  if (lead) fragments.push(`"${lead}"`, lead);
  const prefix = /Unknown prefix (\S+?):?$/.exec(message)?.[1];
  if (prefix) fragments.push(`<${prefix}:`, `${prefix}:`);
  for (const fragment of fragments.filter((f) => f.length > 0)) {
    const found = text.lastIndexOf(fragment) === text.indexOf(fragment) ? text.indexOf(fragment) : -1;
    if (found >= 0) return positionAt(text, found);
  }
  for (const fragment of fragments.filter((f) => f.length > 0)) {
    const found = text.indexOf(fragment);
    if (found >= 0) return positionAt(text, found);
  }
  return undefined;
}

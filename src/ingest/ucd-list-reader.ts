/**
 * Reader for the UCD1+ word list (`ucd-list.txt`, `code | word | description`) and its deprecation
 * file (`ucd-list-deprecated.txt`, `deprecated-word replacement`), as published in ivoa-std/UCDList.
 */
import {
  DC,
  IVOASEM,
  OWL,
  RDF,
  SKOS,
  UCD_SYNTAX_CODES,
  factory,
  iri,
  literal,
  type DeprecatedUcdWord,
  type Literal,
  type NamedNode,
  type Quad,
  type UcdSyntaxCode,
  type UcdWord,
  type Warning,
} from '../model/index.js';
import { IngestError } from './ingest-error.js';
import { decodeUtf8, type Reader } from './reader.js';

export interface UcdListParse {
  /** From the `#EN-UCDlist-v1.6-2024-12-18` tag, e.g. `1.6`; empty when the file has no tag (the 1.4 list). */
  version: string;
  /** The tag's date, e.g. `2024-12-18`, when present. */
  date?: string;
  words: UcdWord[];
  deprecated: DeprecatedUcdWord[];
  warnings: Warning[];
}

const VERSION_TAG = /^#\s*EN-UCDlist-v(\d+(?:\.\d+)*)-(\d{4}-\d{2}-\d{2})\s*$/;
/** Atoms are letters, digits, `-` and `_` (e.g. `em.IR.8-15um`); words join atoms with `.`. */
const WORD_SYNTAX = /^[A-Za-z0-9_-]+(?:\.[A-Za-z0-9_-]+)*$/;
const SYNTAX_CODES: ReadonlySet<string> = new Set(UCD_SYNTAX_CODES);

function lines(text: string): string[] {
  return text.split(/\r\n|\r|\n/);
}

function isComment(line: string): boolean {
  return line.trimStart().startsWith('#');
}

/** 1-based column of the first non-blank character of `field`, which starts at `offset` in its line. */
function columnOf(line: string, offset: number): number {
  let i = offset;
  while (i < line.length && /\s/.test(line[i] ?? '')) i++;
  return i + 1;
}

function parseList(text: string, file: string, warnings: Warning[]): { version: string; date?: string; words: UcdWord[] } {
  let version = '';
  let date: string | undefined;
  const words: UcdWord[] = [];
  const seen = new Map<string, number>();
  lines(text).forEach((raw, index) => {
    const lineNo = index + 1;
    if (raw.trim() === '') return;
    if (isComment(raw)) {
      const tag = VERSION_TAG.exec(raw.trim());
      if (tag && version === '') {
        version = tag[1] ?? '';
        date = tag[2];
      }
      return;
    }
    const fields = raw.split('|');
    if (fields.length !== 3) {
      throw new IngestError('ucd-list-bad-line', `expected "code | word | description" (3 fields separated by "|"), found ${fields.length}`, {
        file,
        line: lineNo,
        column: 1,
      });
    }
    const [codeField = '', wordField = '', descriptionField = ''] = fields;
    const code = codeField.trim();
    if (!SYNTAX_CODES.has(code)) {
      throw new IngestError('ucd-list-bad-code', `expected a syntax code P, S, Q, E, C or V, found "${code}"`, {
        file,
        line: lineNo,
        column: columnOf(raw, 0),
      });
    }
    const word = wordField.trim();
    const wordColumn = columnOf(raw, codeField.length + 1);
    if (!WORD_SYNTAX.test(word)) {
      throw new IngestError('ucd-list-bad-word', `expected a word of atoms [A-Za-z0-9_-] joined by ".", found "${word}"`, {
        file,
        line: lineNo,
        column: wordColumn,
      });
    }
    const description = descriptionField.trim().replace(/\s+/g, ' ');
    if (description === '') {
      warnings.push({ code: 'ucd-list-no-description', message: `word ${word} has no description`, location: { file, line: lineNo } });
    }
    const key = word.toLowerCase();
    const first = seen.get(key);
    if (first !== undefined) {
      warnings.push({
        code: 'ucd-list-repeated-word',
        message: `word ${word} repeats line ${first}; the first row is kept`,
        location: { file, line: lineNo, column: wordColumn },
      });
      return;
    }
    seen.set(key, lineNo);
    words.push({ word, code: code as UcdSyntaxCode, description });
  });
  if (version === '') {
    warnings.push({ code: 'ucd-list-no-version-tag', message: 'no #EN-UCDlist-v<version>-<date> tag', location: { file, line: 1 } });
  }
  return { version, date, words };
}

function parseDeprecated(text: string, file: string, byKey: ReadonlyMap<string, UcdWord>, warnings: Warning[]): DeprecatedUcdWord[] {
  const result: DeprecatedUcdWord[] = [];
  const seen = new Map<string, number>();
  lines(text).forEach((raw, index) => {
    const lineNo = index + 1;
    if (raw.trim() === '' || isComment(raw)) return;
    // Separators are a space, a tab or several of them (the file mixes them).
    const tokens = raw.trim().split(/\s+/);
    if (tokens.length !== 2) {
      throw new IngestError('ucd-deprecated-bad-line', `expected "deprecated-word replacement" separated by whitespace, found ${tokens.length} field(s)`, {
        file,
        line: lineNo,
        column: columnOf(raw, 0),
      });
    }
    const [word = '', replacementText = ''] = tokens;
    const replacementColumn = raw.indexOf(replacementText, raw.indexOf(word) + word.length) + 1;
    if (!WORD_SYNTAX.test(word)) {
      throw new IngestError('ucd-deprecated-bad-word', `expected a word of atoms joined by ".", found "${word}"`, {
        file,
        line: lineNo,
        column: columnOf(raw, 0),
      });
    }
    const parts = replacementText.split(';');
    if (parts.some((part) => !WORD_SYNTAX.test(part))) {
      throw new IngestError('ucd-deprecated-bad-replacement', `expected a UCD (words joined by ";"), found "${replacementText}"`, {
        file,
        line: lineNo,
        column: replacementColumn,
      });
    }
    const canonical = parts.map((part) => {
      const known = byKey.get(part.toLowerCase());
      if (!known) {
        warnings.push({
          code: 'ucd-deprecated-replacement-unknown',
          message: `replacement word ${part} of ${word} is not in the list`,
          location: { file, line: lineNo, column: replacementColumn },
        });
        return part;
      }
      if (known.word !== part) {
        warnings.push({
          code: 'ucd-deprecated-replacement-case',
          message: `replacement word ${part} of ${word} is spelled ${known.word} in the list; the list's spelling is used`,
          location: { file, line: lineNo, column: replacementColumn },
        });
      }
      return known.word;
    });
    const head = byKey.get((canonical[0] ?? '').toLowerCase());
    if (head?.code === 'S') {
      // UCD1+ EN 1.6 §2: an S word is never first, so substituting this replacement as it stands makes an invalid UCD.
      warnings.push({
        code: 'ucd-deprecated-replacement-secondary-first',
        message: `replacement ${canonical.join(';')} of ${word} starts with the secondary-only word ${head.word}`,
        location: { file, line: lineNo, column: replacementColumn },
      });
    }
    const key = word.toLowerCase();
    const first = seen.get(key);
    if (first !== undefined) {
      warnings.push({
        code: 'ucd-deprecated-repeated-word',
        message: `deprecated word ${word} repeats line ${first}; the first row is kept`,
        location: { file, line: lineNo },
      });
      return;
    }
    seen.set(key, lineNo);
    if (byKey.has(key)) {
      warnings.push({
        code: 'ucd-deprecated-word-still-listed',
        message: `deprecated word ${word} is also in the word list; it is treated as deprecated`,
        location: { file, line: lineNo },
      });
    }
    result.push({ word, replacement: canonical.join(';'), line: lineNo });
  });
  return result;
}

/** Parses the UCD word list and, when given, its deprecation file. Throws IngestError naming file and line on a bad row. */
export function parseUcdList(listBytes: Uint8Array, listName: string, deprecatedBytes?: Uint8Array, deprecatedName?: string): UcdListParse {
  const warnings: Warning[] = [];
  const list = parseList(decodeUtf8({ name: listName, bytes: listBytes }), listName, warnings);
  const byKey = new Map(list.words.map((w) => [w.word.toLowerCase(), w] as const));
  const deprecated =
    deprecatedBytes === undefined
      ? []
      : parseDeprecated(
          decodeUtf8({ name: deprecatedName ?? 'ucd-list-deprecated.txt', bytes: deprecatedBytes }),
          deprecatedName ?? 'ucd-list-deprecated.txt',
          byKey,
          warnings,
        );
  return { version: list.version, date: list.date, words: list.words, deprecated, warnings };
}

/** The nearest proper prefix of `word` (cut at a `.`) that is itself a word of the list. */
export function ucdParentWord(word: string, byKey: ReadonlyMap<string, UcdWord>): UcdWord | undefined {
  let cut = word.lastIndexOf('.');
  while (cut > 0) {
    const parent = byKey.get(word.slice(0, cut).toLowerCase());
    if (parent) return parent;
    cut = word.lastIndexOf('.', cut - 1);
  }
  return undefined;
}

/**
 * The hosted UCD vocabulary: each word a skos:Concept at `${termBase}${word}` with its syntax code
 * as `ivoasem:ucd-syntax-code` (VEP-019) and `skos:broader` to the nearest prefix that is a word;
 * each deprecated word a concept flagged `ivoasem:deprecated` with `ivoasem:useInstead`.
 */
export const readUcdList: Reader = (input) => {
  const list = input.files.list;
  if (!list) {
    throw new IngestError('ucd-list-missing-file', 'the ucd-list source needs a "list" file (ucd-list.txt)', {
      file: input.vocabulary.id,
    });
  }
  const deprecatedFile = input.files.deprecated;
  const parsed = parseUcdList(list.bytes, list.name, deprecatedFile?.bytes, deprecatedFile?.name);
  const { vocabulary } = input;
  const graph = iri(vocabulary.graph);
  const quads: Quad[] = [];
  const add = (subject: string, predicate: string, object: NamedNode | Literal): void => {
    quads.push(factory.quad(iri(subject), iri(predicate), object, graph));
  };
  const termIri = (word: string): string => `${vocabulary.termBase}${word}`;

  add(vocabulary.iri, `${RDF}type`, iri(`${SKOS}ConceptScheme`));
  add(vocabulary.iri, `${DC}title`, literal(vocabulary.title, 'en'));
  if (parsed.version) add(vocabulary.iri, `${OWL}versionInfo`, literal(parsed.version));
  if (parsed.date) add(vocabulary.iri, `${DC}created`, literal(parsed.date));

  const byKey = new Map(parsed.words.map((w) => [w.word.toLowerCase(), w] as const));
  const topConcepts: string[] = [];
  for (const word of parsed.words) {
    const subject = termIri(word.word);
    add(subject, `${RDF}type`, iri(`${SKOS}Concept`));
    add(subject, `${SKOS}inScheme`, iri(vocabulary.iri));
    add(subject, `${SKOS}prefLabel`, literal(word.word));
    if (word.description) add(subject, `${SKOS}definition`, literal(word.description));
    add(subject, `${IVOASEM}ucd-syntax-code`, literal(word.code));
    const parent = ucdParentWord(word.word, byKey);
    if (parent) {
      add(subject, `${SKOS}broader`, iri(termIri(parent.word)));
    } else {
      topConcepts.push(word.word);
      add(subject, `${SKOS}topConceptOf`, iri(vocabulary.iri));
    }
  }
  for (const entry of parsed.deprecated) {
    const subject = termIri(entry.word);
    if (!byKey.has(entry.word.toLowerCase())) {
      add(subject, `${RDF}type`, iri(`${SKOS}Concept`));
      add(subject, `${SKOS}inScheme`, iri(vocabulary.iri));
      add(subject, `${SKOS}prefLabel`, literal(entry.word));
    }
    add(subject, `${IVOASEM}deprecated`, literal(''));
    // VocInVO2 useInstead names one term; a compound replacement (`phot.color;em.opt.B;em.opt.V`) is
    // no single term, so it is kept whole as a literal rather than split into misleading links.
    const single = !entry.replacement.includes(';') && byKey.has(entry.replacement.toLowerCase());
    add(subject, `${IVOASEM}useInstead`, single ? iri(termIri(entry.replacement)) : literal(entry.replacement));
  }
  return {
    quads,
    vocabulary: { ...vocabulary, version: parsed.version || vocabulary.version, topConcepts },
    warnings: parsed.warnings,
  };
};

/**
 * Reader for `vocabs.conf`, the INI file of ivoa-std/Vocabularies that holds one section of metadata
 * per vocabulary. The file is read by Python's configparser, so this follows configparser's rules:
 * `key: value` or `key = value` (the first `:` or `=` splits), keys are case-insensitive, a line
 * indented deeper than its key continues the value, whole-line comments start with `#` or `;`,
 * and `[DEFAULT]` gives values every section inherits.
 */
import { IngestError } from './ingest-error.js';

/** One `[section]` of vocabs.conf: the metadata of one vocabulary. */
export interface VocabsConfSection {
  /** The section name, e.g. `refframe`. */
  name: string;
  /** 1-based line of the `[name]` header. */
  line: number;
  /** `RDF Class`, `RDF Property`, `SKOS` or `SKOS CSV`, as written. */
  flavour?: string;
  /** Path of the vocabulary below the publication root; defaults to the section name. */
  path: string;
  /** Name of the terms source file; defaults to `terms.csv`. */
  filename: string;
  /** The version, YYYY-MM-DD. */
  timestamp?: string;
  title?: string;
  /** Continuation lines joined with "\n", their indentation removed. */
  description?: string;
  /** `authors` split on `;`, each trimmed. */
  authors: string[];
  draft: boolean;
  hidden: boolean;
  prefix?: string;
  licenseHtml?: string;
  licenseUri?: string;
  /** `topconcepts` split on whitespace. */
  topConcepts?: string[];
  /** Timestamp of the previous version. */
  previous?: string;
  /** Every key of the section (lower case) with its raw joined value, including keys not listed above. */
  values: Readonly<Record<string, string>>;
}

interface RawSection {
  name: string;
  line: number;
  values: Map<string, { lines: string[]; line: number }>;
}

const SECTION_HEADER = /^\[(.+)\]$/;
const OPTION_LINE = /^(.*?)\s*([=:])\s*(.*)$/;

/** Parses vocabs.conf text; throws IngestError naming `fileName` and the line on bad input. */
export function parseVocabsConf(text: string, fileName: string): VocabsConfSection[] {
  const raw = readSections(text, fileName);
  const defaults = raw.find((section) => section.name === 'DEFAULT');
  return raw.filter((section) => section !== defaults).map((section) => toSection(section, defaults, fileName));
}

/** Finds one section by name, or throws IngestError listing the sections there are. */
export function findVocabsConfSection(sections: readonly VocabsConfSection[], name: string, fileName: string): VocabsConfSection {
  const section = sections.find((candidate) => candidate.name === name);
  if (!section) {
    throw new IngestError('unknown-section', `no section [${name}]; the file has ${sections.map((s) => `[${s.name}]`).join(', ') || 'no sections'}`, {
      file: fileName,
    });
  }
  return section;
}

function readSections(text: string, fileName: string): RawSection[] {
  const sections: RawSection[] = [];
  let current: RawSection | undefined;
  let currentKey: string | undefined;
  let keyIndent = 0;
  const lines = text.replace(/^\uFEFF/, '').split(/\r\n|\r|\n/);

  lines.forEach((rawLine, index) => {
    const lineNo = index + 1;
    const value = rawLine.trim();
    const isComment = value.startsWith('#') || value.startsWith(';');
    if (value === '' || isComment) {
      // configparser keeps an empty line inside a value (it may separate paragraphs) but not a comment line.
      if (value === '' && current && currentKey) current.values.get(currentKey)?.lines.push('');
      return;
    }
    const indent = rawLine.length - rawLine.trimStart().length;
    if (current && currentKey && indent > keyIndent) {
      current.values.get(currentKey)?.lines.push(value);
      return;
    }
    keyIndent = indent;
    const header = SECTION_HEADER.exec(value);
    if (header) {
      const name = header[1] ?? '';
      if (sections.some((section) => section.name === name)) {
        throw new IngestError('conf-duplicate-section', `section [${name}] appears a second time`, { file: fileName, line: lineNo, column: indent + 1 });
      }
      current = { name, line: lineNo, values: new Map() };
      sections.push(current);
      currentKey = undefined;
      return;
    }
    if (!current) {
      throw new IngestError('conf-no-section', `expected a [section] header before "${value}"`, { file: fileName, line: lineNo, column: indent + 1 });
    }
    const option = OPTION_LINE.exec(value);
    const key = option?.[1]?.trimEnd().toLowerCase();
    if (!option || !key) {
      throw new IngestError('conf-malformed-line', `expected "key: value" or "key = value", found "${value}"`, {
        file: fileName,
        line: lineNo,
        column: indent + 1,
      });
    }
    if (current.values.has(key)) {
      throw new IngestError('conf-duplicate-key', `key "${key}" appears a second time in section [${current.name}]`, {
        file: fileName,
        line: lineNo,
        column: indent + 1,
      });
    }
    current.values.set(key, { lines: [(option[3] ?? '').trim()], line: lineNo });
    currentKey = key;
  });
  return sections;
}

function toSection(raw: RawSection, defaults: RawSection | undefined, fileName: string): VocabsConfSection {
  const values: Record<string, string> = {};
  const lineOf: Record<string, number> = {};
  for (const source of [defaults, raw]) {
    for (const [key, entry] of source?.values ?? []) {
      values[key] = entry.lines.join('\n').trimEnd();
      lineOf[key] = entry.line;
    }
  }
  const flag = (key: string): boolean => {
    const value = values[key];
    if (value === undefined) return false;
    // configparser's getboolean vocabulary.
    if (/^(1|yes|true|on)$/i.test(value)) return true;
    if (/^(0|no|false|off)$/i.test(value)) return false;
    throw new IngestError('conf-bad-boolean', `expected true or false for "${key}" in [${raw.name}], found "${value}"`, {
      file: fileName,
      line: lineOf[key],
    });
  };
  const authors = values.authors
    ?.split(';')
    .map((author) => author.trim())
    .filter((author) => author !== '');
  return {
    name: raw.name,
    line: raw.line,
    flavour: values.flavour,
    path: values.path || raw.name,
    filename: values.filename || 'terms.csv',
    timestamp: values.timestamp,
    title: values.title,
    description: values.description,
    authors: authors ?? [],
    draft: flag('draft'),
    hidden: flag('hidden'),
    prefix: values.prefix,
    licenseHtml: values.licensehtml,
    licenseUri: values.licenseuri,
    topConcepts: values.topconcepts?.split(/\s+/).filter((concept) => concept !== ''),
    previous: values.previous,
    values,
  };
}

/**
 * A vocabulary's section of vocabs.conf (the INI file of ivoa-std/Vocabularies, read by Python's configparser),
 * written back. Without metadata the section is returned as the file has it. With the vocabulary's metadata, the
 * fields astrovoc knows (timestamp, title, description, authors, licence, draft, hidden, previous, topconcepts)
 * are rewritten where their value changed, in the section's own order and spelling (the key as written, its
 * separator, the indentation of continuation lines); every other line stays byte for byte. A field the section
 * lacks is added after its last field.
 */
import { AstrovocError, type VocabularyMeta } from '../model/index.js';

export interface VocabsConfExportOptions {
  /** Rewrite every known field, changed or not (the round-trip tests use it to prove the writer). */
  rewrite?: 'changed' | 'all';
}

interface ConfLine {
  text: string;
  lineBreak: string;
}

interface ConfField {
  /** The key as written (configparser compares keys case-insensitively). */
  key: string;
  separator: string;
  /** Index of the key's line in the section and of the line after its last continuation line. */
  start: number;
  end: number;
  /** The value as configparser reads it: lines trimmed, joined with "\n". */
  value: string;
  /** Indentation of the first continuation line, if any. */
  indent?: string;
}

const KNOWN_FIELDS = ['timestamp', 'title', 'description', 'authors', 'licenseuri', 'licensehtml', 'draft', 'hidden', 'previous', 'topconcepts'] as const;
type KnownField = (typeof KNOWN_FIELDS)[number];
const CC0 = 'http://creativecommons.org/publicdomain/zero/1.0/';

export function exportVocabsConfSection(conf: string, sectionName: string, meta?: VocabularyMeta, options: VocabsConfExportOptions = {}): string {
  const lines = [...conf.replace(/^\uFEFF/, '').matchAll(/([^\r\n]*)(\r\n|\r|\n|$)/g)]
    .filter((match) => !(match.index === conf.length && match[0] === ''))
    .map((match): ConfLine => ({ text: match[1] ?? '', lineBreak: match[2] ?? '' }));
  const header = lines.findIndex((line) => line.text.trim() === `[${sectionName}]`);
  if (header === -1) throw new AstrovocError('not-found', `vocabs.conf has no section [${sectionName}]`, { location: { parameter: 'section' } });
  let end = lines.findIndex((line, index) => index > header && /^\s*\[.+\]\s*$/.test(line.text));
  if (end === -1) end = lines.length;
  while (end > header + 1 && (lines[end - 1]?.text.trim() ?? '') === '') end -= 1;
  const section = lines.slice(header, end);
  const lineBreak = section.find((line) => line.lineBreak !== '')?.lineBreak ?? '\n';
  if (!meta) return section.map((line) => `${line.text}${line.lineBreak || lineBreak}`).join('');

  const fields = readFields(section);
  const wanted = knownValues(meta);
  const replacements = new Map<number, { end: number; lines: string[] }>();
  const added: string[] = [];
  const separators = fields.map((field) => field.separator);
  const defaultSeparator = [...separators].sort((a, b) => separators.filter((s) => s === b).length - separators.filter((s) => s === a).length)[0] ?? ': ';
  const defaultIndent = fields.find((field) => field.indent !== undefined)?.indent ?? '\t';
  for (const name of KNOWN_FIELDS) {
    const value = wanted[name];
    const field = fields.find((candidate) => candidate.key.toLowerCase() === name);
    if (field) {
      if (options.rewrite !== 'all' && sameValue(name, field.value, value)) continue;
      const text = value === undefined ? [] : fieldLines(field.key, field.separator, field.indent ?? defaultIndent, spellValue(name, value, field.value));
      replacements.set(field.start, { end: field.end, lines: text });
    } else if (value !== undefined && !sameValue(name, undefined, value)) {
      added.push(...fieldLines(name, defaultSeparator, defaultIndent, spellValue(name, value, undefined)));
    }
  }

  const out: string[] = [];
  const lastField = Math.max(0, ...fields.map((field) => field.end));
  for (let index = 0; index < section.length;) {
    const replacement = replacements.get(index);
    if (replacement) {
      out.push(...replacement.lines.map((text) => `${text}${lineBreak}`));
      index = replacement.end;
    } else {
      const line = section[index];
      out.push(`${line?.text ?? ''}${line?.lineBreak || lineBreak}`);
      index += 1;
    }
    if (index === lastField || (fields.length === 0 && index === 1)) out.push(...added.map((text) => `${text}${lineBreak}`));
  }
  return out.join('');
}

function readFields(section: readonly ConfLine[]): ConfField[] {
  const fields: ConfField[] = [];
  let keyIndent = 0;
  section.forEach((line, index) => {
    if (index === 0) return;
    const trimmed = line.text.trim();
    const indent = line.text.length - line.text.trimStart().length;
    const current = fields[fields.length - 1];
    if (trimmed === '' || trimmed.startsWith('#') || trimmed.startsWith(';')) return;
    if (current && indent > keyIndent && current.end === index - countTrailingBlanks(section, index)) {
      current.indent ??= line.text.slice(0, indent);
      current.value = `${current.value}\n${'\n'.repeat(index - current.end)}${trimmed}`;
      current.end = index + 1;
      return;
    }
    const option = /^(\s*)(.*?)(\s*[=:]\s*)(.*)$/.exec(line.text);
    if (!option) return;
    keyIndent = indent;
    fields.push({ key: option[2] ?? '', separator: option[3] ?? ': ', start: index, end: index + 1, value: (option[4] ?? '').trim() });
  });
  return fields;
}

/** How many blank lines come right before `index` (configparser keeps them inside a value that continues). */
function countTrailingBlanks(section: readonly ConfLine[], index: number): number {
  let count = 0;
  while ((section[index - 1 - count]?.text.trim() ?? 'x') === '') count += 1;
  return count;
}

function knownValues(meta: VocabularyMeta): Record<KnownField, string | string[] | boolean | undefined> {
  return {
    timestamp: meta.version,
    title: meta.title,
    description: meta.description,
    authors: meta.authors,
    licenseuri: meta.licence.uri,
    licensehtml: meta.licence.html,
    draft: meta.draft,
    hidden: meta.hidden,
    previous: meta.previousVersion,
    topconcepts: meta.topConcepts,
  };
}

/** Whether the value written in the section (undefined: the key is absent) means what `wanted` says, as the reader reads it. */
function sameValue(name: KnownField, written: string | undefined, wanted: string | string[] | boolean | undefined): boolean {
  if (typeof wanted === 'boolean') return written === undefined ? !wanted : /^(1|yes|true|on)$/i.test(written) === wanted;
  if (name === 'licenseuri' && written === undefined) return wanted === undefined || wanted === CC0;
  if (Array.isArray(wanted)) {
    const parts = name === 'authors' ? (written ?? '').split(';').map((part) => part.trim()) : (written ?? '').split(/\s+/);
    return parts.filter((part) => part !== '').join('\u0000') === wanted.join('\u0000') && (written !== undefined || wanted.length === 0);
  }
  return (written || undefined) === (wanted || undefined);
}

function spellValue(name: KnownField, value: string | string[] | boolean, written: string | undefined): string {
  if (typeof value === 'boolean') {
    const word = value ? 'True' : 'False';
    return written && written === written.toLowerCase() ? word.toLowerCase() : word;
  }
  if (Array.isArray(value)) return value.join(name === 'authors' ? '; ' : ' ');
  return value;
}

/** `key: first line` and the value's further lines indented (an empty line stays empty). */
function fieldLines(key: string, separator: string, indent: string, value: string): string[] {
  const [first = '', ...rest] = value.split('\n');
  return [`${key}${separator}${first}`, ...rest.map((line) => (line === '' ? '' : `${indent}${line}`))];
}

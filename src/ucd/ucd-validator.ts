/**
 * UCD parsing and validation against one version of the UCD list.
 * Syntax: UCD1+ EN 1.6 §1 (words joined by `;`, atoms by `.`); syntax codes and positions: §2;
 * namespaces (`ns:word`, `ivoa` the default and only checked one): UCD REC 1.1 §3.
 */
import { classifyCharacter, describeCharacter, isUcdCharacter } from './ucd-characters.js';
import {
  primaryNotFirst,
  secondaryFirst,
  statusOf,
  type UcdDiagnostic,
  type UcdDiagnosticCode,
  type UcdSeverity,
  type UcdValidation,
  type UcdWordReport,
} from './ucd-diagnostic.js';
import { validateSimple } from './ucd-fast-path.js';
import { canBeFirst, canFollow, type UcdWordList } from './ucd-word-list.js';

/** Longer inputs are refused outright: real UCDs are well under 200 characters. */
export const MAX_UCD_LENGTH = 2048;
/** Past this many diagnostics one more says how many were left out. */
export const MAX_DIAGNOSTICS = 50;

const DEFAULT_NAMESPACE = 'ivoa';
const NAMESPACE_SYNTAX = /^[A-Za-z][A-Za-z0-9_-]*$/;

const NO_EXTRA: Pick<UcdDiagnostic, 'wordIndex' | 'replacement'> = Object.freeze({});

class DiagnosticList {
  readonly items: UcdDiagnostic[] = [];
  private omitted = 0;

  add(code: UcdDiagnosticCode, severity: UcdSeverity, message: string, start: number, end: number, extra: Pick<UcdDiagnostic, 'wordIndex' | 'replacement'> = NO_EXTRA): void {
    const diagnostic: UcdDiagnostic = { code, severity, message, start, end };
    if (extra.wordIndex !== undefined) diagnostic.wordIndex = extra.wordIndex;
    if (extra.replacement !== undefined) diagnostic.replacement = extra.replacement;
    this.push(diagnostic);
  }

  push(diagnostic: UcdDiagnostic): void {
    if (this.items.length >= MAX_DIAGNOSTICS) {
      this.omitted++;
      return;
    }
    this.items.push(diagnostic);
  }

  finish(inputLength: number): UcdDiagnostic[] {
    const sorted = this.items.length > 1 ? this.items.sort((a, b) => a.start - b.start) : this.items;
    if (this.omitted > 0) {
      sorted.push({
        code: 'too-many-problems',
        severity: 'info',
        message: `${this.omitted} more problem(s) not listed`,
        start: 0,
        end: inputLength,
      });
    }
    return sorted;
  }
}

/** Reports the disallowed characters, one diagnostic per run of the same kind; returns whether there were any. */
function checkCharacters(input: string, diagnostics: DiagnosticList): boolean {
  let bad = false;
  let i = 0;
  while (i < input.length) {
    const code = input.charCodeAt(i);
    if (code < 0x80 && isUcdCharacter(code)) {
      i++;
      continue;
    }
    bad = true;
    const char = String.fromCodePoint(input.codePointAt(i) ?? code);
    const { kind, asciiFor } = classifyCharacter(char);
    let end = i + char.length;
    while (end < input.length) {
      const next = String.fromCodePoint(input.codePointAt(end) ?? 0);
      const nextCode = next.charCodeAt(0);
      if ((nextCode < 0x80 && isUcdCharacter(nextCode)) || classifyCharacter(next).kind !== kind || kind === 'look-alike') break;
      end += next.length;
    }
    const where = `at column ${i + 1}`;
    if (kind === 'whitespace') {
      diagnostics.add('whitespace', 'error', `whitespace ${where}: a UCD holds no spaces, tabs or line breaks`, i, end);
    } else if (kind === 'control') {
      diagnostics.add('control-character', 'error', `invisible or control character ${describeCharacter(char)} ${where}`, i, end);
    } else if (kind === 'look-alike') {
      diagnostics.add(
        'look-alike-character',
        'error',
        `${describeCharacter(char)} ${where} looks like "${asciiFor}" but is not ASCII; UCDs use ASCII letters, digits, "-" and "_" only`,
        i,
        end,
      );
    } else {
      diagnostics.add(
        'bad-character',
        'error',
        `character ${describeCharacter(char)} ${where} is not allowed: atoms use letters, digits, "-" and "_", joined by "." and ";"`,
        i,
        end,
      );
    }
    i = end;
  }
  return bad;
}

interface Segment {
  text: string;
  start: number;
}

function split(text: string, separator: string, offset: number): Segment[] {
  const segments: Segment[] = [];
  let start = 0;
  for (;;) {
    const at = text.indexOf(separator, start);
    if (at < 0) {
      segments.push({ text: text.slice(start), start: offset + start });
      return segments;
    }
    segments.push({ text: text.slice(start, at), start: offset + start });
    start = at + 1;
  }
}

function isEm(word: string | undefined): boolean {
  return word !== undefined && (word === 'em' || word.startsWith('em.'));
}

/** Validates `input` against `list`. Never throws; suggestions are left empty (see ucd-repair). */
export function validateUcd(list: UcdWordList, input: string): UcdValidation {
  return validateSimple(list, input, MAX_UCD_LENGTH) ?? diagnoseUcd(list, input);
}

/** The full validator: every diagnostic with its position. `validateUcd` gives the same answer, faster for simple UCDs. */
export function diagnoseUcd(list: UcdWordList, input: string): UcdValidation {
  const diagnostics = new DiagnosticList();
  const base = { input, words: [] as UcdWordReport[], suggestions: [] };
  if (input.length > MAX_UCD_LENGTH) {
    diagnostics.add('too-long', 'error', `${input.length} characters: a UCD is at most ${MAX_UCD_LENGTH} characters here`, 0, input.length);
    return { ...base, status: 'invalid', canonical: null, diagnostics: diagnostics.finish(input.length) };
  }
  if (input.trim() === '') {
    diagnostics.add('empty-ucd', 'error', 'empty UCD: expected at least one word such as "phot.mag"', 0, input.length);
    return { ...base, status: 'invalid', canonical: null, diagnostics: diagnostics.finish(input.length) };
  }

  const charactersBad = checkCharacters(input, diagnostics);
  let malformed = charactersBad;
  const segments = split(input, ';', 0);
  const words: UcdWordReport[] = [];
  const strayReported = new Set<number>();
  // `position` counts the words as written, so `;pos.eq.ra` still reports pos.eq.ra as the second word.
  for (let position = 0; position < segments.length; position++) {
    const segment = segments[position]!;
    const end = segment.start + segment.text.length;
    if (segment.text === '') {
      malformed = true;
      const where =
        position === 0 ? 'before the first word' : position === segments.length - 1 ? 'after the last word' : 'between two ";"';
      const separator = position === 0 ? 0 : segment.start - 1;
      if (strayReported.has(separator)) continue;
      strayReported.add(separator);
      diagnostics.add('empty-word', 'error', `empty word ${where}: remove the stray ";"`, separator, separator + 1, { wordIndex: position });
      continue;
    }
    const colon = segment.text.indexOf(':');
    let namespace: string | undefined;
    let body = segment.text;
    let bodyStart = segment.start;
    if (colon >= 0) {
      namespace = segment.text.slice(0, colon);
      body = segment.text.slice(colon + 1);
      bodyStart = segment.start + colon + 1;
      if (!NAMESPACE_SYNTAX.test(namespace) || body.includes(':')) {
        malformed = true;
        diagnostics.add('bad-namespace', 'error', `"${segment.text}": expected one namespace prefix of letters, digits, "-" or "_" before ":"`, segment.start, end, {
          wordIndex: position,
        });
        words.push({ text: body, namespace, start: segment.start, end, status: 'malformed' });
        continue;
      }
    }
    let atomsOk = true;
    if (body === '' || body.charCodeAt(0) === 0x2e || body.charCodeAt(body.length - 1) === 0x2e || body.includes('..')) {
      for (const atom of split(body, '.', bodyStart)) {
        if (atom.text === '') {
          atomsOk = false;
          diagnostics.add('empty-atom', 'error', `empty atom in "${body}" at column ${atom.start + 1}: remove the stray "."`, Math.max(bodyStart, atom.start - 1), atom.start + 1, {
            wordIndex: position,
          });
        }
      }
    }
    if (!atomsOk) malformed = true;
    const foreign = namespace !== undefined && namespace.toLowerCase() !== DEFAULT_NAMESPACE;
    if (foreign) {
      diagnostics.add('foreign-namespace', 'warning', `word "${body}" is in namespace "${namespace}", not ivoa: it is not checked against the UCD list`, segment.start, end, {
        wordIndex: position,
      });
      words.push({ text: body, namespace, start: segment.start, end, status: 'foreign' });
      continue;
    }
    const report: UcdWordReport = { text: body, namespace, start: segment.start, end, status: 'malformed' };
    words.push(report);
    if (!atomsOk || (charactersBad && !/^[A-Za-z0-9_.-]+$/.test(body))) continue;
    const known = list.get(body);
    if (known) {
      report.status = 'known';
      report.canonical = known.word;
      report.code = known.code;
      report.description = known.description;
      report.iri = known.iri;
      if (known.word !== body) {
        diagnostics.add('case-differs', 'info', `"${body}" is spelled "${known.word}" in the list (words match in any case)`, bodyStart, end, {
          wordIndex: position,
        });
      }
      if (position === 0 && !canBeFirst(known.code)) {
        diagnostics.push(secondaryFirst(known.word, bodyStart, end, position));
      } else if (position > 0 && !canFollow(known.code)) {
        diagnostics.push(primaryNotFirst(known.word, bodyStart, end, position));
      }
      continue;
    }
    const deprecated = list.getDeprecated(body);
    if (deprecated) {
      Object.assign(report, { status: 'deprecated', canonical: deprecated.word, replacement: deprecated.replacement, iri: list.iriOf(deprecated.word) });
      diagnostics.add('deprecated-word', 'warning', `"${deprecated.word}" is deprecated: use "${deprecated.replacement}" instead`, bodyStart, end, {
        wordIndex: position,
        replacement: deprecated.replacement,
      });
      const replacementCodes = deprecated.replacementWords.map((w) => list.get(w)?.code);
      const head = replacementCodes[0];
      if (position === 0 && head !== undefined && !canBeFirst(head)) {
        diagnostics.add(
          'replacement-breaks-position',
          'warning',
          `the replacement "${deprecated.replacement}" starts with a secondary-only word, so it cannot simply take the first place: choose a primary word to put before it`,
          bodyStart,
          end,
          { wordIndex: position },
        );
      } else if (position > 0 && replacementCodes.some((c) => c === 'P')) {
        diagnostics.add(
          'replacement-breaks-position',
          'warning',
          `the replacement "${deprecated.replacement}" holds a primary-only word, which cannot stand after the first word`,
          bodyStart,
          end,
          { wordIndex: position },
        );
      }
      continue;
    }
    report.status = 'unknown';
    diagnostics.add('unknown-word', 'error', `unknown word "${body}": not in the UCD list${list.version ? ` ${list.version}` : ''}`, bodyStart, end, {
      wordIndex: position,
    });
  }

  adviseCombinations(words, diagnostics);

  const canonical = malformed
    ? null
    : words.map((w) => (w.status === 'foreign' ? `${w.namespace}:${w.text}` : (w.canonical ?? w.text))).join(';');
  const finished = diagnostics.finish(input.length);
  return { input, status: statusOf(finished), canonical, words, diagnostics: finished, suggestions: [] };
}

/** Repeats, and the E/C/V follow-up rules of UCD1+ EN 1.6 §2 (advice only: they say what may follow, not what must). */
function adviseCombinations(words: readonly UcdWordReport[], diagnostics: DiagnosticList): void {
  if (words.length < 2) return;
  const seen = new Map<string, number>();
  words.forEach((word, index) => {
    if (!word.canonical) return;
    const key = word.canonical.toLowerCase();
    const first = seen.get(key);
    if (first !== undefined) {
      diagnostics.add('repeated-word', 'warning', `"${word.canonical}" repeats word ${first + 1}`, word.start, word.end, { wordIndex: index });
    } else {
      seen.set(key, index);
    }
  });
  words.forEach((word, index) => {
    if (word.status !== 'known') return;
    const next = words[index + 1]?.canonical;
    if (word.code === 'E' && !isEm(next)) {
      const laterBand = words.slice(index + 2).find((w) => isEm(w.canonical));
      if (laterBand) {
        diagnostics.add(
          'band-not-after-photometric',
          'info',
          `"${laterBand.canonical}" qualifies the photometric word "${word.canonical}": it usually follows it directly`,
          laterBand.start,
          laterBand.end,
          { wordIndex: index },
        );
      }
    }
    if (word.code === 'C' && isEm(next) && !isEm(words[index + 2]?.canonical)) {
      diagnostics.add(
        'colour-needs-two-bands',
        'info',
        `the colour "${word.canonical}" may be followed by two band words (e.g. "${word.canonical};em.opt.B;em.opt.V"); only one is given`,
        word.start,
        word.end,
        { wordIndex: index },
      );
    }
  });
}

/**
 * Checks a VOTable (1.1–1.5): every FIELD, PARAM and INFO `ucd` against the UCD list, and the
 * vocabulary-bound attributes against hosted vocabularies: COOSYS@system (refframe, VOTable 1.5 §3.3),
 * TIMESYS@timescale (timescale) and TIMESYS@refposition, COOSYS@refposition (refposition), and the
 * `semantics` column of a DataLink {links} response (datalink/core, DataLink 1.1 §3.2, `#term` form).
 * The XML is parsed by fast-xml-parser, which never fetches a DTD or an external entity; size, nesting depth
 * and the number of checked elements are bounded (votable-shape.ts), and table cells no check reads are
 * left out of the parse.
 */
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import type { UcdStatus, UcdValidation } from './ucd-diagnostic.js';
import { scanVotableShape, withoutRanges } from './votable-shape.js';

/** What a vocabulary says about one of its terms. */
export interface VocabularyTermInfo {
  deprecated: boolean;
  /** Term id to use instead, for a deprecated term. */
  useInstead?: string;
}

/** A hosted vocabulary as the VOTable check needs it: its IRI and its terms by id. */
export interface TermVocabulary {
  iri: string;
  terms: ReadonlyMap<string, VocabularyTermInfo>;
}

/** The vocabularies VOTable attributes are bound to; a missing one leaves its values unchecked. */
export interface VotableVocabularies {
  refframe?: TermVocabulary;
  timescale?: TermVocabulary;
  refposition?: TermVocabulary;
  datalink?: TermVocabulary;
}

export type VotableValueStatus = UcdStatus | 'not-checked';

export interface VotableFinding {
  element: string;
  attribute: string;
  /** The element's name or ID, where it has one. */
  name?: string;
  line: number;
  column: number;
  value: string;
  status: VotableValueStatus;
  message: string;
  suggestion?: string;
  /** For UCDs: the full validation. */
  ucd?: UcdValidation;
}

export interface VotableReport {
  /** VOTABLE@version, if given. */
  version?: string;
  /** invalid when any finding is invalid or the document cannot be read. */
  status: UcdStatus;
  /** Problems with the document itself (not well-formed, too large, unsupported version). */
  problems: { message: string; line?: number; column?: number; severity: 'error' | 'warning' }[];
  findings: VotableFinding[];
  counts: Record<VotableValueStatus, number>;
  /** Some findings are counted but not listed (past maxFindings, or to keep the answer within its size bound). */
  truncated: boolean;
}

export interface VotableCheckOptions {
  /** Largest document accepted, in bytes (default 20 MB). */
  maxBytes?: number;
  /** Most findings listed (default 10,000); later ones are counted but not listed. */
  maxFindings?: number;
  /** Deepest element nesting accepted (default 100); deeper throws UcdLimitError. */
  maxDepth?: number;
  /** Most FIELD, PARAM and INFO elements (default 10,000); more throws UcdLimitError. */
  maxCheckedElements?: number;
}

export const DEFAULT_MAX_VOTABLE_BYTES = 20 * 1024 * 1024;
export const DEFAULT_MAX_VOTABLE_DEPTH = 100;
export const DEFAULT_MAX_CHECKED_ELEMENTS = 10_000;
const SUPPORTED_VERSIONS = new Set(['1.1', '1.2', '1.3', '1.4', '1.5']);
const DATALINK_CORE = 'http://www.ivoa.net/rdf/datalink/core';

type XmlNode = Record<string, unknown>;

/** Line starts, for turning a character offset into line and column. */
class Positions {
  private readonly starts: number[] = [0];
  constructor(private readonly text: string) {
    for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 10) this.starts.push(i + 1);
  }
  at(offset: number): { line: number; column: number } {
    let lo = 0;
    let hi = this.starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if ((this.starts[mid] ?? 0) <= offset) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo + 1, column: offset - (this.starts[lo] ?? 0) + 1 };
  }
  /** Where attribute `name` is written in the start tag opening at `tagStart`. */
  attribute(tagStart: number, name: string): { line: number; column: number } {
    const tagEnd = this.text.indexOf('>', tagStart);
    const pattern = new RegExp(`[\\s:]${name}\\s*=`, 'g');
    pattern.lastIndex = tagStart;
    const match = pattern.exec(this.text);
    return this.at(match && (tagEnd < 0 || match.index < tagEnd) ? match.index + 1 : tagStart);
  }
}

function tagOf(node: XmlNode): string | undefined {
  return Object.keys(node).find((k) => k !== ':@' && k !== '#text');
}

function attrs(node: XmlNode): Record<string, string> {
  return (node[':@'] as Record<string, string> | undefined) ?? {};
}

function children(node: XmlNode, tag: string): XmlNode[] {
  const value = node[tag];
  return Array.isArray(value) ? (value as XmlNode[]) : [];
}

/** The parser's text of an element: a string, or a number or boolean it read from the text. */
function scalarText(value: unknown): string {
  return typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean' ? String(value) : '';
}

function textOf(node: XmlNode): string {
  const tag = tagOf(node);
  if (!tag) return scalarText(node['#text']);
  return children(node, tag)
    .map((c) => (tagOf(c) ? textOf(c) : scalarText(c['#text'])))
    .join('');
}

export function checkVotable(
  xml: string,
  validateUcd: (ucd: string) => UcdValidation,
  vocabularies: VotableVocabularies,
  options: VotableCheckOptions = {},
): VotableReport {
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_VOTABLE_BYTES;
  const maxFindings = options.maxFindings ?? 10_000;
  const report: VotableReport = {
    status: 'valid',
    problems: [],
    findings: [],
    counts: { valid: 0, 'valid-with-warnings': 0, deprecated: 0, invalid: 0, 'not-checked': 0 },
    truncated: false,
  };
  const fail = (message: string, line?: number, column?: number): VotableReport => {
    report.problems.push({ message, line, column, severity: 'error' });
    report.status = 'invalid';
    return report;
  };
  const size = Buffer.byteLength(xml, 'utf8');
  if (size > maxBytes) return fail(`document is ${size} bytes; at most ${maxBytes} bytes are checked`);
  if (xml.trim() === '') return fail('empty document: expected a VOTable');

  const wellFormed = XMLValidator.validate(xml, { allowBooleanAttributes: true });
  if (wellFormed !== true) return fail(`not well-formed XML: ${wellFormed.err.msg}`, wellFormed.err.line, wellFormed.err.col);

  // Entity declarations in an internal DTD subset are not expanded: a VOTable needs none, and expanding them invites entity bombs.
  const declaresEntities = /<!DOCTYPE[^>[]*\[[\s\S]*?<!ENTITY/i.test(xml);
  if (declaresEntities) {
    report.problems.push({ message: 'the DTD declares entities; they are not expanded (VOTable 1.1+ needs no DTD)', severity: 'warning' });
  }
  const shape = scanVotableShape(xml, {
    maxDepth: options.maxDepth ?? DEFAULT_MAX_VOTABLE_DEPTH,
    maxCheckedElements: options.maxCheckedElements ?? DEFAULT_MAX_CHECKED_ELEMENTS,
  });
  const parsed = withoutRanges(xml, shape.unread);
  let tree: XmlNode[];
  try {
    const parser = new XMLParser({
      ignoreAttributes: false,
      attributeNamePrefix: '',
      preserveOrder: true,
      captureMetaData: true,
      removeNSPrefix: true,
      processEntities: !declaresEntities,
      parseTagValue: false,
      parseAttributeValue: false,
      trimValues: true,
    });
    tree = parser.parse(parsed.text) as XmlNode[];
  } catch (error) {
    return fail(`cannot read the document: ${(error as Error).message}`);
  }

  const positions = new Positions(xml);
  const meta = XMLParser.getMetaDataSymbol() as unknown as string;
  const startOf = (node: XmlNode): number => parsed.originalOffset((node[meta] as { startIndex?: number } | undefined)?.startIndex ?? 0);
  const root = tree.find((n) => tagOf(n) === 'VOTABLE');
  if (!root) return fail(`the root element is ${tree.map(tagOf).find((t) => t && !t.startsWith('?')) ?? 'missing'}, expected VOTABLE`);
  const version = attrs(root).version;
  report.version = version;
  if (version !== undefined && !SUPPORTED_VERSIONS.has(version)) {
    report.problems.push({ message: `VOTable version ${version}: this check knows 1.1 to 1.5`, severity: 'warning', ...positions.at(startOf(root)) });
  }

  let omitted = 0;
  const add = (finding: VotableFinding): void => {
    report.counts[finding.status]++;
    if (finding.status === 'invalid') report.status = 'invalid';
    else if (finding.status === 'deprecated' && report.status !== 'invalid') report.status = 'deprecated';
    else if (finding.status === 'valid-with-warnings' && report.status === 'valid') report.status = 'valid-with-warnings';
    if (report.findings.length < maxFindings) report.findings.push(finding);
    else omitted++;
  };

  const checkUcd = (node: XmlNode, tag: string): void => {
    const a = attrs(node);
    if (a.ucd === undefined) return;
    const validation = validateUcd(a.ucd);
    const first = validation.diagnostics.find((d) => d.severity === 'error') ?? validation.diagnostics.find((d) => d.severity === 'warning');
    add({
      element: tag,
      attribute: 'ucd',
      name: a.name ?? a.ID,
      ...positions.attribute(startOf(node), 'ucd'),
      value: a.ucd,
      status: validation.status,
      message: first?.message ?? 'valid UCD',
      suggestion: validation.suggestions[0]?.ucd,
      ucd: validation,
    });
  };

  const checkTerm = (node: XmlNode, tag: string, attribute: string, vocabulary: TermVocabulary | undefined, vocabularyName: string): void => {
    const a = attrs(node);
    const value = a[attribute];
    if (value === undefined) return;
    const where = positions.attribute(startOf(node), attribute);
    const base = { element: tag, attribute, name: a.ID ?? a.name, ...where, value };
    add({ ...base, ...judgeTerm(value, vocabulary, vocabularyName) });
  };

  const checkSemantics = (table: XmlNode): void => {
    const tableTag = tagOf(table) ?? 'TABLE';
    const fields = children(table, tableTag).filter((c) => tagOf(c) === 'FIELD');
    const column = fields.findIndex((f) => (attrs(f).name ?? '').toLowerCase() === 'semantics');
    if (column < 0) return;
    const data = children(table, tableTag).find((c) => tagOf(c) === 'DATA');
    const tabledata = data ? children(data, 'DATA').find((c) => tagOf(c) === 'TABLEDATA') : undefined;
    if (!tabledata) {
      const field = fields[column]!;
      add({
        element: 'FIELD',
        attribute: 'semantics',
        name: 'semantics',
        ...positions.at(startOf(field)),
        value: '',
        status: 'not-checked',
        message: 'the semantics column is not in TABLEDATA serialisation; its values are not checked',
      });
      return;
    }
    for (const row of children(tabledata, 'TABLEDATA').filter((c) => tagOf(c) === 'TR')) {
      const cell = children(row, 'TR').filter((c) => tagOf(c) === 'TD')[column];
      if (!cell) continue;
      const value = textOf(cell).trim();
      const where = positions.at(startOf(cell));
      add({ element: 'TD', attribute: 'semantics', name: 'semantics', ...where, value, ...judgeSemantics(value, vocabularies.datalink) });
    }
  };

  const walk = (nodes: XmlNode[]): void => {
    for (const node of nodes) {
      const tag = tagOf(node);
      if (!tag || tag.startsWith('?')) continue;
      if (tag === 'FIELD' || tag === 'PARAM' || tag === 'INFO') checkUcd(node, tag);
      if (tag === 'COOSYS') {
        checkTerm(node, tag, 'system', vocabularies.refframe, 'refframe');
        checkTerm(node, tag, 'refposition', vocabularies.refposition, 'refposition');
      }
      if (tag === 'TIMESYS') {
        checkTerm(node, tag, 'timescale', vocabularies.timescale, 'timescale');
        checkTerm(node, tag, 'refposition', vocabularies.refposition, 'refposition');
      }
      if (tag === 'TABLE') checkSemantics(node);
      walk(children(node, tag));
    }
  };
  walk(children(root, 'VOTABLE'));
  if (omitted > 0) report.truncated = true;
  if (omitted > 0) report.problems.push({ message: `${omitted} more finding(s) counted but not listed`, severity: 'warning' });
  return report;
}

type Judgement = Pick<VotableFinding, 'status' | 'message' | 'suggestion'>;

function judgeTerm(value: string, vocabulary: TermVocabulary | undefined, name: string): Judgement {
  if (!vocabulary) return { status: 'not-checked', message: `the ${name} vocabulary is not loaded` };
  const term = vocabulary.terms.get(value);
  if (term?.deprecated) {
    return {
      status: 'deprecated',
      message: `"${value}" is deprecated in ${name}${term.useInstead ? `: use "${term.useInstead}"` : ''}`,
      suggestion: term.useInstead,
    };
  }
  if (term) return { status: 'valid', message: `term of ${vocabulary.iri}` };
  const folded = [...vocabulary.terms.keys()].find((k) => k.toLowerCase() === value.toLowerCase());
  if (folded) {
    // VocInVO2 term ids are case-sensitive; a case-only difference is almost surely the same term.
    return { status: 'invalid', message: `"${value}" is not a term of ${name}; "${folded}" differs only in case`, suggestion: folded };
  }
  return { status: 'invalid', message: `"${value}" is not a term of ${name} (${vocabulary.iri})` };
}

function judgeSemantics(value: string, vocabulary: TermVocabulary | undefined): Judgement {
  if (value === '') return { status: 'invalid', message: 'empty semantics: DataLink requires a term' };
  let term: string | undefined;
  if (value.startsWith('#')) term = value.slice(1);
  else if (value.startsWith(`${DATALINK_CORE}#`)) term = value.slice(DATALINK_CORE.length + 1);
  else if (/^[a-z][a-z0-9+.-]*:/i.test(value)) {
    return { status: 'valid-with-warnings', message: `"${value}" is a term of another vocabulary; it is not checked` };
  } else {
    return { status: 'invalid', message: `"${value}": a datalink/core term is written "#${value}"`, suggestion: `#${value}` };
  }
  const judged = judgeTerm(term, vocabulary, 'datalink/core');
  return { ...judged, suggestion: judged.suggestion ? `#${judged.suggestion}` : undefined };
}

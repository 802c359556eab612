/**
 * Gold standards for evaluation: an SSSOM TSV file, or a crosswalk CSV in the layout of the UAT
 * metadata crosswalks (a title block, then `<subject URL>?, <subject term>, SKOS Mapping Property,
 * <object label>, <object URI>`, with `(no match)` rows saying a subject has no counterpart).
 */
import { parse } from 'csv-parse/sync';
import type { MappingPredicate, Term } from '../model/index.js';
import { reviewStatus, skosPredicate } from './mapping.js';
import { readSssom } from './sssom-reader.js';
import { SssomError } from './sssom-error.js';

export interface GoldRow {
  subjectId?: string;
  subjectLabel?: string;
  /** The heading the gold files the subject under (a crosswalk's "Heading" or "Category" column): its broader term. */
  subjectHeading?: string;
  /** `none`: the gold says the subject has no counterpart. */
  predicate: MappingPredicate | 'none' | 'other';
  objectId?: string;
  objectLabel?: string;
  line: number;
}

/** Something wrong with a gold file that was repaired rather than refused, with its line. */
export interface GoldWarning {
  line: number;
  message: string;
}

export interface GoldSet {
  file: string;
  rows: GoldRow[];
  warnings: GoldWarning[];
}

const PREDICATE_WORDS: Readonly<Record<string, MappingPredicate | 'none'>> = {
  exactmatch: 'exactMatch',
  closematch: 'closeMatch',
  broadmatch: 'broadMatch',
  broadermatch: 'broadMatch',
  narrowmatch: 'narrowMatch',
  narrowermatch: 'narrowMatch',
  relatedmatch: 'relatedMatch',
  'no match': 'none',
  nomatch: 'none',
};

/** Text of a file that may be UTF-8 or (like the IAU Thesaurus crosswalk) Windows-1252. */
export function decodeText(bytes: Uint8Array): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes).replace(/^\uFEFF/, '');
  } catch {
    return [...bytes].map((b) => (b >= 0x80 && b < 0xa0 ? CP1252_HIGH[b - 0x80] : String.fromCharCode(b))).join('');
  }
}

/** Windows-1252 0x80–0x9F (elsewhere it is Latin-1); spelt out because Node's small-ICU builds decode it as Latin-1. */
const CP1252_HIGH = '€\u0081‚ƒ„…†‡ˆ‰Š‹Œ\u008dŽ\u008f\u0090‘’“”•–—˜™š›œ\u009džŸ';

export function readGold(bytes: Uint8Array, file: string): GoldSet {
  const text = decodeText(bytes);
  if (/\.tsv$/i.test(file) || text.startsWith('#')) {
    const set = readSssom(text, file);
    return {
      file,
      rows: set.mappings.map((m, i) => ({
        subjectId: m.subjectId,
        ...(m.subjectLabel ? { subjectLabel: m.subjectLabel } : {}),
        predicate: reviewStatus(m) === 'rejected' ? 'none' : (skosPredicate(m.predicateId) ?? 'other'),
        objectId: m.objectId,
        ...(m.objectLabel ? { objectLabel: m.objectLabel } : {}),
        line: i + 1,
      })),
      warnings: [],
    };
  }
  const rows = readCrosswalk(text, file);
  return { file, rows, warnings: repairFilledDownIds(rows, file) };
}

/**
 * A subject URL given to rows of two different subject terms is a spreadsheet fill-down slip (the IAU
 * Thesaurus crosswalk gives CHROMATICABERRATION.html to a CHROMOSPHERE row): the URL stays with the term it
 * spells, the other rows take the URL their term has elsewhere in the file, or none (then the label names them).
 */
function repairFilledDownIds(rows: GoldRow[], file: string): GoldWarning[] {
  const labelsById = new Map<string, Set<string>>();
  for (const r of rows)
    if (r.subjectId && r.subjectLabel) (labelsById.get(r.subjectId) ?? labelsById.set(r.subjectId, new Set()).get(r.subjectId)!).add(r.subjectLabel);
  const letters = (s: string) => s.toUpperCase().replace(/[^A-Z0-9]/g, '');
  const owner = new Map<string, string>();
  for (const [id, labels] of labelsById) {
    const tail = letters(
      id
        .split('/')
        .pop()!
        .replace(/\.[a-z]+$/i, ''),
    );
    owner.set(id, [...labels].find((l) => letters(l) === tail) ?? [...labels][0]!);
  }
  const ownIdOf = new Map<string, string>();
  for (const [id, label] of owner) ownIdOf.set(label, id);
  const warnings: GoldWarning[] = [];
  for (const r of rows) {
    if (!r.subjectId || !r.subjectLabel || labelsById.get(r.subjectId)!.size === 1 || owner.get(r.subjectId) === r.subjectLabel) continue;
    const elsewhere = ownIdOf.get(r.subjectLabel);
    warnings.push({
      line: r.line,
      message: `${file}:${r.line}: subject URL ${r.subjectId} belongs to "${owner.get(r.subjectId)}", not "${r.subjectLabel}" (a filled-down cell?); ${elsewhere ? `using ${elsewhere}, the URL "${r.subjectLabel}" has elsewhere` : 'the row is identified by its label'}`,
    });
    if (elsewhere) r.subjectId = elsewhere;
    else delete r.subjectId;
  }
  return warnings;
}

function readCrosswalk(text: string, file: string): GoldRow[] {
  const records: string[][] = parse(text, { relax_column_count: true, skip_empty_lines: false });
  const headerIndex = records.findIndex((r) => r.some((c) => /^(?:skos )?mapping (?:property|predicate)$|^predicate$/i.test(c.trim())));
  if (headerIndex < 0)
    throw new SssomError('gold.noHeader', 'no header row naming the mapping property column (e.g. "SKOS Mapping Property")', { file, line: 1 });
  const header = records[headerIndex]!.map((c) => c.trim());
  const p = header.findIndex((c) => /^(?:skos )?mapping (?:property|predicate)$|^predicate$/i.test(c.trim()));
  const subjectLabel = p - 1;
  const subjectIri = header.slice(0, subjectLabel).findIndex((c) => /\b(url|uri|iri|id)$/i.test(c));
  const subjectHeading = header.slice(0, subjectLabel).findIndex((c) => /\b(heading|category|group|section)$/i.test(c));
  const objectLabel = p + 1;
  const objectIri = header.findIndex((c, i) => i > p && /\b(url|uri|iri|id)$/i.test(c));
  if (subjectLabel < 0 || objectIri < 0)
    throw new SssomError('gold.badHeader', `cannot tell the subject and object columns in: ${header.join(', ')}`, { file, line: headerIndex + 1 });
  const rows: GoldRow[] = [];
  records.slice(headerIndex + 1).forEach((r, i) => {
    const label = (r[subjectLabel] ?? '').trim();
    if (label === '') return;
    const word = (r[p] ?? '').trim().replace(/[()]/g, '').toLowerCase();
    const predicate = PREDICATE_WORDS[word] ?? 'other';
    const objectId = (r[objectIri] ?? '').trim();
    rows.push({
      ...(subjectIri >= 0 && (r[subjectIri] ?? '').trim() ? { subjectId: r[subjectIri]!.trim() } : {}),
      subjectLabel: label,
      ...(subjectHeading >= 0 && (r[subjectHeading] ?? '').trim() ? { subjectHeading: r[subjectHeading]!.trim() } : {}),
      predicate,
      ...(objectId ? { objectId } : {}),
      ...((r[objectLabel] ?? '').trim() ? { objectLabel: r[objectLabel]!.trim() } : {}),
      line: headerIndex + i + 2,
    });
  });
  return rows;
}

/** The IRI a gold subject without an identifier goes by. */
export function labelSubjectIri(label: string): string {
  return `urn:astrovoc:label:${encodeURIComponent(label)}`;
}

/** A gold set's subjects as terms, to match against a target vocabulary (the subject list need not be hosted). */
export function goldSubjects(gold: GoldSet): Term[] {
  const byIri = new Map<string, Term>();
  for (const row of gold.rows) {
    if (!row.subjectLabel) continue;
    const iri = row.subjectId ?? labelSubjectIri(row.subjectLabel);
    const parents = row.subjectHeading ? [headingIri(row.subjectHeading)] : [];
    const known = byIri.get(iri);
    if (known) {
      for (const p of parents) if (!known.parents.includes(p)) known.parents.push(p);
      continue;
    }
    byIri.set(iri, goldTerm(iri, row.subjectLabel, gold.file, parents));
  }
  return [...byIri.values()];
}

/** A gold set's subjects with the headings they are filed under, as context for matching (headings are not matched themselves). */
export function goldInput(gold: GoldSet): { terms: Term[]; context: Term[] } {
  const headings = [...new Set(gold.rows.map((r) => r.subjectHeading).filter((h): h is string => h !== undefined))];
  return { terms: goldSubjects(gold), context: headings.map((h) => goldTerm(headingIri(h), h, gold.file, [])) };
}

const headingIri = (heading: string) => `urn:astrovoc:heading:${encodeURIComponent(heading)}`;

function goldTerm(iri: string, label: string, file: string, parents: string[]): Term {
  return {
    iri,
    id: label,
    vocabularyId: file,
    labels: [label],
    altLabels: [],
    definitions: [],
    parents,
    children: [],
    status: { preliminary: false, deprecated: false },
    useInstead: [],
    mappings: [],
  };
}

/**
 * Reads an IVOA terms.csv into TermRecords, one per row, each with its level, the lines it spans and how it is
 * written (its layout), so that the terms.csv writer can regenerate a row or the whole file as the source has it.
 * The fields mean what they mean to readTermsCsv: the tree parent comes from the level, the other parents from
 * `skos:broader` / `rdfs:subClassOf` / `rdfs:subPropertyOf` in more_relations, the flags give the status.
 */
import type { TermLink, TermRecord, TermsCsvFieldLayout, TermsCsvRelationLayout, TermsCsvRowLayout } from '../model/index.js';
import { IVOASEM, RDFS, SKOS } from '../model/index.js';
import { IngestError } from './ingest-error.js';
import { parseRelations } from './terms-csv-relations.js';
import { splitTermsCsv, type CsvField } from './terms-csv-rows.js';

export interface TermsCsvRecordRow {
  record: TermRecord;
  level: number;
  /** The id of the row's tree parent: the nearest row above at level - 1. */
  treeParent?: string;
  /** 1-based first and last physical lines of the row (a quoted field may span lines). */
  line: number;
  endLine: number;
  /** Column (1-based, on the row's first line) where the level field starts. */
  levelColumn: number;
  layout: TermsCsvRowLayout;
}

export interface TermsCsvRecords {
  rows: TermsCsvRecordRow[];
  /** The file's physical lines without their line breaks, and each line's break ("" after a last line without one). */
  lines: string[];
  breaks: string[];
  /** A byte-order mark the file starts with, or "". */
  bom: string;
}

const PARENT_RELATIONS = new Set([`${SKOS}broader`, `${RDFS}subClassOf`, `${RDFS}subPropertyOf`]);
const TERM_ID = /^[A-Za-z0-9_-]+$/;

export function readTermsCsvRecords(text: string, fileName: string, termBase: string): TermsCsvRecords {
  const bom = text.startsWith('\uFEFF') ? '\uFEFF' : '';
  const body = text.slice(bom.length);
  const lines: string[] = [];
  const breaks: string[] = [];
  for (const match of body.matchAll(/([^\r\n]*)(\r\n|\r|\n|$)/g)) {
    if (match.index === body.length && match[0] === '') break;
    lines.push(match[1] ?? '');
    breaks.push(match[2] ?? '');
  }

  const localId = (iri: string): string | undefined => {
    const local = iri.startsWith(termBase) ? iri.slice(termBase.length) : undefined;
    return local !== undefined && TERM_ID.test(local) ? local : undefined;
  };
  const ancestors: string[] = [];
  const rows = splitTermsCsv(text, fileName).map((row): TermsCsvRecordRow => {
    const [idField, levelField, labelField, descriptionField, relationsField] = row.fields;
    if (!idField || !levelField || !labelField || !descriptionField) {
      throw new IngestError('csv-too-few-fields', `expected "term; level; label; description[; more_relations]"`, { file: fileName, line: row.line });
    }
    const level = Number(levelField.text.trim());
    if (!Number.isInteger(level) || level < 1 || level > ancestors.length + 1) {
      throw new IngestError('bad-level', `expected a level from 1 to ${ancestors.length + 1}, found "${levelField.text.trim()}"`, {
        file: fileName,
        line: levelField.line,
        column: levelField.column,
      });
    }
    ancestors.length = level - 1;
    const treeParent = ancestors[level - 2];
    const record: TermRecord = {
      id: idField.text.trim(),
      label: labelField.text.trim(),
      description: descriptionField.text.trim(),
      altLabels: [],
      parents: treeParent === undefined ? [] : [treeParent],
      status: 'approved',
      links: [],
    };
    const flags = new Set<string>();
    for (const relation of relationsField ? parseRelations(relationsField, termBase, fileName) : []) {
      const object = relation.object;
      if (object.kind === 'flag') flags.add(relation.predicate);
      else if (object.kind === 'text' && relation.predicate === `${SKOS}altLabel`) record.altLabels.push(object.value);
      else if (object.kind === 'text') {
        throw new IngestError('unrepresentable-relation', `"${relation.name}" has no field in a term record; only skos:altLabel is kept`, {
          file: fileName,
          line: relationsField?.line,
          column: relation.column,
        });
      } else if (relation.predicate === `${IVOASEM}useInstead`) record.useInstead = localId(object.value) ?? object.value;
      else {
        const parent = PARENT_RELATIONS.has(relation.predicate) ? localId(object.value) : undefined;
        if (parent) record.parents.push(parent);
        else record.links.push({ predicate: relation.predicate, target: object.value } satisfies TermLink);
      }
    }
    if (flags.has(`${IVOASEM}deprecated`)) record.status = 'deprecated';
    else if (flags.has(`${IVOASEM}preliminary`)) record.status = 'preliminary';
    ancestors.push(record.id);

    const last = row.fields[row.fields.length - 1] ?? idField;
    const endLine = last.line + (last.text.match(/\n/g)?.length ?? 0);
    const layout: TermsCsvRowLayout = { fields: row.fields.slice(0, 5).map(fieldLayout), relations: relationsField ? relationLayout(relationsField) : [] };
    return { record, level, ...(treeParent === undefined ? {} : { treeParent }), line: row.line, endLine, levelColumn: levelField.column, layout };
  });
  return { rows, lines, breaks, bom };
}

function fieldLayout(field: CsvField): TermsCsvFieldLayout {
  const lead = /^\s*/.exec(field.text)?.[0] ?? '';
  const trail = field.text.trim() === '' ? '' : (/\s*$/.exec(field.text)?.[0] ?? '');
  return { quoted: field.quoted, lead, trail };
}

/** The relations in written order, with the white space around them: the same scan as parseRelations. */
function relationLayout(field: CsvField): TermsCsvRelationLayout[] {
  const text = field.text.trim();
  const relations: TermsCsvRelationLayout[] = [];
  let pos = 0;
  while (pos < text.length) {
    const start = pos;
    while (pos < text.length && /\s/.test(text[pos] ?? '')) pos += 1;
    const before = text.slice(start, pos);
    const nameStart = pos;
    while (pos < text.length && !/[\s(]/.test(text[pos] ?? '')) pos += 1;
    const relation: TermsCsvRelationLayout = { name: text.slice(nameStart, pos), before, objectLead: '', objectTrail: '' };
    if (text[pos] === '(') {
      const objectStart = pos + 1;
      let depth = 0;
      do {
        if (text[pos] === '(') depth += 1;
        else if (text[pos] === ')') depth -= 1;
        pos += 1;
      } while (pos < text.length && depth > 0);
      const object = text.slice(objectStart, pos - 1);
      relation.objectLead = /^\s*/.exec(object)?.[0] ?? '';
      relation.objectTrail = object.trim() === '' ? '' : (/\s*$/.exec(object)?.[0] ?? '');
    }
    relations.push(relation);
  }
  return relations;
}

/**
 * Splits an IVOA terms.csv into rows of fields, with the line and column where each field starts.
 *
 * The IVOA converter reads these files with Python's csv module (`;` delimiter, `"` quotes, `""`
 * inside quotes for a quote) after dropping blank lines and lines starting with `#`; this follows
 * the same rules: a quote opens a quoted field only as the field's first character, elsewhere it is
 * text (spatial-frame-type writes `"celestial" (with RA/Dec)` unquoted), and a quoted field may
 * span lines. It is written here rather than with csv-parse because errors must name the line
 * where an unclosed quote opened (csv-parse reports the end of the file), and because files mix
 * line endings (datalink/core uses CRLF).
 */
import { IngestError } from './ingest-error.js';

export interface CsvField {
  /** The field's text, quotes and `""` escapes resolved, not trimmed. */
  text: string;
  /** 1-based line and column of the field's first character (its opening quote if quoted). */
  line: number;
  column: number;
  quoted: boolean;
}

export interface CsvRow {
  /** 1-based line on which the row starts. */
  line: number;
  fields: CsvField[];
}

export function splitTermsCsv(text: string, fileName: string): CsvRow[] {
  const source = text.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n');
  const rows: CsvRow[] = [];
  let pos = 0;
  let line = 1;
  let lineStart = 0;

  while (pos < source.length) {
    const end = source.indexOf('\n', pos);
    const physical = source.slice(pos, end === -1 ? source.length : end);
    if (physical.trim() === '' || physical.startsWith('#')) {
      pos = end === -1 ? source.length : end + 1;
      line += 1;
      lineStart = pos;
      continue;
    }

    const row: CsvRow = { line, fields: [] };
    let atRowEnd = false;
    while (!atRowEnd) {
      const field: CsvField = { text: '', line, column: pos - lineStart + 1, quoted: source[pos] === '"' };
      if (field.quoted) {
        pos += 1;
        for (;;) {
          if (pos >= source.length) {
            throw new IngestError('csv-unbalanced-quote', 'a quoted field opened here is never closed (expected a closing ")', {
              file: fileName,
              line: field.line,
              column: field.column,
            });
          }
          const char = source[pos];
          if (char === '"' && source[pos + 1] === '"') {
            field.text += '"';
            pos += 2;
          } else if (char === '"') {
            pos += 1;
            break;
          } else {
            if (char === '\n') {
              line += 1;
              lineStart = pos + 1;
            }
            field.text += char;
            pos += 1;
          }
        }
      }
      // Unquoted text, or text after a closing quote (Python's csv appends it to the field).
      while (pos < source.length && source[pos] !== ';' && source[pos] !== '\n') {
        field.text += source[pos];
        pos += 1;
      }
      row.fields.push(field);
      if (source[pos] === ';') {
        pos += 1;
      } else {
        atRowEnd = true;
        if (pos < source.length) {
          pos += 1;
          line += 1;
          lineStart = pos;
        }
      }
    }
    rows.push(row);
  }
  return rows;
}

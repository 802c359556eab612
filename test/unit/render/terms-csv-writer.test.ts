import { exportTermsCsv } from '../../../src/curation/terms-csv-export.js';
import { readTermsCsvRecords } from '../../../src/ingest/terms-csv-records.js';
import { AstrovocError, type TermRecord } from '../../../src/model/index.js';
import { formatTermsCsvRow } from '../../../src/render/terms-csv-writer.js';

const BASE = 'http://example.org/v#';
const term = (id: string, fields: Partial<TermRecord> = {}): TermRecord => ({
  id,
  label: id.toUpperCase(),
  description: '',
  altLabels: [],
  parents: [],
  status: 'approved',
  links: [],
  ...fields,
});

describe('formatTermsCsvRow, plain (VocInVO2 Appendix A: term;level;label;description;more_relations)', () => {
  test('a term without relations has four fields and no quotes', () => {
    expect(formatTermsCsvRow(term('a', { label: 'A term', description: 'Its definition.' }), 1, BASE)).toBe('a;1;A term;Its definition.');
  });

  test('a field with ";" or a quote is quoted, its quotes doubled', () => {
    expect(formatTermsCsvRow(term('a', { label: 'Asahikawa "Sci-Pal"', description: 'one; two' }), 1, BASE)).toBe('a;1;"Asahikawa ""Sci-Pal""";"one; two"');
  });

  test('flags, useInstead, further parents by flavour, alternative labels and links, in that order', () => {
    const record = term('b', {
      parents: ['a', 'c'],
      status: 'deprecated',
      useInstead: 'd',
      altLabels: ['Bee (old)'],
      links: [
        { predicate: 'http://www.w3.org/2004/02/skos/core#exactMatch', target: 'http://other.org/x' },
        { predicate: 'http://www.w3.org/2004/02/skos/core#related', target: `${BASE}e` },
      ],
    });
    expect(formatTermsCsvRow(record, 2, BASE, { flavour: 'RDF Class' })).toBe(
      'b;2;B;;ivoasem:deprecated ivoasem:useInstead(d) rdfs:subClassOf(c) skos:altLabel(Bee (old)) skos:exactMatch(http://other.org/x) skos:related(e)',
    );
    expect(formatTermsCsvRow(record, 2, BASE)).toContain('skos:broader(c)');
    expect(formatTermsCsvRow(term('p', { parents: ['x'] }), 2, BASE, { flavour: 'RDF Property' })).toBe('p;2;P;');
  });

  test('at level 1 every parent is a further parent', () => {
    expect(formatTermsCsvRow(term('a', { parents: ['x'], status: 'preliminary' }), 1, BASE)).toBe('a;1;A;;ivoasem:preliminary skos:broader(x)');
  });

  test('a link whose predicate has no known prefix cannot be written', () => {
    const record = term('a', { links: [{ predicate: 'http://unknown.org/p', target: 'http://other.org/x' }] });
    expect(() => formatTermsCsvRow(record, 1, BASE)).toThrow(AstrovocError);
  });
});

describe('formatTermsCsvRow with the layout of a source row', () => {
  const source = [
    'Photon;     1;Photon;          Carrier particles;ivoasem:useInstead(X) ivoasem:deprecated',
    'a;1;A;"quoted";',
    'b;1;B;text with "inner" quotes',
  ];
  const rows = readTermsCsvRecords(`${source.join('\n')}\n`, 'terms.csv', BASE).rows;

  test('keeps padding, quoting, relation order and an empty more_relations column', () => {
    rows.forEach((row, index) => expect(formatTermsCsvRow(row.record, row.level, BASE, { layout: row.layout })).toBe(source[index]));
  });

  test('a changed field keeps the look of the field', () => {
    const [photon] = rows;
    expect(formatTermsCsvRow({ ...photon!.record, label: 'Light' }, 1, BASE, { layout: photon!.layout })).toBe(
      'Photon;     1;Light;          Carrier particles;ivoasem:useInstead(X) ivoasem:deprecated',
    );
    // White space before a quote would make the quote text: a field that must be quoted keeps its padding inside.
    expect(formatTermsCsvRow({ ...photon!.record, description: 'Photons; all' }, 1, BASE, { layout: photon!.layout })).toBe(
      'Photon;     1;Photon;"          Photons; all";ivoasem:useInstead(X) ivoasem:deprecated',
    );
  });
});

describe('exportTermsCsv', () => {
  const source = 'a;1;A;\n# a comment\nb;2;B;\nc;3;C;\nd;2;D;\ne;1;E;';
  const records = new Map(readTermsCsvRecords(source, 'terms.csv', BASE).rows.map((row) => [row.record.id, row.record]));
  const at = (id: string): TermRecord => records.get(id)!;

  test('without curated terms, and with every term curated as itself, the source comes back (no final line break either)', () => {
    expect(exportTermsCsv(source, 'terms.csv', BASE, new Map())).toBe(source);
    expect(exportTermsCsv(source, 'terms.csv', BASE, records)).toBe(source);
  });

  test('an added term goes after its parent subtree one level down; without a parent at the end, level 1', () => {
    const curated = new Map([
      ['f', term('f', { parents: ['a'] })],
      ['g', term('g')],
    ]);
    expect(exportTermsCsv(source, 'terms.csv', BASE, curated)).toBe('a;1;A;\n# a comment\nb;2;B;\nc;3;C;\nd;2;D;\nf;2;F;\ne;1;E;\ng;1;G;');
  });

  test('a term added under an added term follows it', () => {
    const curated = new Map([
      ['h', term('h', { parents: ['f'] })],
      ['f', term('f', { parents: ['e'] })],
    ]);
    expect(exportTermsCsv(source, 'terms.csv', BASE, curated)).toBe(`${source}\nf;2;F;\nh;3;H;`);
  });

  test('a moved term takes its subtree along, levels adjusted; other rows untouched', () => {
    const curated = new Map([['b', { ...at('b'), parents: ['e'] }]]);
    expect(exportTermsCsv(source, 'terms.csv', BASE, curated)).toBe('a;1;A;\n# a comment\nd;2;D;\ne;1;E;\nb;2;B;\nc;3;C;');
    const toTop = new Map([['c', { ...at('c'), parents: [] }]]);
    expect(exportTermsCsv(source, 'terms.csv', BASE, toTop)).toBe('a;1;A;\n# a comment\nb;2;B;\nd;2;D;\ne;1;E;\nc;1;C;');
  });

  test('a removed term loses its row; one whose narrower terms stay is refused', () => {
    expect(exportTermsCsv(source, 'terms.csv', BASE, new Map([['c', null]]))).toBe('a;1;A;\n# a comment\nb;2;B;\nd;2;D;\ne;1;E;');
    expect(() => exportTermsCsv(source, 'terms.csv', BASE, new Map([['b', null]]))).toThrow(/"c" would fall below/);
  });

  test('a tree parent that is no term, or a move below its own subtree, is refused', () => {
    expect(() => exportTermsCsv(source, 'terms.csv', BASE, new Map([['f', term('f', { parents: ['nope'] })]]))).toThrow(/"nope", which is no term/);
    expect(() => exportTermsCsv(source, 'terms.csv', BASE, new Map([['b', { ...at('b'), parents: ['c'] }]]))).toThrow(AstrovocError);
  });

  test('CRLF files keep CRLF, also on added rows', () => {
    const crlf = 'a;1;A;\r\nb;1;B;\r\n';
    expect(exportTermsCsv(crlf, 'terms.csv', BASE, new Map([['c', term('c', { parents: ['a'] })]]))).toBe('a;1;A;\r\nc;2;C;\r\nb;1;B;\r\n');
  });
});

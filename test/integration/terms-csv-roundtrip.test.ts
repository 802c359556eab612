import { readFileSync } from 'node:fs';
import { loadCatalogue, type CatalogueEntry } from '../../src/catalogue/index.js';
import { exportSource } from '../../src/curation/source-export.js';
import { exportTermsCsv } from '../../src/curation/terms-csv-export.js';
import { readTermsCsv } from '../../src/ingest/index.js';
import { readTermsCsvRecords, type TermsCsvRecordRow } from '../../src/ingest/terms-csv-records.js';
import { splitTermsCsv } from '../../src/ingest/terms-csv-rows.js';
import { AstrovocError, IVOASEM, RDF, RDFS, SKOS, type Quad, type TermRecord, type TermsCsvRowLayout, type VocabularyMeta } from '../../src/model/index.js';
import { formatTermsCsvRow } from '../../src/render/terms-csv-writer.js';
import { exportVocabsConfSection } from '../../src/render/vocabs-conf-writer.js';
import { initialMeta } from '../../src/vocab/dataset-loader.js';
import { mirrorPath, mirrorRoot, PROJECT_ROOT } from '../support/mirror.js';

/**
 * Issue 13, exports back to the editors' files: for every IVOA-format vocabulary of the catalogue, the terms.csv
 * writer regenerates each row and the whole file from the records read from it, byte for byte; the plain writer
 * (no source layout) differs from the source only by the normalisations documented here, each naming its rows.
 */

interface Vocabulary {
  entry: CatalogueEntry;
  termBase: string;
  source: string;
  conf: string;
  rows: TermsCsvRecordRow[];
  rowText: (row: TermsCsvRecordRow) => string;
  meta: VocabularyMeta;
  quads: Quad[];
}

let vocabularies: Vocabulary[];
beforeAll(async () => {
  const entries = (await loadCatalogue(PROJECT_ROOT)).filter((entry) => entry.format === 'ivoa-terms-csv');
  vocabularies = entries.map((entry) => {
    const termBase = entry.termBase ?? `${entry.iri}#`;
    const source = readFileSync(mirrorPath(entry.sources.terms!.mirror), 'utf8');
    const conf = readFileSync(mirrorPath(entry.sources.config!.mirror), 'utf8');
    const parsed = readTermsCsvRecords(source, entry.sources.terms!.mirror, termBase);
    const read = readCsv(entry, source, conf);
    return {
      entry,
      termBase,
      source,
      conf,
      rows: parsed.rows,
      rowText: (row) => parsed.lines.slice(row.line - 1, row.endLine).join('\n'),
      meta: read.vocabulary,
      quads: read.quads,
    };
  });
});

function readCsv(entry: CatalogueEntry, terms: string, conf: string) {
  const files = { terms: { name: 'terms.csv', bytes: Buffer.from(terms) }, config: { name: 'vocabs.conf', bytes: Buffer.from(conf) } };
  return readTermsCsv({ files, vocabulary: initialMeta(entry), options: entry.options });
}

const byId = (id: string): Vocabulary => {
  const vocabulary = vocabularies.find((candidate) => candidate.entry.id === id);
  if (!vocabulary) throw new Error(`no IVOA-format vocabulary ${id}`);
  return vocabulary;
};
const repeatedIds = (vocabulary: Vocabulary): Set<string> => {
  const seen = new Set<string>();
  return new Set(vocabulary.rows.map((row) => row.record.id).filter((id) => seen.has(id) || !seen.add(id)));
};

test('the catalogue has the 21 IVOA-format vocabularies of the mirror', () => {
  expect(vocabularies.map((v) => v.entry.id).sort()).toEqual(
    [
      'content_level',
      'content_type',
      'date_role',
      'relationship_type',
      'timescale',
      'refposition',
      'refframe',
      'datalink',
      'ivoasem',
      'product-type',
      'messenger',
      'object-type',
      'examples',
      'facility',
      'processing-level',
      'coosys-flavour',
      'data-source',
      'response-type',
      'epn_target_class',
      'epn_small_body_dynamical_class',
      'epn_spatial_frame_type',
    ].sort(),
  );
});

test('every row regenerated from its record with its layout is the source row, byte for byte', () => {
  let rows = 0;
  for (const vocabulary of vocabularies) {
    const { entry, termBase } = vocabulary;
    for (const row of vocabulary.rows) {
      const written = formatTermsCsvRow(row.record, row.level, termBase, { flavour: entry.flavour, layout: row.layout });
      expect(`${entry.id}: ${written}`).toBe(`${entry.id}: ${vocabulary.rowText(row)}`);
      rows += 1;
    }
  }
  expect(rows).toBe(8371);
});

test('every file regenerated from its records (every term curated as itself) is the source file, byte for byte', () => {
  for (const vocabulary of vocabularies) {
    const repeated = repeatedIds(vocabulary);
    const curated = new Map(vocabulary.rows.filter((row) => !repeated.has(row.record.id)).map((row) => [row.record.id, row.record]));
    const exported = exportTermsCsv(vocabulary.source, 'terms.csv', vocabulary.termBase, curated, { flavour: vocabulary.entry.flavour });
    expect(`${vocabulary.entry.id}\n${exported}`).toBe(`${vocabulary.entry.id}\n${vocabulary.source}`);
  }
});

/** How a source row departs from the plain writer's output; each is a documented normalisation of the plain export. */
type Normalisation = 'quoted without need' | 'inner quote left unquoted' | 'padded fields' | 'empty more_relations column' | 'relation order';

const PLAIN_ORDER = [
  'ivoasem:deprecated',
  'ivoasem:preliminary',
  'ivoasem:useInstead',
  'skos:broader',
  'rdfs:subClassOf',
  'rdfs:subPropertyOf',
  'skos:altLabel',
];

function normalisationsOf(row: TermsCsvRecordRow, text: string): Normalisation[] {
  const found = new Set<Normalisation>();
  const fields = splitTermsCsv(text, 'row');
  fields[0]?.fields.forEach((field) => {
    if (field.quoted && !/[;"\r\n]/.test(field.text)) found.add('quoted without need');
    if (!field.quoted && field.text.includes('"')) found.add('inner quote left unquoted');
  });
  const layout: TermsCsvRowLayout = row.layout;
  if (layout.fields.some((field) => field.lead !== '' || field.trail !== '')) found.add('padded fields');
  if (layout.relations.some((relation, index) => relation.before !== (index === 0 ? '' : ' ') || relation.objectLead !== '' || relation.objectTrail !== '')) {
    found.add('padded fields');
  }
  if (layout.fields.length > 4 && layout.relations.length === 0) found.add('empty more_relations column');
  const rank = (name: string): number => (PLAIN_ORDER.includes(name) ? PLAIN_ORDER.indexOf(name) : PLAIN_ORDER.length);
  const names = layout.relations.map((relation) => relation.name);
  if (names.some((name, index) => index > 0 && rank(name) < rank(names[index - 1] ?? ''))) found.add('relation order');
  return [...found];
}

/**
 * The documented normalisations of the plain writer, by vocabulary: the ids of the rows concerned, or the number
 * of rows when there are many (`every row` when all are).
 */
const DOCUMENTED: Record<Normalisation, Record<string, string[] | number | 'every row'>> = {
  // Python's csv quotes only where needed; these files quote most labels or descriptions anyway.
  'quoted without need': {
    content_type: 'every row',
    date_role: ['Accepted', 'Available', 'Collected', 'representative', 'Created', 'Issued', 'Submitted'],
    refframe: 14,
    'product-type': ['sed'],
  },
  // A quote inside an unquoted field is text (Python's csv); the plain writer quotes such a field.
  'inner quote left unquoted': { 'coosys-flavour': ['body'], epn_target_class: ['calibration'], epn_spatial_frame_type: ['spherical'] },
  // White space around fields (messenger aligns its columns) or inside relations (facility's `skos:altLabel(  """")`).
  'padded fields': {
    timescale: ['TAI', 'UT', 'UTC', 'GPS', 'TCG', 'TCB'],
    datalink: ['calibration', 'preview'],
    'product-type': ['event-list', 'measurements'],
    messenger: 'every row',
    facility: 236,
  },
  // `...;description;` with nothing after the last separator.
  'empty more_relations column': { examples: 'every row', facility: 4768, 'processing-level': 'every row' },
  // `ivoasem:useInstead(x) ivoasem:deprecated`: the plain writer puts the flag first.
  'relation order': { date_role: ['representative', 'creation', 'update'], relationship_type: ['mirror-of', 'service-for', 'served-by', 'derived-from'] },
};

describe('the plain writer (no source layout) differs from the source only by documented normalisations', () => {
  let concerned: Record<Normalisation, Record<string, string[]>>;
  beforeAll(() => {
    concerned = { 'quoted without need': {}, 'inner quote left unquoted': {}, 'padded fields': {}, 'empty more_relations column': {}, 'relation order': {} };
    for (const vocabulary of vocabularies) {
      const { entry, termBase } = vocabulary;
      const plainRows: string[] = [];
      for (const row of vocabulary.rows) {
        const text = vocabulary.rowText(row);
        const plain = formatTermsCsvRow(row.record, row.level, termBase, { flavour: entry.flavour });
        plainRows.push(plain);
        const normalisations = normalisationsOf(row, text);
        if (normalisations.length === 0) expect(`${entry.id}: ${plain}`).toBe(`${entry.id}: ${text}`);
        for (const normalisation of normalisations) (concerned[normalisation][entry.id] ??= []).push(row.record.id);
      }
      // With or without normalisations, the plain file says what the source says.
      const reread = readTermsCsvRecords(plainRows.join('\n'), 'plain', termBase).rows;
      expect(reread.map((row) => [row.level, row.record])).toEqual(vocabulary.rows.map((row) => [row.level, row.record]));
    }
  });

  test.each(Object.keys(DOCUMENTED) as Normalisation[])('%s', (normalisation) => {
    const expected = Object.fromEntries(
      Object.entries(DOCUMENTED[normalisation]).map(([id, rows]) => {
        const all = byId(id).rows.map((row) => row.record.id);
        return [id, rows === 'every row' ? all : typeof rows === 'number' ? rows : rows];
      }),
    );
    const actual = Object.fromEntries(
      Object.entries(concerned[normalisation]).map(([id, rows]) => [id, typeof expected[id] === 'number' ? rows.length : rows]),
    );
    expect(actual).toEqual(expected);
  });
});

test('facility repeats ids (85 ids on 175 rows): those rows stay as they are and a record for such an id is refused', () => {
  const facility = byId('facility');
  const repeated = repeatedIds(facility);
  expect(repeated.size).toBe(85);
  expect(facility.rows.filter((row) => repeated.has(row.record.id))).toHaveLength(175);
  expect([...repeated]).toEqual(expect.arrayContaining(['40-foot-telescope', 'antares']));
  expect(vocabularies.filter((vocabulary) => repeatedIds(vocabulary).size > 0).map((vocabulary) => vocabulary.entry.id)).toEqual(['facility']);
  const antares = facility.rows.find((row) => row.record.id === 'antares')!.record;
  expect(() => exportTermsCsv(facility.source, 'terms.csv', facility.termBase, new Map([['antares', antares]]))).toThrow(
    /"antares" is defined on lines \d+, \d+/,
  );
});

/** The triples readTermsCsv makes of records (VocInVO2 Appendix A), to compare with what it reads from an export. */
function recordTriples(vocabulary: Vocabulary, records: readonly TermRecord[]): string[] {
  const shape = {
    'RDF Class': { type: `${RDFS}Class`, wider: `${RDFS}subClassOf`, label: `${RDFS}label`, description: `${RDFS}comment` },
    'RDF Property': { type: `${RDF}Property`, wider: `${RDFS}subPropertyOf`, label: `${RDFS}label`, description: `${RDFS}comment` },
    SKOS: { type: `${SKOS}Concept`, wider: `${SKOS}broader`, label: `${SKOS}prefLabel`, description: `${SKOS}definition` },
  }[vocabulary.meta.flavour];
  const base = vocabulary.termBase;
  const triples = new Set<string>();
  for (const record of records) {
    const add = (predicate: string, object: string): void => void triples.add(`${base}${record.id} ${predicate} ${object}`);
    add(`${RDF}type`, `<${shape.type}>`);
    add(shape.label, JSON.stringify(record.label));
    if (record.description) add(shape.description, JSON.stringify(record.description));
    record.parents.forEach((parent, index) => add(index === 0 || vocabulary.meta.flavour !== 'SKOS' ? shape.wider : `${SKOS}broader`, `<${base}${parent}>`));
    if (record.status !== 'approved' || vocabulary.meta.draft) add(`${IVOASEM}${record.status === 'approved' ? 'preliminary' : record.status}`, '""');
    if (vocabulary.meta.draft && record.status === 'deprecated') add(`${IVOASEM}preliminary`, '""');
    if (record.useInstead) add(`${IVOASEM}useInstead`, `<${base}${record.useInstead}>`);
    for (const altLabel of record.altLabels) add(`${SKOS}altLabel`, JSON.stringify(altLabel));
    for (const link of record.links) add(link.predicate, `<${link.target}>`);
  }
  return [...triples].sort();
}

function termTriples(vocabulary: Vocabulary, quads: readonly Quad[]): string[] {
  const terms = quads.filter((quad) => quad.subject.value.startsWith(vocabulary.termBase));
  const object = (quad: Quad): string => (quad.object.termType === 'Literal' ? JSON.stringify(quad.object.value) : `<${quad.object.value}>`);
  return [...new Set(terms.map((quad) => `${quad.subject.value} ${quad.predicate.value} ${object(quad)}`))].sort();
}

describe('after an edit the export differs from the source in exactly the rows the edit touched, and reads back as the curated terms', () => {
  function exportWith(id: string, curated: Map<string, TermRecord | null>) {
    const vocabulary = byId(id);
    const exported = exportTermsCsv(vocabulary.source, 'terms.csv', vocabulary.termBase, curated, { flavour: vocabulary.entry.flavour });
    const expected = vocabulary.rows
      .filter((row) => curated.get(row.record.id) !== null)
      .map((row) => curated.get(row.record.id) ?? row.record)
      .concat([...curated.values()].filter((record): record is TermRecord => record !== null && !vocabulary.rows.some((row) => row.record.id === record.id)));
    // Read back with the service's own reader: the terms of the export are exactly the curated ones.
    expect(termTriples(vocabulary, readCsv(vocabulary.entry, exported, vocabulary.conf).quads)).toEqual(recordTriples(vocabulary, expected));
    return { exported: exported.split('\n'), source: vocabulary.source.split('\n') };
  }

  test('the records of every unedited vocabulary give the triples readTermsCsv reads (the check below is sound)', () => {
    for (const vocabulary of vocabularies) {
      const repeated = repeatedIds(vocabulary);
      if (repeated.size > 0) continue;
      expect(termTriples(vocabulary, vocabulary.quads)).toEqual(
        recordTriples(
          vocabulary,
          vocabulary.rows.map((row) => row.record),
        ),
      );
    }
  });

  test('refframe: a label changed, a term added under ECLIPTIC, a term deprecated with useInstead', () => {
    const refframe = byId('refframe');
    const icrs = refframe.rows.find((row) => row.record.id === 'ICRS')!.record;
    const galacticI = refframe.rows.find((row) => row.record.id === 'GALACTIC_I')!.record;
    const added: TermRecord = {
      id: 'ecl_ICRS',
      label: 'Ecliptic (ICRS)',
      description: 'Ecliptic of J2000.0; with ICRS orientation.',
      altLabels: [],
      parents: ['ECLIPTIC'],
      status: 'preliminary',
      links: [],
    };
    const { exported, source } = exportWith(
      'refframe',
      new Map<string, TermRecord | null>([
        ['ICRS', { ...icrs, label: 'International Celestial Reference System' }],
        ['ecl_ICRS', added],
        ['GALACTIC_I', { ...galacticI, status: 'deprecated', useInstead: 'GALACTIC' }],
      ]),
    );
    const expected = [...source];
    expected[2] = 'ICRS;2;International Celestial Reference System;"International Celestial Reference System as defined by 1998AJ....116..516M."';
    expected[11] =
      'GALACTIC_I;2;Old Galactic;"Old, pre-1958, Galactic coordinates.  See 1960MNRAS.121..123B for details.";ivoasem:deprecated ivoasem:useInstead(GALACTIC)';
    // ecl_FK5 is the last row below ECLIPTIC (line 10); the new row takes the look of the row above it, quoted as needed.
    expected.splice(10, 0, 'ecl_ICRS;2;Ecliptic (ICRS);"Ecliptic of J2000.0; with ICRS orientation.";ivoasem:preliminary');
    expect(exported).toEqual(expected);
  });

  test('messenger: a changed label keeps the padding of the row; a removed row goes alone', () => {
    const radio = byId('messenger').rows.find((row) => row.record.id === 'Radio')!.record;
    const { exported, source } = exportWith(
      'messenger',
      new Map<string, TermRecord | null>([
        ['Radio', { ...radio, label: 'Radio waves' }],
        ['EUV', null],
      ]),
    );
    const expected = [...source];
    expected[1] = 'Radio;      2;Radio waves;           Photon with a wavelength longer than 10 mm (or ν<30 GHz)';
    expected.splice(6, 1);
    expect(exported).toEqual(expected);
  });

  test('datalink (CRLF, comments): a term added under auxiliary and a moved subtree keep the line breaks and the comments', () => {
    const datalink = byId('datalink');
    const calibration = datalink.rows.find((row) => row.record.id === 'calibration')!.record;
    const added: TermRecord = {
      id: 'mask',
      label: 'Mask',
      description: 'resource marking bad pixels',
      altLabels: [],
      parents: ['auxiliary'],
      status: 'preliminary',
      links: [],
    };
    const { exported, source } = exportWith(
      'datalink',
      new Map<string, TermRecord | null>([
        ['mask', added],
        ['calibration', { ...calibration, parents: ['auxiliary'] }],
      ]),
    );
    expect(exported.every((line, index) => index === exported.length - 1 || line.endsWith('\r'))).toBe(true);
    const expected = [...source];
    const moved = expected.splice(10, 4).map((line) => line.replace(/^([a-z]+);([12])/, (_, id: string, level: string) => `${id};${Number(level) + 1}`));
    expected.splice(9, 0, 'mask;2;Mask;resource marking bad pixels;ivoasem:preliminary\r', ...moved);
    expect(exported).toEqual(expected);
  });
});

describe('vocabs.conf: each IVOA-format vocabulary section written back', () => {
  /** The section as the file has it: from its header to its last non-blank line, sliced by hand. */
  function sourceSection(vocabulary: Vocabulary): string {
    const lines = vocabulary.conf.split('\n');
    const start = lines.indexOf(`[${vocabulary.entry.options.section}]`);
    let end = lines.findIndex((line, index) => index > start && line.startsWith('['));
    if (end === -1) end = lines.length;
    while (lines[end - 1]?.trim() === '') end -= 1;
    return `${lines.slice(start, end).join('\n')}\n`;
  }

  test('without metadata, and with the metadata read from the section itself, the section is the source, byte for byte', () => {
    for (const vocabulary of vocabularies) {
      const name = vocabulary.entry.options.section!;
      expect(exportVocabsConfSection(vocabulary.conf, name)).toBe(sourceSection(vocabulary));
      expect(exportVocabsConfSection(vocabulary.conf, name, vocabulary.meta)).toBe(sourceSection(vocabulary));
    }
  });

  /** Every known field rewritten from the metadata: the source, but for the documented normalisations of `authors`. */
  test.each([
    [
      'product-type',
      'authors: one line (the source wraps it)',
      ['authors: Louys, M.; Tody, D.; Dowler, P.; Durand, D.; Michel, L.; Bonnarel, F.; Micol, A.; Demleitner, M.'],
    ],
    ['coosys-flavour', 'authors joined with "; " (the source writes " ; ")', ['authors: Erard, S.; Cecconi, B.']],
    ['epn_target_class', 'authors joined with "; "', ['authors: Cecconi, B.; Erard, S.']],
    ['epn_small_body_dynamical_class', 'authors joined with "; "', ['authors: Erard, S.; Cecconi, B.']],
    ['epn_spatial_frame_type', 'authors joined with "; "', ['authors: Erard, S.; Cecconi, B.']],
  ])('every field rewritten: %s differs only in %s', (id, _why, authorLines) => {
    const vocabulary = byId(id);
    const source = sourceSection(vocabulary).split('\n');
    const start = source.findIndex((line) => line.startsWith('authors:'));
    let end = start + 1;
    while (/^\s+\S/.test(source[end] ?? '')) end += 1;
    const expected = [...source.slice(0, start), ...authorLines, ...source.slice(end)];
    expect(exportVocabsConfSection(vocabulary.conf, id, vocabulary.meta, { rewrite: 'all' }).split('\n')).toEqual(expected);
  });

  test('every field rewritten: the other sections are the source, byte for byte', () => {
    const normalised = ['product-type', 'coosys-flavour', 'epn_target_class', 'epn_small_body_dynamical_class', 'epn_spatial_frame_type'];
    for (const vocabulary of vocabularies.filter((v) => !normalised.includes(v.entry.id))) {
      expect(exportVocabsConfSection(vocabulary.conf, vocabulary.entry.options.section!, vocabulary.meta, { rewrite: 'all' })).toBe(sourceSection(vocabulary));
    }
  });

  test('a new timestamp and description change only their lines, in the section own spelling', () => {
    const refframe = byId('refframe');
    const meta = {
      ...refframe.meta,
      version: '2026-12-07',
      description: 'Reference frames in common use in astronomy.\nSee http://www.iaufs.org/res.html.',
      previousVersion: '2022-02-22',
    };
    const lines = exportVocabsConfSection(refframe.conf, 'refframe', meta).split('\n');
    const source = sourceSection(refframe).split('\n');
    expect(lines).toEqual([
      source[0],
      source[1],
      'timestamp:2026-12-07',
      source[3],
      'description:Reference frames in common use in astronomy.',
      '\tSee http://www.iaufs.org/res.html.',
      source[9],
      'previous:2022-02-22',
      '',
    ]);
  });
});

describe('exportSource: what the CLI and the HTTP route answer', () => {
  test('every IVOA-format vocabulary, curated as itself (as the reader and as the graph of a draft vocabulary say it), exports as its source', async () => {
    for (const vocabulary of vocabularies) {
      const repeated = repeatedIds(vocabulary);
      const curated = new Map(
        vocabulary.rows
          .filter((row) => !repeated.has(row.record.id))
          .map((row) => [
            row.record.id,
            vocabulary.meta.draft && row.record.status === 'approved' ? { ...row.record, status: 'preliminary' as const } : row.record,
          ]),
      );
      await expect(exportSource(vocabulary.entry, mirrorRoot(), vocabulary.meta, curated, 'csv')).resolves.toBe(vocabulary.source);
      await expect(exportSource(vocabulary.entry, mirrorRoot(), vocabulary.meta, new Map(), 'conf')).resolves.toBe(
        exportVocabsConfSection(vocabulary.conf, vocabulary.entry.options.section!),
      );
    }
  });

  test('an edit to object-type (a draft vocabulary) changes its row only', async () => {
    const objectType = byId('object-type');
    const star = objectType.rows.find((row) => row.record.id === 'star')!;
    const exported = await exportSource(objectType.entry, mirrorRoot(), objectType.meta, new Map([['star', { ...star.record, label: 'Star (any)' }]]), 'csv');
    const lines = exported.split('\n');
    const source = objectType.source.split('\n');
    expect(lines.filter((line, index) => line !== source[index])).toEqual([objectType.rowText(star).replace(';Star;', ';Star (any);')]);
  });

  test('a vocabulary from another format is not acceptable (406) and exports as Turtle', async () => {
    const uat = (await loadCatalogue(PROJECT_ROOT)).find((entry) => entry.id === 'uat')!;
    const meta = { ...initialMeta(uat) };
    const failure = exportSource(uat, mirrorRoot(), meta, new Map(), 'csv');
    await expect(failure).rejects.toBeInstanceOf(AstrovocError);
    await expect(failure).rejects.toMatchObject({ kind: 'not-acceptable', message: expect.stringContaining('Turtle') });
  });
});

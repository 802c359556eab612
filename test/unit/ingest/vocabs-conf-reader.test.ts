import { findVocabsConfSection, parseVocabsConf } from '../../../src/ingest/vocabs-conf-reader.js';
import { readMirror } from '../../support/mirror.js';
import { ingestErrorOf } from '../../support/ingest-error.js';

const text = (relative: string): string => new TextDecoder().decode(readMirror(relative));

describe('parseVocabsConf on the real ivoa-std/Vocabularies vocabs.conf', () => {
  const sections = parseVocabsConf(text('ivoa-vocabularies/vocabs.conf'), 'vocabs.conf');
  const section = (name: string) => findVocabsConfSection(sections, name, 'vocabs.conf');

  it('reads its 19 sections in file order', () => {
    expect(sections).toHaveLength(19);
    expect(sections.map((s) => s.name).slice(0, 3)).toEqual(['content_level', 'content_type', 'date_role']);
    expect(sections.at(-1)?.name).toBe('response-type');
  });

  it('accepts "key: value" and "key:value" alike (refframe has both)', () => {
    expect(section('refframe')).toMatchObject({ flavour: 'RDF Class', timestamp: '2022-02-22', title: 'Reference Frames' });
    expect(section('content_level').flavour).toBe('RDF Class');
  });

  it('joins description continuation lines with "\\n" and removes their indentation (tabs or spaces)', () => {
    expect(section('refframe').description).toBe(
      'A collection of reference frames in common use in astronomy,\n' +
        'organised by top-level categories (equatorial, galactic, etc).  These\n' +
        "concepts are used in VOTable's COOSYS, in SimpleDALRegExt's PosParam\n" +
        'type, and of course in the Coords data model.  Where no more precise\n' +
        'reference are given, http://www.iaufs.org/res.html is often of help.',
    );
    expect(section('ivoasem').description).toMatch(/^This vocabulary defines several properties used in the\nmanagement of IVOA vocabularies\./);
  });

  it('defaults path to the section name and filename to terms.csv', () => {
    expect(section('refframe')).toMatchObject({ path: 'refframe', filename: 'terms.csv' });
    expect(section('datalink')).toMatchObject({ path: 'datalink/core', filename: 'terms.csv' });
    expect(section('uat')).toMatchObject({ path: 'uat', filename: 'uat/uat.skos' });
  });

  it('splits authors on ";" and trims them, across continuation lines', () => {
    expect(section('refframe').authors).toEqual(['Rots, A.', 'Cresitello-Dittmar, M.', 'Demleitner, M.']);
    expect(section('product-type').authors).toHaveLength(8);
    expect(section('product-type').authors[5]).toBe('Bonnarel, F.');
    expect(section('coosys-flavour').authors).toEqual(['Erard, S.', 'Cecconi, B.']);
  });

  it('reads draft and hidden as booleans (True, true; absent is false)', () => {
    expect(section('object-type').draft).toBe(true);
    expect(section('coosys-flavour').draft).toBe(true);
    expect(section('refframe').draft).toBe(false);
    expect(section('facility')).toMatchObject({ draft: true, hidden: true });
    expect(section('object-type').hidden).toBe(false);
  });

  it('reads prefix, licence and whitespace-separated top concepts', () => {
    const uat = section('uat');
    expect(uat.licenseUri).toBe('https://creativecommons.org/licenses/by-sa/3.0/legalcode');
    expect(uat.licenseHtml).toMatch(/^This vocabulary, derived from the\n<a href="http:\/\/astrothesaurus.org">/);
    expect(uat.topConcepts).toHaveLength(11);
    expect(uat.topConcepts?.[0]).toBe('astronomical-methods');
    expect(uat.topConcepts).toContain('interstellar-medium');
    expect(section('coosys-flavour').prefix).toBe('coosysflv');
    expect(section('refframe').topConcepts).toBeUndefined();
  });

  it('records the line of each section header', () => {
    expect(section('content_level').line).toBe(1);
    expect(text('ivoa-vocabularies/vocabs.conf').split('\n')[section('refframe').line - 1]).toBe('[refframe]');
  });
});

describe('parseVocabsConf on the real voparis-ns vocabs.conf', () => {
  const sections = parseVocabsConf(text('voparis-ns/vocabs.conf'), 'voparis-ns/vocabs.conf');

  it('reads its 5 sections with previous versions and prefixes', () => {
    expect(sections.map((s) => s.name)).toEqual([
      'epn_product_type',
      'epn_target_class',
      'epn_small_body_dynamical_class',
      'epn_spatial_frame_type',
      'ihdea_refframe',
    ]);
    expect(sections[1]).toMatchObject({
      path: 'epn/2.0/target-class',
      flavour: 'SKOS CSV',
      prefix: 'epntarg',
      previous: '2024-05-07',
      timestamp: '2024-11-04',
      draft: true,
    });
    expect(sections[0]).toMatchObject({ filename: 'epn-product-type.rdf', previous: '2023-11-11' });
  });

  it('strips trailing spaces and mixed tab/space indentation from continuation lines', () => {
    const description = sections[0]?.description ?? '';
    expect(description.split('\n')[0]).toBe('The EPNcore product-type parameter describes the high level');
    expect(description.split('\n')[1]).toBe('scientific organization of the data product linked by the access_url parameter, or');
    expect(description.split('\n')).toHaveLength(9);
  });
});

describe('parseVocabsConf: configparser rules on small inputs', () => {
  it('takes "key = value", lower-cases keys, and skips # and ; comment lines', () => {
    const [section] = parseVocabsConf('; comment\n[a]\nFlavour = RDF Class\n# another\nTitle: x = y: z\n', 'x.conf');
    expect(section?.flavour).toBe('RDF Class');
    expect(section?.title).toBe('x = y: z');
  });

  it('keeps an empty line between continuation lines (a paragraph break) but not at the end', () => {
    const [section] = parseVocabsConf('[a]\ndescription: one\n  two\n\n  three\n\nauthors: A\n', 'x.conf');
    expect(section?.description).toBe('one\ntwo\n\nthree');
  });

  it('gives [DEFAULT] values to every section', () => {
    const sections = parseVocabsConf('[DEFAULT]\nauthors: Doe, J.\n[a]\ntitle: A\n[b]\nauthors: Roe, R.\n', 'x.conf');
    expect(sections.map((s) => s.authors)).toEqual([['Doe, J.'], ['Roe, R.']]);
  });

  it('reads CRLF files', () => {
    const [section] = parseVocabsConf('[a]\r\ndescription: one\r\n\ttwo\r\n', 'x.conf');
    expect(section?.description).toBe('one\ntwo');
  });

  it('rejects a line outside any section, naming file and line', () => {
    const error = ingestErrorOf(() => parseVocabsConf('# header\nflavour: RDF Class\n[a]\n', 'bad.conf'));
    expect(error.code).toBe('conf-no-section');
    expect(error.location).toEqual({ file: 'bad.conf', line: 2, column: 1 });
    expect(error.message).toMatch(/^bad\.conf:2:1: expected a \[section\] header/);
  });

  it('rejects a line that is neither a header, a key nor a continuation', () => {
    const error = ingestErrorOf(() => parseVocabsConf('[a]\ntitle: A\nthis line has no delimiter\n', 'bad.conf'));
    expect(error.code).toBe('conf-malformed-line');
    expect(error.location).toMatchObject({ file: 'bad.conf', line: 3 });
    expect(error.detail).toContain('expected "key: value"');
  });

  it('rejects a repeated section and a repeated key (configparser strict mode)', () => {
    expect(ingestErrorOf(() => parseVocabsConf('[a]\n[a]\n', 'bad.conf')).location).toMatchObject({ line: 2 });
    expect(ingestErrorOf(() => parseVocabsConf('[a]\ntitle: x\nTitle: y\n', 'bad.conf')).code).toBe('conf-duplicate-key');
  });

  it('rejects a draft value that is not a boolean, naming its line', () => {
    const error = ingestErrorOf(() => parseVocabsConf('[a]\ntitle: x\ndraft: maybe\n', 'bad.conf'));
    expect(error.code).toBe('conf-bad-boolean');
    expect(error.location).toEqual({ file: 'bad.conf', line: 3 });
  });

  it('findVocabsConfSection names the sections there are when one is missing', () => {
    const sections = parseVocabsConf('[a]\n[b]\n', 'x.conf');
    expect(ingestErrorOf(() => findVocabsConfSection(sections, 'c', 'x.conf')).detail).toBe('no section [c]; the file has [a], [b]');
  });
});

import { existsSync, readFileSync } from 'node:fs';
import { mkdtemp, mkdir, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CatalogueError, checkCatalogue, loadCatalogue, parseCatalogue, type CatalogueEntry } from '../../../src/catalogue/index.js';
import { PROJECT_ROOT, mirrorPath, readMirror, referenceBuildPath } from '../../support/mirror.js';

const text = (relative: string) => new TextDecoder().decode(readMirror(relative));
const sectionsOf = (conf: string) => [...conf.matchAll(/^\[([^\]]+)\]\s*$/gm)].map((m) => m[1]!);
/** `key: value` of one vocabs.conf section (first line only). */
function confValue(conf: string, section: string, key: string): string | undefined {
  const body = conf.split(/^\[/m).find((part) => part.startsWith(`${section}]`)) ?? '';
  return new RegExp(`^${key}\\s*:\\s*(.+)$`, 'm').exec(body)?.[1]?.trim();
}

describe('the real catalogue', () => {
  let entries: CatalogueEntry[];
  const byId = (id: string) => entries.find((e) => e.id === id)!;
  beforeAll(async () => {
    entries = await loadCatalogue(PROJECT_ROOT);
  });

  it('has one entry per section of ivoa-std/Vocabularies vocabs.conf (19), ids = section names', () => {
    const sections = sectionsOf(text('ivoa-vocabularies/vocabs.conf'));
    expect(sections).toHaveLength(19);
    for (const section of sections) {
      const entry = byId(section);
      expect(entry).toBeDefined();
      if (section === 'uat') continue;
      expect(entry.format).toBe('ivoa-terms-csv');
      expect(entry.options.section).toBe(section);
      expect(entry.community).toBe('IVOA');
    }
  });

  it('VocInVO2: IVOA vocabulary IRIs are http://www.ivoa.net/rdf/<path>, path defaulting to the section name', () => {
    const conf = text('ivoa-vocabularies/vocabs.conf');
    for (const section of sectionsOf(conf)) {
      const path = confValue(conf, section, 'path') ?? section;
      expect(byId(section).iri).toBe(`http://www.ivoa.net/rdf/${path}`);
    }
    expect(byId('datalink').iri).toBe('http://www.ivoa.net/rdf/datalink/core');
    expect(byId('content_level').sources.terms!.mirror).toBe('ivoa-vocabularies/voresource/content_level/terms.csv');
  });

  it("IVOA IRIs equal the @base of the IVOA converter's own builds", () => {
    const ivoa = entries.filter((e) => e.community === 'IVOA');
    let compared = 0;
    for (const entry of ivoa) {
      const path = entry.iri.replace('http://www.ivoa.net/rdf/', '');
      const name = path.split('/').at(-1) === 'core' ? 'datalink' : path.split('/').at(-1)!;
      const ttl = referenceBuildPath(`${path}/${name}.ttl`);
      if (!existsSync(ttl)) continue;
      expect(/@base <([^>]+)>/.exec(readFileSync(ttl, 'utf8'))?.[1]).toBe(entry.iri);
      compared++;
    }
    expect(compared).toBe(17);
  });

  it('takes the UAT from uat/uat.skos as RDF/XML under CC-BY-SA 3.0 with the attribution from vocabs.conf', () => {
    const uat = byId('uat');
    expect(uat).toMatchObject({ community: 'UAT', format: 'rdf', options: { syntax: 'rdfxml' }, iri: 'http://www.ivoa.net/rdf/uat' });
    expect(uat.sources.data!.mirror).toBe('ivoa-vocabularies/uat/uat.skos');
    expect(uat.licence.name).toBe('CC-BY-SA-3.0');
    expect(uat.licence.html).toContain('Unified Astronomy Thesaurus');
  });

  it('has the voparis-ns vocabularies, terms.csv ones bound to their vocabs.conf section', () => {
    const conf = text('voparis-ns/vocabs.conf');
    for (const section of sectionsOf(conf)) expect(byId(section)).toBeDefined();
    for (const id of ['epn_target_class', 'epn_small_body_dynamical_class', 'epn_spatial_frame_type']) {
      expect(byId(id)).toMatchObject({ format: 'ivoa-terms-csv', community: 'IPDA', options: { section: id } });
      expect(byId(id).sources.config!.mirror).toBe('voparis-ns/vocabs.conf');
    }
    expect(byId('ihdea_refframe').community).toBe('IHDEA');
    expect(byId('ipda_instrument_types').iri).toBe('http://voparis-ns.obspm.fr/rdf/ipda/instrument');
  });

  it('gives each voparis-ns Turtle vocabulary the IRI its file declares as @base', () => {
    const turtle = entries.filter((e) => e.format === 'rdf' && e.options.syntax === 'turtle');
    expect(turtle.map((e) => e.id).sort()).toEqual(
      ['editors_astro_subjects_keywords', 'epn_product_type', 'ihdea_refframe', 'ipda_instrument_types', 'maser_ontology'].sort(),
    );
    for (const entry of turtle) {
      expect(/@base <([^>]+)>/.exec(text(entry.sources.data!.mirror))?.[1]).toBe(entry.iri);
    }
  });

  it('has one SPASE entry per enumeration list of the 2.7.0 model (67), options.list = the list name', () => {
    const model = JSON.parse(text('spase/spase-base-2.7.0.json')) as { list: Record<string, unknown> };
    const spase = entries.filter((e) => e.format === 'spase-json');
    expect(spase).toHaveLength(67);
    expect(spase.map((e) => e.options.list).sort()).toEqual(Object.keys(model.list).sort());
    for (const entry of spase) {
      expect(entry.id).toBe(`spase-${entry.options.list}`);
      expect(entry).toMatchObject({ community: 'IHDEA', flavour: 'SKOS', licence: { name: 'Apache-2.0' } });
    }
    expect(byId('spase-CoordinateSystemName').iri).toBe('https://astrovoc.org/rdf/spase/CoordinateSystemName');
  });

  it('has five PDS4 context vocabularies, one per product type, each under an http IRI', () => {
    const pds4 = entries.filter((e) => e.format === 'pds4-context');
    expect(Object.fromEntries(pds4.map((e) => [e.id, e.options.productType]))).toEqual({
      'pds4-targets': 'target',
      'pds4-instruments': 'instrument',
      'pds4-instrument-hosts': 'instrument_host',
      'pds4-investigations': 'investigation',
      'pds4-facilities': 'facility',
    });
    for (const entry of pds4) expect(entry.iri).toMatch(/^https:\/\//);
  });

  it('has the UCD list entry from ucd/catalogue.yaml with both files of ivoa-std/UCDList', () => {
    expect(byId('ucd')).toMatchObject({
      community: 'UCD',
      format: 'ucd-list',
      iri: 'http://www.ivoa.net/rdf/ucd',
      homepage: 'https://www.ivoa.net/documents/UCD1+/',
      sources: {
        list: { url: 'https://raw.githubusercontent.com/ivoa-std/UCDList/master/ucd-list.txt', mirror: 'ucd/ucd-list.txt' },
        deprecated: { url: 'https://raw.githubusercontent.com/ivoa-std/UCDList/master/ucd-list-deprecated.txt', mirror: 'ucd/ucd-list-deprecated.txt' },
      },
    });
  });

  it('names mirror files that all exist in the upstream mirror', () => {
    const files = new Set(entries.flatMap((e) => Object.values(e.sources).map((s) => s.mirror)));
    const missing = [...files].filter((file) => !existsSync(mirrorPath(file)));
    expect(missing).toEqual([]);
    expect(files.size).toBe(33);
  });

  it('has unique ids and covers every community', () => {
    expect(new Set(entries.map((e) => e.id)).size).toBe(entries.length);
    expect(entries).toHaveLength(100);
    expect(new Set(entries.map((e) => e.community))).toEqual(new Set(['IVOA', 'IPDA', 'IHDEA', 'UAT', 'UCD']));
  });
});

const IVOA_ENTRY = `
  - id: refframe
    community: IVOA
    title: Reference Frames
    flavour: RDF Class
    format: ivoa-terms-csv
    iri: http://www.ivoa.net/rdf/refframe
    licence: { uri: 'http://creativecommons.org/publicdomain/zero/1.0/', name: CC0-1.0 }
    sources:
      terms: { url: 'https://example.org/refframe/terms.csv', mirror: ivoa-vocabularies/refframe/terms.csv }
      config: { url: 'https://example.org/vocabs.conf', mirror: ivoa-vocabularies/vocabs.conf }
    options: { section: refframe }
`;
const catalogue = (...items: string[]) => `vocabularies:${items.join('')}`;

function parseError(yaml: string): CatalogueError {
  try {
    parseCatalogue(yaml, 'fixture.yaml');
  } catch (error) {
    if (error instanceof CatalogueError) return error;
    throw error;
  }
  throw new Error('expected a CatalogueError');
}

describe('parseCatalogue on bad input', () => {
  it('accepts a well-formed entry and records the line where it starts', () => {
    const { entries, locations } = parseCatalogue(catalogue(IVOA_ENTRY), 'fixture.yaml');
    expect(entries.map((e) => e.id)).toEqual(['refframe']);
    expect(locations[0]).toMatchObject({ file: 'fixture.yaml', line: 2, column: 5 });
  });

  it('reports a YAML syntax error with its line', () => {
    const error = parseError('vocabularies:\n  - id: x\n    title: [unclosed\n');
    expect(error.code).toBe('yaml-syntax');
    expect(error.location.file).toBe('fixture.yaml');
    expect(error.location.line).toBeGreaterThanOrEqual(3);
  });

  it('names the entry, the field and its line for an invalid URL', () => {
    const error = parseError(catalogue(IVOA_ENTRY.replace("'https://example.org/vocabs.conf'", 'not a url')));
    expect(error.code).toBe('invalid-entry');
    expect(error.message).toContain("entry 'refframe' (vocabularies[0]) field sources.config.url");
    expect(error.location.line).toBe(11);
  });

  it('names a missing required field at the line of its entry', () => {
    const error = parseError(catalogue(IVOA_ENTRY.replace('    title: Reference Frames\n', '')));
    expect(error.message).toContain("entry 'refframe' (vocabularies[0]) field title");
    expect(error.location.line).toBe(2);
  });

  it('rejects an unknown format and an unknown community', () => {
    expect(parseError(catalogue(IVOA_ENTRY.replace('format: ivoa-terms-csv', 'format: excel'))).message).toContain('field format');
    expect(parseError(catalogue(IVOA_ENTRY.replace('community: IVOA', 'community: NASA'))).message).toContain('field community');
  });

  it('rejects a mirror path that leaves the mirror directory', () => {
    const error = parseError(catalogue(IVOA_ENTRY.replace('mirror: ivoa-vocabularies/vocabs.conf', 'mirror: ../etc/passwd')));
    expect(error.message).toContain('field sources.config.mirror');
  });

  it('requires the source roles and options of the format', () => {
    const noConfig = IVOA_ENTRY.replace(/\n {6}config:[^\n]+/, '');
    expect(parseError(catalogue(noConfig)).message).toContain("needs a source with role 'config'");
    expect(parseError(catalogue(IVOA_ENTRY.replace('options: { section: refframe }', 'options: {}'))).message).toContain("needs option 'section'");
    const rdf = IVOA_ENTRY.replace('format: ivoa-terms-csv', 'format: rdf')
      .replace(/ {6}terms:[^\n]+\n {6}config:[^\n]+/, "      data: { url: 'https://example.org/x.ttl', mirror: x.ttl }")
      .replace('options: { section: refframe }', 'options: { syntax: n5 }');
    const error = parseError(catalogue(rdf));
    expect(error.message).toContain("field options.syntax: 'n5' is not one of turtle, ntriples, nquads, rdfxml, jsonld");
    expect(error.location.line).toBe(11);
  });

  it('rejects a source role the format does not read', () => {
    const extra = IVOA_ENTRY.replace('    options:', "      readme: { url: 'https://example.org/README', mirror: README }\n    options:");
    expect(parseError(catalogue(extra)).message).toContain("has no source role 'readme'");
  });
});

describe('checkCatalogue across files', () => {
  it('rejects an id defined twice, naming both places', () => {
    const first = parseCatalogue(catalogue(IVOA_ENTRY), 'a.yaml');
    const second = parseCatalogue(catalogue(IVOA_ENTRY), 'b.yaml');
    expect(() => checkCatalogue([first, second])).toThrow("b.yaml:2:5: entry 'refframe' is defined twice (first at a.yaml:2)");
  });

  it('rejects one mirror path fetched from two URLs', () => {
    const other = IVOA_ENTRY.replace('id: refframe', 'id: timescale').replace("'https://example.org/vocabs.conf'", "'https://example.org/other.conf'");
    expect(() => checkCatalogue([parseCatalogue(catalogue(IVOA_ENTRY, other), 'a.yaml')])).toThrow(
      /mirror path ivoa-vocabularies\/vocabs.conf is fetched from/,
    );
  });
});

describe('loadCatalogue', () => {
  it('fails plainly, naming the file, when a catalogue file is missing', async () => {
    const root = await mkdtemp(join(tmpdir(), 'astrovoc-catalogue-'));
    await mkdir(join(root, 'vocabularies'));
    await writeFile(join(root, 'vocabularies', 'catalogue.yaml'), catalogue(IVOA_ENTRY));
    await expect(loadCatalogue(root)).rejects.toThrow(/ucd\/catalogue\.yaml: cannot read the catalogue/);
  });
});

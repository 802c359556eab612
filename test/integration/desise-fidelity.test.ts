/**
 * desise fidelity: astrovoc's desise of every IVOA vocabulary against the `.desise` the IVOA converter
 * built (shared/reference-builds/ivoa, what http://www.ivoa.net/rdf/<name> serves), compared as JSON
 * with key order. The reference is normalised only for the documented differences, each asserted on
 * its own below:
 * (a) ivoasem keys: convert.py copies a term's relations out of a Python set, so "deprecated" and
 *     "useInstead" come in a different order from run to run; astrovoc writes deprecated, useInstead,
 *     preliminary.
 * (b) several parents (SKOS): the same set makes `wider` order vary; astrovoc keeps source order
 *     (the level parent, then each skos:broader as written).
 * (c) convert.py's transitive closure repeats descendants two or more levels down; astrovoc lists
 *     each descendant once, in the same order (VocInVO2: narrower is the set of descendants).
 * (d) padded fields are trimmed, and a blank description is null (ivoa-fidelity (d), (e)).
 * (e) a repeated term id (facility: 85 ids): convert.py keeps the last row; astrovoc keeps every row
 *     and its desise shows the first row's label and description (ivoa-fidelity (c)).
 * Then refframe and product-type are checked key by key against the rules of standards.md, from
 * their terms.csv, without the reference.
 */
import { readFileSync } from 'node:fs';
import { exportDesise } from '../../src/cli/commands/vocabulary-export.js';
import { splitTermsCsv } from '../../src/ingest/terms-csv-rows.js';
import { toDesise, type Desise, type DesiseTerm } from '../../src/render/index.js';
import type { VocabularyService } from '../../src/vocab/index.js';
import { loadMirrorService } from '../support/loaded-service.js';
import { readMirror, referenceBuildPath } from '../support/mirror.js';

const REFERENCES: [id: string, file: string][] = [
  ['data-source', 'data-source/data-source.desise'],
  ['datalink', 'datalink/core/datalink.desise'],
  ['examples', 'examples/examples.desise'],
  ['facility', 'facility/facility.desise'],
  ['ivoasem', 'ivoasem/ivoasem.desise'],
  ['messenger', 'messenger/messenger.desise'],
  ['object-type', 'object-type/object-type.desise'],
  ['processing-level', 'processing-level/processing-level.desise'],
  ['product-type', 'product-type/product-type.desise'],
  ['refframe', 'refframe/refframe.desise'],
  ['refposition', 'refposition/refposition.desise'],
  ['response-type', 'response-type/response-type.desise'],
  ['timescale', 'timescale/timescale.desise'],
  ['content_level', 'voresource/content_level/content_level.desise'],
  ['content_type', 'voresource/content_type/content_type.desise'],
  ['date_role', 'voresource/date_role/date_role.desise'],
  ['relationship_type', 'voresource/relationship_type/relationship_type.desise'],
];

interface ReferenceTerm {
  label: string;
  description: string | null;
  deprecated?: string;
  useInstead?: string;
  preliminary?: string;
  wider: string[];
  narrower: string[];
}
type Reference = { uri: string; flavour: string; terms: Record<string, ReferenceTerm> };

let service: VocabularyService;
beforeAll(async () => {
  service = await loadMirrorService();
}, 120_000);

const reference = (file: string): Reference => JSON.parse(readFileSync(referenceBuildPath(file), 'utf8')) as Reference;
const ours = (id: string): Desise => toDesise(service.index.vocabulary(id)!, service.index.terms(id));
/** Term ids that the load warned about as repeated in the vocabulary's terms.csv. */
const repeatedIds = (folder: string): Set<string> =>
  new Set(
    (service.report?.warnings ?? [])
      .filter((w) => w.code === 'repeated-term-id' && w.location.file.includes(`/${folder}/`))
      .map((w) => /term "([^"]+)"/.exec(w.message)?.[1] ?? ''),
  );

/** The reference with the documented differences (a)–(e) applied, and nothing else. */
function normalise(ref: Reference, mine: Desise, repeated: ReadonlySet<string>): Reference {
  const terms: Record<string, ReferenceTerm> = {};
  for (const [id, term] of Object.entries(ref.terms)) {
    const own = mine.terms[id];
    const trimmed = (text: string | null) => (text === null || text.trim() === '' ? null : text.trim());
    let label = term.label.trim();
    let description = trimmed(term.description);
    if (repeated.has(id) && own) {
      ({ label, description } = own); // (e), checked on its own below
    }
    const wider = own && sameMembers(own.wider, term.wider) ? own.wider : term.wider; // (b)
    terms[id] = {
      label,
      description,
      ...(term.deprecated !== undefined ? { deprecated: term.deprecated } : {}), // (a)
      ...(term.useInstead !== undefined ? { useInstead: term.useInstead } : {}),
      ...(term.preliminary !== undefined ? { preliminary: term.preliminary } : {}),
      wider,
      narrower: [...new Set(term.narrower)], // (c)
    };
  }
  return { uri: ref.uri, flavour: ref.flavour, terms };
}

const sameMembers = (a: readonly string[], b: readonly string[]) => a.length === b.length && [...a].sort().join('\n') === [...b].sort().join('\n');

describe('desise of every IVOA vocabulary equals the converter build (VocInVO2 desise)', () => {
  it('the reference builds hold 17 desise files', () => {
    expect(REFERENCES).toHaveLength(17);
  });

  describe.each(REFERENCES)('%s', (id, file) => {
    it('equals the reference as JSON, key order included, apart from the documented differences', () => {
      const mine = ours(id);
      const expected = normalise(reference(file), mine, id === 'facility' ? repeatedIds('facility') : new Set());
      expect(Object.keys(mine.terms)).toEqual(Object.keys(expected.terms));
      expect(mine).toEqual(expected);
      expect(JSON.stringify(mine)).toBe(JSON.stringify(expected));
    });
  });

  it('`astrovoc export --format desise` writes the same document', () => {
    const text = exportDesise(service, 'refframe')!;
    expect(JSON.parse(text)).toEqual(ours('refframe'));
    expect(text.startsWith('{\n  "uri": "http://www.ivoa.net/rdf/refframe",\n  "flavour": "RDF Class",\n  "terms": {\n    "EQUATORIAL": {')).toBe(true);
    expect(exportDesise(service, 'no-such-vocabulary')).toBeUndefined();
  });
});

describe('the documented differences, each on its own', () => {
  it('(a) ivoasem keys: the converter orders deprecated/useInstead either way; astrovoc always deprecated, useInstead', () => {
    const ref = reference('refframe/refframe.desise');
    const orders = new Set(
      Object.values(ref.terms)
        .filter((t) => t.deprecated !== undefined)
        .map((t) => Object.keys(t).join(',')),
    );
    expect(orders).toEqual(new Set(['label,description,deprecated,useInstead,wider,narrower', 'label,description,useInstead,deprecated,wider,narrower']));
    const mine = ours('refframe');
    const deprecated = Object.values(mine.terms).filter((t) => t.deprecated !== undefined);
    expect(deprecated).toHaveLength(7);
    expect(new Set(deprecated.map((t) => Object.keys(t).join(',')))).toEqual(new Set(['label,description,deprecated,useInstead,wider,narrower']));
  });

  it('(b) product-type time-cube: the converter lists its three parents in set order; astrovoc in source order', () => {
    expect(reference('product-type/product-type.desise').terms['time-cube']!.wider).toEqual([
      'cube',
      'temporally-resolved-dataset',
      'spatially-resolved-dataset',
    ]);
    // terms.csv line 5: level 3 under cube; skos:broader(spatially-resolved-dataset) skos:broader(temporally-resolved-dataset)
    expect(ours('product-type').terms['time-cube']!.wider).toEqual(['cube', 'spatially-resolved-dataset', 'temporally-resolved-dataset']);
  });

  it('(c) object-type#star: the converter lists 82 narrower entries for 66 descendants; astrovoc 66, same order', () => {
    const ref = reference('object-type/object-type.desise').terms.star!.narrower;
    expect(ref).toHaveLength(82);
    expect(new Set(ref).size).toBe(66);
    const mine = ours('object-type').terms.star!.narrower;
    expect(mine).toEqual([...new Set(ref)]);
    const repeats = Object.values(reference('object-type/object-type.desise').terms).filter((t) => new Set(t.narrower).size !== t.narrower.length);
    expect(repeats).toHaveLength(6);
  });

  it('(d) padding: messenger Photon loses the leading spaces the converter keeps', () => {
    expect(reference('messenger/messenger.desise').terms.Photon!.description).toBe('          Carrier particles of the electromagnetic interaction');
    expect(ours('messenger').terms.Photon!.description).toBe('Carrier particles of the electromagnetic interaction');
  });

  it('(d) a blank description is null in both (the converter\'s Turtle says "N/D", its desise null)', () => {
    expect(reference('facility/facility.desise').terms['parkes-12-metre-telescope']!.description).toBeNull();
    expect(ours('facility').terms['parkes-12-metre-telescope']!.description).toBeNull();
  });

  it('(e) a repeated facility id: the converter shows the last row, astrovoc the first and keeps both', () => {
    const repeated = repeatedIds('facility');
    expect(repeated.size).toBe(85);
    const ref = reference('facility/facility.desise');
    const mine = ours('facility');
    expect(ref.terms.phoenix!.label).toBe('Phoenix');
    expect(mine.terms.phoenix!.label).toBe('PHOENIX');
    expect(service.index.term('facility', 'phoenix')!.labels).toEqual(['PHOENIX', 'Phoenix']);
    let differing = 0;
    for (const id of repeated) {
      const term = service.index.term('facility', id)!;
      expect(term.labels).toContain(ref.terms[id]!.label.trim());
      const description = ref.terms[id]!.description?.trim();
      if (description) expect(term.definitions).toContain(description);
      if (mine.terms[id]!.label !== ref.terms[id]!.label.trim() || mine.terms[id]!.description !== (description || null)) differing++;
    }
    expect(differing).toBeGreaterThan(0);
    expect(Object.keys(mine.terms)).toHaveLength(7895);
  });
});

/** The rules of standards.md, from the source rows: level parents, skos:broader, flags and useInstead. */
function expectedFromSource(path: string, flavour: 'RDF Class' | 'SKOS') {
  const rows = splitTermsCsv(new TextDecoder().decode(readMirror(path)), path).map((row) => {
    const [id, level, label, description, relations] = row.fields.map((f) => f.text.trim());
    return { id: id!, level: Number(level), label: label!, description: description || null, relations: relations ?? '' };
  });
  const stack: string[] = [];
  const parents = new Map<string, string[]>();
  for (const row of rows) {
    stack.length = row.level - 1;
    const list = row.level > 1 ? [stack[row.level - 2]!] : [];
    for (const match of row.relations.matchAll(/skos:broader\(([^)]+)\)/g)) if (!list.includes(match[1]!)) list.push(match[1]!);
    parents.set(row.id, list);
    stack[row.level - 1] = row.id;
  }
  const children = (id: string) => rows.filter((r) => parents.get(r.id)!.includes(id)).map((r) => r.id);
  const descendants = (id: string): string[] => {
    const out: string[] = [];
    for (let queue = children(id); queue.length > 0;) {
      const next = queue.shift()!;
      if (!out.includes(next)) out.push(next);
      queue.push(...children(next));
    }
    return out;
  };
  return rows.map((row) => ({
    ...row,
    wider: parents.get(row.id)!,
    narrowerSet: new Set(flavour === 'SKOS' ? children(row.id) : descendants(row.id)),
    deprecated: /ivoasem:deprecated/.test(row.relations),
    preliminary: /ivoasem:preliminary/.test(row.relations),
    useInstead: /ivoasem:useInstead\(([^)]+)\)/.exec(row.relations)?.[1],
  }));
}

function checkKeyByKey(term: DesiseTerm, row: ReturnType<typeof expectedFromSource>[number]): void {
  expect(term.label).toBe(row.label);
  expect(term.description).toBe(row.description);
  expect(term.wider).toEqual(row.wider);
  expect(new Set(term.narrower)).toEqual(row.narrowerSet);
  expect(term.narrower).toHaveLength(row.narrowerSet.size);
  expect('deprecated' in term).toBe(row.deprecated);
  if (row.deprecated) expect(term.deprecated).toBe('');
  expect('preliminary' in term).toBe(row.preliminary);
  if (row.preliminary) expect(term.preliminary).toBe('');
  expect(term.useInstead).toBe(row.useInstead);
  expect(Object.keys(term)).toEqual([
    'label',
    'description',
    ...(row.deprecated ? ['deprecated'] : []),
    ...(row.useInstead ? ['useInstead'] : []),
    ...(row.preliminary ? ['preliminary'] : []),
    'wider',
    'narrower',
  ]);
}

describe('refframe key by key (VocInVO2: RDF Class, narrower is every descendant)', () => {
  const rows = () => expectedFromSource('ivoa-vocabularies/refframe/terms.csv', 'RDF Class');

  it('the envelope: uri, flavour, and the 21 terms in source order', () => {
    const mine = ours('refframe');
    expect(Object.keys(mine)).toEqual(['uri', 'flavour', 'terms']);
    expect(mine.uri).toBe('http://www.ivoa.net/rdf/refframe');
    expect(mine.flavour).toBe('RDF Class');
    expect(Object.keys(mine.terms)).toEqual(rows().map((r) => r.id));
  });

  it('each term: label, description, wider, narrower, flags and useInstead as the rules say', () => {
    const mine = ours('refframe');
    for (const row of rows()) checkKeyByKey(mine.terms[row.id]!, row);
  });

  it('EQUATORIAL lists its six children; deprecated galactic says use GALACTIC and has no preliminary key', () => {
    const mine = ours('refframe');
    expect(mine.terms.EQUATORIAL!.narrower).toEqual(['geo_app', 'ICRS', 'FK4', 'FK5', 'eq_FK4', 'eq_FK5']);
    expect(mine.terms.galactic).toEqual({
      label: 'Galactic',
      description: 'Old VOTable COOSYS term for GALACTIC.',
      deprecated: '',
      useInstead: 'GALACTIC',
      wider: ['GENERIC_GALACTIC'],
      narrower: [],
    });
  });
});

describe('product-type key by key (VocInVO2: SKOS, narrower is the direct children only)', () => {
  const rows = () => expectedFromSource('ivoa-vocabularies/product-type/terms.csv', 'SKOS');

  it('the envelope says SKOS and lists the 22 terms in source order', () => {
    const mine = ours('product-type');
    expect(mine.flavour).toBe('SKOS');
    expect(Object.keys(mine.terms)).toEqual(rows().map((r) => r.id));
    expect(rows()).toHaveLength(22);
  });

  it('each term: label, description, wider (level parent and skos:broader), direct narrower, flags', () => {
    const mine = ours('product-type');
    for (const row of rows()) checkKeyByKey(mine.terms[row.id]!, row);
  });

  it("spatially-resolved-dataset lists cube but not cube's children that are not its own (not transitive)", () => {
    const mine = ours('product-type').terms;
    expect(mine.cube!.narrower).toEqual(['spectral-cube', 'time-cube', 'polarization-cube']);
    // spectral-cube is a direct child of both (skos:broader), so it is listed under each.
    expect(mine['spatially-resolved-dataset']!.narrower).toContain('spectral-cube');
    expect(Object.values(mine).filter((t) => t.preliminary !== undefined)).toHaveLength(1);
  });
});

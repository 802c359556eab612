import { readFileSync, readdirSync } from 'node:fs';
import { checkTermChange, TERM_RULES, type TermRuleCode } from '../../../src/curation/term-rules.js';
import { readTermsCsv } from '../../../src/ingest/index.js';
import {
  AstrovocError,
  ERROR_KINDS,
  IVOASEM,
  RDF,
  RDFS,
  SKOS,
  type Flavour,
  type Quad,
  type TermChange,
  type TermLink,
  type TermRecord,
  type VocabularyMeta,
} from '../../../src/model/index.js';
import { mirrorPath } from '../../support/mirror.js';
import { vocabularyMeta } from '../../support/vocabulary-meta.js';

// ---- records from the mirror's terms.csv, as the hosted vocabulary has them

const PARENT_PREDICATES = new Set([`${RDFS}subClassOf`, `${RDFS}subPropertyOf`, `${SKOS}broader`]);
const LABEL_PREDICATES = new Set([`${RDFS}label`, `${SKOS}prefLabel`]);
const DESCRIPTION_PREDICATES = new Set([`${RDFS}comment`, `${SKOS}definition`]);

function recordsOf(quads: readonly Quad[], vocabulary: VocabularyMeta): Map<string, TermRecord> {
  const records = new Map<string, TermRecord>();
  const local = (value: string): string => (value.startsWith(vocabulary.termBase) ? value.slice(vocabulary.termBase.length) : value);
  for (const { subject, predicate, object } of quads) {
    if (subject.termType !== 'NamedNode' || !subject.value.startsWith(vocabulary.termBase)) continue;
    const id = local(subject.value);
    let record = records.get(id);
    if (!record) {
      record = { id, label: '', description: '', altLabels: [], parents: [], status: 'approved', links: [] };
      records.set(id, record);
    }
    const p = predicate.value;
    if (p === `${RDF}type`) continue;
    else if (LABEL_PREDICATES.has(p)) record.label = object.value;
    else if (DESCRIPTION_PREDICATES.has(p)) record.description = object.value;
    else if (PARENT_PREDICATES.has(p)) record.parents.push(local(object.value));
    else if (p === `${IVOASEM}deprecated`) record.status = 'deprecated';
    else if (p === `${IVOASEM}preliminary`) record.status = record.status === 'deprecated' ? 'deprecated' : 'preliminary';
    else if (p === `${IVOASEM}useInstead`) record.useInstead = local(object.value);
    else if (p === `${SKOS}altLabel`) record.altLabels.push(object.value);
    else record.links.push({ predicate: p, target: object.value });
  }
  return records;
}

interface HostedVocabulary {
  flavour: Flavour;
  records: Map<string, TermRecord>;
}

function hosted(id: string): HostedVocabulary {
  const { quads, vocabulary } = readTermsCsv({
    files: {
      terms: { name: `${id}/terms.csv`, bytes: readFileSync(mirrorPath(`ivoa-vocabularies/${id}/terms.csv`)) },
      config: { name: 'vocabs.conf', bytes: readFileSync(mirrorPath('ivoa-vocabularies/vocabs.conf')) },
    },
    vocabulary: vocabularyMeta(id, `http://www.ivoa.net/rdf/${id}`),
    options: {},
  });
  return { flavour: vocabulary.flavour, records: recordsOf(quads, vocabulary) };
}

const refframe = hosted('refframe');

// ---- small hand-made vocabularies for the edge cases

function term(id: string, overrides: Partial<TermRecord> = {}): TermRecord {
  return { id, label: id, description: `The ${id}.`, altLabels: [], parents: [], status: 'approved', links: [], ...overrides };
}
const vocabularyOf = (...records: TermRecord[]): Map<string, TermRecord> => new Map(records.map((record) => [record.id, record]));

// ---- refusals: every rule code met here is checked off in the last test

const met = new Set<string>();

function refusal(records: ReadonlyMap<string, TermRecord>, flavour: Flavour, change: TermChange) {
  let error: unknown;
  try {
    checkTermChange(records, flavour, change);
  } catch (caught) {
    error = caught;
  }
  if (!(error instanceof AstrovocError)) throw new Error(`expected an AstrovocError for ${JSON.stringify(change)}, got ${String(error)}`);
  const rule = error.fields.rule as TermRuleCode;
  met.add(rule);
  return {
    kind: error.kind,
    status: ERROR_KINDS[error.kind].status,
    rule,
    parameter: error.location?.parameter,
    field: error.fields.field,
    fields: error.fields,
    message: error.message,
  };
}

/** The refusal of a change to refframe, an RDF Class vocabulary. */
const refused = (change: TermChange) => refusal(refframe.records, refframe.flavour, change);
const accepted = (change: TermChange, hostedAs: HostedVocabulary = refframe) => checkTermChange(hostedAs.records, hostedAs.flavour, change);

const add = (term: string, fields: TermChange['fields'] = { label: term }): TermChange => ({ action: 'add', term, fields });
const modify = (term: string, fields: TermChange['fields']): TermChange => ({ action: 'modify', term, fields });

describe('term rules: lookups', () => {
  it.each(['modify', 'deprecate', 'approve', 'remove'] as const)('term-unknown: a %s of a term the vocabulary lacks is 404', (action) => {
    const change: TermChange = action === 'modify' ? { action, term: 'FK6', fields: { label: 'FK6' } } : { action, term: 'FK6' };
    expect(refused(change)).toMatchObject({ kind: 'not-found', status: 404, rule: 'term-unknown', parameter: 'term', fields: { term: 'FK6' } });
  });

  it('unique-id: adding an id refframe already has is 409', () => {
    expect(refused(add('ICRS'))).toMatchObject({ kind: 'conflict', status: 409, rule: 'unique-id', parameter: 'term' });
  });

  it.each(['bad id', 'FK6;', 'Köln', 'a#b', '', 'x'.repeat(201)])('VocInVO2 §4 id-syntax: %j is not a term id', (id) => {
    expect(refused(add(id, { label: 'A term' }))).toMatchObject({ status: 422, rule: 'id-syntax', parameter: 'term', field: 'term' });
  });

  it('VocInVO2 §4 id-syntax: letters, digits, "_" and "-" up to 200 characters are an id', () => {
    expect(accepted(add('FK6_new-2'))?.id).toBe('FK6_new-2');
    expect(accepted(add('x'.repeat(200)))?.id).toHaveLength(200);
  });
});

describe('term rules: add', () => {
  it('an added term is preliminary and has what the change gave it', () => {
    const links: TermLink[] = [{ predicate: `${SKOS}exactMatch`, target: 'https://example.org/frames/fk6' }];
    const fields = { label: 'FK6', description: 'Positions based on the 6th Fundamental Katalog.', altLabels: ['Sixth FK'], parents: ['EQUATORIAL'], links };
    expect(accepted(add('FK6', fields))).toEqual({ id: 'FK6', status: 'preliminary', ...fields });
  });

  it('an added term with only a label has an empty description and no relations', () => {
    expect(accepted(add('FK6'))).toEqual({ id: 'FK6', label: 'FK6', description: '', altLabels: [], parents: [], status: 'preliminary', links: [] });
  });

  it('checking changes nothing: the after-record shares no arrays with the change or the hosted records', () => {
    const parents = ['EQUATORIAL'];
    const after = accepted(add('FK6', { label: 'FK6', parents }));
    after?.parents.push('ECLIPTIC');
    expect(parents).toEqual(['EQUATORIAL']);
    const moved = accepted(modify('FK5', { description: 'Changed.' }));
    moved?.parents.push('ECLIPTIC');
    expect(refframe.records.get('FK5')).toMatchObject({ description: expect.stringMatching(/^Positions/), parents: ['EQUATORIAL'] });
  });
});

describe('term rules: fields', () => {
  it.each([
    ['a change sets status', modify('FK5', { status: 'deprecated' } as TermChange['fields']), 'status'],
    ['a modify sets useInstead', modify('eq_FK4', { useInstead: 'FK5' } as TermChange['fields']), 'useInstead'],
    ['an add sets an id', add('FK6', { label: 'FK6', id: 'FK7' } as TermChange['fields']), 'id'],
    ['a deprecate carries fields', { action: 'deprecate' as const, term: 'FK4', fields: { label: 'FK4 (old)' } }, 'fields'],
  ])('field-not-editable: %s', (_, change, parameter) => {
    expect(refused(change)).toMatchObject({ status: 422, rule: 'field-not-editable', parameter });
  });

  it.each([{}, { label: undefined }, undefined])('modify-empty: a modify with fields %j is refused', (fields) => {
    expect(refused(modify('FK5', fields))).toMatchObject({ status: 422, rule: 'modify-empty', parameter: 'fields' });
  });

  it.each([
    ['an add without label', add('FK6', { description: 'No label.' })],
    ['an add with a blank label', add('FK6', { label: '   ' })],
    ['an add without fields', { action: 'add' as const, term: 'FK6' }],
    ['a modify to an empty label', modify('FK5', { label: '' })],
  ])('VocInVO2 §4.3.1 label-required: %s', (_, change) => {
    expect(refused(change)).toMatchObject({ status: 422, rule: 'label-required', parameter: 'label', field: 'label' });
  });

  it.each(['label', 'description'] as const)('%s-untrimmed: leading or trailing whitespace is refused (terms.csv trims it away)', (field) => {
    for (const text of [' FK6', 'FK6 ', 'FK6\u00a0']) {
      expect(refused(add('FK6', { label: 'FK6', [field]: text }))).toMatchObject({ rule: `${field}-untrimmed`, parameter: field });
    }
  });

  it.each(['label', 'description'] as const)(
    '%s-single-line (VocInVO2 Appendix A.1: no paragraphs): line breaks and control characters are refused',
    (field) => {
      for (const text of ['FK\n6', 'FK\r6', 'FK\t6', 'FK\u20286', 'FK\u00856', 'FK\u00006']) {
        expect(refused(modify('FK5', { [field]: text }))).toMatchObject({ status: 422, rule: `${field}-single-line`, parameter: field });
      }
    },
  );

  it('label-too-long: a label has at most 1,000 characters, counted as code points', () => {
    expect(refused(add('FK6', { label: 'x'.repeat(1001) }))).toMatchObject({ rule: 'label-too-long', fields: { limit: 1000, length: 1001 } });
    expect(accepted(add('FK6', { label: 'x'.repeat(1000) }))?.label).toHaveLength(1000);
    expect(accepted(add('FK6', { label: '\u{1d4d5}'.repeat(1000) }))?.label).toHaveLength(2000);
  });

  it('description-too-long: a description has at most 10,000 characters; empty is allowed', () => {
    expect(refused(modify('FK5', { description: 'y'.repeat(10_001) }))).toMatchObject({ rule: 'description-too-long', fields: { limit: 10_000 } });
    expect(accepted(modify('FK5', { description: 'y'.repeat(10_000) }))?.description).toHaveLength(10_000);
    expect(accepted(modify('FK5', { description: '' }))?.description).toBe('');
  });

  it('alt-labels-too-many: a term has at most 200 alt labels', () => {
    const labels = (count: number): string[] => Array.from({ length: count }, (_, index) => `Name ${index}`);
    expect(refused(modify('FK5', { altLabels: labels(201) }))).toMatchObject({ rule: 'alt-labels-too-many', parameter: 'altLabels', fields: { limit: 200 } });
    expect(accepted(modify('FK5', { altLabels: labels(200) }))?.altLabels).toHaveLength(200);
  });

  it.each([
    ['alt-label-required', ['Fifth FK', '']],
    ['alt-label-required', ['Fifth FK', '  ']],
    ['alt-label-untrimmed', ['Fifth FK', 'FK 5 ']],
    ['alt-label-single-line', ['Fifth FK', 'FK\n5']],
    ['alt-label-too-long', ['Fifth FK', 'z'.repeat(1001)]],
    ['alt-label-duplicate', ['Fifth FK', 'Fifth FK']],
    ['alt-label-parentheses', ['Fifth FK', 'FK5 (J2000']],
    ['alt-label-parentheses', ['Fifth FK', 'FK5) (J2000']],
  ])('%s: alt labels %j', (rule, altLabels) => {
    expect(refused(modify('FK5', { altLabels }))).toMatchObject({ status: 422, rule, parameter: 'altLabels.1', field: 'altLabels' });
  });

  it('balanced parentheses and a label equal to the preferred one are fine in alt labels', () => {
    expect(accepted(modify('FK5', { altLabels: ['FK5', 'Fifth FK (J2000.0)'] }))?.altLabels).toEqual(['FK5', 'Fifth FK (J2000.0)']);
  });

  const related = (target: string): TermLink => ({ predicate: `${SKOS}related`, target });

  it('links-too-many: a term has at most 100 links', () => {
    const links = (count: number): TermLink[] => Array.from({ length: count }, (_, index) => related(`https://example.org/${index}`));
    expect(refused(modify('FK5', { links: links(101) }))).toMatchObject({ rule: 'links-too-many', parameter: 'links', fields: { limit: 100 } });
    expect(accepted(modify('FK5', { links: links(100) }))?.links).toHaveLength(100);
  });

  it.each(['related', 'skos:related', 'mailto:a@b.org', 'http:/x', ''])(
    'link-predicate-iri: %j is not an absolute http, https, urn or ivo IRI',
    (predicate) => {
      expect(refused(modify('FK5', { links: [related('https://example.org/a'), { predicate, target: 'https://example.org/b' }] }))).toMatchObject({
        rule: 'link-predicate-iri',
        parameter: 'links.1.predicate',
        field: 'links',
      });
    },
  );

  it.each([`${SKOS}broader`, `${RDFS}subClassOf`, `${SKOS}altLabel`, `${IVOASEM}useInstead`, `${IVOASEM}deprecated`, `${RDF}type`])(
    'link-predicate-reserved: %s is a field of the record, not a link',
    (predicate) => {
      expect(refused(modify('FK5', { links: [{ predicate, target: 'http://www.ivoa.net/rdf/refframe#ICRS' }] }))).toMatchObject({
        rule: 'link-predicate-reserved',
        parameter: 'links.0.predicate',
      });
    },
  );

  it.each([
    'ICRS',
    '#ICRS',
    'ftp://example.org/x',
    'http://',
    'https://example.org/a b',
    'https://example.org/<a>',
    'urn:x',
    'mailto:a@b.org',
    `https://example.org/${'p'.repeat(4096)}`,
  ])('link-target-iri: %j is not an absolute http, https, urn or ivo IRI', (target) => {
    expect(refused(modify('FK5', { links: [related(target)] }))).toMatchObject({
      rule: 'link-target-iri',
      parameter: 'links.0.target',
      fields: { limit: 4096 },
    });
  });

  it('link targets: http, https, urn and ivo IRIs are accepted', () => {
    const targets = [
      'http://www.ivoa.net/rdf/refframe#ICRS',
      'https://en.wikipedia.org/wiki/FK5_(catalogue)',
      'urn:nbn:de:101:1-2019',
      'ivo://ivoa.net/std/VOTable',
      'HTTPS://EXAMPLE.ORG/',
    ];
    expect(accepted(modify('FK5', { links: targets.map(related) }))?.links.map((link) => link.target)).toEqual(targets);
  });

  it('link-duplicate: the same predicate and target twice is refused; the same target under another predicate is not', () => {
    const target = 'https://example.org/fk5';
    expect(refused(modify('FK5', { links: [related(target), related(target)] }))).toMatchObject({ rule: 'link-duplicate', parameter: 'links.1' });
    expect(accepted(modify('FK5', { links: [related(target), { predicate: `${SKOS}exactMatch`, target }] }))?.links).toHaveLength(2);
  });
});

describe('term rules: parents', () => {
  it('parent-unknown: a parent must be a term of the vocabulary', () => {
    expect(refused(add('FK6', { label: 'FK6', parents: ['POLAR'] }))).toMatchObject({
      rule: 'parent-unknown',
      parameter: 'parents.0',
      fields: { term: 'POLAR' },
    });
  });

  it('VocInVO2 §4.4 parent-deprecated: a new term is not placed under a deprecated one, and no term is moved under one', () => {
    expect(refused(add('FK6', { label: 'FK6', parents: ['eq_FK4'] }))).toMatchObject({ rule: 'parent-deprecated', parameter: 'parents.0' });
    expect(refused(modify('FK5', { parents: ['supergalactic'] }))).toMatchObject({ rule: 'parent-deprecated', fields: { term: 'supergalactic' } });
  });

  it('parent-deprecated: a deprecated parent a term already has may stay when its other fields or parents change', () => {
    const records = vocabularyOf(term('old', { status: 'deprecated' }), term('new'), term('child', { parents: ['old'] }));
    expect(checkTermChange(records, 'SKOS', modify('child', { label: 'Child', parents: ['old', 'new'] }))?.parents).toEqual(['old', 'new']);
  });

  it('parent-duplicate: a parent is named once (SKOS, where several parents are allowed)', () => {
    const records = vocabularyOf(term('a'), term('b'), term('c'));
    expect(refusal(records, 'SKOS', add('d', { label: 'D', parents: ['a', 'b', 'a'] }))).toMatchObject({ rule: 'parent-duplicate', parameter: 'parents.2' });
  });

  it('parent-self: a term is not its own parent', () => {
    expect(refused(modify('FK5', { parents: ['FK5'] }))).toMatchObject({ rule: 'parent-self', parameter: 'parents.0' });
  });

  it('parent-cycle: moving a term under its own descendant is refused and the problem shows the path', () => {
    const problem = refused(modify('EQUATORIAL', { parents: ['FK5'] }));
    expect(problem).toMatchObject({ rule: 'parent-cycle', parameter: 'parents.0', fields: { term: 'FK5' } });
    expect(problem.message).toContain('"EQUATORIAL" > "FK5"');
    const records = vocabularyOf(term('a'), term('b', { parents: ['a'] }), term('c', { parents: ['b'] }), term('x'));
    expect(refusal(records, 'SKOS', modify('a', { parents: ['x', 'c'] }))).toMatchObject({ rule: 'parent-cycle', parameter: 'parents.1' });
    expect(refusal(records, 'SKOS', modify('a', { parents: ['x', 'c'] })).message).toContain('"a" > "b" > "c"');
  });

  it('parent-cycle: an add under a term whose parent is the dangling new id would close a cycle', () => {
    const records = vocabularyOf(term('orphan', { parents: ['missing'] }));
    expect(refusal(records, 'SKOS', add('missing', { label: 'Missing', parents: ['orphan'] }))).toMatchObject({ rule: 'parent-cycle' });
  });

  it('parent checks stop on cycles already in the data (SKOS allows them upstream)', () => {
    const records = vocabularyOf(term('a', { parents: ['b'] }), term('b', { parents: ['a'] }), term('c'));
    expect(checkTermChange(records, 'SKOS', modify('c', { parents: ['a'] }))?.parents).toEqual(['a']);
  });

  it('moving a term within the tree is accepted', () => {
    expect(accepted(modify('FK5', { parents: ['ECLIPTIC'] }))).toMatchObject({ id: 'FK5', parents: ['ECLIPTIC'], status: 'approved' });
    expect(accepted(modify('FK5', { parents: [] }))?.parents).toEqual([]);
  });

  it('VocInVO2 §4.3.1 tree-one-parent: a term of an RDF Class vocabulary has at most one parent', () => {
    expect(refused(add('FK6', { label: 'FK6', parents: ['EQUATORIAL', 'ECLIPTIC'] }))).toMatchObject({
      rule: 'tree-one-parent',
      parameter: 'parents.1',
      fields: { limit: 1 },
    });
  });

  it('VocInVO2 §4.2.1 tree-one-parent: so does a term of an RDF Property vocabulary; SKOS allows several', () => {
    const records = vocabularyOf(term('a'), term('b'), term('c'));
    expect(refusal(records, 'RDF Property', modify('c', { parents: ['a', 'b'] }))).toMatchObject({ rule: 'tree-one-parent' });
    expect(checkTermChange(records, 'SKOS', modify('c', { parents: ['a', 'b'] }))?.parents).toEqual(['a', 'b']);
  });
});

describe('term rules: deprecated terms', () => {
  it('VocInVO2 §2.2.5 deprecated-term-frozen: a deprecated term keeps its label and parents', () => {
    expect(refused(modify('eq_FK4', { label: 'FK4 (old)' }))).toMatchObject({ rule: 'deprecated-term-frozen', parameter: 'label' });
    expect(refused(modify('eq_FK4', { parents: ['ECLIPTIC'] }))).toMatchObject({ rule: 'deprecated-term-frozen', parameter: 'parents' });
  });

  it('deprecated-term-frozen: its description, alt labels and links may be corrected; its label and parents resent unchanged', () => {
    const fields = { label: 'FK4', parents: ['EQUATORIAL'], description: 'Old VOTable COOSYS term for FK4; use FK4.', altLabels: ['eq FK4'] };
    expect(accepted(modify('eq_FK4', fields))).toMatchObject({ ...fields, status: 'deprecated', useInstead: 'FK4' });
  });
});

describe('term rules: deprecate', () => {
  it('a deprecated term has status deprecated and its useInstead', () => {
    const before = refframe.records.get('AZ_EL');
    expect(accepted({ action: 'deprecate', term: 'AZ_EL', useInstead: 'BODY' })).toEqual({ ...before, status: 'deprecated', useInstead: 'BODY' });
    expect(accepted({ action: 'deprecate', term: 'AZ_EL' })).toEqual({ ...before, status: 'deprecated' });
  });

  it('deprecating a term whose children are not deprecated is allowed: they stay, under it', () => {
    expect(accepted({ action: 'deprecate', term: 'GENERIC_GALACTIC', useInstead: 'GALACTIC' })).toMatchObject({ status: 'deprecated' });
    expect(refframe.records.get('GALACTIC')?.parents).toEqual(['GENERIC_GALACTIC']);
  });

  it('a preliminary term may be deprecated', () => {
    const records = vocabularyOf(term('new', { status: 'preliminary' }), term('other'));
    expect(checkTermChange(records, 'SKOS', { action: 'deprecate', term: 'new', useInstead: 'other' })).toMatchObject({
      status: 'deprecated',
      useInstead: 'other',
    });
  });

  it('already-deprecated: a deprecated term is not deprecated again (its useInstead stays)', () => {
    expect(refused({ action: 'deprecate', term: 'eq_FK4', useInstead: 'FK5' })).toMatchObject({ rule: 'already-deprecated', fields: { useInstead: 'FK4' } });
  });

  it('use-instead-unknown: the replacement is a term of the vocabulary', () => {
    expect(refused({ action: 'deprecate', term: 'AZ_EL', useInstead: 'HORIZON' })).toMatchObject({ rule: 'use-instead-unknown', parameter: 'useInstead' });
  });

  it('use-instead-self: a term is not its own replacement', () => {
    expect(refused({ action: 'deprecate', term: 'AZ_EL', useInstead: 'AZ_EL' })).toMatchObject({ rule: 'use-instead-self', parameter: 'useInstead' });
  });

  it('VocInVO2 §4.4 use-instead-deprecated: the replacement is not deprecated, and the problem names its replacement', () => {
    const problem = refused({ action: 'deprecate', term: 'ecl_FK4', useInstead: 'eq_FK4' });
    expect(problem).toMatchObject({ rule: 'use-instead-deprecated', parameter: 'useInstead', fields: { term: 'eq_FK4' } });
    expect(problem.message).toContain('"FK4"');
  });

  it('VocInVO2 §4.4 deprecate-replacement: a term that deprecated terms name in useInstead is not deprecated', () => {
    expect(refused({ action: 'deprecate', term: 'FK4', useInstead: 'FK5' })).toMatchObject({
      rule: 'deprecate-replacement',
      parameter: 'term',
      fields: { terms: ['eq_FK4'], count: 1 },
    });
  });
});

describe('term rules: useInstead only on deprecated terms', () => {
  it.each([
    ['an add', { ...add('FK6'), useInstead: 'FK5' }],
    ['a modify', { ...modify('FK5', { label: 'FK 5' }), useInstead: 'FK4' }],
    ['an approve', { action: 'approve', term: 'FK5', useInstead: 'FK4' }],
  ] as [string, TermChange][])('VocInVO2 §4.4 use-instead-not-deprecated: %s cannot give useInstead', (_, change) => {
    expect(refused(change)).toMatchObject({ rule: 'use-instead-not-deprecated', parameter: 'useInstead' });
  });

  it('VocInVO2 §4.4 use-instead-not-deprecated: a record that says otherwise cannot be approved as it stands', () => {
    const records = vocabularyOf(term('odd', { status: 'preliminary', useInstead: 'other' }), term('other'));
    expect(refusal(records, 'SKOS', { action: 'approve', term: 'odd' })).toMatchObject({ rule: 'use-instead-not-deprecated', parameter: 'useInstead' });
  });
});

describe('term rules: approve and remove', () => {
  const records = vocabularyOf(
    term('root'),
    term('draft', { status: 'preliminary', parents: ['root'] }),
    term('draft-child', { status: 'preliminary', parents: ['draft'] }),
    term('draft-replacement', { status: 'preliminary' }),
    term('gone', { status: 'deprecated', useInstead: 'draft-replacement' }),
  );

  it('VocInVO2 §5.2.3 approving a preliminary term makes it approved', () => {
    expect(checkTermChange(records, 'SKOS', { action: 'approve', term: 'draft' })).toEqual({ ...records.get('draft'), status: 'approved' });
  });

  it.each(['root', 'gone'])('VocInVO2 §5.2.3 approve-not-preliminary: %s is not preliminary', (id) => {
    expect(refusal(records, 'SKOS', { action: 'approve', term: id })).toMatchObject({ rule: 'approve-not-preliminary', status: 422 });
  });

  it('removing a preliminary term nothing names gives no record', () => {
    expect(checkTermChange(records, 'SKOS', { action: 'remove', term: 'draft-child' })).toBeNull();
  });

  it.each(['root', 'gone'])('VocInVO2 §2.2.5 remove-not-preliminary: approved and deprecated terms are never removed (%s)', (id) => {
    expect(refusal(records, 'SKOS', { action: 'remove', term: id })).toMatchObject({ rule: 'remove-not-preliminary', parameter: 'status' });
  });

  it('VocInVO2 §2.2.5 remove-not-preliminary: no approved term of refframe can be removed', () => {
    expect(refused({ action: 'remove', term: 'ICRS' }).message).toContain('deprecate it instead');
  });

  it("remove-still-parent: a term that is another term's parent is not removed", () => {
    expect(refusal(records, 'SKOS', { action: 'remove', term: 'draft' })).toMatchObject({
      rule: 'remove-still-parent',
      fields: { terms: ['draft-child'], count: 1 },
    });
  });

  it('remove-still-replacement: a term that another term names in useInstead is not removed', () => {
    expect(refusal(records, 'SKOS', { action: 'remove', term: 'draft-replacement' })).toMatchObject({
      rule: 'remove-still-replacement',
      fields: { terms: ['gone'], count: 1 },
    });
  });
});

describe('term rules on the mirror', () => {
  const vocabularies = readdirSync(mirrorPath('ivoa-vocabularies'), { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && readdirSync(mirrorPath(`ivoa-vocabularies/${entry.name}`)).includes('terms.csv'))
    .map((entry) => entry.name);

  it('every term of every IVOA vocabulary passes the field and parent rules when resent as it is', () => {
    expect(vocabularies.length).toBeGreaterThanOrEqual(10);
    const refusals: string[] = [];
    for (const id of vocabularies) {
      const { records, flavour } = hosted(id);
      for (const record of records.values()) {
        const { label, description, altLabels, parents, links } = record;
        try {
          checkTermChange(records, flavour, modify(record.id, { label, description, altLabels, parents, links }));
        } catch (error) {
          refusals.push(`${id}#${record.id}: ${(error as Error).message}`);
        }
      }
    }
    expect(refusals).toEqual([]);
  });

  it('checks are linear: 180 changes to facility (a draft: 7,985 preliminary terms) and moves in a chain 8,000 terms deep (one with 7,999 parents) take well under 2 s', () => {
    const facility = hosted('facility');
    expect(facility.records.size).toBeGreaterThan(7000);
    expect([...facility.records.values()].every((record) => record.status === 'preliminary')).toBe(true);
    const ids = [...facility.records.keys()];
    const chain = vocabularyOf(...Array.from({ length: 8000 }, (_, index) => term(`t${index}`, { parents: index ? [`t${index - 1}`] : [] })));
    const started = performance.now();
    for (let round = 0; round < 30; round += 1) {
      const id = ids[(round * 157) % ids.length] as string;
      accepted(modify(id, { parents: [ids[(round * 151 + 1) % ids.length] as string] }), facility);
      accepted({ action: 'deprecate', term: id }, facility);
      expect(accepted({ action: 'remove', term: id }, facility)).toBeNull();
      accepted(add(`new-${round}`, { label: 'New', parents: [id] }), facility);
      expect(refusal(chain, 'RDF Class', modify('t0', { parents: ['t7999'] })).rule).toBe('parent-cycle');
      expect(checkTermChange(chain, 'RDF Class', modify('t7999', { parents: ['t1'] }))?.parents).toEqual(['t1']);
    }
    const allBut = (last: number): string[] => Array.from({ length: last }, (_, index) => `t${index}`);
    expect(checkTermChange(chain, 'SKOS', modify('t7999', { parents: allBut(7999) }))?.parents).toHaveLength(7999);
    const cycle = refusal(chain, 'SKOS', modify('t0', { parents: allBut(8000).slice(1) }));
    expect(cycle).toMatchObject({ rule: 'parent-cycle', parameter: 'parents.0', fields: { term: 't1' } });
    expect(cycle.message).toContain('"t0" > "t1"');
    expect(performance.now() - started).toBeLessThan(2000);
  });
});

describe('term rules: the catalogue', () => {
  it('every rule code has a problem kind from the one error table', () => {
    for (const [code, entry] of Object.entries(TERM_RULES)) expect([code, ERROR_KINDS[entry.kind].status]).toEqual([code, expect.any(Number)]);
  });

  it('every rule code was met by a test above', () => {
    expect(Object.keys(TERM_RULES).filter((code) => !met.has(code))).toEqual([]);
  });
});

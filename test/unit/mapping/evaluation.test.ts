import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { evaluate, goldInput, readGold, decodeText, type Mapping } from '../../../src/mapping/index.js';
import { bareTerm, type Term } from '../../../src/model/index.js';
import { PROJECT_ROOT } from '../../support/mirror.js';

const file = resolve(PROJECT_ROOT, 'test/fixtures/mapping/crosswalk.csv');
const RF = 'http://www.ivoa.net/rdf/refframe#';
const SKOS = 'http://www.w3.org/2004/02/skos/core#';
const m = (subject: string, predicate: string, object: string, subjectLabel?: string): Mapping => ({
  subjectId: subject,
  predicateId: `${SKOS}${predicate}`,
  objectId: object,
  justification: 'https://w3id.org/semapv/vocab/LexicalMatching',
  ...(subjectLabel ? { subjectLabel } : {}),
});

describe('gold standards', () => {
  it('reads the UAT crosswalk layout: title block, typed SKOS relations, broaderMatch, explicit no-match rows', () => {
    const gold = readGold(readFileSync(file), file);
    expect(gold.rows).toHaveLength(5);
    expect(gold.rows[0]).toMatchObject({
      subjectId: 'http://example.org/frames/icrs',
      subjectLabel: 'ICRS',
      predicate: 'exactMatch',
      objectId: `${RF}ICRS`,
      line: 5,
    });
    expect(gold.rows[1]!.predicate).toBe('broadMatch');
    expect(gold.rows[3]).toMatchObject({ predicate: 'none' });
  });

  it('a heading column ("Keyword Heading") files each subject under its heading: the headings become context terms, not subjects', () => {
    const headed = resolve(PROJECT_ROOT, 'test/fixtures/mapping/crosswalk-headings.csv');
    const gold = readGold(readFileSync(headed), headed);
    expect(gold.rows[0]).toMatchObject({ subjectLabel: 'infrared: general', subjectHeading: 'Sources', line: 4 });
    const { terms, context } = goldInput(gold);
    expect(terms.map((t) => t.labels[0])).toEqual(['infrared: general', 'X-rays: general', 'stars: flare']);
    expect(context.map((t) => t.labels[0])).toEqual(['Sources', 'Stars']);
    expect(terms[0]!.parents).toEqual([context[0]!.iri]);
    // A subject filed under two headings has both as parents.
    expect(terms[2]!.parents).toEqual([context[1]!.iri, context[0]!.iri]);
  });

  it('decodes Windows-1252 files (the IAU Thesaurus crosswalk) when they are not UTF-8', () => {
    expect(decodeText(new Uint8Array([0x41, 0x96, 0x42]))).toBe('A–B');
    expect(decodeText(new TextEncoder().encode('Ångström'))).toBe('Ångström');
  });
});

describe('evaluation', () => {
  const gold = readGold(readFileSync(file), file);

  it('precision, recall and F1 per predicate; a mapping for a no-match subject is a false positive; subjects absent from the gold are ignored', () => {
    const computed = [
      m('http://example.org/frames/icrs', 'exactMatch', `${RF}ICRS`),
      m('http://example.org/frames/ecl', 'exactMatch', `${RF}ECLIPTIC`),
      m('http://example.org/frames/hee', 'exactMatch', `${RF}ECLIPTIC`),
      m('http://example.org/frames/gal', 'exactMatch', `${RF}GALACTIC`),
      m('http://example.org/frames/unknown', 'exactMatch', `${RF}FK4`),
    ];
    const e = evaluate(gold, computed);
    expect(e.subjectKey).toBe('id');
    expect(e.byPredicate.exactMatch).toMatchObject({ truePositives: 2, predicted: 4, gold: 3 });
    expect(e.byPredicate.exactMatch.precision).toBeCloseTo(0.5);
    expect(e.byPredicate.exactMatch.recall).toBeCloseTo(2 / 3);
    expect(e.byPredicate.exactMatch.f1).toBeCloseTo(4 / 7);
    expect(e.byPredicate.broadMatch).toMatchObject({ truePositives: 0, gold: 1 });
    expect(e.falsePositives).toContainEqual({ subject: 'http://example.org/frames/hee', predicate: 'exactMatch', object: `${RF}ECLIPTIC` });
    expect(e.misses.map((t) => t.predicate)).toContain('broadMatch');
  });

  it('matches subjects by normalised label when the computed set does not use the gold identifiers, and objects through their other IRIs', () => {
    const computed = [m('urn:x:1', 'exactMatch', 'http://astrothesaurus.example/1', 'icrs'), m('urn:x:2', 'exactMatch', `${RF}FK5`, 'FK-5')];
    const canonical = (i: string) => (i === 'http://astrothesaurus.example/1' ? `${RF}ICRS` : i);
    const e = evaluate(gold, computed, canonical);
    expect(e.subjectKey).toBe('label');
    expect(e.byPredicate.exactMatch).toMatchObject({ truePositives: 2, predicted: 2 });
  });
});

describe('evaluation against a gold set made for an older version of the object vocabulary', () => {
  const staleFile = resolve(PROJECT_ROOT, 'test/fixtures/mapping/crosswalk-stale.csv');
  const gold = readGold(readFileSync(staleFile), staleFile);
  const T = 'http://example.org/t/';
  const F = 'http://example.org/f/';
  const concept = (n: number, label: string, extra: Partial<Term> = {}): Term =>
    bareTerm({ iri: `${T}${n}`, id: String(n), vocabularyId: 't', labels: [label], ...extra });
  // 1 Alpha as it was; 2 Beta gone; 3 Gamma deprecated for 7; 4 Delta deprecated, no replacement; 5 renamed; 6 Eta; 7 Gamma prime; 9 minted after the gold
  const hostedTerms = [
    concept(1, 'Alpha'),
    concept(3, 'Gamma', { status: { preliminary: false, deprecated: true }, useInstead: [`${T}7`] }),
    concept(4, 'Delta', { status: { preliminary: false, deprecated: true } }),
    concept(5, 'Upsilon'),
    concept(6, 'Eta'),
    concept(7, 'Gamma prime'),
    concept(9, 'Zeta'),
  ];
  const hosted = (iri: string) => hostedTerms.find((t) => t.iri === iri);
  const order = (iri: string) => (iri.startsWith(T) ? Number(iri.slice(T.length)) : undefined);

  it('a subject URL filled down onto another term is given back to the term it spells, with a warning naming the line', () => {
    expect(gold.warnings).toHaveLength(1);
    expect(gold.warnings[0]!.message).toMatch(/crosswalk-stale\.csv:10: subject URL http:\/\/example\.org\/f\/ZETA\.html belongs to "ZETA", not "ETA"/);
    expect(gold.rows.find((r) => r.line === 10)).toMatchObject({ subjectId: `${F}ETA.html`, subjectLabel: 'ETA' });
  });

  it('gold pairs whose object is gone, deprecated or renamed in the hosted version are reported apart, not counted as misses', () => {
    const computed = [m(`${F}ALPHA.html`, 'exactMatch', `${T}1`), m(`${F}GAMMA.html`, 'exactMatch', `${T}7`), m(`${F}DELTA.html`, 'exactMatch', `${T}6`)];
    const e = evaluate(gold, computed, { hosted, order });
    expect(e.stale.map((s) => [s.row.subjectLabel, s.reason, s.found])).toEqual([
      ['BETA', 'missing', false],
      ['GAMMA', 'replaced', true],
      ['DELTA', 'deprecated', false],
      ['EPSILON', 'renamed', false],
    ]);
    expect(e.stale[1]!.replacement).toBe(`${T}7`);
    // Only ALPHA is left to judge for exactMatch; GAMMA's and DELTA's computed mappings are not judged.
    expect(e.byPredicate.exactMatch).toMatchObject({ truePositives: 1, predicted: 1, gold: 1 });
    expect(e.unjudged.staleSubjects).toBe(2);
  });

  it('without the hosted version every gold pair counts (the measurement as it was)', () => {
    const e = evaluate(gold, [m(`${F}ALPHA.html`, 'exactMatch', `${T}1`)]);
    expect(e.byPredicate.exactMatch).toMatchObject({ truePositives: 1, predicted: 1, gold: 5 });
    expect(e.stale).toEqual([]);
  });

  it('a mapping to a concept minted after every concept the gold names is not judged; one to an older concept is', () => {
    const e = evaluate(gold, [m(`${F}ZETA.html`, 'exactMatch', `${T}9`), m(`${F}ETA.html`, 'exactMatch', `${T}1`)], { hosted, order });
    expect(e.newestGoldObject).toBe(6);
    expect(e.unjudged.newerObjects).toBe(1);
    // ETA → Alpha is judged: the gold says relatedMatch, so as an exactMatch it is a false positive.
    expect(e.byPredicate.exactMatch).toMatchObject({ truePositives: 0, predicted: 1 });
  });

  it('a true positive needs the gold predicate: an exactMatch where the gold says closeMatch is a false positive and a miss', () => {
    const e = evaluate(gold, [m(`${F}ETA.html`, 'exactMatch', `${T}6`)], { hosted, order });
    expect(e.byPredicate.exactMatch).toMatchObject({ truePositives: 0, predicted: 1 });
    expect(e.byPredicate.closeMatch).toMatchObject({ truePositives: 0, predicted: 0, gold: 1 });
  });
});

import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { evaluate, readGold, decodeText, type Mapping } from '../../../src/mapping/index.js';
import { PROJECT_ROOT } from '../../support/mirror.js';

const file = resolve(PROJECT_ROOT, 'test/fixtures/mapping/crosswalk.csv');
const RF = 'http://www.ivoa.net/rdf/refframe#';
const SKOS = 'http://www.w3.org/2004/02/skos/core#';
const m = (subject: string, predicate: string, object: string, subjectLabel?: string): Mapping => ({ subjectId: subject, predicateId: `${SKOS}${predicate}`, objectId: object, justification: 'https://w3id.org/semapv/vocab/LexicalMatching', ...(subjectLabel ? { subjectLabel } : {}) });

describe('gold standards', () => {
  it('reads the UAT crosswalk layout: title block, typed SKOS relations, broaderMatch, explicit no-match rows', () => {
    const gold = readGold(readFileSync(file), file);
    expect(gold.rows).toHaveLength(5);
    expect(gold.rows[0]).toMatchObject({ subjectId: 'http://example.org/frames/icrs', subjectLabel: 'ICRS', predicate: 'exactMatch', objectId: `${RF}ICRS`, line: 5 });
    expect(gold.rows[1]!.predicate).toBe('broadMatch');
    expect(gold.rows[3]).toMatchObject({ predicate: 'none' });
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
  });

  it('matches subjects by normalised label when the computed set does not use the gold identifiers, and objects through their other IRIs', () => {
    const computed = [m('urn:x:1', 'exactMatch', 'http://astrothesaurus.example/1', 'icrs'), m('urn:x:2', 'exactMatch', `${RF}FK5`, 'FK-5')];
    const canonical = (i: string) => (i === 'http://astrothesaurus.example/1' ? `${RF}ICRS` : i);
    const e = evaluate(gold, computed, canonical);
    expect(e.subjectKey).toBe('label');
    expect(e.byPredicate.exactMatch).toMatchObject({ truePositives: 2, predicted: 2 });
  });
});

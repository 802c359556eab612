import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { VotableFinding, VotableReport } from '../../../src/ucd/index.js';
import { PROJECT_ROOT } from '../../support/mirror.js';
import { loadUcdService, loadVotableVocabularies } from './load-ucd.js';

const service = loadUcdService();
const vocabularies = loadVotableVocabularies();
const fixture = (name: string): string => readFileSync(resolve(PROJECT_ROOT, 'test/fixtures/ucd', name), 'utf8');
const check = (name: string): VotableReport => service.checkVotable(fixture(name), vocabularies);
const finding = (report: VotableReport, attribute: string, value: string): VotableFinding | undefined =>
  report.findings.find((f) => f.attribute === attribute && f.value === value);

describe('VOTable 1.5: UCDs of FIELD, PARAM and INFO', () => {
  const report = check('votable-1.5.xml');

  test('every ucd attribute is reported with its element, name, line and status', () => {
    const ucds = report.findings.filter((f) => f.attribute === 'ucd');
    expect(ucds.map((f) => [f.element, f.name, f.line, f.status])).toEqual([
      ['INFO', 'QUERY_STATUS', 4, 'valid'],
      ['PARAM', 'band', 9, 'valid'],
      ['FIELD', 'ra', 10, 'valid'],
      ['FIELD', 'dec', 11, 'invalid'],
      ['FIELD', 'vmag', 12, 'invalid'],
      ['FIELD', 'proj', 13, 'deprecated'],
    ]);
  });

  test('the column points at the ucd attribute and invalid UCDs carry a validated suggestion', () => {
    const dec = finding(report, 'ucd', 'meta.main;pos.eq.dec');
    expect(dec?.column).toBe(fixture('votable-1.5.xml').split('\n')[10]!.indexOf('ucd=') + 1);
    expect(dec?.suggestion).toBe('pos.eq.dec;meta.main');
    expect(finding(report, 'ucd', 'phot.mgg;em.opt.V')?.suggestion).toBe('phot.mag;em.opt.V');
    expect(finding(report, 'ucd', 'pos.lambert')?.suggestion).toBe('pos.projection');
  });

  test('VOTable 1.5 §3.3: COOSYS@system and @refposition against refframe and refposition', () => {
    expect(finding(report, 'system', 'ICRS')?.status).toBe('valid');
    expect(report.findings.filter((f) => f.element === 'COOSYS' && f.attribute === 'refposition').map((f) => f.status)).toEqual(['valid']);
  });

  test('VOTable 1.4 §3.4 TIMESYS: timescale and refposition checked; a case-only difference is named', () => {
    expect(finding(report, 'timescale', 'TCB')?.status).toBe('valid');
    expect(finding(report, 'timescale', 'tcb')).toMatchObject({ status: 'invalid', suggestion: 'TCB' });
    expect(finding(report, 'refposition', 'MOON')?.status).toBe('invalid');
  });

  test('the overall status is invalid and the counts add up', () => {
    expect(report.status).toBe('invalid');
    expect(report.version).toBe('1.5');
    expect(Object.values(report.counts).reduce((a, b) => a + b, 0)).toBe(report.findings.length);
  });
});

describe('older VOTables', () => {
  const report = check('votable-1.3-prefixed.xml');

  test('namespace-prefixed elements (vot:FIELD) are checked; a UCD1 (POS_EQ_RA_MAIN) is invalid', () => {
    expect(finding(report, 'ucd', 'POS_EQ_RA_MAIN')).toMatchObject({ element: 'FIELD', line: 6, status: 'invalid' });
    expect(finding(report, 'ucd', 'pos.eq.dec;meta.main')?.status).toBe('valid');
  });

  test('the pre-1.5 COOSYS value eq_FK5 is deprecated in refframe, with FK5 to use instead', () => {
    expect(finding(report, 'system', 'eq_FK5')).toMatchObject({ status: 'deprecated', suggestion: 'FK5', line: 4 });
  });

  test('a missing vocabulary leaves its values not-checked', () => {
    const bare = service.checkVotable(fixture('votable-1.3-prefixed.xml'), {});
    expect(finding(bare, 'system', 'eq_FK5')?.status).toBe('not-checked');
  });
});

describe('DataLink 1.1 §3.2: semantics values against datalink/core', () => {
  const report = check('datalink.xml');
  const semantics = report.findings.filter((f) => f.attribute === 'semantics');

  test('each row of the semantics column is judged with its line', () => {
    expect(semantics.map((f) => [f.value, f.status])).toEqual([
      ['#this', 'valid'],
      ['#preview', 'valid'],
      ['progenitor', 'invalid'],
      ['#thumbnails', 'invalid'],
      ['http://example.org/vocab#calibration-file', 'valid-with-warnings'],
    ]);
    expect(semantics[0]?.line).toBe(10);
  });

  test('a bare term is told to use the #term form', () => {
    expect(semantics[2]?.suggestion).toBe('#progenitor');
  });
});

describe('unsafe or broken documents', () => {
  test('an external entity is never resolved; the document is refused with a message', () => {
    const report = check('external-entity.xml');
    expect(report.status).toBe('invalid');
    expect(JSON.stringify(report)).not.toContain('root:');
  });

  test('internal entities are not expanded (no entity bomb); the UCDs are still checked', () => {
    const report = check('entity-expansion.xml');
    expect(report.problems.map((p) => p.message).join(' ')).toContain('not expanded');
    expect(finding(report, 'ucd', 'phot.mag')?.status).toBe('valid');
    expect(JSON.stringify(report).length).toBeLessThan(20_000);
  });

  test('a document that is not well-formed is reported with its line', () => {
    const report = check('not-well-formed.xml');
    expect(report.status).toBe('invalid');
    expect(report.problems[0]).toMatchObject({ severity: 'error', line: 5 });
  });

  test('input size is bounded', () => {
    const report = service.checkVotable(fixture('votable-1.5.xml'), vocabularies, { maxBytes: 100 });
    expect(report.status).toBe('invalid');
    expect(report.problems[0]?.message).toContain('at most 100 bytes');
  });

  test('empty input and a non-VOTable root are refused plainly', () => {
    expect(service.checkVotable('', vocabularies).problems[0]?.message).toContain('empty');
    expect(service.checkVotable('<html><body/></html>', vocabularies).problems[0]?.message).toContain('expected VOTABLE');
  });
});

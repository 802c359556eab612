import { browseUcd } from '../../../src/ucd/index.js';
import { loadUcdService } from './load-ucd.js';

const service = loadUcdService();

describe('browseUcd: what the UCD page shows at once', () => {
  test('a UCD comes validated and explained; a text comes with five valid candidates', () => {
    const browse = browseUcd(service, { ucd: 'phot.mag;em.opt.V', text: 'error on the V magnitude' });
    expect(browse.validation).toMatchObject({ status: 'valid', canonical: 'phot.mag;em.opt.V' });
    expect(browse.validation?.explanation.text).toContain('Photometric magnitude');
    expect(browse.candidates?.[0]?.ucd).toBe('stat.error;phot.mag;em.opt.V');
    expect(browse.candidates).toHaveLength(5);
  });

  test('without a UCD or a text there is no validation and no candidate, and every word is listed, deprecated ones too', () => {
    const browse = browseUcd(service, {});
    expect(browse.version).toBe('1.6');
    expect(browse.validation).toBeUndefined();
    expect(browse.candidates).toBeUndefined();
    expect(browse.words).toHaveLength(browse.listed + browse.deprecated);
    expect(browse.deprecated).toBeGreaterThan(0);
    expect(browse.families).toContain('phot');
    expect([...browse.families].sort()).toEqual(browse.families);
  });

  test('UCD1+ EN 1.6 §2: a code filter lists the words of that code, leaving out deprecated words (they have no code)', () => {
    const browse = browseUcd(service, { code: 'V' });
    expect(browse.words).toHaveLength(6);
    expect(browse.words.every((w) => w.code === 'V' && !w.deprecated)).toBe(true);
  });

  test('a family (any case) and a text filter combine', () => {
    const browse = browseUcd(service, { family: 'POS', q: 'lambert' });
    expect(browse.words.map((w) => w.word)).toEqual(['pos.lambert']);
    expect(browse.words[0]).toMatchObject({ deprecated: true, replacement: 'pos.projection' });
    expect(browseUcd(service, { family: 'phot' }).words.every((w) => w.word === 'phot' || w.word.startsWith('phot.'))).toBe(true);
  });
});

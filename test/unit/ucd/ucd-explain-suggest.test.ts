import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { QUANTITIES, BANDS, QUALIFIERS, WRAPPERS } from '../../../src/ucd/ucd-lexicon.js';
import { PROJECT_ROOT } from '../../support/mirror.js';
import { loadUcdService } from './load-ucd.js';

const service = loadUcdService();

interface EvalItem {
  text: string;
  expected: string[];
}
const evalSet = (JSON.parse(readFileSync(resolve(PROJECT_ROOT, 'test/fixtures/ucd/suggest-eval.json'), 'utf8')) as { items: EvalItem[] }).items;

describe('explain: a compound UCD in words (UCD1+ EN 1.6 §3: first word the quantity, then qualifiers)', () => {
  test('phot.mag;em.opt.V → photometric magnitude, in the optical V band', () => {
    const e = service.explain('phot.mag;em.opt.V');
    expect(e.text).toBe('Photometric magnitude, in the optical band between 500 and 600 nm');
    expect(e.words.map((w) => [w.word, w.role, w.iri])).toEqual([
      ['phot.mag', 'quantity', 'http://www.ivoa.net/rdf/ucd#phot.mag'],
      ['em.opt.V', 'qualifier', 'http://www.ivoa.net/rdf/ucd#em.opt.V'],
    ]);
  });

  test('stat.error;phot.mag;em.opt.B reads as an error of a magnitude in a band', () => {
    expect(service.explain('stat.error;phot.mag;em.opt.B').text).toBe(
      'Statistical error, of the photometric magnitude, in the optical band between 400 and 500 nm',
    );
  });

  test('explanations say plainly which words are deprecated or unknown', () => {
    const e = service.explain('pos.lambert;foo');
    expect(e.status).toBe('invalid');
    expect(e.words.map((w) => w.description)).toEqual(['deprecated word; use pos.projection instead', 'not a word of the UCD list']);
  });
});

describe('suggest from free text', () => {
  test('every lexicon word is a word of the EN 1.6 list', () => {
    for (const entry of [...QUANTITIES, ...BANDS, ...QUALIFIERS, ...WRAPPERS]) {
      for (const word of entry.words) expect([word, service.list.get(word)?.word]).toEqual([word, word]);
    }
  });

  test.each([
    ['RA J2000', 'pos.eq.ra;meta.main'],
    ['error on the V magnitude', 'stat.error;phot.mag;em.opt.V'],
    ['heliocentric radial velocity', 'spect.dopplerVeloc.opt;pos.heliocentric'],
    ['e_Vmag', 'stat.error;phot.mag;em.opt.V'],
    ['B-V', 'phot.color;em.opt.B;em.opt.V'],
  ])('%s → %s first, with reasons', (text, expected) => {
    const [first] = service.suggest(text);
    expect(first?.ucd).toBe(expected);
    expect(first?.reasons.length).toBeGreaterThan(0);
  });

  test('candidates are ranked by score and every one is valid', () => {
    for (const item of evalSet) {
      const candidates = service.suggest(item.text);
      const scores = candidates.map((c) => c.score);
      expect(scores).toEqual([...scores].sort((a, b) => b - a));
      for (const c of candidates) expect(service.validate(c.ucd).status).toMatch(/^valid/);
    }
  });

  test('unrelated or empty text gives no candidate rather than a guess', () => {
    expect(service.suggest('')).toEqual([]);
    expect(service.suggest('zzzz qqqq')).toEqual([]);
  });

  // Evaluation set written for astrovoc (test/fixtures/ucd/suggest-eval.json): realistic column names and
  // descriptions with every UCD a curator would accept. Written by the lexicon's author, so it measures
  // coverage of common columns rather than generalisation.
  test('evaluation set: ≥60 columns, top-1 ≥ 0.75 and top-5 ≥ 0.85', () => {
    expect(evalSet.length).toBeGreaterThanOrEqual(60);
    let top1 = 0;
    let top5 = 0;
    const misses: string[] = [];
    for (const item of evalSet) {
      const ranked = service.suggest(item.text, 5).map((c) => c.ucd);
      if (item.expected.includes(ranked[0] ?? '')) top1++;
      if (ranked.some((u) => item.expected.includes(u))) top5++;
      else misses.push(`${item.text} → ${ranked.join(' | ') || 'nothing'}`);
    }
    const n = evalSet.length;
    console.log(`suggest evaluation: n=${n} top-1=${(top1 / n).toFixed(3)} top-5=${(top5 / n).toFixed(3)}\nmisses:\n${misses.join('\n')}`);
    expect(top1 / n).toBeGreaterThanOrEqual(0.75);
    expect(top5 / n).toBeGreaterThanOrEqual(0.85);
  });
});

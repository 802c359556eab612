import { diagnoseUcd, validateUcd } from '../../../src/ucd/ucd-validator.js';
import { validateSimple } from '../../../src/ucd/ucd-fast-path.js';
import { loadUcdService } from './load-ucd.js';

const service = loadUcdService();
const list = service.list;
const words = list.words.map((w) => w.word);

/** The fast path must say exactly what the full validator says, to the JSON byte. */
function expectSameAnswer(input: string): void {
  expect(JSON.stringify(validateUcd(list, input))).toBe(JSON.stringify(diagnoseUcd(list, input)));
}

describe('the fast path gives the full validator’s answer (UCD1+ EN 1.6 §1–2)', () => {
  test('every word of the list alone, P/Q/E/C/V valid and S invalid (secondary-first)', () => {
    for (const word of words) expectSameAnswer(word);
    expect(words.filter((w) => validateSimple(list, w, 2048) === undefined)).toEqual([]);
  });

  test('every word after phot.mag and before meta.main: the position rules, repeats and E/C advice', () => {
    for (const word of words) {
      expectSameAnswer(`phot.mag;${word}`);
      expectSameAnswer(`${word};meta.main`);
      expectSameAnswer(`phot.color;${word};em.opt.V`);
      expectSameAnswer(`phot.mag;meta.main;${word}`);
    }
  });

  test.each([
    'pos.eq.ra;meta.main', 'stat.error;phot.mag;em.opt.V', 'phot.color;em.opt.B', 'phot.mag;meta.main;em.opt.V', 'phot.mag;phot.mag',
    'PHOT.MAG', 'ivoa:phot.mag', 'x:phot.mag', 'pos.eq.ra;', ';pos.eq.ra', 'pos..eq.ra', '.pos', 'pos.', 'pos.eq.ra; meta.main', 'pos.lambert',
    'foo', '', ' ', 'phot.mag\u0000', 'рhot.mag', Array.from({ length: 20 }, () => 'meta.main').join(';'), `phot.mag;${words.slice(0, 30).join(';')}`,
  ])('%j: same answer on both paths', (input) => {
    expectSameAnswer(input);
  });

  test('clean results share no state: a cached (frozen) result does not change a later one', () => {
    const first = service.validate('phot.mag');
    const second = service.check('phot.mag');
    expect(Object.isFrozen(first)).toBe(true);
    expect(second).toEqual(first);
    expect(service.check('em.opt.V').diagnostics).toEqual([expect.objectContaining({ code: 'secondary-first' })]);
    expect(service.check('phot.mag').diagnostics).toEqual([]);
  });
});

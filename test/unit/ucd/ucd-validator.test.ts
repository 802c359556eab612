import type { UcdValidation } from '../../../src/ucd/index.js';
import { loadUcdService } from './load-ucd.js';

const service = loadUcdService();
const codes = (v: UcdValidation): string[] => v.diagnostics.map((d) => d.code);
const suggested = (v: UcdValidation): string[] => v.suggestions.map((s) => s.ucd);

describe('UCD1+ EN 1.6 §1: words joined by ";", atoms by "."', () => {
  test.each(['phot.mag', 'pos.eq.ra;meta.main', 'stat.error;phot.mag;em.opt.V', 'phot.color;em.opt.B;em.opt.V', 'phot.flux;em.IR.8-15um'])(
    '%s is valid with no diagnostics',
    (ucd) => {
      const v = service.validate(ucd);
      expect(v.status).toBe('valid');
      expect(v.diagnostics).toEqual([]);
      expect(v.canonical).toBe(ucd);
    },
  );

  test('the word matches in any case and the canonical spelling is returned (phys.sfr → phys.SFR)', () => {
    const v = service.validate('PHYS.sfr;SRC.orbital.tissj');
    expect(v.status).toBe('valid');
    expect(v.canonical).toBe('phys.SFR;src.orbital.TissJ');
    expect(codes(v)).toEqual(['case-differs', 'case-differs']);
  });

  // ucidy accepts a trailing ";" and crashes on ";;"; astropy says "Invalid word ''". We report an
  // empty word at the stray separator and offer the trimmed UCD: the REC grammar has no empty word.
  test('a trailing ";" is an empty word with its position, and the trimmed UCD is suggested', () => {
    const v = service.validate('pos.eq.ra;');
    expect(v.status).toBe('invalid');
    expect(v.diagnostics[0]).toMatchObject({ code: 'empty-word', start: 9, end: 10 });
    expect(suggested(v)).toEqual(['pos.eq.ra']);
  });

  test('";;" between words is one empty word, answered without an exception', () => {
    const v = service.validate('pos.eq.ra;;meta.main');
    expect(codes(v)).toEqual(['empty-word']);
    expect(v.diagnostics[0]).toMatchObject({ start: 9, end: 10 });
    expect(suggested(v)).toEqual(['pos.eq.ra;meta.main']);
  });

  test('an empty atom ("pos..eq.ra", "phot.mag.") is reported and trimmed in the suggestion', () => {
    expect(codes(service.validate('pos..eq.ra'))).toEqual(['empty-atom']);
    expect(suggested(service.validate('pos..eq.ra'))).toEqual(['pos.eq.ra']);
    expect(codes(service.validate('phot.mag.'))).toEqual(['empty-atom']);
  });

  // astropy also refuses whitespace; we say where it is and offer the UCD without it.
  test('whitespace is an error at its column; the suggestion removes it', () => {
    const v = service.validate('pos.eq.ra; meta.main');
    expect(v.diagnostics[0]).toMatchObject({ code: 'whitespace', start: 10 });
    expect(suggested(v)).toEqual(['pos.eq.ra;meta.main']);
  });

  test('a bad character is named with its code point and column', () => {
    const v = service.validate('phot.mag/em.opt');
    expect(v.diagnostics[0]).toMatchObject({ code: 'bad-character', start: 8 });
    expect(v.diagnostics[0]?.message).toContain('U+002F');
  });
});

describe('UCD1+ EN 1.6 §2: syntax codes by position', () => {
  test('an S word first is an error (meta.main;pos.eq.ra), and moving a word that may open the UCD is suggested', () => {
    const v = service.validate('meta.main;pos.eq.ra');
    expect(v.diagnostics).toEqual([expect.objectContaining({ code: 'secondary-first', start: 0, end: 9, wordIndex: 0 })]);
    expect(suggested(v)).toEqual(['pos.eq.ra;meta.main']);
  });

  test('a P word after the first is an error (pos.eq.ra;meta.id) and moving it first is suggested', () => {
    const v = service.validate('pos.eq.ra;meta.id');
    expect(v.diagnostics).toEqual([expect.objectContaining({ code: 'primary-not-first', start: 10, wordIndex: 1 })]);
    expect(suggested(v)).toEqual(['meta.id;pos.eq.ra']);
  });

  test('EN 1.6 change: stat.stdev (now Q) may open a UCD and follow another word', () => {
    expect(service.validate('stat.stdev').status).toBe('valid');
    expect(service.validate('phot.mag;stat.stdev').status).toBe('valid');
  });

  test('the same UCD judged by the 1.5 list: stat.stdev was P there', () => {
    const v15 = loadUcdService('1.5');
    expect(v15.list.get('stat.stdev')?.code).toBe('P');
    expect(codes(v15.validate('phot.mag;stat.stdev'))).toEqual(['primary-not-first']);
  });

  test('E word: a band placed away from phot.mag gets advice, and the status stays valid', () => {
    const v = service.validate('phot.mag;meta.main;em.opt.V');
    expect(v.status).toBe('valid');
    expect(v.diagnostics).toEqual([expect.objectContaining({ code: 'band-not-after-photometric', severity: 'info' })]);
  });

  test('E word followed by a non-em word alone (phot.mag;meta.main) needs no advice', () => {
    expect(service.validate('phot.mag;meta.main').diagnostics).toEqual([]);
  });

  test('C word with one band gets advice that a colour names two', () => {
    expect(codes(service.validate('phot.color;em.opt.B'))).toEqual(['colour-needs-two-bands']);
  });

  test('a repeated word is a warning (valid-with-warnings)', () => {
    const v = service.validate('phot.mag;em.opt.V;em.opt.V');
    expect(v.status).toBe('valid-with-warnings');
    expect(codes(v)).toContain('repeated-word');
  });
});

describe('UCD1+ EN 1.6 deprecations', () => {
  // astropy answers only "Unknown word" (or, with its older list, a position error) for a deprecated word.
  test('pos.lambert is deprecated in 1.6 with its replacement pos.projection, offered as a fix', () => {
    const v = service.validate('pos.lambert');
    expect(v.status).toBe('deprecated');
    expect(v.diagnostics[0]).toMatchObject({ code: 'deprecated-word', replacement: 'pos.projection' });
    expect(suggested(v)).toEqual(['pos.projection']);
    const v15 = loadUcdService('1.5');
    expect(v15.list.get('pos.lambert')?.code).toBe('S');
    expect(v15.validate('pos.eq.ra;pos.lambert').status).toBe('valid');
  });

  test('a compound replacement is substituted whole (phot.color.B-V → phot.color;em.opt.B;em.opt.V)', () => {
    expect(suggested(service.validate('phot.color.B-V'))).toEqual(['phot.color;em.opt.B;em.opt.V']);
  });

  test('known defect: a replacement that starts with an S word warns that it cannot take the first place, and no invalid fix is offered', () => {
    const v = service.validate('phys.at.coll');
    expect(codes(v)).toEqual(['deprecated-word', 'replacement-breaks-position']);
    expect(v.suggestions).toEqual([]);
  });

  test('the same deprecated word in second place is upgraded in place (phys.mass;phys.at.coll)', () => {
    expect(suggested(service.validate('phys.mass;phys.at.coll'))).toEqual(['phys.mass;phys.atmol.collisional']);
  });
});

describe('UCD REC 1.1 namespaces', () => {
  // STILTS votlint only warns about the namespace for ivoa:foo.bar; ivoa is the default namespace,
  // so its words are checked like unprefixed ones (astropy agrees).
  test('ivoa:foo.bar is an unknown word, with no nonsense suggestion', () => {
    const v = service.validate('ivoa:foo.bar');
    expect(v.status).toBe('invalid');
    expect(v.diagnostics).toEqual([expect.objectContaining({ code: 'unknown-word', start: 5 })]);
    expect(v.suggestions).toEqual([]);
  });

  test('ivoa:phot.mag is valid and the canonical form drops the default namespace', () => {
    expect(service.validate('ivoa:phot.mag')).toMatchObject({ status: 'valid', canonical: 'phot.mag' });
  });

  test('another namespace is a warning and its words are not checked', () => {
    const v = service.validate('phot.mag;custom:anything.goes');
    expect(v.status).toBe('valid-with-warnings');
    expect(codes(v)).toEqual(['foreign-namespace']);
    expect(v.canonical).toBe('phot.mag;custom:anything.goes');
  });

  test('a malformed namespace (two colons, empty prefix) is an error', () => {
    expect(codes(service.validate('a:b:phot.mag'))).toEqual(['bad-namespace']);
    expect(codes(service.validate(':phot.mag'))).toEqual(['bad-namespace']);
  });
});

describe('suggestions for unknown words', () => {
  test('a typo gets the closest word allowed at that position (phot.mgg → phot.mag)', () => {
    const v = service.validate('phot.mgg;em.opt.V');
    expect(suggested(v)[0]).toBe('phot.mag;em.opt.V');
    expect(v.suggestions[0]?.reasons[0]).toContain('edit distance 1');
  });

  test('never nonsense: foo gets no suggestion, pos.ra gets pos.eq.ra and not pos.az', () => {
    expect(service.validate('foo').suggestions).toEqual([]);
    const posRa = suggested(service.validate('pos.ra'));
    expect(posRa[0]).toBe('pos.eq.ra');
    expect(posRa).not.toContain('pos.az');
  });

  test('a band written as an atom becomes its own word (phot.mag.V → phot.mag;em.opt.V)', () => {
    expect(suggested(service.validate('phot.mag.V'))[0]).toBe('phot.mag;em.opt.V');
  });

  test('an over-specific word falls back to its nearest broader word (pos.eq.ra.hours → pos.eq.ra)', () => {
    expect(suggested(service.validate('pos.eq.ra.hours'))).toContain('pos.eq.ra');
  });

  test('only words allowed at the position are proposed for the first word (meta.mian cannot open a UCD)', () => {
    // meta.main is S: as the only word it could never be valid, so nothing is offered.
    expect(service.validate('meta.mian').suggestions).toEqual([]);
    expect(suggested(service.validate('pos.eq.ra;meta.mian'))).toEqual(['pos.eq.ra;meta.main']);
  });

  test('every suggestion is itself valid', () => {
    for (const input of ['phot.mgg', 'meta.main;pos.eq.ra', 'pos.eq.ra;meta.id', 'phys.at.coll', 'pos.ra', 'phot.color.B-V', 'em.opt.V;phot.mag']) {
      for (const s of service.validate(input).suggestions) {
        expect(service.validate(s.ucd).status).toMatch(/^valid/);
      }
    }
  });
});

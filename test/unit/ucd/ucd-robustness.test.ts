import { MAX_UCD_LENGTH } from '../../../src/ucd/index.js';
import { loadUcdService } from './load-ucd.js';

const service = loadUcdService();

describe('any input gets a clear answer, never an exception', () => {
  test('empty and blank strings are invalid with empty-ucd', () => {
    for (const input of ['', '   ', '\t\n']) {
      const v = service.validate(input);
      expect(v.status).toBe('invalid');
      expect(v.diagnostics[0]?.code).toBe('empty-ucd');
    }
  });

  test('a 20 kB string is refused as too long, quickly', () => {
    const input = 'phot.mag;'.repeat(2300);
    const started = performance.now();
    const v = service.validate(input);
    expect(performance.now() - started).toBeLessThan(50);
    expect(v.diagnostics).toEqual([expect.objectContaining({ code: 'too-long', severity: 'error' })]);
    expect(v.diagnostics[0]?.message).toContain(String(MAX_UCD_LENGTH));
  });

  test('thousands of atoms within the length limit: one unknown-word answer, bounded diagnostics', () => {
    const v = service.validate(Array.from({ length: 1000 }, () => 'a').join('.'));
    expect(v.status).toBe('invalid');
    expect(v.diagnostics.map((d) => d.code)).toEqual(['unknown-word']);
    expect(v.suggestions).toEqual([]);
  });

  test('hundreds of words: diagnostics are capped with a too-many-problems note', () => {
    const v = service.validate(Array.from({ length: 300 }, (_, i) => `x${i}`).join(';'));
    expect(v.diagnostics.length).toBe(51);
    expect(v.diagnostics.at(-1)?.code).toBe('too-many-problems');
  });

  test('control characters (NUL, ESC, zero-width space) are named and removed in the suggestion', () => {
    const v = service.validate('phot.mag\u0000;em.opt.V\u200b');
    expect(v.diagnostics.map((d) => d.code)).toEqual(['control-character', 'control-character']);
    expect(v.diagnostics[0]?.message).toContain('U+0000');
    expect(v.suggestions.map((s) => s.ucd)).toEqual(['phot.mag;em.opt.V']);
  });

  test('non-ASCII look-alikes (Cyrillic р, Greek ο, full-width ．) are named and folded in the suggestion', () => {
    const v = service.validate('\u0440os.eq.ra;meta.main');
    expect(v.diagnostics[0]).toMatchObject({ code: 'look-alike-character', start: 0 });
    expect(v.diagnostics[0]?.message).toContain('U+0440');
    expect(v.suggestions.map((s) => s.ucd)).toEqual(['pos.eq.ra;meta.main']);
    expect(service.validate('ph\u03bft\uff0emag').suggestions.map((s) => s.ucd)).toEqual(['phot.mag']);
  });

  test('emoji, lone surrogates and right-to-left marks are bad or control characters', () => {
    for (const input of ['phot.mag\u{1F31F}', 'phot.mag\ud800', '\u202ephot.mag']) {
      const v = service.validate(input);
      expect(v.status).toBe('invalid');
      expect(v.diagnostics[0]?.code).toMatch(/bad-character|control-character/);
    }
  });

  test('only separators (";", ".", ":") are invalid without a crash', () => {
    for (const input of [';', ';;;', '.', '...', ':', 'ivoa:', 'ivoa:;']) {
      expect(service.validate(input).status).toBe('invalid');
    }
  });

  test('random byte strings never throw', () => {
    let seed = 42;
    const random = (): number => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed / 2 ** 31;
    };
    for (let i = 0; i < 500; i++) {
      const length = Math.floor(random() * 40);
      const text = Array.from({ length }, () => String.fromCharCode(Math.floor(random() * 0x3000))).join('');
      expect(() => service.validate(text)).not.toThrow();
      expect(() => service.explain(text)).not.toThrow();
      expect(() => service.suggest(text)).not.toThrow();
    }
  });

  test('non-string input from a loose caller is answered, not thrown', () => {
    expect(service.validate(undefined as unknown as string).status).toBe('invalid');
  });
});

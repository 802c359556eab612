import { acronymsOf, isAcronymShaped } from '../../../src/vocab/acronym.js';

describe('acronyms', () => {
  it('takes the initials of a label of several words: Geocentric Solar Ecliptic → gse', () => {
    expect(acronymsOf('Geocentric Solar Ecliptic')).toEqual(['gse']);
  });

  it('also gives the initials without minor words', () => {
    expect(acronymsOf('Centre of Mass Frame')).toEqual(expect.arrayContaining(['comf', 'cmf']));
  });

  it('takes an acronym given in parentheses', () => {
    expect(acronymsOf('Infrared Spectrograph (IRS)')).toEqual(['irs']);
    expect(acronymsOf('Solar Orbiter (SolO)')).toContain('solo');
  });

  it('gives none for one word, and none shorter than three letters', () => {
    expect(acronymsOf('Galactic')).toEqual([]);
    expect(acronymsOf('Magnetic Moment')).toEqual([]);
  });

  it('knows an acronym-shaped query: GSE yes; Galactic, a phrase, or two letters no', () => {
    expect(isAcronymShaped('GSE')).toBe(true);
    expect(isAcronymShaped('IAU_MARS')).toBe(false);
    expect(isAcronymShaped('beta Cep')).toBe(false);
    expect(isAcronymShaped('MM')).toBe(false);
    expect(isAcronymShaped('123')).toBe(false);
  });
});

import { indexWords, normaliseText, words } from '../../../src/vocab/text-normalise.js';

describe('text normalisation', () => {
  it('folds Greek letters to their names: β Cep = beta Cep', () => {
    expect(normaliseText('β Cep')).toBe(normaliseText('beta Cep'));
    expect(normaliseText('β Cep')).toBe('beta cep');
  });

  it('folds the micro sign µ and the Greek μ both to mu', () => {
    expect(normaliseText('µ')).toBe('mu');
    expect(normaliseText('μ')).toBe('mu');
    expect(normaliseText('µm')).toBe('mu m');
  });

  it('drops accents (NFKD without combining marks) and folds case', () => {
    expect(normaliseText('Strömgren Photometry')).toBe('stromgren photometry');
    expect(normaliseText('BL Boötis')).toBe('bl bootis');
    expect(normaliseText('Ångström')).toBe('angstrom');
  });

  it('folds compatibility forms and letters NFKD keeps whole', () => {
    expect(normaliseText('ﬁeld')).toBe('field');
    expect(normaliseText('Große Æther')).toBe('grosse aether');
    expect(normaliseText('Ⅱ')).toBe('ii');
  });

  it('treats punctuation as a word break: phot.mag = phot mag', () => {
    expect(normaliseText('phot.mag')).toBe('phot mag');
    expect(normaliseText('  Ma*  ')).toBe('ma');
    expect(words('eq_FK4')).toEqual(['eq', 'fk4']);
  });

  it('gives nothing for a text of punctuation only', () => {
    expect(normaliseText('*** -- ')).toBe('');
    expect(words('')).toEqual([]);
  });

  it('indexes camel-case parts as words too (SPASE MagneticMoment)', () => {
    expect(indexWords('MagneticMoment')).toEqual(expect.arrayContaining(['magneticmoment', 'magnetic', 'moment']));
    expect(indexWords('GSAT0101')).toEqual(expect.arrayContaining(['gsat0101', 'gsat', '0101']));
    expect(indexWords('ICRS')).toEqual(['icrs']);
  });
});

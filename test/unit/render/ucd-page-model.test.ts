import { ucdPageModel } from '../../../src/render/index.js';
import { browseUcd } from '../../../src/ucd/index.js';
import { loadUcdService } from '../ucd/load-ucd.js';

const service = loadUcdService();

describe('the UCD page model', () => {
  test('each word links to its term page under /rdf/ucd/, each fix and candidate to the page validating it', () => {
    const query = { ucd: 'phot.mgg;em.opt.V', text: 'right ascension' };
    const model = ucdPageModel(query, browseUcd(service, query));
    expect(model.version).toBe('1.6');
    expect(model.form).toMatchObject({ ucd: 'phot.mgg;em.opt.V', text: 'right ascension', code: '' });
    expect(model.validation?.words.map((w) => w.page)).toEqual([undefined, '/rdf/ucd/em.opt.V']);
    expect(model.validation?.suggestions[0]).toMatchObject({ ucd: 'phot.mag;em.opt.V', href: '/ucd?ucd=phot.mag%3Bem.opt.V' });
    expect(model.candidates?.every((c) => c.href === `/ucd?ucd=${encodeURIComponent(c.ucd)}`)).toBe(true);
  });

  test('the chosen code and family are selected; a deprecated word links to its replacement', () => {
    const query = { family: 'POS', q: 'lambert' };
    const model = ucdPageModel(query, browseUcd(service, query));
    expect(model.families.filter((f) => f.selected).map((f) => f.name)).toEqual(['pos']);
    expect(model.codes.some((c) => c.selected)).toBe(false);
    expect(model.words).toEqual([expect.objectContaining({ word: 'pos.lambert', page: '/rdf/ucd/pos.lambert', replacementHref: '/ucd?ucd=pos.projection' })]);
    expect(ucdPageModel({ code: 'V' }, browseUcd(service, { code: 'V' })).codes.find((c) => c.selected)?.code).toBe('V');
  });
});

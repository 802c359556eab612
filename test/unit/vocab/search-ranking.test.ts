/** Ranking and lookups on the real vocabularies (the whole mirror, loaded once). */
import { MATCH_TYPES } from '../../../src/vocab/index.js';
import { createLookup, type LiveLookup } from '../../../src/vocab/lookup.js';
import { loadMirrorService } from '../../support/loaded-service.js';

let lookup: LiveLookup;
beforeAll(async () => {
  lookup = createLookup(await loadMirrorService());
}, 120_000);
afterAll(() => lookup.close());

const search = (q: string, extra: Partial<Parameters<LiveLookup['search']>[0]> = {}) => lookup.search({ q, limit: 20, offset: 0, ...extra });
const ids = (q: string, extra = {}) => search(q, extra).hits.map((h) => `${h.vocabulary.id}#${h.term.id}`);

describe('search ranking on all hosted vocabularies', () => {
  it('`gal` prefix finds Galactic (refframe) among the first suggestions', () => {
    const result = search('gal', { suggest: true, limit: 10 });
    const galactic = result.hits.find((h) => h.vocabulary.id === 'refframe' && h.term.id === 'GALACTIC');
    expect(galactic).toMatchObject({ match: 'prefix', matched: 'Galactic' });
  });

  it('`Galactci` fuzzy (typo-tolerant) finds Galactic first', () => {
    const [first] = search('Galactci').hits;
    expect(first).toMatchObject({ match: 'fuzzy', matched: 'Galactic' });
  });

  it('`GSE` finds "Geocentric Solar Ecliptic" by acronym, and the label GSE exactly', () => {
    const hits = search('GSE').hits;
    expect(hits[0]).toMatchObject({ match: 'exact-label', matched: 'GSE' });
    expect(hits.some((h) => h.vocabulary.id === 'ihdea_refframe' && h.term.id === 'GSE')).toBe(true);
    const viaAcronym = search('GSE', { vocabularies: ['ihdea_refframe'] }).hits.find((h) => h.match === 'acronym');
    expect(viaAcronym?.matched).toBe('Geocentric Solar Equatorial');
  });

  it('"Geocentric Solar Ecliptic" finds the label GSE by acronym, after the exact label', () => {
    const hits = search('Geocentric Solar Ecliptic').hits;
    expect(hits[0]).toMatchObject({ match: 'exact-label', matched: 'Geocentric Solar Ecliptic' });
    expect(hits.find((h) => h.vocabulary.id === 'spase-CoordinateSystemName')).toMatchObject({ match: 'acronym', matched: 'GSE' });
  });

  it('`β Cep` finds the Beta Cephei stars as `beta Cep` does', () => {
    expect(ids('β Cep')).toEqual(ids('beta Cep'));
    expect(ids('β Cep')).toContain('uat#beta-cephei-variable-stars');
  });

  it('ranks exact label > exact alt label > prefix > word > fuzzy > acronym, and scores fall with rank', () => {
    const hits = search('GSE', { limit: 100 }).hits;
    const ranks = hits.map((h) => MATCH_TYPES.indexOf(h.match));
    expect([...ranks].sort((a, b) => a - b)).toEqual(ranks);
    const scores = hits.map((h) => h.score);
    expect([...scores].sort((a, b) => b - a)).toEqual(scores);
    expect(new Set(hits.map((h) => h.match))).toEqual(new Set(['exact-label', 'exact-alt-label', 'prefix', 'acronym']));
  });

  it('an exact label outranks a longer label that begins with it', () => {
    const hits = search('Star', { limit: 50 }).hits;
    expect(hits[0]!.match).toBe('exact-label');
    expect(hits.findIndex((h) => h.match === 'prefix')).toBeGreaterThan(hits.findIndex((h) => h.match === 'exact-label'));
  });

  it('matches every word of a query anywhere in a label (word match)', () => {
    const hits = search('cluster galaxy').hits;
    expect(hits.length).toBeGreaterThan(0);
    expect(hits.every((h) => h.match === 'word' || h.match === 'fuzzy')).toBe(true);
    expect(hits[0]!.match).toBe('word');
  });

  it('hides deprecated terms unless asked, and can ask for them only', () => {
    expect(ids('Galactic', { vocabularies: ['refframe'] })).not.toContain('refframe#galactic');
    expect(ids('Galactic', { vocabularies: ['refframe'], includeDeprecated: true })).toContain('refframe#galactic');
    const deprecated = search('Galactic', { vocabularies: ['refframe'], status: 'deprecated' }).hits;
    expect(deprecated.map((h) => h.term.id)).toEqual(['galactic']);
  });

  it('filters by community and by status preliminary', () => {
    expect(search('Galactic', { communities: ['IHDEA'] }).hits.every((h) => h.vocabulary.community === 'IHDEA')).toBe(true);
    const preliminary = search('Janus', { status: 'preliminary' }).hits;
    expect(preliminary.length).toBeGreaterThan(0);
    expect(preliminary.every((h) => h.term.status.preliminary)).toBe(true);
  });

  it('pages with a stable total', () => {
    const all = search('star', { limit: 40 });
    const second = search('star', { limit: 20, offset: 20 });
    expect(second.total).toBe(all.total);
    expect(second.hits.map((h) => h.term.iri)).toEqual(all.hits.slice(20).map((h) => h.term.iri));
  });

  it('finds UCD words by their dotted names (punctuation folds)', () => {
    expect(search('phot.mag').hits[0]).toMatchObject({ match: 'exact-label', matched: 'phot.mag' });
  });
});

describe('label lookup (Skosmos precedence)', () => {
  it('exact prefLabel first', () => {
    expect(lookup.lookupLabel('refframe', 'ICRS')).toMatchObject({ match: 'exact-label' });
    expect(lookup.byLabel('refframe', 'ICRS')?.id).toBe('ICRS');
  });

  it('then case-insensitive prefLabel', () => {
    expect(lookup.lookupLabel('refframe', 'icrs')?.match).toBe('case-insensitive-label');
  });

  it('then altLabel', () => {
    const found = lookup.lookupLabel('uat', 'Beta Cephei stars');
    expect(found?.match).toBe('exact-alt-label');
    expect(found?.terms[0]?.id).toBe('beta-cephei-variable-stars');
  });

  it('lists terms that are not deprecated first when several share a label', () => {
    const found = lookup.lookupLabel('refframe', 'Galactic')!;
    expect(found.terms.map((t) => t.id).sort()).toEqual(['GALACTIC', 'GENERIC_GALACTIC', 'galactic'].sort());
    expect(found.terms.at(-1)!.id).toBe('galactic');
  });

  it('finds nothing for an unknown label or vocabulary', () => {
    expect(lookup.lookupLabel('refframe', 'No such frame')).toBeUndefined();
    expect(lookup.byLabel('nope', 'ICRS')).toBeUndefined();
  });
});

describe('hierarchy (graphology per vocabulary)', () => {
  const refframe = (id: string) => `http://www.ivoa.net/rdf/refframe#${id}`;
  it('gives broader, narrower, ancestors and descendants', () => {
    const h = lookup.hierarchy('refframe')!;
    expect(h.broader(refframe('eq_FK4'))).toEqual([refframe('EQUATORIAL')]);
    expect(h.narrower(refframe('EQUATORIAL'))).toEqual(expect.arrayContaining([refframe('ICRS'), refframe('FK4')]));
    expect(h.ancestors(refframe('ICRS'))).toEqual([refframe('EQUATORIAL')]);
    expect(h.descendants(refframe('EQUATORIAL'))).toContain(refframe('eq_FK5'));
    expect(h.topConcepts()).toContain(refframe('EQUATORIAL'));
    expect(h.topConcepts()).not.toContain(refframe('ICRS'));
  });

  it('gives every path to the top in the UAT polyhierarchy, top first and term last', () => {
    const h = lookup.hierarchy('uat')!;
    const term = 'http://www.ivoa.net/rdf/uat#magnetospheric-radio-emissions';
    const paths = h.pathsToTop(term);
    expect(paths.length).toBeGreaterThanOrEqual(3);
    for (const path of paths) {
      expect(path.at(-1)).toBe(term);
      expect(h.topConcepts()).toContain(path[0]);
      for (let i = 1; i < path.length; i++) expect(h.broader(path[i]!)).toContain(path[i - 1]);
    }
  });

  it('puts the declared top concepts first (UAT vocabs.conf topconcepts)', () => {
    expect(lookup.hierarchy('uat')!.topConcepts()[0]).toBe('http://www.ivoa.net/rdf/uat#astronomical-methods');
  });

  it('answers empty for a term outside the vocabulary', () => {
    const h = lookup.hierarchy('refframe')!;
    expect(h.broader('http://example.org/x')).toEqual([]);
    expect(h.pathsToTop('http://example.org/x')).toEqual([]);
  });
});

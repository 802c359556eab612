import {
  foldText,
  labelKey,
  bagKey,
  labelTokens,
  termFeatures,
  exactLabel,
  wordBag,
  compactLabel,
  impliedHead,
  impliedQualifier,
  acronym,
  containment,
  computeCandidates,
  computeCandidatesAsync,
  MATCHER_VERSION,
} from '../../../src/mapping/index.js';
import { bareTerm, type Term } from '../../../src/model/index.js';

let counter = 0;
function term(label: string, extra: Partial<Term> = {}): Term {
  const id = extra.id ?? `t${++counter}`;
  return bareTerm({ iri: `http://example.org/${extra.vocabularyId ?? 'v'}#${id}`, id, vocabularyId: 'v', labels: [label], ...extra });
}
const f = (t: Term) => termFeatures(t, { acronyms: true });

describe('label normalisation', () => {
  it('folds accents (NFKD), case and punctuation, and keeps non-ASCII letters', () => {
    expect(foldText('Centro Astronómico Hispano-Alemán')).toBe('centro astronomico hispano aleman');
    expect(foldText('Ångström')).toBe('angstrom');
    expect(foldText('Гамма')).toBe('гамма');
  });

  it('spells out Greek letters, so Hα, H-alpha and H alpha share a key', () => {
    expect(labelKey('Hα')).toBe(labelKey('H-alpha'));
    expect(labelKey('H alpha')).toBe(labelKey('H-alpha'));
    expect(labelKey('δ Scuti')).toBe('delta scuti');
  });

  it('singularises each word, without breaking physics, lens or gas, and handles Latin plurals', () => {
    expect(labelTokens('Galaxies')).toEqual(['galaxy']);
    expect(labelTokens('Planetary nebulae')).toEqual(['planetary', 'nebula']);
    expect(labelTokens('Plasma physics')).toEqual(['plasma', 'physics']);
    expect(labelTokens('gravitational lens')).toEqual(['gravitational', 'lens']);
    expect(labelKey('Gravitational lenses')).toBe(labelKey('gravitational lens'));
  });

  it('splits camelCase ids into words', () => {
    expect(labelKey('ElectricField')).toBe('electric field');
    expect(labelKey('HMXBStar')).toBe('hmxb star');
  });

  it('the word bag ignores order, filler words and a relational adjective: "Sun: activity" = "Solar activity"', () => {
    expect(bagKey(labelTokens('galaxies: spiral'))).toBe(bagKey(labelTokens('Spiral galaxies')));
    expect(bagKey(labelTokens('Sun: activity'))).toBe(bagKey(labelTokens('Solar activity')));
    expect(bagKey(labelTokens('comets: general'))).toBe(bagKey(labelTokens('Comets')));
    expect(bagKey(labelTokens('Of stars'))).not.toBe(bagKey(labelTokens('stars')));
  });
});

describe('matchers', () => {
  it('exact normalised label: preferred labels give the highest confidence, alt labels less', () => {
    const pref = exactLabel(f(term('X-Rays')), f(term('x-ray')));
    const alt = exactLabel(f(term('Roentgen rays', { altLabels: ['X-rays'] })), f(term('X ray')));
    expect(pref).toMatchObject({ predicate: 'exactMatch', matchString: 'x ray', strict: true });
    expect(alt!.confidence).toBeLessThan(pref!.confidence);
    expect(exactLabel(f(term('Star')), f(term('Stars cluster')))).toBeUndefined();
  });

  it('word bag matches reordered faceted labels', () => {
    expect(wordBag(f(term('galaxies: spiral')), f(term('Spiral galaxies')))).toMatchObject({ predicate: 'exactMatch', matcher: 'word-bag' });
  });

  it('acronym ↔ expansion: GSE ↔ Geocentric Solar Ecliptic, HEEQ ↔ Heliocentric Earth EQuatorial only when the initials fit', () => {
    expect(acronym(f(term('GSE')), f(term('Geocentric Solar Ecliptic')))).toMatchObject({ predicate: 'exactMatch', matchString: 'GSE' });
    expect(acronym(f(term('Geocentric Solar Ecliptic')), f(term('GSE')))).toBeDefined();
    expect(acronym(f(term('GSM')), f(term('Geocentric Solar Ecliptic')))).toBeUndefined();
  });

  it('containment: more words under the same head word make a narrower term (SKOS: subject narrowMatch object)', () => {
    expect(containment(f(term('Spiral galaxies')), f(term('Barred spiral galaxies')))).toMatchObject({ predicate: 'narrowMatch' });
    expect(containment(f(term('Barred spiral galaxies')), f(term('Spiral galaxies')))).toMatchObject({ predicate: 'broadMatch' });
    expect(containment(f(term('Galaxy')), f(term('Galaxy cluster surveys')))).toBeUndefined();
    expect(containment(f(term('Galaxies')), f(term('galaxies: dwarf')))).toMatchObject({ predicate: 'narrowMatch' });
  });
});

describe('candidate generation', () => {
  const frames = [
    term('Geocentric Solar Ecliptic', { id: 'GSE' }),
    term('Heliocentric Earth Equatorial', { id: 'HEEQ' }),
    term('International Celestial Reference System', { id: 'ICRS', altLabels: ['ICRS'] }),
  ];
  const spase = [
    term('GSE', { id: 'GSE', vocabularyId: 's' }),
    term('HEEQ', { id: 'HEEQ', vocabularyId: 's' }),
    term('ICRS', { id: 'ICRS', vocabularyId: 's' }),
    term('Magnetic field', { vocabularyId: 's' }),
  ];

  it('proposes exact matches with justification, confidence, measure, match string, tool and version', () => {
    const { mappings } = computeCandidates(
      { terms: frames, source: 'http://example.org/a' },
      { terms: spase, source: 'http://example.org/b' },
      { date: '2025-01-01' },
    );
    const gse = mappings.find((m) => m.subjectId.endsWith('#GSE'))!;
    expect(gse).toMatchObject({
      predicateId: 'http://www.w3.org/2004/02/skos/core#exactMatch',
      mappingTool: 'astrovoc-matcher',
      mappingToolVersion: MATCHER_VERSION,
      subjectSource: 'http://example.org/a',
      mappingDate: '2025-01-01',
    });
    expect(gse.objectId).toBe(spase[0]!.iri);
    expect(gse.confidence).toBeGreaterThan(0.8);
    expect(gse.justification).toBe('https://w3id.org/semapv/vocab/CompositeMatching');
    expect(mappings.some((m) => m.objectId === spase[3]!.iri)).toBe(false);
  });

  it('a rejected suggestion (negative mapping) is not proposed again', () => {
    const first = computeCandidates({ terms: frames }, { terms: spase });
    const gse = first.mappings.find((m) => m.subjectId.endsWith('#GSE'))!;
    const again = computeCandidates({ terms: frames }, { terms: spase }, { suppressed: new Set([`${gse.subjectId}\n${gse.predicateId}\n${gse.objectId}`]) });
    expect(again.mappings.some((m) => m.subjectId === gse.subjectId && m.objectId === gse.objectId && m.predicateId === gse.predicateId)).toBe(false);
  });

  it('structural evidence: a mapped parent raises the confidence of a close match; a parent mapped to a child lowers it', () => {
    const pa = term('Variable stars', { vocabularyId: 'a', id: 'vs' });
    const ca = term('Pulsating variable stars', { vocabularyId: 'a', id: 'pvs', parents: [pa.iri] });
    const pb = term('Variable stars', { vocabularyId: 'b', id: 'vs' });
    const cb = term('Pulsating variable star types', { vocabularyId: 'b', id: 'pvst', parents: [pb.iri] });
    const unrelated = { ...pb, labels: ['Quasars'] };
    const flat = computeCandidates({ terms: [pa, ca] }, { terms: [unrelated, cb] }, { minConfidence: 0 });
    const structured = computeCandidates({ terms: [pa, ca] }, { terms: [pb, cb] }, { minConfidence: 0 });
    const conf = (r: typeof flat) => r.mappings.find((m) => m.subjectId === ca.iri && m.objectId === cb.iri)!.confidence!;
    expect(conf(structured)).toBeGreaterThan(conf(flat));
    const conflicting = computeCandidates(
      { terms: [pa, ca] },
      {
        terms: [
          { ...pb, parents: [cb.iri] },
          { ...cb, parents: [], children: [pb.iri] },
        ],
      },
      { minConfidence: 0 },
    );
    expect(conf(conflicting)).toBeLessThan(conf(flat));
  });

  it('blocking: only pairs that share a rare word, trigram, key or acronym are scored', () => {
    const many = Array.from({ length: 2000 }, (_, i) =>
      term(`Observatory number ${i} of Somewhere ${String.fromCharCode(97 + (i % 26))}${i}`, { vocabularyId: 'big' }),
    );
    const result = computeCandidates({ terms: frames }, { terms: [...many, ...spase] });
    expect(result.pairsScored).toBeLessThan((frames.length * (many.length + spase.length)) / 20);
    expect(result.mappings.some((m) => m.subjectId.endsWith('#HEEQ') && m.objectId.endsWith('#HEEQ'))).toBe(true);
  });

  it('labels with different numbers are not close (Apollo 10 vs Apollo 12)', () => {
    const r = computeCandidates(
      { terms: [term('Apollo 10 Command Module')] },
      { terms: [term('APOLLO 12 COMMAND MODULE', { vocabularyId: 'p' })] },
      { minConfidence: 0.6 },
    );
    expect(r.mappings).toHaveLength(0);
  });
});

describe('normalisation details the gold sets exposed', () => {
  it('"-as" plurals singularise (novas, supernovas, comas), "gas", "atlas" and "bias" stay; Latin plurals (spectra) too', () => {
    expect(labelKey('SUPERNOVAS')).toBe(labelKey('Supernovae'));
    expect(labelKey('Comas')).toBe('coma');
    expect(labelTokens('gas atlas bias')).toEqual(['gas', 'atlas', 'bias']);
    expect(labelKey('Stellar spectra')).toBe(labelKey('stellar spectrum'));
  });

  it('labels that differ only in where words are split match: MAINSEQUENCE STARS ↔ Main sequence stars', () => {
    expect(compactLabel(f(term('MAINSEQUENCE STARS')), f(term('Main sequence stars')))).toMatchObject({ predicate: 'exactMatch', tier: 2 });
    expect(compactLabel(f(term('PREMAINSEQUENCE STARS')), f(term('Pre-main sequence stars')))).toBeDefined();
    expect(compactLabel(f(term('Main sequence')), f(term('Main sequence')))).toBeUndefined();
  });

  it('a keyword closed by ": general" reads as the keyword alone', () => {
    expect(exactLabel(f(term('(galaxies:) BL Lacertae objects: general')), f(term('BL Lacertae objects')))).toMatchObject({ predicate: 'exactMatch' });
  });

  it("a qualifier implied by the longer label's ancestors makes a narrower match, not an exact one (as the gold sets call most of them)", () => {
    const ancestors = new Set(['variable', 'star']);
    expect(impliedQualifier(f(term('Delta Scuti stars')), f(term('Delta Scuti variable stars')), new Set(), ancestors)).toMatchObject({
      predicate: 'narrowMatch',
      matchString: 'variable',
    });
    expect(impliedQualifier(f(term('Delta Scuti stars')), f(term('Delta Scuti variable stars')), new Set(), new Set(['pulsating']))).toBeUndefined();
  });

  it('a qualifier that restates the facet is no narrowing: "ISM: clouds" is exactMatch "Interstellar clouds" under "Interstellar medium" (alt ISM)', () => {
    const ism = f(term('Interstellar medium', { altLabels: ['ISM'] }));
    const clouds = f(term('Interstellar clouds'));
    const subject = f(term('ISM: clouds'));
    expect(impliedQualifier(subject, clouds, new Set(), new Set(['interstellar', 'medium', 'ism']), [], [ism])).toMatchObject({
      predicate: 'exactMatch',
      tier: 3,
    });
    // The same qualifier from an ancestor the facet does not name is no evidence: the facet said what the term is about.
    const matter = f(term('Interstellar matter'));
    expect(impliedQualifier(subject, clouds, new Set(), new Set(['interstellar', 'matter']), [], [matter])).toBeUndefined();
    // Without a facet, a qualifier the longer label's ancestors imply still makes a narrower match.
    expect(impliedQualifier(f(term('Clouds')), clouds, new Set(), new Set(['interstellar', 'matter']), [], [matter])).toMatchObject({
      predicate: 'narrowMatch',
    });
    // A qualifier the facet does not explain names a sibling, not a narrower concept: "ISM: magnetic fields" is not broader than "Lunar magnetic fields".
    expect(
      impliedQualifier(f(term('ISM: magnetic fields')), f(term('Lunar magnetic fields')), new Set(), new Set(['moon', 'lunar']), [], [f(term('Moon'))]),
    ).toBeUndefined();
    // Through an alternative label of the longer term it stays narrower too ("ISM: atoms" is not "Interstellar atomic gas", alt "Interstellar atoms").
    const atomicGas = f(term('Interstellar atomic gas', { altLabels: ['Interstellar atoms'] }));
    expect(impliedQualifier(f(term('ISM: atoms')), atomicGas, new Set(), new Set(['interstellar', 'medium', 'ism']), [], [ism])?.predicate).not.toBe(
      'exactMatch',
    );
  });

  it('a label filed under a heading is completed by the heading\'s head word: "Infrared: general" under "Sources" = "Infrared sources"', () => {
    const sources = f(term('Sources'));
    expect(impliedHead(f(term('Infrared: general')), f(term('Infrared sources')), [sources], [])).toMatchObject({
      predicate: 'exactMatch',
      tier: 1.5,
      matchString: 'Infrared + source = Infrared sources',
    });
    // Not when the label already says the head word, nor when the completed label is not the other's.
    expect(impliedHead(f(term('Source counts')), f(term('Source counts sources')), [sources], [])).toBeUndefined();
    expect(impliedHead(f(term('Infrared')), f(term('Infrared astronomy')), [sources], [])).toBeUndefined();
  });

  it('a parenthesis that changes the scope stays part of the label: "stars: oscillations (including pulsations)" is not exactMatch "Stellar oscillations"', () => {
    const views = f(term('stars: oscillations (including pulsations)')).views.map((v) => v.text);
    expect(views).not.toContain('stars: oscillations');
    expect(views).not.toContain('oscillations');
    expect(wordBag(f(term('stars: peculiar (except chemically peculiar)')), f(term('Peculiar stars')))).toBeUndefined();
    // A parenthesis that only explains is still dropped.
    expect(exactLabel(f(term('Earth (planet)')), f(term('Earth')))).toMatchObject({ predicate: 'exactMatch' });
  });
});

describe('deciding exactMatch: strong and unambiguous evidence only', () => {
  it('a label equality beats a fuzzy similarity, however high: "stars: magnetars" is exactMatch Magnetars when Magnetars sits under stars', () => {
    const stars = term('Neutron stars', { vocabularyId: 'u', id: 'ns' });
    const magnetars = term('Magnetars', { vocabularyId: 'u', id: 'mag', parents: [stars.iri] });
    const { mappings } = computeCandidates({ terms: [term('stars: magnetars', { vocabularyId: 'k' })] }, { terms: [stars, magnetars] });
    expect(mappings.find((m) => m.objectId === magnetars.iri)).toMatchObject({ predicateId: 'http://www.w3.org/2004/02/skos/core#exactMatch' });
  });

  it('two objects with equally direct evidence (the same preferred label) are both only closeMatch', () => {
    const subject = term('Flares', { vocabularyId: 'k' });
    const { mappings } = computeCandidates(
      { terms: [subject] },
      { terms: [term('Flares', { vocabularyId: 'u', id: 'f1' }), term('Flares', { vocabularyId: 'u', id: 'f2' })] },
    );
    expect(mappings).toHaveLength(2);
    expect(mappings.every((m) => m.predicateId.endsWith('#closeMatch'))).toBe(true);
  });

  it('preferred = preferred label wins over preferred = alternative label elsewhere: the first is exactMatch, the second closeMatch', () => {
    const pref = term('Gravitation', { vocabularyId: 'u', id: 'g' });
    const alt = term('Gravitational physics', { vocabularyId: 'u', id: 'gp', altLabels: ['Gravitation'] });
    const { mappings } = computeCandidates({ terms: [term('GRAVITATION', { vocabularyId: 'k' })] }, { terms: [pref, alt] });
    expect(mappings.find((m) => m.objectId === pref.iri)!.predicateId).toMatch(/#exactMatch$/);
    expect(mappings.find((m) => m.objectId === alt.iri)!.predicateId).toMatch(/#closeMatch$/);
  });

  it('equivalence is one-to-one: an object matched preferred = preferred by one subject is only closeMatch for a subject that meets it through an alternative label', () => {
    const counts = term('Star counts', { vocabularyId: 'u', id: 'sc', altLabels: ['Star distribution'] });
    const { mappings } = computeCandidates(
      { terms: [term('STAR COUNTS', { vocabularyId: 'k', id: 'a' }), term('STAR DISTRIBUTION', { vocabularyId: 'k', id: 'b' })] },
      { terms: [counts] },
    );
    expect(mappings.find((m) => m.subjectLabel === 'STAR COUNTS')!.predicateId).toMatch(/#exactMatch$/);
    expect(mappings.find((m) => m.subjectLabel === 'STAR DISTRIBUTION')!.predicateId).toMatch(/#closeMatch$/);
  });

  it('a heading given as context completes the label and outranks the bare band name: "gamma rays: general" under "Sources" → Gamma-ray sources', () => {
    const sources = term('Sources', { vocabularyId: 'k', id: 'sources' });
    const subject = term('gamma rays: general', { vocabularyId: 'k', id: 'g', parents: [sources.iri] });
    const rays = term('Gamma-rays', { vocabularyId: 'u', id: 'gr', altLabels: ['Gamma rays'] });
    const raySources = term('Gamma-ray sources', { vocabularyId: 'u', id: 'grs' });
    const { mappings } = computeCandidates({ terms: [subject], context: [sources] }, { terms: [rays, raySources] });
    expect(mappings.find((m) => m.objectId === raySources.iri)!.predicateId).toMatch(/#exactMatch$/);
    expect(mappings.find((m) => m.objectId === rays.iri)!.predicateId).toMatch(/#closeMatch$/);
    expect(mappings.some((m) => m.subjectId === sources.iri)).toBe(false);
  });

  it('the sliced (async) run gives exactly what the one-go run gives, and reports progress to the end', async () => {
    const sources = term('Sources', { vocabularyId: 'k', id: 'src' });
    const subjects = [
      'Infrared: general',
      'ISM: clouds',
      'GRAVITATION',
      'Galaxies',
      'stars: flare',
      'Radio',
      'Comets',
      'X-rays: general',
      'Magnetars',
      'Dust',
      'Lenses',
      'Masers',
    ].map((l, i) => term(l, { vocabularyId: 'k', id: `s${i}`, parents: [sources.iri] }));
    const objects = [
      'Infrared sources',
      'Interstellar clouds',
      'Gravitation',
      'Galaxies',
      'Stellar flares',
      'Radio sources',
      'Comets',
      'X-ray sources',
      'Magnetars',
      'Interstellar dust',
      'Gravitational lenses',
      'Astrophysical masers',
    ].map((l, i) => term(l, { vocabularyId: 'u', id: `o${i}` }));
    const progress: number[] = [];
    const input = { terms: subjects, context: [sources] };
    const sliced = await computeCandidatesAsync(input, { terms: objects }, { date: '2026-01-01', onProgress: (done) => progress.push(done) });
    expect(sliced).toEqual(computeCandidates(input, { terms: objects }, { date: '2026-01-01' }));
    expect(sliced.mappings.length).toBeGreaterThan(5);
    expect(progress.at(-1)).toBe(subjects.length);
  });

  it('VocInVO2 lifecycle: a match to a deprecated concept moves to its useInstead replacement; without a replacement it is at most closeMatch', () => {
    const replacement = term('Astrobiology', { vocabularyId: 'u', id: 'ab' });
    const old = term('Exobiology', { vocabularyId: 'u', id: 'eb', status: { preliminary: false, deprecated: true }, useInstead: [replacement.iri] });
    const gone = term('Minor planets', { vocabularyId: 'u', id: 'mp', status: { preliminary: false, deprecated: true } });
    const { mappings } = computeCandidates(
      { terms: [term('EXOBIOLOGY', { vocabularyId: 'k' }), term('MINOR PLANETS', { vocabularyId: 'k' })] },
      { terms: [replacement, old, gone] },
    );
    expect(mappings.some((m) => m.objectId === old.iri)).toBe(false);
    expect(mappings.find((m) => m.subjectLabel === 'EXOBIOLOGY')).toMatchObject({
      objectId: replacement.iri,
      predicateId: 'http://www.w3.org/2004/02/skos/core#exactMatch',
    });
    expect(mappings.find((m) => m.subjectLabel === 'EXOBIOLOGY')!.similarityMeasure).toMatch(/useInstead/);
    expect(mappings.find((m) => m.objectId === gone.iri)).toMatchObject({ predicateId: 'http://www.w3.org/2004/02/skos/core#closeMatch' });
  });
});

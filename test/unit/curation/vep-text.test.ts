import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { formatVep, parseVep, type Proposal, type ProposalDraft } from '../../../src/curation/index.js';
import { AstrovocError } from '../../../src/model/index.js';

const FIXTURES = resolve(import.meta.dirname, '../../fixtures/vep');
const fixture = (name: string) => readFileSync(resolve(FIXTURES, name), 'utf8');

/** The error `parseVep` throws for `text`, which must be one. */
function refusal(text: string, fileName = 'VEP-T.txt'): AstrovocError {
  try {
    parseVep(text, fileName);
  } catch (error) {
    if (error instanceof AstrovocError) return error;
    throw error;
  }
  throw new Error('parseVep accepted the text');
}

const HEADER = 'Vocabulary: http://www.ivoa.net/rdf/refframe\nAuthor: someone@example.org\nDate: 2026-12-03\n\n';

describe('VocInVO2 §5.2.1: the VEP text form', () => {
  it('reads an Addition: "New Term" with a "#", unindented continuation lines, "narrower than", repeated Used-in, free-text rationale', () => {
    expect(parseVep(fixture('addition.txt'), 'addition.txt')).toEqual({
      vocabularyUri: 'http://www.ivoa.net/rdf/refframe',
      authorLine: 'Ada Example <ada@example.org>',
      date: '2026-11-30',
      term: 'GSE',
      action: 'Addition',
      label: 'Geocentric Solar Ecliptic',
      description: 'Geocentric frame with the X axis towards the Sun and the Z axis towards the ecliptic north pole.',
      relationships: { parents: ['ECLIPTIC'] },
      usedIn: ['http://example.org/tap/tables/solarwind.measurements', 'ivo://example.org/heliocat'],
      rationale:
        'Space physics archives give vectors in GSE, and clients that plot\nthem next to heliospheric data need to know the frame.\n\n' +
        'NB: GSE rotates once a year: a client cannot treat it as inertial.',
    });
  });

  it('reads a Deprecation: "Authors", tab-indented rationale with paragraphs, ivoasem:useInstead', () => {
    const draft = parseVep(fixture('deprecation.txt'), 'deprecation.txt');
    expect(draft).toMatchObject({ authorLine: 'Bea Sample <bea@example.org>, C. Third', term: 'ecl_FK4', action: 'Deprecation' });
    expect(draft.relationships).toEqual({ parents: [], useInstead: 'ECLIPTIC' });
    expect(draft.rationale).toBe(
      'The FK4 ecliptic of B1950.0 is not used by any service we know of;\nECLIPTIC with an equinox says the same.\n\nDeprecated terms stay resolvable.',
    );
    expect(draft.usedIn).toEqual([]);
  });

  it('reads a Modification: indented continuations, a Used-in spread over lines, Supercedes, rationale starting on the item line', () => {
    const draft = parseVep(fixture('modification.txt'), 'modification.txt');
    expect(draft).toMatchObject({
      vocabularyUri: 'https://www.ivoa.net/rdf/refframe/',
      term: 'BODY',
      action: 'Modification',
      supersedes: 'VEP-900',
      description: 'Generic bodycentric coordinates.  Data annotated in this way cannot be combined automatically with any other data.',
      relationships: { parents: ['UNKNOWN'] },
      usedIn: ['http://example.org/planets/q/dl/dlmeta?ID=ivo%3A//example.org/mars (a datalink document with such positions)'],
      rationale: 'The label said "Body Coordinates", which readers took for\ncoordinates of a body\'s shape.',
    });
  });

  it.each(['addition.txt', 'deprecation.txt', 'modification.txt'])(
    'round trip: parse ∘ format ∘ parse is parse, and format writes every field (%s)',
    (name) => {
      const draft = parseVep(fixture(name), name);
      const text = formatVep(draft);
      expect(parseVep(text, 'formatted.txt')).toEqual(draft);
      expect(formatVep(parseVep(text, 'formatted.txt'))).toBe(text);
      for (const value of [draft.vocabularyUri, draft.authorLine, draft.date, draft.term, draft.label, draft.description, ...draft.usedIn].filter(Boolean))
        expect(text).toContain(value);
    },
  );

  it('formats a proposal with its review comments after the Discussion, and its submitter when the VEP gave no author', () => {
    const draft: ProposalDraft = { term: 'x1', action: 'Deprecation', usedIn: [], discussion: 'Raised on the list.' };
    const proposal: Proposal = {
      ...draft,
      id: 'p1',
      vocabulary: 'refframe',
      vocabularyUri: 'http://www.ivoa.net/rdf/refframe',
      author: 'dora',
      date: '2026-12-03',
      submitted: '2026-12-03T10:00:00.000Z',
      state: 'under-review',
      comments: [{ who: 'eve', when: '2026-12-04T09:00:00.000Z', text: 'Label: fine by me.\nShip it.' }],
      history: [],
    };
    const text = formatVep(proposal);
    expect(text).toContain('Author: dora\n');
    const again = parseVep(text, 'p1.txt');
    expect(again.discussion).toBe('Raised on the list.\n\neve (2026-12-04T09:00:00.000Z):\nLabel: fine by me.\nShip it.');
    expect(again.label).toBeUndefined();
  });

  describe('refusals name the line', () => {
    it.each([
      ['text before the first item', `Some words\n${HEADER}`, 1, /text outside any item/],
      ['an item the form does not have', `${HEADER}Term: a\nAction: Deprecation\nTo-be-used-in: http://x.org/\n`, 7, /"To-be-used-in" is not an item/],
      ['a second term block', `${HEADER}Term: a\nAction: Deprecation\n\nTerm: b\nAction: Deprecation\n`, 8, /second term \(b\).*one VEP per term/],
      ['an unknown action', `${HEADER}Term: a\nAction: Modificiation\nLabel: A\n`, 6, /"Modificiation" is none of Addition, Deprecation, Modification/],
      [
        'a relationship it cannot act on',
        `${HEADER}Term: a\nAction: Modification\nRelationships: rdfs:subProperyOf(b)\n`,
        7,
        /"rdfs:subProperyOf\(b\)" is not a relationship/,
      ],
      ['a bad term id', `${HEADER}Term: a b\nAction: Deprecation\n`, 5, /not a term id/],
      ['a bad date', `Vocabulary: http://www.ivoa.net/rdf/refframe\nDate: 2026-13-45\nTerm: a\nAction: Deprecation\n`, 2, /not a date/],
      ['an Addition without Used-in', `${HEADER}Term: a\nAction: Addition\nLabel: A\nDescription: An a.\n`, 6, /at least one URI/],
      ['a Used-in without a URI', `${HEADER}Term: a\nAction: Addition\nLabel: A\nDescription: An a.\nUsed-in: VOTable legacy\n`, 9, /names no URI/],
      ['a replacement outside a Deprecation', `${HEADER}Term: a\nAction: Modification\nRelationships: ivoasem:useInstead(#b)\n`, 7, /only a Deprecation/],
      ['a repeated Label', `${HEADER}Term: a\nAction: Modification\nLabel: A\nLabel: B\n`, 8, /second label item \(the first is on line 7\)/],
      ['text after a blank line that is not indented', `${HEADER}Term: a\nAction: Modification\nLabel: A\n\nstray words\n`, 9, /text outside any item/],
    ])('%s', (_what, text, line, message) => {
      const error = refusal(text);
      expect(error.kind).toBe('invalid-input');
      expect(error.location).toMatchObject({ file: 'VEP-T.txt', line });
      expect(error.message).toMatch(message);
      expect(error.message).toContain(`VEP-T.txt, line ${line}:`);
    });

    it('a VEP without a Vocabulary item names the item', () => {
      expect(refusal('Term: a\nAction: Deprecation\n').message).toMatch(/no vocabulary item/);
    });

    it('a text over the size bound is too large', () => {
      expect(refusal(`${HEADER}Term: a\nAction: Deprecation\nRationale:\n${'  word\n'.repeat(20_000)}`).kind).toBe('too-large');
    });
  });
});

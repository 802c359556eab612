import type { VocabularyMeta } from '../../../src/model/index.js';
import { exportVocabsConfSection } from '../../../src/render/vocabs-conf-writer.js';

const CONF = [
  '[first]',
  'flavour: RDF Class',
  'timestamp:2019-03-15',
  'title:Time Scales',
  'description:Names of time scales',
  '\tas used in VOTable.',
  'authors: Rots, A. ; Demleitner, M.',
  'draft: true',
  '',
  '',
  '[second]',
  'title = Second',
  '',
].join('\n');

const META: VocabularyMeta = {
  id: 'first',
  iri: 'http://example.org/first',
  termBase: 'http://example.org/first#',
  title: 'Time Scales',
  description: 'Names of time scales\nas used in VOTable.',
  community: 'IVOA',
  flavour: 'RDF Class',
  version: '2019-03-15',
  authors: ['Rots, A.', 'Demleitner, M.'],
  licence: { uri: 'http://creativecommons.org/publicdomain/zero/1.0/', name: 'CC0-1.0' },
  draft: true,
  hidden: false,
  graph: 'urn:g',
};
const SECTION = `${CONF.split('\n').slice(0, 8).join('\n')}\n`;

test('the section runs from its header to its last line, without the blank lines before the next one', () => {
  expect(exportVocabsConfSection(CONF, 'first')).toBe(SECTION);
  expect(exportVocabsConfSection(CONF, 'second')).toBe('[second]\ntitle = Second\n');
  expect(() => exportVocabsConfSection(CONF, 'third')).toThrow(/no section \[third\]/);
});

test('metadata equal to what the section says changes nothing, whatever the spelling', () => {
  expect(exportVocabsConfSection(CONF, 'first', META)).toBe(SECTION);
});

test('a changed field is rewritten with its key, separator and indentation; the others stay; a new one takes the commonest separator', () => {
  const meta = { ...META, title: 'Timescales', description: 'Time scales\nfor VOTable.', draft: false, hidden: true };
  expect(exportVocabsConfSection(CONF, 'first', meta).split('\n')).toEqual([
    '[first]',
    'flavour: RDF Class',
    'timestamp:2019-03-15',
    'title:Timescales',
    'description:Time scales',
    '\tfor VOTable.',
    'authors: Rots, A. ; Demleitner, M.',
    'draft: false',
    'hidden: True',
    '',
  ]);
});

test('rewriting every field spells authors with "; " (a documented normalisation)', () => {
  expect(exportVocabsConfSection(CONF, 'first', META, { rewrite: 'all' })).toBe(SECTION.replace('Rots, A. ; ', 'Rots, A.; '));
});

test('a licence other than CC0 adds licenseuri; removing the description drops its lines', () => {
  const meta = { ...META, description: undefined, licence: { uri: 'https://creativecommons.org/licenses/by/4.0/', name: 'CC-BY-4.0' } };
  const lines = exportVocabsConfSection(CONF, 'first', meta).split('\n');
  expect(lines).not.toContain('description:Names of time scales');
  expect(lines).not.toContain('\tas used in VOTable.');
  expect(lines).toContain('licenseuri: https://creativecommons.org/licenses/by/4.0/');
});

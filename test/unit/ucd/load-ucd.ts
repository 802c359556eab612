/** Builds the UCD service and the vocabulary term sets from the real upstream files (test support). */
import { readFileSync } from 'node:fs';
import { parseUcdList } from '../../../src/ingest/ucd-list-reader.js';
import { UcdService, type TermVocabulary, type VotableVocabularies } from '../../../src/ucd/index.js';
import { mirrorPath, readMirror } from '../../support/mirror.js';

let cached: UcdService | undefined;

export function loadUcdService(version: '1.6' | '1.5' | '1.4' = '1.6'): UcdService {
  if (version === '1.6' && cached) return cached;
  const dir = version === '1.6' ? 'ucd' : `ucd/versions/${version}`;
  const parsed = parseUcdList(
    readMirror(`${dir}/ucd-list.txt`),
    'ucd-list.txt',
    version === '1.4' ? undefined : readMirror(`${dir}/ucd-list-deprecated.txt`),
    'ucd-list-deprecated.txt',
  );
  const service = new UcdService(parsed);
  if (version === '1.6') cached = service;
  return service;
}

/** Term ids and deprecations of an IVOA vocabulary, read from its terms.csv (term;level;label;description;more_relations). */
export function loadTermVocabulary(path: string, iri: string): TermVocabulary {
  const terms = new Map<string, { deprecated: boolean; useInstead?: string }>();
  for (const line of readFileSync(mirrorPath(`ivoa-vocabularies/${path}`), 'utf8').split('\n')) {
    if (line.trim() === '' || line.startsWith('#')) continue;
    const id = line.split(';')[0]!.trim();
    const deprecated = /ivoasem:deprecated/.test(line);
    const useInstead = /ivoasem:useInstead\(([^)]+)\)/.exec(line)?.[1];
    terms.set(id, { deprecated, useInstead });
  }
  return { iri, terms };
}

export function loadVotableVocabularies(): VotableVocabularies {
  return {
    refframe: loadTermVocabulary('refframe/terms.csv', 'http://www.ivoa.net/rdf/refframe'),
    timescale: loadTermVocabulary('timescale/terms.csv', 'http://www.ivoa.net/rdf/timescale'),
    refposition: loadTermVocabulary('refposition/terms.csv', 'http://www.ivoa.net/rdf/refposition'),
    datalink: loadTermVocabulary('datalink/core/terms.csv', 'http://www.ivoa.net/rdf/datalink/core'),
  };
}

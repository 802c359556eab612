import type { ProposalDraft } from '../../src/curation/index.js';

/** A VEP adding one refframe term, with every item an Addition needs. */
export const GSE_ADDITION: ProposalDraft = {
  term: 'GSE',
  action: 'Addition',
  label: 'Geocentric Solar Ecliptic',
  description: 'Sun-pointing geocentric frame.',
  relationships: { parents: ['ECLIPTIC'] },
  usedIn: ['http://example.org/tap'],
};

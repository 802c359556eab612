/**
 * Stand-in for term-rules.ts (checkTermChange), which another change brings: the term's record after the change,
 * without the VocInVO2 rules. The lead swaps the import in curation-service.ts for the real one.
 */
import { AstrovocError, type Flavour, type TermChange, type TermRecord } from '../model/index.js';

export function checkTermChange(records: ReadonlyMap<string, TermRecord>, _flavour: Flavour, change: TermChange): TermRecord | null {
  const current = records.get(change.term);
  if (change.action === 'add') {
    if (current) throw new AstrovocError('unprocessable', `term: ${change.term} exists already`, { location: { parameter: 'term' } });
    const fields = change.fields ?? {};
    return {
      id: change.term,
      label: fields.label ?? '',
      description: fields.description ?? '',
      altLabels: fields.altLabels ?? [],
      parents: fields.parents ?? [],
      status: 'preliminary',
      links: fields.links ?? [],
    };
  }
  if (!current) throw new AstrovocError('not-found', `No term ${change.term}`);
  switch (change.action) {
    case 'modify':
      return { ...current, ...change.fields };
    case 'deprecate':
      return { ...current, status: 'deprecated', ...(change.useInstead ? { useInstead: change.useInstead } : {}) };
    case 'approve':
      return { ...current, status: 'approved' };
    case 'remove':
      return null;
  }
}

/**
 * The rules on a term's parents, which need the rest of the vocabulary: each parent exists, is named once, is not the
 * term itself, is not one of its descendants, and, for the tree flavours, is the only one.
 */
import type { Flavour, TermRecord } from '../model/index.js';
import { quote, refuse } from './term-rules-codes.js';

const TREE_FLAVOURS: ReadonlySet<Flavour> = new Set(['RDF Class', 'RDF Property']);

/**
 * Checks the parents `id` is given. `current` are the parents it has now: a deprecated parent it already has may stay
 * (its children are kept when a term is deprecated), only a new one is refused.
 */
export function checkParents(
  records: ReadonlyMap<string, TermRecord>,
  flavour: Flavour,
  id: string,
  parents: readonly string[],
  current: readonly string[],
): void {
  if (TREE_FLAVOURS.has(flavour) && parents.length > 1) {
    throw refuse(
      'tree-one-parent',
      'parents.1',
      `an ${flavour} vocabulary is a tree: a term has at most one parent; found ${parents.length} (${parents.map(quote).join(', ')})`,
      { limit: 1 },
    );
  }
  const seen = new Set<string>();
  parents.forEach((parent, index) => {
    const parameter = `parents.${index}`;
    if (parent === id) throw refuse('parent-self', parameter, `${quote(id)} cannot be its own parent`, { term: parent });
    if (seen.has(parent)) throw refuse('parent-duplicate', parameter, `parent ${quote(parent)} is named twice`, { term: parent });
    seen.add(parent);
    const record = records.get(parent);
    if (!record) throw refuse('parent-unknown', parameter, `parent ${quote(parent)} is not a term of this vocabulary`, { term: parent });
    if (record.status === 'deprecated' && !current.includes(parent)) {
      throw refuse(
        'parent-deprecated',
        parameter,
        `parent ${quote(parent)} is deprecated${record.useInstead ? `; use ${quote(record.useInstead)} instead` : ''}: new terms are not placed under it`,
        { term: parent },
      );
    }
  });
  const descent = descentTo(records, parents, id);
  if (descent) {
    const parent = descent[descent.length - 1] as string;
    throw refuse(
      'parent-cycle',
      `parents.${parents.indexOf(parent)}`,
      `${quote(parent)} is below ${quote(id)} (${shortPath(descent)}): that would make a cycle`,
      {
        term: parent,
      },
    );
  }
}

/**
 * When `target` is an ancestor of one of `parents` (or one of them), the path down from it to that parent; otherwise
 * undefined. One breadth-first walk over the ancestors of all the parents, each visited once, so the cost is the
 * number of those ancestors and a cycle already in the data cannot trap it.
 */
function descentTo(records: ReadonlyMap<string, TermRecord>, parents: readonly string[], target: string): string[] | undefined {
  const cameFrom = new Map<string, string | null>(parents.map((parent) => [parent, null]));
  const queue = [...parents];
  for (let next = 0; next < queue.length; next += 1) {
    const at = queue[next] as string;
    if (at === target) {
      const path: string[] = [];
      for (let step: string | null | undefined = at; step != null; step = cameFrom.get(step)) path.push(step);
      return path;
    }
    for (const parent of records.get(at)?.parents ?? []) {
      if (!cameFrom.has(parent)) {
        cameFrom.set(parent, at);
        queue.push(parent);
      }
    }
  }
  return undefined;
}

/** A path of term ids for a message: its first and last three steps when it is long. */
function shortPath(ids: readonly string[]): string {
  const steps = ids.length > 7 ? [...ids.slice(0, 3).map(quote), `(${ids.length - 6} more)`, ...ids.slice(-3).map(quote)] : ids.map(quote);
  return steps.join(' > ');
}

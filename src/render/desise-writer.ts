/**
 * desise ("dead simple semantics"), the RDF-free JSON form of a vocabulary (VocInVO2 §3.3, as the IVOA's
 * convert.py writes it):
 *   {"uri", "flavour", "terms": {<id>: {"label", "description", "deprecated"?, "useInstead"?, "preliminary"?, "wider", "narrower"}}}
 * - terms in source order; a term id of the vocabulary is written bare, any other term as its full IRI;
 * - `wider`: the direct parents;
 * - `narrower`: direct children for SKOS; for RDF Class and RDF Property every descendant (the
 *   hierarchy is a tree there), in convert.py's order: the children, then each listed term's own
 *   descendants in turn;
 * - `deprecated` / `preliminary` are "" and present only when they apply; `useInstead` names the replacement.
 * Where convert.py differs from the rule it implements, astrovoc follows the rule (the fidelity test
 * lists each case): convert.py keeps a term's ivoasem keys and multiple parents in a Python set, so
 * their order changes from run to run; astrovoc writes them in one fixed order. Its transitive
 * closure repeats descendants more than one level down (object-type#star lists 82 entries for 66
 * terms); astrovoc lists each descendant once.
 */
import type { Term, VocabularyMeta } from '../model/index.js';

export const DESISE_MEDIA_TYPE = 'application/x-desise+json';

export interface DesiseTerm {
  label: string;
  description: string | null;
  deprecated?: '';
  useInstead?: string;
  preliminary?: '';
  wider: string[];
  narrower: string[];
}

export interface Desise {
  uri: string;
  flavour: VocabularyMeta['flavour'];
  terms: Record<string, DesiseTerm>;
}

/**
 * The desise form of a vocabulary, or of some of its terms (`only`: a single term's desise keeps the
 * vocabulary envelope). `terms` are all the vocabulary's terms, in source order.
 */
export function toDesise(vocabulary: VocabularyMeta, terms: readonly Term[], only?: readonly Term[]): Desise {
  const byIri = new Map(terms.map((t) => [t.iri, t]));
  const local = (iri: string): string => {
    const term = byIri.get(iri);
    return term ? term.id : iri.startsWith(vocabulary.termBase) ? iri.slice(vocabulary.termBase.length) : iri;
  };
  const transitive = vocabulary.flavour !== 'SKOS';
  const descendants = transitive ? descendantsInConverterOrder(byIri) : undefined;
  // No prototype: a term whose id is `__proto__` (uploads, any source) is a key like the others, not a prototype.
  const out: Record<string, DesiseTerm> = Object.create(null) as Record<string, DesiseTerm>;
  for (const term of only ?? terms) {
    out[term.id] = {
      label: term.labels[0] ?? term.id,
      description: term.definitions[0] ?? null,
      ...(term.status.deprecated ? { deprecated: '' as const } : {}),
      ...(term.useInstead[0] !== undefined ? { useInstead: local(term.useInstead[0]) } : {}),
      ...(term.status.preliminary ? { preliminary: '' as const } : {}),
      wider: term.parents.map(local),
      narrower: (descendants ? descendants(term) : term.children).map(local),
    };
  }
  return { uri: vocabulary.iri, flavour: vocabulary.flavour, terms: out };
}

/** desise as text: two-space indentation, as convert.py's `json.dump(..., indent="  ")`. */
export function writeDesise(desise: Desise): string {
  return JSON.stringify(desise, null, 2);
}

/**
 * All descendants of a term: its children, then for each term in that growing list its own children
 * (convert.py's `close_transitively`), each term once. Memoised per call of toDesise; a cycle (not a
 * tree, against VocInVO2) stops where it closes.
 */
function descendantsInConverterOrder(byIri: ReadonlyMap<string, Term>): (term: Term) => string[] {
  const memo = new Map<string, string[]>();
  const visiting = new Set<string>();
  const of = (term: Term): string[] => {
    const known = memo.get(term.iri);
    if (known) return known;
    visiting.add(term.iri);
    const list: string[] = [];
    const seen = new Set<string>();
    const add = (iri: string): void => {
      if (seen.has(iri) || iri === term.iri) return;
      seen.add(iri);
      list.push(iri);
    };
    term.children.forEach(add);
    for (let i = 0; i < list.length; i++) {
      const child = byIri.get(list[i]!);
      if (child && !visiting.has(child.iri)) of(child).forEach(add);
    }
    visiting.delete(term.iri);
    memo.set(term.iri, list);
    return list;
  };
  return of;
}

/** Reads the W3C SPARQL 1.1 test manifests (Turtle, mf:/qt: vocabularies) into plain test descriptions. */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import N3 from 'n3';

const MF = 'http://www.w3.org/2001/sw/DataAccess/tests/test-manifest#';
const QT = 'http://www.w3.org/2001/sw/DataAccess/tests/test-query#';
const DAWGT = 'http://www.w3.org/2001/sw/DataAccess/tests/test-dawg#';
const RDF = 'http://www.w3.org/1999/02/22-rdf-syntax-ns#';

export type W3cTestType = 'QueryEvaluationTest' | 'CSVResultFormatTest' | 'PositiveSyntaxTest11' | 'NegativeSyntaxTest11' | 'other';

export interface W3cTest {
  iri: string;
  name: string;
  folder: string;
  type: W3cTestType;
  approval?: string;
  /** Paths of the query, the default-graph data files, the named-graph data files and the expected result. */
  query: string;
  data: string[];
  graphData: string[];
  result?: string;
}

/** The manifests listed by `mf:include` in a top-level manifest (e.g. manifest-sparql11-query.ttl). */
export function includedManifests(manifest: string): string[] {
  const store = parse(manifest);
  const lists = store.getObjects(null, `${MF}include`, null);
  return lists.flatMap((list) => listItems(store, list)).map((item) => fileURLToPath(item.value));
}

export function readManifest(manifest: string): W3cTest[] {
  const store = parse(manifest);
  const folder = dirname(manifest).split('/').pop()!;
  const entries = store.getObjects(null, `${MF}entries`, null).flatMap((list) => listItems(store, list));
  return entries.map((entry) => {
    const one = (subject: N3.Term, predicate: string) => store.getObjects(subject, predicate, null)[0];
    const all = (subject: N3.Term, predicate: string) => store.getObjects(subject, predicate, null).map((t) => fileURLToPath(t.value));
    const typeIri = one(entry, `${RDF}type`)?.value ?? '';
    const local = typeIri.startsWith(MF) ? typeIri.slice(MF.length) : '';
    const type: W3cTestType = ['QueryEvaluationTest', 'CSVResultFormatTest', 'PositiveSyntaxTest11', 'NegativeSyntaxTest11'].includes(local)
      ? (local as W3cTestType)
      : 'other';
    const action = one(entry, `${MF}action`)!;
    const isNode = action.termType === 'BlankNode';
    const result = one(entry, `${MF}result`);
    return {
      iri: entry.value,
      name: one(entry, `${MF}name`)?.value ?? entry.value,
      folder,
      type,
      ...(one(entry, `${DAWGT}approval`) ? { approval: one(entry, `${DAWGT}approval`)!.value.replace(DAWGT, '') } : {}),
      query: isNode ? fileURLToPath(one(action, `${QT}query`)!.value) : fileURLToPath(action.value),
      data: isNode ? all(action, `${QT}data`) : [],
      graphData: isNode ? all(action, `${QT}graphData`) : [],
      ...(result && result.termType === 'NamedNode' ? { result: fileURLToPath(result.value) } : {}),
    };
  });
}

function parse(path: string): N3.Store {
  return new N3.Store(new N3.Parser({ baseIRI: pathToFileURL(path).href }).parse(readFileSync(path, 'utf8')));
}

function listItems(store: N3.Store, head: N3.Term): N3.Term[] {
  const items: N3.Term[] = [];
  for (let node = head; node.value !== `${RDF}nil`;) {
    const first = store.getObjects(node, `${RDF}first`, null)[0];
    if (!first) break;
    items.push(first);
    node = store.getObjects(node, `${RDF}rest`, null)[0]!;
  }
  return items;
}

export const SPARQL11_DIR = join(process.env.ASTROVOC_SPARQL11 ?? join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..', 'shared', 'sparql11'));

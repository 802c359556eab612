/**
 * Runs W3C SPARQL 1.1 query tests against a runner: the astrovoc endpoint over HTTP, or oxigraph in
 * process (the engine baseline). For each test the data goes in as named graphs; the default graph and the
 * named graphs are chosen with the protocol's default-graph-uri / named-graph-uri (or the query's own FROM).
 */
import { readFileSync } from 'node:fs';
import { extname } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import sparqljs from 'sparqljs';
import type { Quad } from '../../src/model/index.js';
import { parseRdf } from '../../src/ingest/rdf-parse.js';
import type { W3cTest } from './w3c-manifest.js';
import { graphFromText, graphsEqual, solutionsEqual, solutionsFromJson, solutionsFromResultSetGraph, solutionsFromXml, tabularEqual } from './w3c-results.js';

export const DEFAULT_GRAPH = 'urn:w3c:default';
export const NO_NAMED_GRAPH = 'urn:w3c:no-named-graph';

export interface RunnerRequest {
  query: string;
  accept: string;
  dataset?: { defaultGraphs: string[]; namedGraphs: string[] };
}

export interface RunnerAnswer {
  status: number;
  body: string;
}

/** Something that answers SPARQL over a dataset it is given. */
export interface Runner {
  load(graphs: Map<string, Quad[]>): Promise<void>;
  run(request: RunnerRequest): Promise<RunnerAnswer>;
}

export type Outcome = { test: W3cTest; outcome: 'pass' | 'fail' | 'skip'; reason?: string };

export async function runTest(test: W3cTest, runner: Runner): Promise<Outcome> {
  try {
    if (test.type === 'other') return { test, outcome: 'skip', reason: 'not a query test' };
    const queryText = readFileSync(test.query, 'utf8');
    const base = pathToFileURL(test.query).href;
    // Prologue allows BASE anywhere among the prefixes; the query's own BASE, if any, comes later and wins.
    const query = `BASE <${base}>\n${queryText}`;
    if (test.type === 'PositiveSyntaxTest11' || test.type === 'NegativeSyntaxTest11') {
      await runner.load(new Map());
      const answer = await runner.run({ query, accept: 'application/sparql-results+json, text/turtle;q=0.9' });
      const accepted = answer.status !== 400;
      const expected = test.type === 'PositiveSyntaxTest11';
      return accepted === expected ? { test, outcome: 'pass' } : { test, outcome: 'fail', reason: `status ${answer.status}: ${answer.body.slice(0, 200)}` };
    }
    if (!test.result) return { test, outcome: 'skip', reason: 'no expected result' };

    const parsed = new sparqljs.Parser({ baseIRI: base }).parse(queryText) as sparqljs.Query;
    const graphs = new Map<string, Quad[]>();
    const fromDefault = parsed.from?.default.map((t) => t.value) ?? [];
    const fromNamed = parsed.from?.named.map((t) => t.value) ?? [];
    for (const iri of [...fromDefault, ...fromNamed]) if (iri.startsWith('file:')) graphs.set(iri, readData(fileURLToPath(iri)));
    graphs.set(DEFAULT_GRAPH, test.data.flatMap(readData));
    for (const file of test.graphData) graphs.set(pathToFileURL(file).href, readData(file));
    await runner.load(graphs);
    const dataset =
      fromDefault.length + fromNamed.length > 0
        ? undefined
        : { defaultGraphs: [DEFAULT_GRAPH], namedGraphs: test.graphData.length ? test.graphData.map((f) => pathToFileURL(f).href) : [NO_NAMED_GRAPH] };

    const resultType = extname(test.result);
    const isGraph = parsed.queryType === 'CONSTRUCT' || parsed.queryType === 'DESCRIBE';
    const accept = isGraph
      ? 'application/n-triples'
      : resultType === '.csv'
        ? 'text/csv'
        : resultType === '.tsv'
          ? 'text/tab-separated-values'
          : 'application/sparql-results+json';
    const answer = await runner.run({ query, accept, ...(dataset ? { dataset } : {}) });
    if (answer.status !== 200) return { test, outcome: 'fail', reason: `status ${answer.status}: ${answer.body.slice(0, 300)}` };

    const expectedText = readFileSync(test.result, 'utf8');
    let equal: boolean;
    if (isGraph) {
      const expected = graphFromText(expectedText, resultType === '.rdf' ? 'application/rdf+xml' : 'text/turtle', pathToFileURL(test.result).href);
      equal = graphsEqual(expected, graphFromText(answer.body, 'application/n-triples', base));
    } else if (resultType === '.csv' || resultType === '.tsv') {
      equal = tabularEqual(expectedText, answer.body, resultType === '.csv' ? ',' : '\t');
    } else {
      const expected =
        resultType === '.srj'
          ? solutionsFromJson(expectedText)
          : resultType === '.srx'
            ? solutionsFromXml(expectedText)
            : solutionsFromResultSetGraph(test.result);
      const ordered = parsed.queryType === 'SELECT' && Boolean(parsed.order?.length);
      equal = solutionsEqual(expected, solutionsFromJson(answer.body), ordered);
    }
    return equal ? { test, outcome: 'pass' } : { test, outcome: 'fail', reason: `results differ: ${answer.body.slice(0, 300)}` };
  } catch (error) {
    return { test, outcome: 'fail', reason: `harness: ${error instanceof Error ? error.message : String(error)}` };
  }
}

function readData(path: string): Quad[] {
  const syntax = extname(path) === '.rdf' ? 'rdfxml' : extname(path) === '.nt' ? 'nt' : 'ttl';
  return [...parseRdf(readFileSync(path, 'utf8'), syntax, path, pathToFileURL(path).href)];
}

export interface Tally {
  pass: number;
  fail: number;
  skip: number;
}

/** pass / fail / skip per folder and in total, as printable lines. */
export function report(title: string, outcomes: readonly Outcome[]): { lines: string[]; total: Tally; byFolder: Map<string, Tally> } {
  const byFolder = new Map<string, Tally>();
  const total: Tally = { pass: 0, fail: 0, skip: 0 };
  for (const { test, outcome } of outcomes) {
    const tally = byFolder.get(test.folder) ?? { pass: 0, fail: 0, skip: 0 };
    tally[outcome] += 1;
    total[outcome] += 1;
    byFolder.set(test.folder, tally);
  }
  const row = (name: string, t: Tally) => `${name.padEnd(20)} ${String(t.pass).padStart(5)} ${String(t.fail).padStart(5)} ${String(t.skip).padStart(5)}`;
  const lines = [title, `${'folder'.padEnd(20)}  pass  fail  skip`, ...[...byFolder].map(([folder, t]) => row(folder, t)), row('total', total)];
  return { lines, total, byFolder };
}

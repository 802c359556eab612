import { cp, mkdir, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadCatalogue, type CatalogueEntry } from '../../src/catalogue/index.js';
import { OxigraphStore } from '../../src/store/index.js';
import { VocabularyService } from '../../src/vocab/index.js';
import { mirrorPath, PROJECT_ROOT } from '../support/mirror.js';

/**
 * Issue 2 acceptance: malformed sources give an error naming file and line, and the store is unchanged
 * afterwards. Each case breaks one real source in a private copy of the mirror and reloads.
 */
const IDS = ['refframe', 'ihdea_refframe', 'epn_product_type', 'spase-CoordinateSystemName', 'pds4-facilities', 'ucd'];

type Breakage = { id: string; file: string; break: (text: string) => string; expect: RegExp };
const CASES: Breakage[] = [
  {
    id: 'refframe',
    file: 'ivoa-vocabularies/refframe/terms.csv',
    break: (t) => `${t}odd;1;Odd;An unknown relation;ivoasem:frobnicates(ICRS)\n`,
    expect: /refframe\/terms\.csv:22\b.*frobnicates/,
  },
  { id: 'refframe', file: 'ivoa-vocabularies/refframe/terms.csv', break: (t) => `${t}odd;1;"Odd;An unbalanced quote\n`, expect: /refframe\/terms\.csv:22\b/ },
  {
    id: 'ihdea_refframe',
    file: 'voparis-ns/ihdea/refframe/ihdea_refframe.ttl',
    break: (t) => `${t}\n<#broken> a rdfs:Class ;\n  rdfs:label "unterminated .\n`,
    expect: /ihdea_refframe\.ttl:\d+/,
  },
  {
    id: 'epn_product_type',
    file: 'voparis-ns/epn/2.0/product-type/epn-product-type.ttl',
    break: (t) => t.replace(/\.\s*$/, ' ;;; garbage'),
    expect: /epn-product-type\.ttl:\d+/,
  },
  {
    id: 'spase-CoordinateSystemName',
    file: 'spase/spase-base-2.7.0.json',
    break: (t) => t.slice(0, Math.floor(t.length / 2)),
    expect: /spase-base-2\.7\.0\.json:\d+/,
  },
  {
    id: 'pds4-facilities',
    file: 'pds4/registered_context_products.json',
    break: (t) => t.slice(0, t.length - 100),
    expect: /registered_context_products\.json:\d+/,
  },
  { id: 'ucd', file: 'ucd/ucd-list.txt', break: (t) => t.replace(/\n(Q \| )/, '\nZ | $1'), expect: /ucd-list\.txt:\d+/ },
];

let entries: CatalogueEntry[];
beforeAll(async () => {
  entries = (await loadCatalogue(PROJECT_ROOT)).filter((e) => IDS.includes(e.id));
});

async function privateMirror(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'astrovoc-bad-'));
  for (const file of new Set(entries.flatMap((e) => Object.values(e.sources).map((s) => s.mirror)))) {
    await mkdir(join(dir, file, '..'), { recursive: true });
    await cp(mirrorPath(file), join(dir, file));
  }
  return dir;
}

describe('a malformed source changes nothing', () => {
  it.each(CASES.map((c) => [`${c.file} (${c.expect.source})`, c] as const))('%s: error names file and line, store unchanged', async (_name, breakage) => {
    const mirror = await privateMirror();
    const store = new OxigraphStore();
    const service = new VocabularyService(store, entries);
    const first = await service.load(mirror);
    expect(first.failures).toEqual([]);
    const graphsBefore = await store.listGraphs();
    const graph = service.index.vocabulary(breakage.id)!.graph;
    // The broken vocabulary's graph must be untouched, byte for byte (the others are re-read and may get new blank node labels).
    const graphBefore = await store.exportGraph(graph, 'nt');
    const countsBefore = service.index.counts(breakage.id);

    const path = join(mirror, breakage.file);
    await writeFile(path, breakage.break(await readFile(path, 'utf8')));
    const report = await service.load(mirror);

    const failure = report.failures.find((f) => f.vocabularyId === breakage.id);
    expect(failure?.message).toMatch(breakage.expect);
    expect(await store.listGraphs()).toEqual(graphsBefore);
    expect(await store.exportGraph(graph, 'nt')).toBe(graphBefore);
    expect(service.index.counts(breakage.id)).toEqual(countsBefore);
  });
});

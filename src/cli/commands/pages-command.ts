/**
 * `astrovoc pages --out DIR`: the whole site as static files for a plain web server. Every page sits
 * at its path as `index.html` (`/rdf/refframe/ICRS` → `rdf/refframe/ICRS/index.html`), so the links
 * of the live site work unchanged; each vocabulary's downloads sit next to its page as
 * `vocabulary.{ttl,rdf,jsonld,nt,desise}`; `search-index.json` feeds the client-side search.
 */
import { cp, mkdir, rm, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import cliProgress from 'cli-progress';
import type { Command } from 'commander';
import {
  DOWNLOADS,
  PageRenderer,
  Representations,
  homeModel,
  NO_SEARCH,
  searchModel,
  termPage,
  termPath,
  vocabularyModel,
  vocabularyPath,
  type TermPageSources,
} from '../../render/index.js';
import type { Lookup, VocabularyService } from '../../vocab/index.js';

export const SEARCH_INDEX_FILE = 'search-index.json';

export interface ExportSiteOptions {
  service: VocabularyService;
  lookup: Lookup;
  /** The mapping sets, when the service hosts them: term pages show their links, as the live pages do. */
  mappings?: TermPageSources['mappings'];
  pages: PageRenderer;
  outDir: string;
  /** The `static/` folder (search.js, page.js), copied to `<out>/static`. */
  staticDir: string;
  /** Called after each file with the count done and the total. */
  onProgress?: (done: number, total: number, item: string) => void;
}

export interface ExportReport {
  files: number;
  pages: number;
  vocabularies: number;
  terms: number;
  milliseconds: number;
}

/** The search index of the static copy: what search.js needs to find a term and link to it. */
export interface StaticSearchIndex {
  vocabularies: Record<string, { title: string; community: string }>;
  terms: { id: string; label: string; altLabels?: string[]; vocabulary: string; path: string; deprecated?: true; preliminary?: true }[];
}

const PARALLEL_WRITES = 64;

export async function exportSite(options: ExportSiteOptions): Promise<ExportReport> {
  const started = Date.now();
  const { service, lookup, pages, outDir } = options;
  const index = lookup.index;
  const representations = new Representations({ index, quadsOfGraph: (graph) => service.store.local.quadsOfGraph(graph) });
  const termSources: TermPageSources = { lookup, representations, ...(options.mappings ? { mappings: options.mappings } : {}) };
  const hosted = service.list().filter((h) => h.meta);
  const total = 3 + hosted.length * (1 + DOWNLOADS.length) + index.size;
  let done = 0;
  let files = 0;
  let pending: Promise<void>[] = [];
  const write = async (sitePath: string, body: string): Promise<void> => {
    const file = join(outDir, ...sitePath.split('/').filter(Boolean).map(fileSegment));
    pending.push(mkdir(resolve(file, '..'), { recursive: true }).then(() => writeFile(file, body)));
    files++;
    options.onProgress?.(++done, total, sitePath);
    if (pending.length >= PARALLEL_WRITES) {
      await Promise.all(pending);
      pending = [];
    }
  };
  const common = { staticSite: true, indexUrl: `/${SEARCH_INDEX_FILE}` };

  await rm(outDir, { recursive: true, force: true });
  await mkdir(outDir, { recursive: true });
  await cp(options.staticDir, join(outDir, 'static'), { recursive: true });

  await write('/index.html', pages.render('home', { ...homeModel(service.list()), ...common, scripts: ['/static/search.js'] }));
  await write(
    '/search/index.html',
    pages.render('search', { ...searchModel({ q: '', offset: 0, limit: 20 }, NO_SEARCH, index.vocabularies), ...common, scripts: ['/static/search.js'] }),
  );
  await write(`/${SEARCH_INDEX_FILE}`, JSON.stringify(searchIndexOf(lookup)));

  let pageCount = 2;
  for (const vocabulary of hosted) {
    const meta = vocabulary.meta!;
    const model = vocabularyModel(vocabulary, lookup, 'static');
    if (!model) continue;
    const path = vocabularyPath(meta);
    await write(`${path}/index.html`, pages.render('vocabulary', { ...model, ...common, scripts: ['/static/page.js'] }));
    pageCount++;
    for (const download of DOWNLOADS) {
      const { body } = await representations.vocabulary(meta, download.format);
      await write(`${path}/vocabulary.${download.extension}`, body);
    }
    for (const term of index.terms(meta.id)) {
      const page = await termPage(termSources, term, 'static');
      if (!page) continue;
      await write(`${termPath(meta, term.id)}/index.html`, pages.render('term', { ...page, ...common, scripts: ['/static/page.js'] }));
      pageCount++;
    }
  }
  await Promise.all(pending);
  return { files, pages: pageCount, vocabularies: hosted.length, terms: index.size, milliseconds: Date.now() - started };
}

export function searchIndexOf(lookup: Lookup): StaticSearchIndex {
  const index = lookup.index;
  return {
    vocabularies: Object.fromEntries(index.vocabularies.map((v) => [v.id, { title: v.title, community: v.community }])),
    terms: index.vocabularies.flatMap((vocabulary) =>
      index.terms(vocabulary.id).map((term) => ({
        id: term.id,
        label: term.labels[0] ?? term.id,
        ...(term.altLabels.length > 0 ? { altLabels: term.altLabels } : {}),
        vocabulary: vocabulary.id,
        path: termPath(vocabulary, term.id),
        ...(term.status.deprecated ? { deprecated: true as const } : {}),
        ...(term.status.preliminary ? { preliminary: true as const } : {}),
      })),
    ),
  };
}

/** A URL path segment as a file name: decoded, as a web server maps it; kept encoded where decoding would leave the folder. */
function fileSegment(segment: string): string {
  const decoded = decodeURIComponent(segment);
  return decoded.includes('/') || decoded.includes('\\') || decoded === '.' || decoded === '..' || decoded.includes('\0') ? segment : decoded;
}

export interface PagesCommandContext {
  /** Opens the loaded service, its lookup and its mapping sets (the CLI's `openService`, `createLookup` and `openMappings`). */
  open: (options: { offline: boolean }) => Promise<{ service: VocabularyService; lookup: Lookup; mappings?: TermPageSources['mappings'] }>;
  templatesDir: string;
  staticDir: string;
}

/** Registers `astrovoc pages --out DIR [--offline]`. */
export function registerPagesCommand(program: Command, context: PagesCommandContext): void {
  program
    .command('pages')
    .description('write the whole site (home, every vocabulary and term page, downloads, search index) as static files')
    .requiredOption('--out <dir>', 'output directory (replaced)')
    .option('--offline', 'do not sync first; use the cache as it is')
    .action(async (options: { out: string; offline?: boolean }) => {
      const { service, lookup, mappings } = await context.open({ offline: options.offline ?? false });
      const bar = process.stderr.isTTY
        ? new cliProgress.SingleBar(
            { stream: process.stderr, format: 'pages [{bar}] {value}/{total} {item}', hideCursor: true },
            cliProgress.Presets.shades_classic,
          )
        : undefined;
      let started = false;
      const report = await exportSite({
        service,
        lookup,
        ...(mappings ? { mappings } : {}),
        pages: new PageRenderer(context.templatesDir),
        outDir: resolve(options.out),
        staticDir: context.staticDir,
        onProgress: (done, total, item) => {
          if (!bar) return;
          if (!started) {
            bar.start(total, done, { item });
            started = true;
          } else if (done % 50 === 0 || done === total) bar.update(done, { item: item.length > 50 ? `…${item.slice(-49)}` : item });
        },
      });
      bar?.stop();
      process.stderr.write(
        `pages: ${report.pages} pages, ${report.files} files (${report.vocabularies} vocabularies, ${report.terms} terms) in ${(report.milliseconds / 1000).toFixed(1)} s → ${resolve(options.out)}\n`,
      );
    });
}

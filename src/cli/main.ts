#!/usr/bin/env node
import { writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { Command, CommanderError, Option } from 'commander';
import { formatLocation, RDF_FORMAT_NAMES, type RdfFormatName } from '../model/index.js';
import { createApp } from '../http/index.js';
import { logger, mappingsDir, openMappings, openService, PROJECT_ROOT, runSync, StoreOptionError, type RuntimeOptions } from './runtime.js';
import { stopOnSignals } from './graceful-shutdown.js';
import { MappingRepository, MappingService } from '../mapping/index.js';
import { registerMapCommands } from './commands/map-command.js';
import { formatTable } from './table.js';
import { registerUcdCommands } from './commands/ucd-command.js';
import { registerPagesCommand } from './commands/pages-command.js';
import { exportDesise } from './commands/desise-export.js';
import { createLookup } from '../vocab/index.js';
import { SparqlService, sparqlConfigFromEnv } from '../sparql/index.js';
import { HostedUcd } from '../ucd/index.js';
import type { LoadReport } from '../vocab/index.js';
import type { SyncReport } from '../catalogue/index.js';

/** Exit codes: 0 ok, 1 failure, 2 bad usage. */
const EXIT_FAILURE = 1;
const EXIT_USAGE = 2;

const program = new Command('astrovoc')
  .description('Semantic vocabulary and mapping service for astronomy data centres')
  .option('--data-dir <dir>', 'cache and snapshot directory (default: ./data, or ASTROVOC_DATA)')
  .option('--from <dir>', 'read sources from this mirror directory instead of their canonical URLs (or ASTROVOC_MIRROR)')
  .option('--store-query <url>', 'keep the dataset in this external SPARQL store: its query endpoint (or ASTROVOC_STORE_QUERY)')
  .option('--store-update <url>', "the external store's update endpoint (default: the query endpoint; or ASTROVOC_STORE_UPDATE)")
  .option('--store-graph-store <url>', "the external store's Graph Store Protocol endpoint (or ASTROVOC_STORE_GRAPH_STORE)")
  .option(
    '--store-header <header>',
    "a request header 'Name: value' for the external store, e.g. credentials (repeatable; or ASTROVOC_STORE_HEADERS, one per line)",
    (value: string, previous?: string[]) => [...(previous ?? []), value],
  )
  .exitOverride()
  .configureOutput({ outputError: (text, write) => write(text) });

const globals = (): RuntimeOptions => program.opts<RuntimeOptions>();

program
  .command('sync')
  .description('fetch every source into the cache (or copy it from --from DIR)')
  .action(async () => {
    const report = await runSync(globals());
    printSyncReport(report);
    if (report.failed.length > 0) process.exitCode = EXIT_FAILURE;
  });

program
  .command('load')
  .description('read every source into the store and write the snapshot')
  .option('--offline', 'do not sync first; use the cache as it is')
  .action(async (options: { offline?: boolean }) => {
    const { report } = await openService({ ...globals(), offline: options.offline ?? false, ignoreSnapshot: true });
    printLoadReport(report);
    if (report.failures.length > 0) process.exitCode = EXIT_FAILURE;
  });

program
  .command('stats')
  .description('a table per vocabulary: terms, triples, deprecated, preliminary, top terms')
  .option('--offline', 'do not sync first; use the cache as it is')
  .option('--json', 'print JSON')
  .action(async (options: { offline?: boolean; json?: boolean }) => {
    const { service, report } = await openService({ ...globals(), offline: options.offline ?? false });
    const rows = service.list().map((v) => ({
      id: v.entry.id,
      community: v.entry.community,
      version: v.meta?.version ?? '',
      terms: v.counts.terms,
      triples: v.triples,
      deprecated: v.counts.deprecated,
      preliminary: v.counts.preliminary,
      top: v.counts.topTerms,
      status: v.meta ? 'loaded' : 'FAILED',
    }));
    if (options.json) process.stdout.write(`${JSON.stringify(rows, null, 1)}\n`);
    else process.stdout.write(formatTable(rows));
    if (report.failures.length > 0) process.exitCode = EXIT_FAILURE;
  });

program
  .command('export')
  .description('write one hosted vocabulary in an RDF format')
  .argument('<vocab>', 'vocabulary id (see astrovoc stats)')
  .addOption(new Option('--format <format>', 'output format').choices([...RDF_FORMAT_NAMES, 'desise']).default('ttl'))
  .option('--out <file>', 'write to this file instead of standard output')
  .option('--offline', 'do not sync first; use the cache as it is')
  .action(async (vocab: string, options: { format: RdfFormatName | 'desise'; out?: string; offline?: boolean }) => {
    const { service } = await openService({ ...globals(), offline: options.offline ?? false });
    const text = options.format === 'desise' ? exportDesise(service, vocab) : await service.export(vocab, options.format);
    if (text === undefined) {
      process.stderr.write(`astrovoc: no loaded vocabulary with id ${vocab}\n`);
      process.exitCode = service.get(vocab) ? EXIT_FAILURE : EXIT_USAGE;
      return;
    }
    if (options.out) await writeFile(options.out, text);
    else process.stdout.write(text);
  });

interface ServeOptions {
  port?: number;
  host: string;
  offline?: boolean;
  peer?: string[];
  queryTimeout?: number;
  maxRows?: number;
  queryWorkers?: number;
  shutdownTimeout?: number;
}

program
  .command('serve')
  .description('load the vocabularies and serve them over HTTP')
  .option('--port <port>', 'port to listen on (or PORT)', (v) => parsePort(v))
  .option('--host <host>', 'address to bind', '0.0.0.0')
  .option('--offline', 'do not sync first; use the cache as it is')
  .option('--peer <url...>', 'SPARQL endpoint that SERVICE may call (repeatable; or ASTROVOC_SPARQL_PEERS)')
  .option('--query-timeout <ms>', 'time limit of one SPARQL query in ms (default 10000; or ASTROVOC_SPARQL_TIMEOUT_MS)', (v) =>
    parsePositive(v, '--query-timeout'),
  )
  .option('--max-rows <n>', 'most solutions a SELECT answers (default 10000; or ASTROVOC_SPARQL_MAX_ROWS)', (v) => parsePositive(v, '--max-rows'))
  .option('--query-workers <n>', 'SPARQL worker threads (default: cores; or ASTROVOC_SPARQL_WORKERS)', (v) => parsePositive(v, '--query-workers'))
  .option(
    '--shutdown-timeout <ms>',
    'on SIGTERM/SIGINT, how long requests under way may take to finish (default 10000; or ASTROVOC_SHUTDOWN_TIMEOUT_MS)',
    (v) => parsePositive(v, '--shutdown-timeout'),
  )
  .action(async (options: ServeOptions) => {
    const { service, report, syncReport } = await openService({ ...globals(), offline: options.offline ?? false });
    if (syncReport) printSyncReport(syncReport);
    printLoadReport(report);
    const port = options.port ?? (process.env.PORT ? parsePort(process.env.PORT) : 8080);
    const mappings = new MappingService(service, new MappingRepository(mappingsDir()));
    const mappingReport = await mappings.load();
    for (const failure of mappingReport.failures) logger.error(`mapping set not loaded: ${failure.message}`);
    const sparql = await SparqlService.start(
      service,
      sparqlConfigFromEnv(process.env, {
        ...(options.peer ? { peers: options.peer } : {}),
        ...(options.queryTimeout ? { timeoutMs: options.queryTimeout } : {}),
        ...(options.maxRows ? { maxRows: options.maxRows } : {}),
        ...(options.queryWorkers ? { workers: options.queryWorkers, queueLimit: options.queryWorkers * 16 } : {}),
      }),
    );
    const mappingFailures = mappingReport.failures.map((f) => f.message);
    const app = createApp({ vocabularies: service, mappings, sparql, mappingFailures, log: (error) => logger.error(error) });
    const server = app.listen(port, options.host, () => {
      const address = server.address();
      const bound = typeof address === 'object' && address ? address.port : port;
      logger.info(`astrovoc serving ${service.index.vocabularies.length} vocabularies (${service.index.size} terms) on http://localhost:${bound}`);
    });
    const envGrace = process.env.ASTROVOC_SHUTDOWN_TIMEOUT_MS;
    stopOnSignals(server, {
      graceMs: options.shutdownTimeout ?? (envGrace ? parsePositive(envGrace, 'ASTROVOC_SHUTDOWN_TIMEOUT_MS') : 10_000),
      release: async () => {
        mappings.close();
        await sparql.close();
      },
      log: (message) => logger.info(message),
    });
  });

registerPagesCommand(program, {
  open: async ({ offline }) => {
    const { service } = await openService({ ...globals(), offline });
    return { service, lookup: createLookup(service), mappings: await openMappings(service) };
  },
  templatesDir: resolve(PROJECT_ROOT, 'templates'),
  staticDir: resolve(PROJECT_ROOT, 'static'),
});

registerMapCommands(program, async () => openMappings((await openService({ ...globals(), offline: true })).service));

registerUcdCommands(program, async () => new HostedUcd((await openService({ ...globals(), offline: true })).service));

function parsePositive(value: string, option: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n <= 0) throw new CommanderError(EXIT_USAGE, 'astrovoc.badNumber', `${option} takes a positive whole number, not ${value}`);
  return n;
}

function parsePort(value: string): number {
  const port = Number(value);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new CommanderError(EXIT_USAGE, 'astrovoc.badPort', `invalid port: ${value}`);
  return port;
}

function printSyncReport(report: SyncReport): void {
  logger.info(`sync: ${report.files.length} source files (${report.files.filter((f) => f.status !== 'failed').length} ok, ${report.failed.length} failed)`);
  for (const failure of report.failed) {
    logger.warn(`could not get ${failure.url} (for ${failure.entries.join(', ')}): ${failure.reason}`);
  }
  if (report.failed.length > 0) {
    logger.warn(
      'sources that cannot be fetched can be read from a local mirror: astrovoc --from DIR serve (or ASTROVOC_MIRROR=DIR), e.g. --from ../shared/upstream',
    );
  }
}

function printLoadReport(report: LoadReport): void {
  logger.info(
    `loaded ${report.vocabularies.length} vocabularies, ${report.index.size} terms, ${report.quads} quads${report.fromSnapshot ? ' (from snapshot)' : ''}`,
  );
  for (const warning of report.warnings.slice(0, 20)) logger.warn(`${formatLocation(warning.location)}: ${warning.message}`);
  if (report.warnings.length > 20) logger.warn(`… and ${report.warnings.length - 20} more warnings`);
  for (const failure of report.failures) logger.error(`not loaded: ${failure.message}`);
}

try {
  await program.parseAsync(process.argv);
} catch (error) {
  if (error instanceof StoreOptionError) {
    process.stderr.write(`astrovoc: ${error.message}\n`);
    process.exitCode = EXIT_USAGE;
  } else if (error instanceof CommanderError) {
    if (error.exitCode !== 0) process.stderr.write(`${error.message}\n`);
    process.exitCode = error.code === 'commander.helpDisplayed' || error.code === 'commander.version' ? 0 : EXIT_USAGE;
  } else {
    process.stderr.write(`astrovoc: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = EXIT_FAILURE;
  }
}

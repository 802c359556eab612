#!/usr/bin/env node
import { writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { Command, CommanderError, Option } from 'commander';
import { AstrovocError, ERROR_KINDS, formatLocation, RDF_FORMAT_NAMES, type RdfFormatName } from '../model/index.js';
import { loadConfig, SETTINGS, type Config, type Setting, type SettingName } from '../config/index.js';
import { createApp } from '../http/index.js';
import { fileProposalLog, ProposalService } from '../curation/index.js';
import { dataDir, logger, mappingsDir, openMappings, openService, PROJECT_ROOT, runSync } from './runtime.js';
import { stopOnSignals } from './graceful-shutdown.js';
import { MappingRepository, MappingService } from '../mapping/index.js';
import { registerMapCommands } from './commands/map-command.js';
import { formatTable } from './table.js';
import { registerUcdCommands } from './commands/ucd-command.js';
import { registerPagesCommand } from './commands/pages-command.js';
import { exportDesise, exportSourceFiles } from './commands/vocabulary-export.js';
import { registerTermCommands } from './commands/term-command.js';
import { registerTokenCommands, tokenFile } from './commands/token-command.js';
import { TokenRegistry } from '../access/index.js';
import { createLookup } from '../vocab/index.js';
import { SparqlService, sparqlConfig } from '../sparql/index.js';
import { HostedUcd } from '../ucd/index.js';
import type { LoadReport } from '../vocab/index.js';
import type { SyncReport } from '../catalogue/index.js';

/** Exit codes: 0 ok, 1 failure, 2 bad usage (ERROR_KINDS gives the code of each error kind). */
const EXIT_FAILURE = 1;
const EXIT_USAGE = 2;

/** Declares the options of these settings on a command, as SETTINGS describes them; loadConfig parses their text. */
function declareSettings(command: Command, names: readonly SettingName[]): Command {
  for (const name of names) {
    const setting: Setting<unknown> = SETTINGS[name];
    if (!setting.option) continue;
    const env = setting.env ? `; or ${setting.env}` : '';
    const option = new Option(setting.option, `${setting.description} (default ${setting.default.replaceAll('`', '')}${env})`);
    // A list setting whose option is not variadic is given by repeating the option.
    if (setting.split && !setting.option.includes('...')) option.argParser((value: string, previous?: string[]) => [...(previous ?? []), value]);
    command.addOption(option);
  }
  return command;
}

const program = declareSettings(new Command('astrovoc').description('Semantic vocabulary and mapping service for astronomy data centres'), [
  'dataDir',
  'mirror',
  'storeQuery',
  'storeUpdate',
  'storeGraphStore',
  'storeHeaders',
])
  .exitOverride()
  .configureOutput({ outputError: (text, write) => write(text) });

/** The configuration, parsed once before any command runs, from the environment and the command line. */
let loaded: Config | undefined;
program.hook('preAction', (_program, command) => {
  loaded = loadConfig(process.env, command.optsWithGlobals());
  logger.level = loaded.logLevel;
});
const globals = (): Config => {
  if (!loaded) throw new Error('the configuration is loaded before any command runs');
  return loaded;
};

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
    const { report } = await openService(globals(), { offline: options.offline ?? false, ignoreSnapshot: true });
    printLoadReport(report);
    if (report.failures.length > 0) process.exitCode = EXIT_FAILURE;
  });

program
  .command('stats')
  .description('a table per vocabulary: terms, triples, deprecated, preliminary, top terms')
  .option('--offline', 'do not sync first; use the cache as it is')
  .option('--json', 'print JSON')
  .action(async (options: { offline?: boolean; json?: boolean }) => {
    const { service, report } = await openService(globals(), { offline: options.offline ?? false });
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
  .addOption(
    new Option('--format <format>', 'output format (csv, conf: terms.csv or the vocabs.conf section, with the curated changes)')
      .choices([...RDF_FORMAT_NAMES, 'desise', 'csv', 'conf'])
      .default('ttl'),
  )
  .option('--out <file>', 'write to this file instead of standard output')
  .option('--offline', 'do not sync first; use the cache as it is')
  .action(async (vocab: string, options: { format: RdfFormatName | 'desise' | 'csv' | 'conf'; out?: string; offline?: boolean }) => {
    const { service, curation } = await openService(globals(), { offline: options.offline ?? false });
    const format = options.format;
    const text =
      format === 'desise'
        ? exportDesise(service, vocab)
        : format === 'csv' || format === 'conf'
          ? await exportSourceFiles(service, curation, vocab, format)
          : await service.export(vocab, format);
    if (text === undefined) {
      process.stderr.write(`astrovoc: no loaded vocabulary with id ${vocab}\n`);
      process.exitCode = service.get(vocab) ? EXIT_FAILURE : EXIT_USAGE;
      return;
    }
    if (options.out) await writeFile(options.out, text);
    else process.stdout.write(text);
  });

program
  .command('conflicts')
  .description('curated changes that no longer apply to what upstream now says (exit 1 when there are any)')
  .argument('[vocab...]', 'vocabulary ids (default: all)')
  .option('--offline', 'do not sync first; use the cache as it is')
  .option('--json', 'print JSON')
  .action(async (vocabs: string[], options: { offline?: boolean; json?: boolean }) => {
    const { service, curation } = await openService(globals(), { offline: options.offline ?? false });
    const ids = vocabs.length > 0 ? vocabs : service.index.vocabularies.map((v) => v.id);
    const conflicts = ids.flatMap((id) => curation.conflicts(id));
    if (options.json) process.stdout.write(`${JSON.stringify(conflicts, null, 1)}\n`);
    else
      for (const c of conflicts)
        process.stdout.write(
          `${c.change.vocabulary} ${c.change.term}: ${c.change.action} by ${c.change.who} on ${c.change.when} (${c.change.id}): ${c.reason}\n`,
        );
    if (conflicts.length > 0) process.exitCode = EXIT_FAILURE;
  });

registerTermCommands(
  declareSettings(program.command('term').description("change a hosted term through a running server's term API (your token: ASTROVOC_TOKEN)"), ['server']),
  { server: () => ({ url: globals().server, token: globals().token }) },
);

declareSettings(
  program.command('serve').description('load the vocabularies and serve them over HTTP').option('--offline', 'do not sync first; use the cache as it is'),
  ['port', 'host', 'sparqlPeers', 'sparqlTimeoutMs', 'sparqlMaxRows', 'sparqlWorkers', 'shutdownTimeoutMs', 'tokenFile'],
).action(async (options: { offline?: boolean }) => {
  const config = globals();
  const tokens = await TokenRegistry.load(tokenFile(config, dataDir(config)), config.writeTokens, { log: (message) => logger.error(message) });
  const { service, curation, report, syncReport } = await openService(config, { offline: options.offline ?? false });
  if (syncReport) printSyncReport(syncReport);
  printLoadReport(report);
  const port = config.port;
  const mappings = new MappingService(service, new MappingRepository(mappingsDir(config)));
  const mappingReport = await mappings.load();
  for (const failure of mappingReport.failures) logger.error(`mapping set not loaded: ${failure.message}`);
  const sparql = await SparqlService.start(
    service,
    sparqlConfig({
      timeoutMs: config.sparqlTimeoutMs,
      maxRows: config.sparqlMaxRows,
      peers: [...config.sparqlPeers],
      workers: config.sparqlWorkers,
      queueLimit: config.sparqlQueue,
      maxDepth: config.sparqlMaxDepth,
      maxGroups: config.sparqlMaxGroups,
      maxUpdateQuads: config.sparqlMaxUpdateQuads,
    }),
  );
  const mappingFailures = mappingReport.failures.map((f) => f.message);
  // An accepted proposal is carried out as the term change it asks for, recorded with the proposal's id.
  const proposals = new ProposalService({
    log: fileProposalLog(dataDir(config)),
    vocabularies: service,
    carryOut: (actor, vocabulary, change, note) => curation.apply(actor, vocabulary, change, 'any', note),
    carriedOut: (vocabulary, proposal) => curation.changes(vocabulary).find((entry) => entry.proposal === proposal),
  });
  const app = createApp({ vocabularies: service, mappings, sparql, mappingFailures, tokens, curation, proposals, log: (error) => logger.error(error) });
  const server = app.listen(port, config.host, () => {
    const address = server.address();
    const bound = typeof address === 'object' && address ? address.port : port;
    logger.info(`astrovoc serving ${service.index.vocabularies.length} vocabularies (${service.index.size} terms) on http://localhost:${bound}`);
  });
  stopOnSignals(server, {
    graceMs: config.shutdownTimeoutMs,
    release: async () => {
      mappings.close();
      await sparql.close();
    },
    log: (message) => logger.info(message),
  });
});

registerPagesCommand(program, {
  open: async ({ offline }) => {
    const { service } = await openService(globals(), { offline });
    return { service, lookup: createLookup(service), mappings: await openMappings(service, globals()) };
  },
  templatesDir: resolve(PROJECT_ROOT, 'templates'),
  staticDir: resolve(PROJECT_ROOT, 'static'),
});

registerMapCommands(program, async () => openMappings((await openService(globals(), { offline: true })).service, globals()));

declareSettings(
  registerTokenCommands(program, () => tokenFile(globals(), dataDir(globals()))),
  ['tokenFile'],
);

registerUcdCommands(program, async () => new HostedUcd((await openService(globals(), { offline: true })).service));

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
  if (error instanceof AstrovocError) {
    process.stderr.write(`astrovoc: ${error.message}\n`);
    process.exitCode = ERROR_KINDS[error.kind].exit;
  } else if (error instanceof CommanderError) {
    if (error.exitCode !== 0) process.stderr.write(`${error.message}\n`);
    process.exitCode = error.code === 'commander.helpDisplayed' || error.code === 'commander.version' ? 0 : EXIT_USAGE;
  } else {
    process.stderr.write(`astrovoc: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = EXIT_FAILURE;
  }
}

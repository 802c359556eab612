/**
 * `astrovoc ucd check|explain|suggest` and `astrovoc votable check`. Exit code 0 when everything is
 * valid (warnings allowed), 1 when anything is invalid or deprecated, so the commands fit a data centre's CI.
 */
import { readFile } from 'node:fs/promises';
import type { Command } from 'commander';
import { AstrovocError } from '../../model/index.js';
import { UcdLimitError, type UcdService, type UcdValidation, type VotableReport, type VotableVocabularies } from '../../ucd/index.js';

export interface UcdCommandIo {
  out: (text: string) => void;
  err: (text: string) => void;
  /** All of standard input, for `ucd check` without arguments. */
  readStdin: () => Promise<string>;
}

async function readAll(stream: NodeJS.ReadableStream): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : chunk);
  return Buffer.concat(chunks).toString('utf8');
}

const defaultIo: UcdCommandIo = {
  out: (text) => process.stdout.write(`${text}\n`),
  err: (text) => process.stderr.write(`${text}\n`),
  readStdin: () => readAll(process.stdin),
};

function isFailure(status: string): boolean {
  return status === 'invalid' || status === 'deprecated';
}

function describe(v: UcdValidation): string {
  const lines = [`${v.input}\t${v.status}${v.canonical && v.canonical !== v.input ? `\t(${v.canonical})` : ''}`];
  for (const d of v.diagnostics) lines.push(`  ${d.severity} ${d.code} [col ${d.start + 1}]: ${d.message}`);
  for (const s of v.suggestions) lines.push(`  suggestion: ${s.ucd} (${s.reasons.join('; ')})`);
  return lines.join('\n');
}

function describeReport(file: string, report: VotableReport): string {
  const lines = [`${file}: ${report.status}${report.version ? ` (VOTable ${report.version})` : ''}`];
  for (const p of report.problems) lines.push(`  ${p.severity}${p.line ? ` line ${p.line}` : ''}: ${p.message}`);
  for (const f of report.findings) {
    if (f.status === 'valid') continue;
    const name = f.name ? ` ${f.name}` : '';
    lines.push(`  line ${f.line}: ${f.element}${name} @${f.attribute}="${f.value}" ${f.status}: ${f.message}${f.suggestion ? ` → ${f.suggestion}` : ''}`);
  }
  const counts = Object.entries(report.counts)
    .map(([k, n]) => `${n} ${k}`)
    .join(', ');
  lines.push(`  ${counts}`);
  return lines.join('\n');
}

/** What the commands need: the hosted UCD service (undefined when the list is not loaded) and the VOTable vocabularies; HostedUcd fits. */
export interface UcdCommandSource {
  readonly service: UcdService | undefined;
  readonly votableVocabularies: VotableVocabularies;
}

/**
 * Registers `ucd check|explain|suggest` and `votable check`. `open` is called once, when a command
 * runs, e.g. `async () => new HostedUcd((await openService(globals())).service)`.
 */
export function registerUcdCommands(program: Command, open: () => Promise<UcdCommandSource>, io: UcdCommandIo = defaultIo): void {
  let opened: Promise<UcdCommandSource> | undefined;
  const source = (): Promise<UcdCommandSource> => (opened ??= open());
  const loadService = async (): Promise<UcdService> => {
    const service = (await source()).service;
    if (!service) throw new AstrovocError('not-found', 'the UCD list is not loaded: check the sources (astrovoc stats) or give a mirror with --from DIR');
    return service;
  };
  const loadVocabularies = async (): Promise<VotableVocabularies> => (await source()).votableVocabularies;
  const ucd = program.command('ucd').description('validate, explain and suggest UCDs (UCD1+ list)');

  ucd
    .command('check')
    .argument('[ucd...]', 'UCDs to validate; without any, one per line from standard input')
    .option('--json', 'print JSON')
    .description('validate UCDs; exit code 1 when any is invalid or deprecated')
    .action(async (ucds: string[], options: { json?: boolean }) => {
      const service = await loadService();
      const inputs = ucds.length > 0 ? ucds : (await io.readStdin()).split(/\r?\n/).filter((line) => line.trim() !== '');
      const results = service.validateBatch(inputs);
      io.out(options.json ? JSON.stringify(results, null, 2) : results.map(describe).join('\n'));
      if (results.some((r) => isFailure(r.status))) process.exitCode = 1;
    });

  ucd
    .command('explain')
    .argument('<ucd>', 'the UCD to explain')
    .option('--json', 'print JSON')
    .description('say what a UCD means, word by word')
    .action(async (text: string, options: { json?: boolean }) => {
      const explanation = (await loadService()).explain(text);
      if (options.json) io.out(JSON.stringify(explanation, null, 2));
      else {
        io.out(`${explanation.canonical ?? explanation.input} (${explanation.status}): ${explanation.text}`);
        for (const w of explanation.words) io.out(`  ${w.word}${w.code ? ` [${w.code}]` : ''}: ${w.description}${w.iri ? ` <${w.iri}>` : ''}`);
      }
      if (isFailure(explanation.status)) process.exitCode = 1;
    });

  ucd
    .command('suggest')
    .argument('<text>', 'a column name and/or description')
    .option('--json', 'print JSON')
    .option('--limit <n>', 'how many candidates', '5')
    .description('propose UCDs for a column')
    .action(async (text: string, options: { json?: boolean; limit: string }) => {
      const limit = Math.min(20, Math.max(1, Number.parseInt(options.limit, 10) || 5));
      const candidates = (await loadService()).suggest(text, limit);
      if (options.json) io.out(JSON.stringify(candidates, null, 2));
      else if (candidates.length === 0) io.out('no candidate');
      else for (const c of candidates) io.out(`${c.ucd}\t${c.score}\t${c.reasons.join('; ')}`);
      if (candidates.length === 0) process.exitCode = 1;
    });

  program
    .command('votable')
    .description('VOTable documents')
    .command('check')
    .argument('<file>', 'VOTable file')
    .option('--json', 'print JSON')
    .description("check a VOTable's UCDs and vocabulary-bound attributes; exit code 1 when any is invalid or deprecated")
    .action(async (file: string, options: { json?: boolean }) => {
      let xml: string;
      try {
        xml = await readFile(file, 'utf8');
      } catch (error) {
        io.err(`cannot read ${file}: ${(error as Error).message}`);
        process.exitCode = 1;
        return;
      }
      let report: VotableReport;
      try {
        report = (await loadService()).checkVotable(xml, await loadVocabularies());
      } catch (error) {
        if (!(error instanceof UcdLimitError)) throw error;
        io.err(`${file}: ${error.message}`);
        process.exitCode = 1;
        return;
      }
      io.out(options.json ? JSON.stringify(report, null, 2) : describeReport(file, report));
      if (isFailure(report.status)) process.exitCode = 1;
    });
}

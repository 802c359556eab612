/**
 * `astrovoc map compute <A> <B>`, `astrovoc map evaluate --gold FILE --computed FILE`, `astrovoc map sets`.
 * A and B are hosted vocabulary ids or vocabulary files (terms.csv, Turtle, RDF/XML, a list of labels).
 */
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import cliProgress from 'cli-progress';
import type { Command } from 'commander';
import {
  canonicalIris,
  computeCandidates,
  creationOrder,
  DEFAULT_MIN_CONFIDENCE,
  evaluate,
  goldInput,
  readGold,
  readSssomFile,
  readVocabularyFile,
  reviewStatus,
  writeSssom,
  writeSssomFile,
  labelSubjectIri,
  siblingMetadataPath,
  type Evaluation,
  type JudgedTriple,
  type MappingService,
  type MatchInput,
  type MappingSet,
} from '../../mapping/index.js';
import { AstrovocError, MAPPING_PREDICATES } from '../../model/index.js';

export interface MapCommandIo {
  out: (text: string) => void;
  err: (text: string) => void;
  /** Whether to draw a progress bar (a terminal on standard error). */
  progress: boolean;
}

const defaultIo: MapCommandIo = {
  out: (text) => process.stdout.write(`${text}\n`),
  err: (text) => process.stderr.write(`${text}\n`),
  progress: process.stderr.isTTY === true,
};

/** A hosted vocabulary id, or else a file to read. */
async function inputOf(service: MappingService, name: string): Promise<{ input: MatchInput; label: string }> {
  const hosted = service.hostedInput(name);
  if (hosted) return { input: hosted, label: name };
  if (!existsSync(name)) throw new AstrovocError('not-found', `${name} is neither a hosted vocabulary id nor a file`, { location: { parameter: name } });
  const file = await readVocabularyFile(name);
  if (file.terms.length === 0) throw new AstrovocError('invalid-input', `${name}: no terms found`, { location: { file: name } });
  return { input: { terms: file.terms, source: file.meta.iri }, label: file.meta.id };
}

function pct(n: number): string {
  return n.toFixed(3);
}

/** The false positives and the misses of an evaluation, one per line, with the object's label. */
export function formatErrors(result: Evaluation, labelOf: (iri: string) => string | undefined): string {
  const line = (kind: string, t: JudgedTriple) => [kind, decodeSubject(t.subject), t.predicate, t.object, labelOf(t.object) ?? ''].join('\t');
  const byText = (a: JudgedTriple, b: JudgedTriple) =>
    a.subject.localeCompare(b.subject) || a.predicate.localeCompare(b.predicate) || a.object.localeCompare(b.object);
  return [
    `false positives: ${result.falsePositives.length}; misses: ${result.misses.length}`,
    ...[...result.falsePositives].sort(byText).map((t) => line('false-positive', t)),
    ...[...result.misses].sort(byText).map((t) => line('miss', t)),
  ].join('\n');
}

/** A subject named by a label IRI (gold rows without identifiers) reads as its label. */
function decodeSubject(subject: string): string {
  const prefix = labelSubjectIri('');
  return subject.startsWith(prefix) ? decodeURIComponent(subject.slice(prefix.length)) : subject;
}

/** Evaluation and baseline side by side, one line per predicate with gold mappings. */
export function formatEvaluation(result: Evaluation, baseline: Evaluation): string {
  const rows = [['predicate', 'P', 'R', 'F1', 'TP/pred/gold', 'baseline P', 'baseline R', 'baseline F1']];
  const line = (name: string, s: Evaluation['overall'], b: Evaluation['overall']) => [
    name,
    pct(s.precision),
    pct(s.recall),
    pct(s.f1),
    `${s.truePositives}/${s.predicted}/${s.gold}`,
    pct(b.precision),
    pct(b.recall),
    pct(b.f1),
  ];
  rows.push(line('overall', result.overall, baseline.overall));
  for (const p of MAPPING_PREDICATES)
    if (result.byPredicate[p].gold > 0 || result.byPredicate[p].predicted > 0) rows.push(line(p, result.byPredicate[p], baseline.byPredicate[p]));
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => r[i]!.length)));
  const text = rows.map((r) =>
    r
      .map((c, i) => c.padEnd(widths[i]!))
      .join('  ')
      .trimEnd(),
  );
  text.push(`subjects in gold: ${result.subjects}; mapped: ${result.subjectsMapped} (matched by ${result.subjectKey})`);
  if (result.stale.length > 0) {
    const by = new Map<string, { n: number; found: number }>();
    for (const s of result.stale) {
      const c = by.get(s.reason) ?? { n: 0, found: 0 };
      c.n++;
      if (s.found) c.found++;
      by.set(s.reason, c);
    }
    text.push(
      `gold pairs not scored, their object being stale in the hosted version: ${[...by].map(([r, c]) => `${r} ${c.n} (found anyway ${c.found})`).join(', ')}`,
    );
  }
  if (result.unjudged.newerObjects + result.unjudged.staleSubjects > 0) {
    text.push(
      `computed mappings not scored: ${result.unjudged.newerObjects} to objects newer than the gold${result.newestGoldObject !== undefined ? ` (after no. ${result.newestGoldObject})` : ''}, ${result.unjudged.staleSubjects} for subjects whose gold pair is stale`,
    );
  }
  return text.join('\n');
}

export function registerMapCommands(program: Command, openService: () => Promise<MappingService>, io: MapCommandIo = defaultIo): void {
  const map = program.command('map').description('cross-vocabulary mappings: compute candidates, evaluate them, list the sets');

  map
    .command('compute')
    .argument('<source>', 'hosted vocabulary id or vocabulary file (subjects)')
    .argument('<target>', 'hosted vocabulary id or vocabulary file (objects)')
    .option('--out <file>', 'write the SSSOM TSV here instead of standard output')
    .option('--min-confidence <n>', 'lowest confidence to propose', String(DEFAULT_MIN_CONFIDENCE))
    .option('--target-ids <regex>', 'only target terms whose id matches (e.g. "^em\\." for the UCD em.* words)')
    .option('--name <name>', 'name of the set (default: <source>-<target>)')
    .option('--update', 'with --out naming an existing set: keep its header and its reviewed (accepted or rejected) rows, replace the proposed ones')
    .option(
      '--no-curation',
      'the matcher alone, to evaluate it against a gold set: propose pairs that accepted or source-asserted mappings already link, and suggestions once rejected',
    )
    .description('compute candidate mappings (state proposed) as SSSOM TSV')
    .action(
      async (
        sourceName: string,
        targetName: string,
        options: { out?: string; minConfidence: string; targetIds?: string; name?: string; update?: boolean; curation: boolean },
      ) => {
        if (options.update && !options.out)
          throw new AstrovocError('bad-request', '--update needs --out FILE, the set to update', { location: { parameter: '--update' } });
        const minConfidence = Number(options.minConfidence);
        if (!Number.isFinite(minConfidence) || minConfidence < 0 || minConfidence > 1)
          throw new AstrovocError('bad-request', `--min-confidence must lie between 0 and 1, not ${options.minConfidence}`, {
            location: { parameter: '--min-confidence' },
          });
        const service = await openService();
        const source = await inputOf(service, sourceName);
        const target = await inputOf(service, targetName);
        if (options.targetIds) {
          const only = new RegExp(options.targetIds);
          target.input = { ...target.input, terms: target.input.terms.filter((t) => only.test(t.id)) };
        }
        const bar = io.progress
          ? new cliProgress.SingleBar(
              { stream: process.stderr, format: 'map [{bar}] {value}/{total} terms', hideCursor: true },
              cliProgress.Presets.shades_classic,
            )
          : undefined;
        bar?.start(source.input.terms.length, 0);
        const started = Date.now();
        const matching = { minConfidence, onProgress: (done: number) => bar?.update(done) };
        const result = options.curation ? service.compute(source.input, target.input, matching) : computeCandidates(source.input, target.input, matching);
        bar?.stop();
        const name = options.name ?? `${source.label}-${target.label}`;
        const previous = options.update && options.out && existsSync(options.out) ? await readSssomFile(options.out) : undefined;
        const reviewed = previous?.mappings.filter((m) => reviewStatus(m) !== 'proposed') ?? [];
        const reviewedPairs = new Set(reviewed.map((m) => `${m.subjectId}\n${m.objectId}`));
        const set: MappingSet = {
          name,
          meta: previous?.meta ?? {
            mappingSetId: `https://astrovoc.org/mappings/${encodeURIComponent(name)}`,
            license: 'https://creativecommons.org/publicdomain/zero/1.0/',
            curieMap: {},
            other: { mapping_set_title: `Candidate mappings ${source.label} → ${target.label} (proposed)`, mapping_tool: 'astrovoc-matcher' },
          },
          mappings: [...reviewed, ...result.mappings.filter((m) => !reviewedPairs.has(`${m.subjectId}\n${m.objectId}`))],
          // A set kept with a sibling .sssom.yml stays so, even when rewritten without --update.
          ...(previous?.metadataLayout === 'external' || (options.out && existsSync(siblingMetadataPath(options.out)))
            ? { metadataLayout: 'external' as const }
            : {}),
        };
        if (options.out) await writeSssomFile(options.out, set);
        else io.out(writeSssom(set).trimEnd());
        io.err(
          `${result.mappings.length} candidates from ${result.pairsScored} pairs scored in ${((Date.now() - started) / 1000).toFixed(1)} s${previous ? `; ${reviewed.length} reviewed rows kept` : ''}`,
        );
      },
    );

  map
    .command('evaluate')
    .requiredOption('--gold <file>', 'gold standard: SSSOM TSV or a crosswalk CSV (UAT crosswalk layout)')
    .requiredOption('--computed <file>', 'computed mappings (SSSOM TSV)')
    .option('--target <vocab>', 'hosted vocabulary of the objects, for the baseline (default: from the object_source of the computed set)')
    .option('--json', 'print JSON')
    .option('--errors', 'also list each false positive and each miss (with --json they are in the JSON)')
    .description('precision, recall and F1 overall and per predicate, beside the exact-normalised-label baseline')
    .action(async (options: { gold: string; computed: string; target?: string; json?: boolean; errors?: boolean }) => {
      const service = await openService();
      const gold = readGold(await readFile(options.gold), options.gold);
      const computed = await readSssomFile(options.computed);
      for (const w of gold.warnings) io.err(w.message);
      const index = service.vocabularies.index;
      const canonical = canonicalIris(index);
      const judging = { canonical, hosted: (iri: string) => index.termByIri(iri), order: creationOrder(index) };
      const result = evaluate(gold, computed.mappings, judging);
      const targetId = options.target ?? service.vocabularies.index.vocabularies.find((v) => computed.mappings.some((m) => m.objectSource === v.iri))?.id;
      const target = targetId ? service.hostedInput(targetId) : undefined;
      if (!target)
        throw new AstrovocError('bad-request', 'cannot tell the target vocabulary for the baseline: give --target <vocab>', {
          location: { parameter: '--target' },
        });
      const sourceId = service.vocabularies.index.vocabularies.find((v) => computed.mappings.some((m) => m.subjectSource === v.iri))?.id;
      const source = result.subjectKey === 'id' && sourceId ? service.hostedInput(sourceId)! : goldInput(gold);
      const baseline = evaluate(gold, computeCandidates(source, target, { baseline: true }).mappings, judging);
      if (options.json) io.out(JSON.stringify({ computed: result, baseline }, null, 2));
      else io.out(formatEvaluation(result, baseline));
      if (options.errors && !options.json) io.out(formatErrors(result, (iri) => index.termByIri(iri)?.labels[0]));
    });

  map
    .command('sets')
    .option('--json', 'print JSON')
    .description('the mapping sets with their counts by review state')
    .action(async (options: { json?: boolean }) => {
      const sets = (await openService()).listSets();
      if (options.json) io.out(JSON.stringify(sets, null, 2));
      else
        for (const s of sets)
          io.out(
            `${s.name}\t${s.mappings}\tproposed ${s.byStatus.proposed}, accepted ${s.byStatus.accepted}, rejected ${s.byStatus.rejected}\t${s.title ?? ''}`,
          );
    });
}

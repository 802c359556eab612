/**
 * Exports a hosted IVOA-format vocabulary back to the files its editors keep in git: its terms.csv with the
 * curated terms written in, or its section of vocabs.conf with the vocabulary's metadata. A curated term that
 * says what its source row says keeps that row byte for byte, so the export of an unedited vocabulary is its
 * source and an edited one differs only in the rows the edits touched (a clean pull request).
 */
import type { CatalogueEntry } from '../catalogue/index.js';
import { readTermsCsvRecords } from '../ingest/index.js';
import { AstrovocError, type TermRecord, type VocabularyMeta } from '../model/index.js';
import { exportVocabsConfSection } from '../render/index.js';
import { readSourceFiles } from '../vocab/index.js';
import { exportTermsCsv } from './terms-csv-export.js';

export type SourceExportFormat = 'csv' | 'conf';

export async function exportSource(
  entry: CatalogueEntry,
  sourceDir: string,
  meta: VocabularyMeta,
  curated: ReadonlyMap<string, TermRecord | null>,
  format: SourceExportFormat,
): Promise<string> {
  if (entry.format !== 'ivoa-terms-csv') {
    throw new AstrovocError('not-acceptable', `${entry.id} comes from a ${entry.format} source, not an IVOA terms.csv: such a vocabulary exports as Turtle`, {
      location: { parameter: 'format' },
      fields: { vocabulary: entry.id, sourceFormat: entry.format },
    });
  }
  const { files, failures } = await readSourceFiles([entry], sourceDir);
  const sources = files.get(entry.id);
  const terms = sources?.terms;
  const config = sources?.config;
  if (!terms || !config) throw new AstrovocError('not-found', failures[0]?.message ?? `${entry.id}: no terms.csv and vocabs.conf in ${sourceDir}`);
  // Byte for byte: a byte-order mark stays, which decodeUtf8 drops.
  const decode = (bytes: Uint8Array): string => new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes);

  if (format === 'conf') return exportVocabsConfSection(decode(config.bytes), entry.options.section ?? entry.id, meta);
  const source = decode(terms.bytes);
  const rows = readTermsCsvRecords(source, terms.name, meta.termBase).rows;
  const sourceRecords = new Map(rows.map((row) => [row.record.id, row.record]));
  const changed = new Map<string, TermRecord | null>();
  for (const [id, record] of curated) {
    const before = sourceRecords.get(id);
    // In a draft vocabulary every term reads as preliminary: the row need not say it (`draft: True` does).
    const written = record && meta.draft && record.status === 'preliminary' && before?.status === 'approved' ? { ...record, status: before.status } : record;
    if (written === null ? before !== undefined : !sameRecord(written, before)) changed.set(id, written);
  }
  return exportTermsCsv(source, terms.name, meta.termBase, changed, { flavour: meta.flavour });
}

function sameRecord(a: TermRecord, b: TermRecord | undefined): boolean {
  if (!b) return false;
  const same = (x: readonly string[], y: readonly string[]): boolean => x.length === y.length && x.every((value, index) => value === y[index]);
  return (
    a.id === b.id &&
    a.label === b.label &&
    a.description === b.description &&
    a.status === b.status &&
    a.useInstead === b.useInstead &&
    same(a.altLabels, b.altLabels) &&
    same(a.parents, b.parents) &&
    same(
      a.links.map((link) => `${link.predicate} ${link.target}`),
      b.links.map((link) => `${link.predicate} ${link.target}`),
    )
  );
}

import N3 from 'n3';
import { loadCatalogue } from '../../../src/catalogue/index.js';
import { changedFields, labelLanguage, rewriteGraph, termRecordOf } from '../../../src/curation/index.js';
import type { Quad, TermRecord, VocabularyMeta } from '../../../src/model/index.js';
import { readSourceFiles, readVocabularies } from '../../../src/vocab/index.js';
import { mirrorRoot, PROJECT_ROOT } from '../../support/mirror.js';

/** IVOA terms.csv vocabularies of the three flavours, and RDF-sourced SKOS ones (UAT, EPN target classes, editors' keywords). */
const IDS = ['refframe', 'datalink', 'product-type', 'uat', 'epn_target_class', 'editors_astro_subjects_keywords'];

let graphs: Map<string, { meta: VocabularyMeta; quads: Quad[]; language: string }>;

beforeAll(async () => {
  const entries = (await loadCatalogue(PROJECT_ROOT)).filter((e) => IDS.includes(e.id));
  const { files } = await readSourceFiles(entries, mirrorRoot());
  const read = readVocabularies(entries, files);
  expect(read.failures).toEqual([]);
  graphs = new Map(read.vocabularies.map((meta) => [meta.id, { meta, quads: read.graphs.get(meta.graph)!, language: '' }]));
  for (const held of graphs.values()) held.language = labelLanguage(held.quads, held.meta.flavour);
}, 60_000);

const key = (q: Quad) => `${N3.termToId(q.subject as N3.Term)} ${q.predicate.value} ${N3.termToId(q.object as N3.Term)}`;
const keys = (quads: readonly Quad[]) => new Set(quads.map(key));
const idsOf = (meta: VocabularyMeta, quads: readonly Quad[]) =>
  [...new Set(quads.filter((q) => q.subject.value.startsWith(meta.termBase)).map((q) => q.subject.value.slice(meta.termBase.length)))].filter((id) =>
    /^[A-Za-z0-9_-]+$/.test(id),
  );

describe.each(IDS)('term record ↔ RDF: %s', (id) => {
  test('every term: a change of label, description, alt labels and status reads back as written, leaves the other terms alone, and its undo restores the graph', () => {
    const { meta, quads, language } = graphs.get(id)!;
    const terms = idsOf(meta, quads);
    expect(terms.length).toBeGreaterThan(5);
    const sample = terms.filter((_, i) => i % Math.ceil(terms.length / 12) === 0);
    const original = keys(quads);
    for (const term of sample) {
      const before = termRecordOf(quads, meta, term, language)!;
      const replacement = terms.find((t) => t !== term)!;
      const after: TermRecord = {
        ...before,
        label: `${before.label} (edited)`,
        description: 'A description an editor wrote.',
        altLabels: [...before.altLabels, 'Edited alt label'],
        status: 'deprecated',
        useInstead: replacement,
      };
      const edited = rewriteGraph(quads, meta, new Map([[term, { from: before, to: after }]]), language);
      expect(termRecordOf(edited, meta, term, language)).toEqual(after);
      const otherTerm = terms.find((t) => t !== term && t !== replacement)!;
      expect(termRecordOf(edited, meta, otherTerm, language)).toEqual(termRecordOf(quads, meta, otherTerm, language));
      // Only the term's own triples of the changed fields differ.
      const changed = [...keys(edited)].filter((k) => !original.has(k));
      expect(changed.every((k) => k.startsWith(`${meta.termBase}${term} `))).toBe(true);
      const undone = rewriteGraph(edited, meta, new Map([[term, { from: after, to: before }]]), language);
      expect(termRecordOf(undone, meta, term, language)).toEqual(before);
      // The undo gives back the same triples, except where the source wrote a status or text the record does not hold.
      const undoneKeys = keys(undone);
      const lost = [...original].filter((k) => !undoneKeys.has(k));
      expect(
        lost.filter((k) => k.startsWith(`${meta.termBase}${term} `) && !/deprecated|preliminary|useInstead|definition|comment|altLabel|label/.test(k)),
      ).toEqual([]);
    }
  });

  test('a term added under a parent reads back (type, the inverse narrower and the scheme where the graph uses them); removing it restores the graph', () => {
    const { meta, quads, language } = graphs.get(id)!;
    const parent = idsOf(meta, quads)[0]!;
    const added: TermRecord = {
      id: 'curatedNewTerm',
      label: 'Curated new term',
      description: 'Added by an editor.',
      altLabels: [],
      parents: [parent],
      status: 'preliminary',
      links: [],
    };
    const edited = rewriteGraph(quads, meta, new Map([[added.id, { from: null, to: added }]]), language);
    expect(termRecordOf(edited, meta, added.id, language)).toEqual(added);
    const subject = `${meta.termBase}${added.id}`;
    const own = edited.filter((q) => q.subject.value === subject);
    expect(own.some((q) => q.predicate.value.endsWith('22-rdf-syntax-ns#type'))).toBe(true);
    const label = own.find((q) => q.predicate.value.endsWith('prefLabel') || q.predicate.value.endsWith('#label'))!;
    expect(label.object.termType === 'Literal' && label.object.language).toBe(language);
    if (quads.some((q) => q.predicate.value.endsWith('#narrower')))
      expect(edited.some((q) => q.subject.value === `${meta.termBase}${parent}` && q.predicate.value.endsWith('#narrower') && q.object.value === subject)).toBe(
        true,
      );
    if (quads.some((q) => q.predicate.value.endsWith('#inScheme'))) expect(own.some((q) => q.predicate.value.endsWith('#inScheme'))).toBe(true);
    const removed = rewriteGraph(edited, meta, new Map([[added.id, { from: added, to: null }]]), language);
    expect(keys(removed)).toEqual(keys(quads));
    expect(changedFields(added, added)).toEqual([]);
  });
});

/**
 * Reader for IVOA vocabulary sources: a `terms.csv` (`term; level; label; description;
 * more_relations`, VocInVO2 Appendix A) plus its section of `vocabs.conf`. It builds the graph the
 * IVOA converter (ivoa-std/Vocabularies convert.py) publishes at http://www.ivoa.net/rdf/<name>,
 * except where that converter is known to be wrong (see the fidelity tests):
 * - flags (`ivoasem:deprecated`, `ivoasem:preliminary`) have the empty string as object, not ":__";
 * - `skos:altLabel(...)` objects are string literals, never IRIs, and keep their spaces;
 * - a repeated term id keeps every row (labels, descriptions, relations) and is reported;
 * - fields are trimmed (messenger pads its columns) and an empty description gives no triple
 *   (the converter writes "N/D").
 */
import type { BlankNode, Flavour, Licence, Literal, NamedNode, Quad, VocabularyMeta, Warning } from '../model/index.js';
import { DC, FOAF, IVOASEM, OWL, RDF, RDFS, SKOS, factory, iri, literal } from '../model/index.js';
import { IngestError } from './ingest-error.js';
import { decodeUtf8, type Reader, type SourceFile } from './reader.js';
import { parseRelations } from './terms-csv-relations.js';
import { splitTermsCsv, type CsvField, type CsvRow } from './terms-csv-rows.js';
import { findVocabsConfSection, parseVocabsConf, type VocabsConfSection } from './vocabs-conf-reader.js';

/** How each VocInVO2 flavour spells a term's class, parent link, label and definition. */
const FLAVOUR_TERMS: Readonly<Record<Flavour, { type: string; wider: string; label: string; description: string }>> = {
  'RDF Class': { type: `${RDFS}Class`, wider: `${RDFS}subClassOf`, label: `${RDFS}label`, description: `${RDFS}comment` },
  'RDF Property': { type: `${RDF}Property`, wider: `${RDFS}subPropertyOf`, label: `${RDFS}label`, description: `${RDFS}comment` },
  SKOS: { type: `${SKOS}Concept`, wider: `${SKOS}broader`, label: `${SKOS}prefLabel`, description: `${SKOS}definition` },
};

/** `SKOS CSV` is an input form of SKOS vocabularies. */
const CONF_FLAVOURS: Readonly<Record<string, Flavour>> = {
  'RDF Class': 'RDF Class',
  'RDF Property': 'RDF Property',
  SKOS: 'SKOS',
  'SKOS CSV': 'SKOS',
};

const CC0: Licence = { uri: 'http://creativecommons.org/publicdomain/zero/1.0/', name: 'CC0-1.0' };
const LICENCE_NAMES: Readonly<Record<string, string>> = {
  'http://creativecommons.org/publicdomain/zero/1.0/': 'CC0-1.0',
  'https://creativecommons.org/publicdomain/zero/1.0/': 'CC0-1.0',
  'https://creativecommons.org/licenses/by-sa/3.0/legalcode': 'CC-BY-SA-3.0',
  'http://creativecommons.org/licenses/by-sa/3.0/': 'CC-BY-SA-3.0',
  'https://creativecommons.org/licenses/by/4.0/': 'CC-BY-4.0',
};

const TERM_ID = /^[A-Za-z0-9_-]+$/;
/** Object of the lifecycle flags: VocInVO2 gives them no value; desise writes them as "". */
const FLAG_VALUE = '';

/**
 * Files `{ terms, config }` (terms.csv and vocabs.conf), option `section` (defaults to the
 * vocabulary id). Term IRIs are `${vocabulary.termBase}${id}`; the result's vocabulary is the
 * catalogue's, with what the vocabs.conf section says (title, version, authors, draft, licence...).
 * Warnings: `repeated-term-id`, one per row that repeats an id.
 */
export const readTermsCsv: Reader = (input) => {
  const termsFile = requireFile(input.files, 'terms');
  const configFile = requireFile(input.files, 'config');
  const sectionName = input.options.section ?? input.vocabulary.id;
  const section = findVocabsConfSection(parseVocabsConf(decodeUtf8(configFile), configFile.name), sectionName, configFile.name);
  const vocabulary = vocabularyFromSection(input.vocabulary, section, configFile.name);

  const graph = iri(vocabulary.graph);
  const seen = new Set<string>();
  const quads: Quad[] = [];
  const add: Add = (subject, predicate, object) => {
    // A repeated row or a flag both set by `draft` and by the row gives the same triple once.
    const key = [subject.value, predicate, object.termType, object.value, object.termType === 'Literal' ? object.language : ''].join('\u0000');
    if (subject.termType === 'NamedNode' && object.termType !== 'BlankNode') {
      if (seen.has(key)) return;
      seen.add(key);
    }
    quads.push(factory.quad(subject, iri(predicate), object, graph));
  };

  addVocabularyNode(add, vocabulary, section);
  const warnings = addTerms(add, splitTermsCsv(decodeUtf8(termsFile), termsFile.name), vocabulary, termsFile.name);
  return { quads, vocabulary, warnings };
};

type Add = (subject: NamedNode | BlankNode, predicate: string, object: NamedNode | BlankNode | Literal) => void;

function requireFile(files: Readonly<Record<string, SourceFile>>, role: string): SourceFile {
  const file = files[role];
  if (!file)
    throw new IngestError('missing-file', `the IVOA terms.csv reader needs a "${role}" file; got ${Object.keys(files).join(', ') || 'none'}`, {
      file: `<${role}>`,
    });
  return file;
}

function vocabularyFromSection(base: VocabularyMeta, section: VocabsConfSection, configName: string): VocabularyMeta {
  const flavour = section.flavour === undefined ? undefined : CONF_FLAVOURS[section.flavour];
  if (!flavour) {
    throw new IngestError(
      'unknown-flavour',
      `section [${section.name}] has flavour "${section.flavour ?? ''}"; expected one of ${Object.keys(CONF_FLAVOURS).join(', ')}`,
      { file: configName, line: section.line },
    );
  }
  const licence: Licence = section.licenseUri
    ? { uri: section.licenseUri, name: LICENCE_NAMES[section.licenseUri] ?? section.licenseUri, html: section.licenseHtml }
    : { ...CC0, html: section.licenseHtml };
  if (licence.html === undefined) delete licence.html;
  return {
    ...base,
    title: section.title ?? base.title,
    description: section.description ?? base.description,
    flavour,
    version: section.timestamp ?? base.version,
    previousVersion: section.previous ?? base.previousVersion,
    authors: section.authors,
    licence,
    draft: section.draft,
    hidden: section.hidden,
    topConcepts: section.topConcepts ?? base.topConcepts,
  };
}

/** The vocabulary's own node: the Dublin Core metadata the IVOA converter writes. */
function addVocabularyNode(add: Add, vocabulary: VocabularyMeta, section: VocabsConfSection): void {
  const node = iri(vocabulary.iri);
  add(node, `${RDF}type`, iri(`${OWL}Ontology`));
  if (section.timestamp) add(node, `${DC}created`, literal(section.timestamp));
  for (const author of vocabulary.authors) {
    const creator = factory.blankNode();
    add(node, `${DC}creator`, creator);
    add(creator, `${FOAF}name`, literal(author));
  }
  add(node, `${DC}license`, iri(vocabulary.licence.uri));
  add(node, `${RDFS}label`, literal(vocabulary.title, 'en'));
  add(node, `${DC}title`, literal(vocabulary.title, 'en'));
  if (vocabulary.description) add(node, `${DC}description`, literal(vocabulary.description));
  add(node, `${IVOASEM}vocflavour`, literal(vocabulary.flavour));
  for (const property of ['created', 'creator', 'title', 'description']) {
    add(iri(`${DC}${property}`), `${RDF}type`, iri(`${OWL}AnnotationProperty`));
  }
}

function addTerms(add: Add, rows: CsvRow[], vocabulary: VocabularyMeta, fileName: string): Warning[] {
  const shape = FLAVOUR_TERMS[vocabulary.flavour];
  const linesById = new Map<string, number[]>();
  /** Term IRIs of the rows above, one per level: parents[n - 1] is the latest level-n term. */
  const parents: string[] = [];
  const at = (field: CsvField): { file: string; line: number; column: number } => ({ file: fileName, line: field.line, column: field.column });

  for (const row of rows) {
    const [idField, levelField, labelField, descriptionField, relationsField, ...extra] = row.fields;
    if (!idField || !levelField || !labelField || !descriptionField) {
      throw new IngestError('csv-too-few-fields', `expected "term; level; label; description[; more_relations]", found ${row.fields.length} field(s)`, {
        file: fileName,
        line: row.line,
      });
    }
    const surplus = extra.find((field) => field.text.trim() !== '');
    if (surplus) {
      throw new IngestError(
        'csv-too-many-fields',
        `expected at most 5 fields; is a ";" in a description unquoted? found "${surplus.text.trim()}"`,
        at(surplus),
      );
    }

    const id = idField.text.trim();
    if (!TERM_ID.test(id)) throw new IngestError('bad-term-id', `a term id is letters, digits, "_" and "-" (VocInVO2), found "${id}"`, at(idField));
    const levelText = levelField.text.trim();
    if (!/^[1-9][0-9]*$/.test(levelText)) throw new IngestError('bad-level', `expected a level 1, 2, 3..., found "${levelText}"`, at(levelField));
    const level = Number(levelText);
    if (level > parents.length + 1) {
      throw new IngestError(
        'level-jump',
        parents.length === 0
          ? `the first term must be at level 1, found level ${level}`
          : `level ${level} follows level ${parents.length}: a term can be at most one level below the term above it`,
        at(levelField),
      );
    }
    parents.length = level - 1;
    const termIri = `${vocabulary.termBase}${id}`;
    const term = iri(termIri);
    linesById.set(id, [...(linesById.get(id) ?? []), row.line]);

    add(term, `${RDF}type`, iri(shape.type));
    const label = labelField.text.trim();
    if (label) add(term, shape.label, literal(label));
    const description = descriptionField.text.trim();
    if (description) add(term, shape.description, literal(description));
    const parent = parents[level - 2];
    if (parent) add(term, shape.wider, iri(parent));
    if (vocabulary.draft) add(term, `${IVOASEM}preliminary`, literal(FLAG_VALUE));
    if (relationsField) {
      for (const relation of parseRelations(relationsField, vocabulary.termBase, fileName)) {
        const object = relation.object;
        add(term, relation.predicate, object.kind === 'flag' ? literal(FLAG_VALUE) : object.kind === 'iri' ? iri(object.value) : literal(object.value));
      }
    }
    parents.push(termIri);
  }

  // One warning for each row that repeats an id, at that row, naming every line of the id.
  return [...linesById].flatMap(([id, lines]) =>
    lines.slice(1).map((line) => ({
      code: 'repeated-term-id',
      message: `term "${id}" is defined on lines ${lines.join(', ')}; every row is kept on ${vocabulary.termBase}${id}`,
      location: { file: fileName, line },
    })),
  );
}

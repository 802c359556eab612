/**
 * Reads what an RDF vocabulary says about itself: the node named by the vocabulary IRI, typed owl:Ontology
 * or skos:ConceptScheme, as the IVOA converter writes it (dc:title, dc:description, dc:created,
 * dc:creator [foaf:name], dc:license, ivoasem:vocflavour).
 */
import {
  DC,
  FLAVOURS,
  FOAF,
  IVOASEM,
  OWL,
  RDF,
  RDFS,
  SKOS,
  type Flavour,
  type Licence,
  type Quad,
  type RdfTerm,
  type VocabularyMeta,
  type Warning,
} from '../model/index.js';

const DC_ELEMENTS = 'http://purl.org/dc/elements/1.1/';

/** SPDX names of the licences vocabularies commonly declare, by IRI without scheme or trailing slash. */
const KNOWN_LICENCES: Readonly<Record<string, string>> = {
  'creativecommons.org/publicdomain/zero/1.0': 'CC0-1.0',
  'creativecommons.org/licenses/by/4.0': 'CC-BY-4.0',
  'creativecommons.org/licenses/by/3.0': 'CC-BY-3.0',
  'creativecommons.org/licenses/by-sa/3.0': 'CC-BY-SA-3.0',
  'creativecommons.org/licenses/by-sa/4.0': 'CC-BY-SA-4.0',
  'www.apache.org/licenses/LICENSE-2.0': 'Apache-2.0',
};

export interface VocabularyMetaResult {
  vocabulary: VocabularyMeta;
  warnings: Warning[];
}

/** The catalogue's metadata, updated with what the vocabulary node in `quads` says. */
export function vocabularyMetaFromGraph(quads: readonly Quad[], vocabulary: VocabularyMeta, file: string): VocabularyMetaResult {
  const about = quads.filter((q) => q.subject.termType === 'NamedNode' && q.subject.value === vocabulary.iri);
  const types = new Set(about.filter((q) => q.predicate.value === `${RDF}type`).map((q) => q.object.value));
  if (!types.has(`${OWL}Ontology`) && !types.has(`${SKOS}ConceptScheme`)) {
    const others = quads
      .filter((q) => q.predicate.value === `${RDF}type` && [`${OWL}Ontology`, `${SKOS}ConceptScheme`].includes(q.object.value))
      .map((q) => `<${q.subject.value}>`);
    return {
      vocabulary,
      warnings: [
        {
          code: 'no-vocabulary-node',
          message:
            `no owl:Ontology or skos:ConceptScheme <${vocabulary.iri}>: title, version and authors come from the catalogue` +
            (others.length > 0 ? ` (the file describes ${others.join(', ')})` : ''),
          location: { file },
        },
      ],
    };
  }

  const objects = (...predicates: string[]): RdfTerm[] => {
    for (const predicate of predicates) {
      const found = about.filter((q) => q.predicate.value === predicate).map((q) => q.object);
      if (found.length > 0) return found;
    }
    return [];
  };
  const text = (...predicates: string[]): string | undefined => {
    for (const predicate of predicates) {
      const value = bestLiteral(objects(predicate));
      if (value !== undefined) return value;
    }
    return undefined;
  };

  const warnings: Warning[] = [];
  const result: VocabularyMeta = { ...vocabulary };
  const title = text(`${DC}title`, `${DC_ELEMENTS}title`, `${RDFS}label`, `${SKOS}prefLabel`);
  if (title !== undefined) result.title = title;
  const description = text(`${DC}description`, `${DC_ELEMENTS}description`, `${RDFS}comment`, `${SKOS}definition`);
  if (description !== undefined) result.description = description;
  const version = text(`${DC}created`, `${OWL}versionInfo`, `${DC}modified`);
  if (version !== undefined) result.version = version;

  const creators = objects(`${DC}creator`, `${DC_ELEMENTS}creator`);
  if (creators.length > 0) result.authors = creators.map((creator) => authorName(creator, quads));

  const licence = objects(`${DC}license`, `${DC}rights`)[0];
  if (licence !== undefined) result.licence = licenceFor(licence.value, vocabulary.licence);
  if (licence !== undefined && normaliseIri(licence.value) !== normaliseIri(vocabulary.licence.uri)) {
    warnings.push({
      code: 'licence-differs',
      message: `the file declares licence <${licence.value}>, the catalogue <${vocabulary.licence.uri}>; using the file's`,
      location: { file },
    });
  }

  const flavour = text(`${IVOASEM}vocflavour`);
  if (flavour !== undefined) {
    const known = parseFlavour(flavour);
    if (known) result.flavour = known;
    else
      warnings.push({
        code: 'unknown-flavour',
        message: `ivoasem:vocflavour "${flavour}" is not one of ${FLAVOURS.join(', ')} (VocInVO2); keeping "${vocabulary.flavour}"`,
        location: { file },
      });
  }
  return { vocabulary: result, warnings };
}

/** Prefers an English literal, then one without language, then any literal. */
function bestLiteral(terms: readonly RdfTerm[]): string | undefined {
  const literals = terms.filter((t) => t.termType === 'Literal');
  const pick =
    literals.find((t) => t.termType === 'Literal' && t.language.toLowerCase().startsWith('en')) ??
    literals.find((t) => t.termType === 'Literal' && t.language === '') ??
    literals[0];
  return pick?.value.trim();
}

function authorName(creator: RdfTerm, quads: readonly Quad[]): string {
  if (creator.termType === 'Literal') return creator.value.trim();
  const names = quads.filter((q) => q.subject.equals(creator) && q.predicate.value === `${FOAF}name`).map((q) => q.object);
  return bestLiteral(names) ?? creator.value;
}

function normaliseIri(iri: string): string {
  return iri.replace(/^https?:\/\//, '').replace(/\/$/, '');
}

function licenceFor(uri: string, catalogue: Licence): Licence {
  if (normaliseIri(uri) === normaliseIri(catalogue.uri)) return { ...catalogue, uri };
  return { uri, name: KNOWN_LICENCES[normaliseIri(uri)] ?? uri };
}

/** `SKOS CSV` is an input form published as SKOS. */
function parseFlavour(value: string): Flavour | undefined {
  if (value === 'SKOS CSV') return 'SKOS';
  return (FLAVOURS as readonly string[]).includes(value) ? (value as Flavour) : undefined;
}

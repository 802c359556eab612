/**
 * Reader for the SPASE base model dictionary (spase-base-<version>.json): one enumeration list (option `list`)
 * becomes one SKOS concept scheme, each member of the list a skos:Concept defined by the dictionary.
 *
 * SPASE 2.7.0 has no dotted member ids: qualified values such as `Earth.Magnetosheath` are composed across
 * lists (the dictionary entry of `Earth` names the list `Earth`, whose members qualify it), so each list is
 * flat here. Should a member id contain dots, its dotted prefix becomes its skos:broader.
 */
import { z } from 'zod';
import { DC, IVOASEM, OWL, RDF, SKOS, factory, iri, literal, type Quad, type Warning } from '../model/index.js';
import { IngestError } from './ingest-error.js';
import { jsonPointer, locateJsonPointer, parseJson } from './json-location.js';
import { decodeUtf8, type Reader, type SourceFile } from './reader.js';

const TERM_ID = /^[A-Za-z0-9_.-]+$/;
const SPASE_LICENCE = { uri: 'https://www.apache.org/licenses/LICENSE-2.0', name: 'Apache-2.0' };

const spaseSchema = z.object({
  version: z.string().min(1),
  released: z.string().optional(),
  list: z.record(z.string(), z.object({ name: z.string().min(1), definition: z.string() })),
  member: z.record(z.string(), z.record(z.string(), z.object({ item: z.string().min(1) }))),
  dictionary: z.record(z.string(), z.object({ definition: z.string() })),
});
type SpaseModel = z.infer<typeof spaseSchema>;

/** The enumeration lists of a SPASE model file, in file order: one vocabulary each. */
export function listSpaseEnumerations(bytes: Uint8Array, fileName: string): string[] {
  return Object.keys(readModel({ name: fileName, bytes }).list);
}

export const readSpaseJson: Reader = ({ files, vocabulary, options }) => {
  const file = files.data;
  if (!file) throw new IngestError('missing-source', 'the spase-json format needs a source file with role "data"', { file: vocabulary.id });
  const model = readModel(file);
  const listName = options.list;
  const list = listName !== undefined ? model.list[listName] : undefined;
  if (listName === undefined || list === undefined) {
    throw new IngestError(
      'bad-option',
      `option list is "${listName ?? ''}"; expected the name of an enumeration list of ${file.name} (e.g. ${Object.keys(model.list).slice(0, 3).join(', ')})`,
      { file: file.name, pointer: '/list' },
    );
  }
  const members = model.member[listName];
  if (members === undefined || Object.keys(members).length === 0) {
    throw new IngestError('spase-shape', `enumeration list ${listName} has no members`, { file: file.name, pointer: jsonPointer(['member', listName]) });
  }

  const graph = iri(vocabulary.graph);
  const scheme = iri(vocabulary.iri);
  const quads: Quad[] = [];
  const warnings: Warning[] = [];
  const add = (s: Quad['subject'], p: string, o: Quad['object']): void => {
    quads.push(factory.quad(s, iri(p), o, graph));
  };

  add(scheme, `${RDF}type`, iri(`${SKOS}ConceptScheme`));
  add(scheme, `${DC}title`, literal(list.name));
  if (list.definition.trim() !== '') add(scheme, `${DC}description`, literal(list.definition.trim()));
  add(scheme, `${OWL}versionInfo`, literal(model.version));
  if (model.released) add(scheme, `${DC}issued`, literal(model.released));
  add(scheme, `${DC}license`, iri(SPASE_LICENCE.uri));
  add(scheme, `${IVOASEM}vocflavour`, literal('SKOS'));

  const ids = Object.keys(members);
  const idSet = new Set(ids);
  for (const id of ids) {
    if (!TERM_ID.test(id)) {
      throw new IngestError('spase-shape', `member "${id}" of list ${listName} is not a term id ([A-Za-z0-9_.-]+)`, {
        file: file.name,
        pointer: jsonPointer(['member', listName, id]),
      });
    }
    const concept = iri(vocabulary.termBase + id);
    add(concept, `${RDF}type`, iri(`${SKOS}Concept`));
    add(concept, `${SKOS}inScheme`, scheme);
    add(concept, `${SKOS}prefLabel`, literal(id));
    add(concept, `${SKOS}notation`, literal(id));
    const spaced = spacedLabel(id);
    if (spaced !== id) add(concept, `${SKOS}altLabel`, literal(spaced));
    const definition = model.dictionary[id]?.definition.trim();
    if (definition) add(concept, `${SKOS}definition`, literal(definition));
    else
      warnings.push({
        code: 'missing-definition',
        message: `member ${id} of list ${listName} has no definition in the dictionary`,
        location: { file: file.name, pointer: jsonPointer(['dictionary', id]) },
      });
    const parent = id.includes('.') ? id.slice(0, id.lastIndexOf('.')) : undefined;
    if (parent !== undefined && idSet.has(parent)) {
      add(concept, `${SKOS}broader`, iri(vocabulary.termBase + parent));
    } else {
      if (parent !== undefined)
        warnings.push({
          code: 'missing-parent',
          message: `member ${id} of list ${listName}: its parent ${parent} is not a member; made a top concept`,
          location: { file: file.name, pointer: jsonPointer(['member', listName, id]) },
        });
      add(concept, `${SKOS}topConceptOf`, scheme);
      add(scheme, `${SKOS}hasTopConcept`, concept);
    }
  }

  return {
    quads,
    vocabulary: {
      ...vocabulary,
      title: list.name,
      ...(list.definition.trim() !== '' ? { description: list.definition.trim() } : {}),
      version: model.version,
      licence: SPASE_LICENCE,
      flavour: 'SKOS',
    },
    warnings,
  };
};

function readModel(file: SourceFile): SpaseModel {
  const text = decodeUtf8(file);
  const parsed = spaseSchema.safeParse(parseJson(text, file.name));
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const pointer = jsonPointer(issue.path);
    const at = locateJsonPointer(text, pointer) ?? locateJsonPointer(text, jsonPointer(issue.path.slice(0, -1)));
    throw new IngestError('spase-shape', `not a SPASE model dictionary: ${issue.message} at ${pointer || '/'}`, {
      file: file.name,
      ...(at ?? {}),
      pointer,
    });
  }
  for (const [listName, members] of Object.entries(parsed.data.member)) {
    for (const [id, member] of Object.entries(members)) {
      if (member.item !== id) {
        throw new IngestError('spase-shape', `member key "${id}" differs from its item "${member.item}"`, {
          file: file.name,
          ...(locateJsonPointer(text, jsonPointer(['member', listName, id])) ?? {}),
          pointer: jsonPointer(['member', listName, id, 'item']),
        });
      }
    }
  }
  return parsed.data;
}

/** `StonyhurstHeliographic` -> `Stonyhurst Heliographic`, `HTTPServer` -> `HTTP Server`; `GSE`, `SSE_L` unchanged. */
export function spacedLabel(id: string): string {
  return id.replace(/([a-z])([A-Z])/g, '$1 $2').replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2');
}

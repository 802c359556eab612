/**
 * Reader for PDS4 registered context products (`{"Product_Context": [{name, type, lidvid}]}`): the products
 * of one type (option `productType`: target, instrument, instrument_host, investigation, facility) become one
 * SKOS concept scheme.
 *
 * - One concept per LID (`urn:<agency>:<node>:context:<productType>:<id>`); the file lists a LID once per
 *   version and often repeats a LIDVID. The newest version gives the prefLabel; names of other versions are
 *   altLabels; the LID is the skos:notation.
 * - Term id: the LID's last field for NASA PDS (`asteroid.2020ge`); for other archives the agency and node
 *   come first (`esa:psa:vex.virtis`), because ESA and NASA register the same ids (vex.virtis, mission.giotto).
 *   A colon never occurs inside a LID field, so the two forms cannot collide.
 * - Each product type (Asteroid, Spacecraft, Imager...) is a top concept and the products it types are
 *   narrower, so the scheme browses as a tree; its id is the type name with other characters than
 *   [A-Za-z0-9-] replaced by `_` (`Trans-Neptunian_Object`). LID fields are lower case, so type ids, which
 *   start with a capital, stay apart. `N/A` names no type: such products are top concepts themselves.
 */
import { z } from 'zod';
import { DC, IVOASEM, OWL, RDF, SKOS, factory, iri, literal, type Quad, type Warning } from '../model/index.js';
import { IngestError } from './ingest-error.js';
import { jsonPointer, locateJsonPointer, parseJson } from './json-location.js';
import { decodeUtf8, type Reader } from './reader.js';

export const PDS4_PRODUCT_TYPES = ['target', 'instrument', 'instrument_host', 'investigation', 'facility'] as const;
export type Pds4ProductType = (typeof PDS4_PRODUCT_TYPES)[number];

const contextFileSchema = z.object({
  Product_Context: z.array(
    z.object({
      name: z.array(z.string().min(1)).min(1),
      type: z.array(z.string().min(1)),
      lidvid: z.string(),
    }),
  ),
});

const LIDVID = /^urn:([a-z0-9]+):([a-z0-9]+):context:([a-z_]+):([^:\s]+)::(\d+)\.(\d+)$/;
const NO_TYPE = 'N/A';

interface Version {
  index: number;
  lidvid: string;
  major: number;
  minor: number;
  names: string[];
  types: string[];
}

export const readPds4Context: Reader = ({ files, vocabulary, options }) => {
  const file = files.data;
  if (!file) throw new IngestError('missing-source', 'the pds4-context format needs a source file with role "data"', { file: vocabulary.id });
  const productType = options.productType;
  if (!(PDS4_PRODUCT_TYPES as readonly string[]).includes(productType ?? '')) {
    throw new IngestError('bad-option', `option productType is "${productType ?? ''}"; expected one of ${PDS4_PRODUCT_TYPES.join(', ')}`, {
      file: file.name,
    });
  }
  const text = decodeUtf8(file);
  const parsed = contextFileSchema.safeParse(parseJson(text, file.name));
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const pointer = jsonPointer(issue.path);
    throw new IngestError('pds4-shape', `not a PDS4 context product list: ${issue.message} at ${pointer || '/'}`, {
      file: file.name,
      ...(locateJsonPointer(text, pointer) ?? {}),
      pointer,
    });
  }

  const warnings: Warning[] = [];
  const byLid = new Map<string, Version[]>();
  const seenLidvids = new Map<string, number>();
  parsed.data.Product_Context.forEach((entry, index) => {
    const match = LIDVID.exec(entry.lidvid);
    if (!match) {
      const pointer = jsonPointer(['Product_Context', index, 'lidvid']);
      throw new IngestError('pds4-shape', `"${entry.lidvid}" is not a context LIDVID (urn:<agency>:<node>:context:<type>:<id>::<major>.<minor>)`, {
        file: file.name,
        ...(locateJsonPointer(text, pointer) ?? {}),
        pointer,
      });
    }
    if (match[3] !== productType) return;
    const first = seenLidvids.get(entry.lidvid);
    if (first !== undefined) {
      warnings.push({
        code: 'duplicate-entry',
        message: `${entry.lidvid} is listed again (first at /Product_Context/${first}); the first is kept`,
        location: { file: file.name, pointer: jsonPointer(['Product_Context', index]) },
      });
      return;
    }
    seenLidvids.set(entry.lidvid, index);
    const lid = entry.lidvid.slice(0, entry.lidvid.indexOf('::'));
    const versions = byLid.get(lid) ?? [];
    versions.push({ index, lidvid: entry.lidvid, major: Number(match[5]), minor: Number(match[6]), names: entry.name, types: entry.type });
    byLid.set(lid, versions);
  });
  if (byLid.size === 0) {
    throw new IngestError('pds4-shape', `no context product of type ${productType ?? ''}`, { file: file.name, pointer: '/Product_Context' });
  }

  const graph = iri(vocabulary.graph);
  const scheme = iri(vocabulary.iri);
  const quads: Quad[] = [];
  const add = (s: Quad['subject'], p: string, o: Quad['object']): void => {
    quads.push(factory.quad(s, iri(p), o, graph));
  };
  const topConcept = (concept: Quad['subject']): void => {
    add(concept, `${SKOS}topConceptOf`, scheme);
    add(scheme, `${SKOS}hasTopConcept`, concept);
  };
  add(scheme, `${RDF}type`, iri(`${SKOS}ConceptScheme`));
  add(scheme, `${DC}title`, literal(vocabulary.title));
  add(scheme, `${DC}license`, iri(vocabulary.licence.uri));
  add(scheme, `${IVOASEM}vocflavour`, literal('SKOS'));

  const typeIds = new Map<string, string>();
  const termIds = new Map<string, string>();
  for (const [lid, versions] of byLid) {
    const id = pds4TermId(lid);
    const clash = termIds.get(id);
    if (clash !== undefined) {
      throw new IngestError('id-collision', `LIDs ${clash} and ${lid} both give term id ${id}`, {
        file: file.name,
        pointer: jsonPointer(['Product_Context', versions[0]!.index]),
      });
    }
    termIds.set(id, lid);
    const newest = versions.reduce((a, b) => (b.major > a.major || (b.major === a.major && b.minor > a.minor) ? b : a));
    const concept = iri(vocabulary.termBase + id);
    add(concept, `${RDF}type`, iri(`${SKOS}Concept`));
    add(concept, `${SKOS}inScheme`, scheme);
    const [label, ...moreNames] = newest.names;
    add(concept, `${SKOS}prefLabel`, literal(label!));
    const altLabels = new Set([...moreNames, ...versions.flatMap((v) => v.names)]);
    altLabels.delete(label!);
    for (const alt of altLabels) add(concept, `${SKOS}altLabel`, literal(alt));
    add(concept, `${SKOS}notation`, literal(lid));
    add(concept, `${OWL}versionInfo`, literal(`${newest.major}.${newest.minor}`));
    const types = newest.types.filter((t) => t !== NO_TYPE);
    for (const type of types) {
      let typeId = typeIds.get(type);
      if (typeId === undefined) {
        typeId = type.replace(/[^A-Za-z0-9-]/g, '_');
        typeIds.set(type, typeId);
      }
      add(concept, `${SKOS}broader`, iri(vocabulary.termBase + typeId));
    }
    if (types.length === 0) topConcept(concept);
  }

  for (const [type, typeId] of typeIds) {
    const lid = termIds.get(typeId);
    if (lid !== undefined) {
      throw new IngestError('id-collision', `product type "${type}" and LID ${lid} both give term id ${typeId}`, { file: file.name });
    }
    const concept = iri(vocabulary.termBase + typeId);
    add(concept, `${RDF}type`, iri(`${SKOS}Concept`));
    add(concept, `${SKOS}inScheme`, scheme);
    add(concept, `${SKOS}prefLabel`, literal(type));
    topConcept(concept);
  }

  return { quads, vocabulary: { ...vocabulary, flavour: 'SKOS' }, warnings };
};

/** `urn:nasa:pds:context:target:asteroid.2020ge` -> `asteroid.2020ge`; `urn:esa:psa:context:instrument:vex.virtis` -> `esa:psa:vex.virtis`. */
export function pds4TermId(lid: string): string {
  const [, agency, node, , , id] = lid.split(':');
  return agency === 'nasa' && node === 'pds' ? id! : `${agency}:${node}:${id}`;
}

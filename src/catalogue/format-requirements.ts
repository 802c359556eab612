import { RDF_FORMATS } from '../model/index.js';
import type { SourceFormat } from '../model/index.js';

/** What each source format needs from a catalogue entry (documented on catalogueEntrySchema). */
export interface FormatRequirement {
  roles: readonly string[];
  /** Roles a source may have besides the required ones. */
  optionalRoles?: readonly string[];
  /** Required options, each with its allowed values (undefined: any non-empty string). */
  options: Readonly<Record<string, readonly string[] | undefined>>;
}

/** The `syntax` option of an `rdf` entry names an RDF format as the registry spells it out. */
export const RDF_SYNTAXES: readonly string[] = RDF_FORMATS.map((f) => f.syntax);
export const PDS4_PRODUCT_TYPES = ['target', 'instrument', 'instrument_host', 'investigation', 'facility'] as const;

export const FORMAT_REQUIREMENTS: Readonly<Record<SourceFormat, FormatRequirement>> = {
  'ivoa-terms-csv': { roles: ['terms', 'config'], options: { section: undefined } },
  // An RDF vocabulary the IVOA publishes also has a vocabs.conf section (`config` + option `section`): its metadata wins.
  rdf: { roles: ['data'], optionalRoles: ['config'], options: { syntax: RDF_SYNTAXES } },
  'spase-json': { roles: ['data'], options: { list: undefined } },
  'pds4-context': { roles: ['data'], options: { productType: PDS4_PRODUCT_TYPES } },
  'ucd-list': { roles: ['list', 'deprecated'], options: {} },
};

/** Problems with an entry's sources and options for its format, as [field path, message] pairs. */
export function formatProblems(entry: { format: SourceFormat; sources: Record<string, unknown>; options: Record<string, string> }): Array<[string[], string]> {
  const requirement = FORMAT_REQUIREMENTS[entry.format];
  const problems: Array<[string[], string]> = [];
  for (const role of requirement.roles) {
    if (!(role in entry.sources))
      problems.push([['sources'], `format ${entry.format} needs a source with role '${role}' (roles: ${requirement.roles.join(', ')})`]);
  }
  for (const role of Object.keys(entry.sources)) {
    if (!requirement.roles.includes(role) && !requirement.optionalRoles?.includes(role))
      problems.push([['sources', role], `format ${entry.format} has no source role '${role}' (roles: ${requirement.roles.join(', ')})`]);
  }
  for (const [option, allowed] of Object.entries(requirement.options)) {
    const value = entry.options[option];
    if (value === undefined || value === '') problems.push([['options'], `format ${entry.format} needs option '${option}'`]);
    else if (allowed && !allowed.includes(value)) problems.push([['options', option], `'${value}' is not one of ${allowed.join(', ')}`]);
  }
  return problems;
}

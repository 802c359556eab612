import type { ExpectedVersion } from '../model/index.js';

/** An entity-tag (RFC 9110 §8.8.3): an optional weakness indicator, then an opaque quoted string. */
const ENTITY_TAG = /^(W\/)?"[\x21\x23-\x7E\x80-\xFF]*"$/;

/**
 * The version an If-Match header asks for (RFC 9110 §13.1.1): `*` is any version; otherwise the listed
 * entity-tags, compared strongly, so a weak tag (W/"…") matches no version and is dropped. Undefined when the
 * header is absent; a list member that is no entity-tag matches nothing either.
 */
export function expectedVersionOf(ifMatch: string | undefined): ExpectedVersion | undefined {
  if (ifMatch === undefined) return undefined;
  if (ifMatch.trim() === '*') return 'any';
  return entityTags(ifMatch).filter((tag) => ENTITY_TAG.test(tag) && !tag.startsWith('W/'));
}

/** The comma-separated members of a list of entity-tags; a comma inside the quotes (etagc allows it) does not split. */
function entityTags(list: string): string[] {
  return [...list.matchAll(/\s*((?:W\/)?"[^"]*"|[^,]*)\s*(?:,|$)/g)].map((m) => m[1]!.trim()).filter((tag) => tag !== '');
}

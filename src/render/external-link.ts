/**
 * Whether an IRI from data (a mapping's target, a useInstead, a licence, a home page, an upload) may
 * become a link on a page: only http and https. Any other scheme (`javascript:`, `data:`, `vbscript:`,
 * `urn:`…) is shown as text, so a vocabulary or mapping set cannot put script behind a click.
 */
const LINKABLE_SCHEMES = new Set(['http:', 'https:']);

/** The href for an IRI that may be a link (as the browser will read it), or undefined when it must stay text. */
export function externalHref(iri: string): string | undefined {
  let url: URL;
  try {
    url = new URL(iri);
  } catch {
    return undefined;
  }
  return LINKABLE_SCHEMES.has(url.protocol) ? url.href : undefined;
}

import { normaliseText, words } from './text-normalise.js';

/** Short words that acronyms usually skip ("Coordinated Universal Time", "Centre of Mass" → CM or COM). */
const MINOR_WORDS = new Set(['of', 'the', 'and', 'in', 'for', 'on', 'to', 'a', 'an', 'at', 'by', 'de', 'la', 'du', 'des', 'von', 'der']);

/** Two-letter acronyms match too much by chance ("magnetic moment" is not the Multiple Mirror Telescope's MM). */
export const MIN_ACRONYM_LENGTH = 3;

/** A query or label that reads as an acronym: one word of 3 to 10 letters or digits, at least two of them letters. */
export function isAcronymShaped(text: string): boolean {
  const folded = normaliseText(text);
  return /^[a-z0-9]{3,10}$/.test(folded) && (folded.match(/[a-z]/g)?.length ?? 0) >= 2;
}

/**
 * The acronyms a label of several words could be known by: the initials of every word, and the
 * initials without minor words (`Geocentric Solar Ecliptic` → `gse`). A label of one word has none,
 * except an acronym it gives in parentheses (`Solar Orbiter (SolO)` → `solo`).
 */
export function acronymsOf(label: string): string[] {
  const found = new Set<string>();
  for (const match of label.matchAll(/\(([^()]{2,12})\)/g)) {
    if (isAcronymShaped(match[1]!)) found.add(normaliseText(match[1]!));
  }
  const all = words(label.replace(/\([^()]*\)/g, ' '));
  if (all.length >= 2) {
    found.add(initials(all));
    const major = all.filter((w) => !MINOR_WORDS.has(w));
    if (major.length >= 2) found.add(initials(major));
  }
  return [...found].filter((a) => a.length >= MIN_ACRONYM_LENGTH);
}

function initials(list: readonly string[]): string {
  return list.map((w) => (/^\d+$/.test(w) ? w : w[0])).join('');
}

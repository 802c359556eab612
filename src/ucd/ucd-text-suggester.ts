/**
 * UCD candidates for a column name and/or description ("RA J2000", "error on the V magnitude").
 * First the phrase lexicon (ucd-lexicon.ts) finds the quantity and its qualifiers and composes them by
 * the syntax-code rules of UCD1+ EN 1.6 §2 (statistics first, bands after E/C words, frames after
 * vectors); then the list's own descriptions are matched word by word. Every candidate is validated.
 */
import type { UcdStatus, UcdValidation } from './ucd-diagnostic.js';
import { BANDS, QUALIFIERS, QUANTITIES, WRAPPERS, type LexiconEntry } from './ucd-lexicon.js';
import type { UcdWordList } from './ucd-word-list.js';

export interface UcdCandidate {
  ucd: string;
  /** 0..1, higher is better. */
  score: number;
  reasons: string[];
  status: UcdStatus;
}

/** Texts are column names and descriptions; anything longer is cut. */
const MAX_TEXT_LENGTH = 500;
const STOPWORDS = new Set(
  'the of and or in on at to for by with from a an as is are be this that its it per into related value given used generic'.split(' '),
);

interface Hit {
  entry: LexiconEntry;
  start: number;
  end: number;
}

function findHits(text: string, entries: readonly LexiconEntry[], claimed: Array<[number, number]>): Hit[] {
  const hits: Hit[] = [];
  for (const entry of entries) {
    const match = entry.pattern.exec(text);
    if (!match) continue;
    const start = match.index;
    const end = start + Math.max(1, match[0].length);
    if (claimed.some(([s, e]) => start < e && end > s)) continue;
    claimed.push([start, end]);
    hits.push({ entry, start, end });
  }
  return hits;
}

function stem(token: string): string {
  const t = token.replace(/(?:ies)$/, 'y').replace(/(?:es|s)$/, '');
  return t.length > 6 ? t.slice(0, 6) : t;
}

function tokens(text: string): string[] {
  return text
    .replace(/([a-z])([A-Z])/g, '$1 $2')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter((t) => t.length >= 3 && !STOPWORDS.has(t))
    .map(stem);
}

/** Description index over the list: which words' descriptions and atoms hold which stems. */
export class DescriptionIndex {
  private readonly docs: { word: string; terms: Set<string> }[];
  private readonly idf = new Map<string, number>();

  constructor(list: UcdWordList) {
    this.docs = list.words.map((w) => ({ word: w.word, terms: new Set([...tokens(w.description), ...tokens(w.word.replace(/\./g, ' '))]) }));
    const df = new Map<string, number>();
    for (const doc of this.docs) for (const t of doc.terms) df.set(t, (df.get(t) ?? 0) + 1);
    for (const [t, n] of df) this.idf.set(t, Math.log(1 + this.docs.length / n));
  }

  /** Words whose description shares the most informative stems with `text`, scored 0..1. */
  search(text: string, limit: number): { word: string; score: number; matched: string[] }[] {
    const query = [...new Set(tokens(text))];
    const total = query.reduce((sum, t) => sum + (this.idf.get(t) ?? 0), 0);
    if (total === 0) return [];
    const results: { word: string; score: number; matched: string[] }[] = [];
    for (const doc of this.docs) {
      const matched = query.filter((t) => doc.terms.has(t));
      if (matched.length === 0) continue;
      const weight = matched.reduce((sum, t) => sum + (this.idf.get(t) ?? 0), 0);
      // Favour words whose description is mostly covered by the query (short, precise descriptions).
      results.push({ word: doc.word, score: (weight / total) * (0.7 + 0.3 * (matched.length / doc.terms.size)), matched });
    }
    return results.sort((a, b) => b.score - a.score || a.word.localeCompare(b.word)).slice(0, limit);
  }
}

const FRAME_WORDS = new Set(['pos.heliocentric', 'pos.barycenter', 'pos.geocentric', 'pos.galactocentric', 'pos.lsr']);

function takesFrame(word: string, code: string | undefined): boolean {
  return code === 'V' || word.startsWith('spect.dopplerVeloc') || word.startsWith('phys.veloc') || word.startsWith('pos.');
}

interface Draft {
  words: string[];
  score: number;
  reasons: string[];
}

export function suggestFromText(
  list: UcdWordList,
  index: DescriptionIndex,
  rawText: string,
  validate: (ucd: string) => UcdValidation,
  limit = 5,
): UcdCandidate[] {
  // Column names join parts with `_` (e_Vmag, RA_ICRS): read it as a space so that word boundaries hold.
  const text = rawText.slice(0, MAX_TEXT_LENGTH).replace(/_/g, ' ').trim();
  if (text === '') return [];
  const claimed: Array<[number, number]> = [];
  // Lexicon order: the more specific phrase (radial velocity) claims its text before the general one (velocity).
  const quantities = findHits(text, QUANTITIES, claimed);
  const wrappers = findHits(text, WRAPPERS, claimed);
  // Bands and qualifiers may sit inside a quantity's phrase (the V of Vmag, the J2000 of RAJ2000).
  const bands = findHits(text, BANDS, []).sort((a, b) => a.start - b.start);
  const qualifiers = findHits(text, QUALIFIERS, []);

  const drafts: Draft[] = [];
  quantities.slice(0, 3).forEach((hit, rank) => {
    const base = 1 - rank * 0.2;
    const quantity = [...hit.entry.words];
    const head = quantity[0] ?? '';
    const code = list.get(head)?.code;
    const reasons = [`"${text.slice(hit.start, hit.end)}" → ${quantity.join(';')} (${hit.entry.phrase})`];
    const bandWords: string[] = [];
    if ((code === 'E' || code === 'C') && quantity.length === 1) {
      for (const band of bands.slice(0, code === 'C' ? 2 : 1)) {
        bandWords.push(...band.entry.words);
        reasons.push(`"${text.slice(band.start, band.end)}" → ${band.entry.words.join(';')}: a band follows a photometric (${code}) word`);
      }
    }
    const extra: string[] = [];
    const extraReasons: string[] = [];
    for (const q of qualifiers) {
      const word = q.entry.words[0] ?? '';
      const fits =
        (FRAME_WORDS.has(word) && takesFrame(head, code)) ||
        (word === 'meta.main' && (head === 'pos.eq.ra' || head === 'pos.eq.dec' || head === 'meta.id') && wrappers.length === 0) ||
        (word.startsWith('stat.') && head !== 'stat.error') ||
        (word === 'obs' && (head.startsWith('time.') || head === 'meta.number')) ||
        word === 'meta.modelled';
      if (fits && !quantity.includes(word)) {
        extra.push(word);
        extraReasons.push(`"${text.slice(q.start, q.end)}" → ${word} (${q.entry.phrase})`);
      }
    }
    const prefix = wrappers.map((w) => w.entry.words[0] ?? '').filter((w) => w !== '');
    const prefixReasons = wrappers.map((w) => `"${text.slice(w.start, w.end)}" → ${w.entry.words[0]} first, the quantity follows (${w.entry.phrase})`);
    const core = [...quantity, ...bandWords];
    drafts.push({ words: [...prefix, ...core, ...extra], score: base, reasons: [...prefixReasons, ...reasons, ...extraReasons] });
    if (extra.length > 0) drafts.push({ words: [...prefix, ...core], score: base - 0.05, reasons: [...prefixReasons, ...reasons] });
    if (head === 'meta.id' && !extra.includes('meta.main')) {
      drafts.push({ words: [...prefix, ...core, 'meta.main'], score: base - 0.04, reasons: [...prefixReasons, ...reasons, 'meta.main: an identifier column is usually the main one'] });
    }
    if (bandWords.length > 0) drafts.push({ words: [...prefix, ...quantity, ...extra], score: base - 0.15, reasons: [...prefixReasons, ...reasons.slice(0, 1)] });
    if (prefix.length > 0) drafts.push({ words: [...core, ...extra], score: base - 0.3, reasons: [...reasons, ...extraReasons] });
  });

  for (const found of index.search(text, 8)) {
    drafts.push({
      words: [found.word],
      score: 0.5 * found.score,
      reasons: [`the description of ${found.word} shares: ${found.matched.join(', ')}`],
    });
  }

  const seen = new Set<string>();
  const candidates: UcdCandidate[] = [];
  for (const draft of drafts.sort((a, b) => b.score - a.score)) {
    const words = draft.words.filter((w, i, all) => all.indexOf(w) === i);
    const ucd = words.join(';');
    if (seen.has(ucd)) continue;
    seen.add(ucd);
    const check = validate(ucd);
    if (check.status !== 'valid' && check.status !== 'valid-with-warnings') continue;
    candidates.push({ ucd: check.canonical ?? ucd, score: Math.round(draft.score * 1000) / 1000, reasons: draft.reasons, status: check.status });
    if (candidates.length >= limit) break;
  }
  return candidates;
}

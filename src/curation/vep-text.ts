/**
 * The plain-text form of a Vocabulary Enhancement Proposal (VocInVO2 §5.2.1, Fig. 5 and the VEP files of
 * github.com/ivoa-std/VEPs): `Name: value` items, a header (Vocabulary, Author, Date), a term block (Term, Action,
 * Label, Description, Relationships, Used-in, repeated) and free text (Rationale, Discussion). A value goes on over
 * the following lines until the next item; the real files indent those lines or not, with spaces or tabs (after a
 * blank line, only an indented line goes on with the item before it).
 *
 * The standard defines no grammar ("we do not expect the VEPs to be evaluated by machines"), so the reader keeps to
 * what the published VEPs write: "New Term" for Term, "Authors" for Author, "Used-In" or "Used-in", and a "#" before
 * term ids. astrovoc keeps one term per proposal: a VEP with a second term block is refused, naming its line.
 */
import { AstrovocError } from '../model/index.js';
import {
  checkDraft,
  normaliseDraft,
  PROPOSAL_BOUNDS,
  termIdOf,
  VEP_ACTIONS,
  type Proposal,
  type ProposalDraft,
  type ProposedRelationships,
} from './proposal.js';

type Item =
  | 'vocabulary'
  | 'author'
  | 'date'
  | 'term'
  | 'action'
  | 'label'
  | 'description'
  | 'relationships'
  | 'usedIn'
  | 'rationale'
  | 'discussion'
  | 'supersedes'
  | 'supersededBy';

/** Item names as VEPs spell them (compared in lower case), the spec's "Supercedes" spelling first. */
const ITEMS: Readonly<Record<string, Item>> = {
  vocabulary: 'vocabulary',
  author: 'author',
  authors: 'author',
  date: 'date',
  term: 'term',
  'new term': 'term',
  action: 'action',
  label: 'label',
  description: 'description',
  relationships: 'relationships',
  'used-in': 'usedIn',
  rationale: 'rationale',
  discussion: 'discussion',
  supercedes: 'supersedes',
  supersedes: 'supersedes',
  'superceded-by': 'supersededBy',
  'superseded-by': 'supersededBy',
};

/** Free text: paragraphs and indentation are kept, and lines that look like `Name:` but name no item are prose. */
const FREE_TEXT: ReadonlySet<Item> = new Set(['rationale', 'discussion']);
const REPEATABLE: ReadonlySet<Item> = new Set(['usedIn']);
const ITEM_LINE = /^([A-Za-z][A-Za-z -]*?)\s*:(.*)$/;

interface ItemText {
  item: Item;
  line: number;
  /** The text after the colon, then each following line (blank ones too). */
  lines: string[];
}

function invalidLine(fileName: string, line: number, message: string): AstrovocError {
  return new AstrovocError('invalid-input', `${fileName}, line ${line}: ${message}`, { location: { file: fileName, line } });
}

/** The items of the text in order, each with its lines; text outside any item or an unknown item is an error. */
function readItems(text: string, fileName: string): ItemText[] {
  const items: ItemText[] = [];
  let current: ItemText | undefined;
  let blankSince = false;
  text.split(/\r?\n/).forEach((raw, index) => {
    const line = index + 1;
    const match = /^\s/.test(raw) ? null : ITEM_LINE.exec(raw);
    const item = match ? ITEMS[match[1]!.toLowerCase()] : undefined;
    if (match && item) {
      current = { item, line, lines: [match[2]!.trim()] };
      items.push(current);
      blankSince = false;
    } else if (raw.trim() === '') {
      current?.lines.push('');
      blankSince = current !== undefined;
    } else if (current && FREE_TEXT.has(current.item)) {
      current.lines.push(raw.trimEnd());
    } else if (current && !match && (!blankSince || /^\s/.test(raw))) {
      current.lines.push(raw.trim());
    } else {
      const known = [...new Set(Object.keys(ITEMS).map((k) => k.replace(/(^|[ -])\w/g, (c) => c.toUpperCase())))].join(', ');
      throw invalidLine(
        fileName,
        line,
        match ? `"${match[1]}" is not an item of a VEP (items: ${known})` : `text outside any item; a VEP is made of "Name: value" lines (items: ${known})`,
      );
    }
  });
  return items;
}

/** One-line items: the lines joined by spaces. */
const oneLine = (lines: readonly string[]) =>
  lines
    .map((l) => l.trim())
    .filter(Boolean)
    .join(' ');

/** Free text: its first line, then the following lines less their common indentation, blank lines at either end dropped. */
function freeText(lines: readonly string[]): string {
  const [first, ...rest] = lines;
  const indents = rest.filter((l) => l.trim() !== '').map((l) => /^\s*/.exec(l)![0].length);
  const common = indents.length > 0 ? Math.min(...indents) : 0;
  return [first!, ...rest.map((l) => l.slice(common))]
    .join('\n')
    .replace(/^\s*\n/, '')
    .trimEnd();
}

const PARENT = /^(?:(?:skos:broader|rdfs:subClassOf|rdfs:subPropertyOf)\s*\(\s*(#?[A-Za-z0-9_-]+)\s*\)|narrower\s+than\s+(#?[A-Za-z0-9_-]+))$/i;
const USE_INSTEAD = /^(?:ivoasem:useInstead\s*\(\s*(#?[A-Za-z0-9_-]+)\s*\)|use\s+instead\s+(#?[A-Za-z0-9_-]+))$/i;

/** "narrower than #a, rdfs:subClassOf(b), ivoasem:useInstead(#c)" as parents and the replacement. */
function readRelationships(value: string, fileName: string, line: number): ProposedRelationships | undefined {
  const parts = value
    .split(/[,;]/)
    .map((p) => p.trim())
    .filter(Boolean);
  if (parts.length === 0) return undefined;
  const relationships: ProposedRelationships = { parents: [] };
  for (const part of parts) {
    const parent = PARENT.exec(part);
    const replacement = USE_INSTEAD.exec(part);
    if (parent) relationships.parents.push(termIdOf(parent[1] ?? parent[2]!));
    else if (replacement && relationships.useInstead === undefined) relationships.useInstead = termIdOf(replacement[1] ?? replacement[2]!);
    else
      throw invalidLine(
        fileName,
        line,
        `Relationships: "${part}" is not a relationship astrovoc reads (narrower than #parent, skos:broader(#parent), ` +
          'rdfs:subClassOf(#parent), rdfs:subPropertyOf(#parent), ivoasem:useInstead(#replacement), at most one replacement)',
      );
  }
  return relationships;
}

/**
 * The proposal a VEP text asks for, checked (VocInVO2 §5.2.1 and astrovoc's bounds), or an invalid-input error
 * naming the file and line (or the field, for a rule about the whole proposal).
 */
export function parseVep(text: string, fileName: string): ProposalDraft {
  if (Buffer.byteLength(text) > PROPOSAL_BOUNDS.vepBytes)
    throw new AstrovocError('too-large', `${fileName}: a VEP is at most ${PROPOSAL_BOUNDS.vepBytes} bytes`, { location: { file: fileName } });
  const items = readItems(text, fileName);
  const found = new Map<Item, ItemText>();
  const usedIn: string[] = [];
  for (const entry of items) {
    if (entry.item === 'term' && found.has('term'))
      throw invalidLine(fileName, entry.line, `a second term (${oneLine(entry.lines)}); astrovoc keeps one term per proposal: send one VEP per term`);
    if (found.has(entry.item) && !REPEATABLE.has(entry.item))
      throw invalidLine(fileName, entry.line, `a second ${entry.item} item (the first is on line ${found.get(entry.item)!.line})`);
    found.set(entry.item, entry);
    if (entry.item === 'usedIn') usedIn.push(oneLine(entry.lines));
  }
  const value = (item: Item) => {
    const entry = found.get(item);
    if (!entry) return undefined;
    return FREE_TEXT.has(item) ? freeText(entry.lines) : oneLine(entry.lines);
  };
  for (const item of ['vocabulary', 'term', 'action'] as const)
    if (!value(item)) {
      const entry = found.get(item);
      throw entry
        ? invalidLine(fileName, entry.line, `the ${item} item is empty`)
        : new AstrovocError('invalid-input', `${fileName}: no ${item} item`, { location: { file: fileName } });
    }
  const actionEntry = found.get('action')!;
  const action = VEP_ACTIONS.find((a) => a.toLowerCase() === value('action')!.toLowerCase());
  if (!action) throw invalidLine(fileName, actionEntry.line, `Action "${value('action')}" is none of ${VEP_ACTIONS.join(', ')}`);
  const relationshipsEntry = found.get('relationships');
  const relationships = relationshipsEntry && readRelationships(oneLine(relationshipsEntry.lines), fileName, relationshipsEntry.line);
  const draft = normaliseDraft({
    vocabularyUri: value('vocabulary'),
    authorLine: value('author'),
    date: value('date'),
    term: value('term')!,
    action,
    label: value('label'),
    description: value('description'),
    ...(relationships ? { relationships } : {}),
    usedIn,
    rationale: value('rationale'),
    discussion: value('discussion'),
    supersedes: value('supersedes'),
    supersededBy: value('supersededBy'),
  });
  try {
    checkDraft(draft);
  } catch (error) {
    const field = error instanceof AstrovocError ? error.location?.parameter?.split('.')[0] : undefined;
    // A missing item is required by the action: the Action line is where to look.
    const item = field === 'vocabularyUri' ? 'vocabulary' : field === 'authorLine' ? 'author' : (field as Item | undefined);
    const entry = item === undefined ? undefined : (found.get(item) ?? found.get('action'));
    if (error instanceof AstrovocError && entry) throw invalidLine(fileName, entry.line, error.message);
    throw error;
  }
  return draft;
}

/** Free text as the form writes it: under its item, each line indented by two spaces (so no line reads as an item). */
const indented = (text: string) =>
  text
    .split('\n')
    .map((l) => (l.trim() === '' ? '' : `  ${l}`))
    .join('\n');

function relationshipsText(relationships: ProposedRelationships): string {
  return [
    ...relationships.parents.map((p) => `narrower than #${p}`),
    ...(relationships.useInstead ? [`ivoasem:useInstead(#${relationships.useInstead})`] : []),
  ].join(', ');
}

/**
 * The VEP text of a proposal or draft, items in the order of VocInVO2's example; review comments follow the
 * Discussion the VEP had, as the maintainer's summary would.
 */
export function formatVep(proposal: ProposalDraft | Proposal): string {
  const full = 'id' in proposal ? proposal : undefined;
  const out: string[] = [];
  const item = (name: string, value: string | undefined) => {
    if (value !== undefined && value !== '') out.push(`${name}: ${value}`);
  };
  item('Vocabulary', proposal.vocabularyUri);
  item('Author', proposal.authorLine ?? full?.author);
  item('Date', proposal.date);
  item('Supercedes', proposal.supersedes);
  item('Superceded-by', proposal.supersededBy);
  out.push('');
  item('Term', proposal.term);
  item('Action', proposal.action);
  item('Label', proposal.label);
  item('Description', proposal.description);
  if (proposal.relationships) item('Relationships', relationshipsText(proposal.relationships));
  for (const uri of proposal.usedIn) item('Used-in', uri);
  if (proposal.rationale) out.push('', 'Rationale:', indented(proposal.rationale));
  const comments = (full?.comments ?? []).map((c) => `${c.who} (${c.when}):\n${c.text}`);
  const discussion = [proposal.discussion, ...comments].filter(Boolean).join('\n\n');
  if (discussion) out.push('', 'Discussion:', indented(discussion));
  return `${out.join('\n')}\n`;
}

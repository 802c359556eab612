/**
 * The editor pages' view models: the sign-in form, the vocabulary's page (add a term, its conflicts, proposals and
 * latest changes) and the term's page (its form, deprecate, approve, remove, its history). Forms keep what the editor
 * typed and carry the message of a refused change next to the field it names.
 */
import type { ChangeEntry, TermLifecycle, TermRecord } from '../model/index.js';
import { historyView, type ChangeView, type ConflictView } from './change-view.js';

/** Who is signed in, as the pages name them. */
export interface EditorUser {
  name: string;
  role: string;
}

/** The fields of the term forms, as text: alt labels and parents one per line. */
export interface TermFormValues {
  id: string;
  label: string;
  description: string;
  altLabels: string;
  parents: string;
  useInstead: string;
  why: string;
}

export type TermFormField = keyof TermFormValues;
export const TERM_FORM_FIELDS: readonly TermFormField[] = ['id', 'label', 'description', 'altLabels', 'parents', 'useInstead', 'why'];

/** A form as shown: its values, the message next to each field at fault, and a message about the whole form. */
export interface FormState {
  values: TermFormValues;
  errors: Partial<Record<TermFormField, string>>;
  message?: string;
}

/** A proposal (VEP) as a list shows it. */
export interface ProposalSummary {
  id: string;
  path: string;
  action: string;
  term: string;
  label?: string;
  state: string;
  author: string;
  date?: string;
}

interface EditorPage {
  title: string;
  user: EditorUser;
  csrf: string;
  flash?: string;
}

export interface EditorVocabularyModel extends EditorPage {
  vocabulary: { id: string; title: string; path: string; editPath: string };
  /** The vocabulary's strong ETag when the page was drawn: the version an added term expects. */
  version: string;
  add: FormState;
  conflicts: ConflictView[];
  /** Open proposals (submitted, under review). */
  proposals: ProposalSummary[];
  /** Accepted, rejected and withdrawn proposals. */
  closedProposals: ProposalSummary[];
  /** Whether proposals are taken (the page links to the proposal form). */
  proposing: boolean;
  recent: ChangeView[];
}

export interface EditorTermModel extends EditorPage {
  vocabulary: { id: string; title: string; path: string; editPath: string };
  term: { id: string; label: string; status: TermLifecycle; path: string; editPath: string; useInstead?: string };
  /** The term's strong ETag when the form was drawn: the version its changes expect. */
  version: string;
  edit: FormState;
  deprecate: FormState;
  /** The message of a refused approve or remove. */
  lifecycleMessage?: string;
  /** The term as it is now, shown beside the form when the editor's change met a newer version (412). */
  current?: TermFormValues;
  mayMaintain: boolean;
  preliminary: boolean;
  deprecated: boolean;
  history: ChangeView[];
  proposals: ProposalSummary[];
}

export interface SignInModel {
  title: string;
  csrf: string;
  next: string;
  message?: string;
}

export const EMPTY_FORM: TermFormValues = { id: '', label: '', description: '', altLabels: '', parents: '', useInstead: '', why: '' };

/** A record's fields as the forms show them. */
export function formValuesOf(record: TermRecord): TermFormValues {
  return {
    ...EMPTY_FORM,
    id: record.id,
    label: record.label,
    description: record.description,
    altLabels: record.altLabels.join('\n'),
    parents: record.parents.join('\n'),
    useInstead: record.useInstead ?? '',
  };
}

export const freshForm = (values: TermFormValues = EMPTY_FORM): FormState => ({ values, errors: {} });

export interface VocabularyPageInput {
  vocabulary: { id: string; title: string; path: string };
  version: string;
  user: EditorUser;
  csrf: string;
  flash?: string;
  add?: FormState;
  conflicts: ConflictView[];
  proposals: ProposalSummary[];
  closedProposals?: ProposalSummary[];
  proposing: boolean;
  changes: readonly ChangeEntry[];
}

/** The latest changes the vocabulary page lists. */
export const RECENT_CHANGES = 20;

export function editorVocabularyModel(input: VocabularyPageInput): EditorVocabularyModel {
  const { vocabulary } = input;
  return {
    title: `Edit ${vocabulary.title}`,
    user: input.user,
    csrf: input.csrf,
    ...(input.flash ? { flash: input.flash } : {}),
    vocabulary: { ...vocabulary, editPath: editVocabularyPath(vocabulary.id) },
    version: input.version,
    add: input.add ?? freshForm(),
    conflicts: input.conflicts,
    proposals: input.proposals,
    closedProposals: input.closedProposals ?? [],
    proposing: input.proposing,
    recent: historyView(input.changes).slice(0, RECENT_CHANGES),
  };
}

export interface TermPageInput {
  vocabulary: { id: string; title: string; path: string };
  record: TermRecord;
  termPath: string;
  version: string;
  user: EditorUser;
  csrf: string;
  flash?: string;
  mayMaintain: boolean;
  edit?: FormState;
  deprecate?: FormState;
  lifecycleMessage?: string;
  current?: TermRecord;
  history: readonly ChangeEntry[];
  proposals: ProposalSummary[];
}

export function editorTermModel(input: TermPageInput): EditorTermModel {
  const { vocabulary, record } = input;
  const editPath = editTermPath(vocabulary.id, record.id);
  return {
    title: `Edit ${record.label || record.id}`,
    user: input.user,
    csrf: input.csrf,
    ...(input.flash ? { flash: input.flash } : {}),
    vocabulary: { ...vocabulary, editPath: editVocabularyPath(vocabulary.id) },
    term: {
      id: record.id,
      label: record.label || record.id,
      status: record.status,
      path: input.termPath,
      editPath,
      ...(record.useInstead ? { useInstead: record.useInstead } : {}),
    },
    version: input.version,
    edit: input.edit ?? freshForm(formValuesOf(record)),
    deprecate: input.deprecate ?? freshForm({ ...EMPTY_FORM, useInstead: record.useInstead ?? '' }),
    ...(input.lifecycleMessage ? { lifecycleMessage: input.lifecycleMessage } : {}),
    ...(input.current ? { current: formValuesOf(input.current) } : {}),
    mayMaintain: input.mayMaintain,
    preliminary: record.status === 'preliminary',
    deprecated: record.status === 'deprecated',
    history: historyView(input.history),
    proposals: input.proposals,
  };
}

export function signInModel(csrf: string, next: string, message?: string): SignInModel {
  return { title: 'Sign in to edit', csrf, next, ...(message ? { message } : {}) };
}

export const EDIT_BASE = '/edit';
export const editVocabularyPath = (vocabulary: string): string => `${EDIT_BASE}/${encodeURIComponent(vocabulary)}`;
export const editTermPath = (vocabulary: string, term: string): string => `${editVocabularyPath(vocabulary)}/${encodeURIComponent(term)}`;

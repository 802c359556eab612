/**
 * The editor pages' forms: their bodies (application/x-www-form-urlencoded) parsed into the changes the curation
 * service takes, and a refused change turned back into the form with its message next to the field it names.
 */
import express from 'express';
import { z } from 'zod';
import { AstrovocError, type TermChange, type TermRecord } from '../model/index.js';
import { TERM_FORM_FIELDS, type FormState, type TermFormField, type TermFormValues } from '../render/index.js';
import { limitedBody, problemOf } from './problem.js';

/** A term form is a few short fields; 64 kB leaves room for a long description. */
export const FORM_LIMIT_BYTES = 64 * 1024;

export const FORM_MEDIA_TYPE = 'application/x-www-form-urlencoded';

export const formReader = limitedBody(express.urlencoded({ extended: false, limit: FORM_LIMIT_BYTES, parameterLimit: 50 }), FORM_LIMIT_BYTES, 'a form');

const text = z.string().max(FORM_LIMIT_BYTES).optional();

/** Every editor form: the session's CSRF token, the version the form was drawn at, and the term fields it has. */
export const editorForm = z.object({
  csrf: text.describe("the session's synchronizer token, from the form's hidden field"),
  version: text.describe("the term's ETag when the form was drawn"),
  id: text,
  label: text,
  description: text,
  altLabels: text.describe('one per line'),
  parents: text.describe('term ids, one per line'),
  useInstead: text,
  why: text,
});
export type EditorForm = z.output<typeof editorForm>;

export const signInForm = z.object({
  csrf: text,
  token: text.describe('a write token'),
  next: text.describe('the editor page to go to after signing in'),
});

/** The text fields of a form as the page shows them again. */
export function valuesOf(form: EditorForm): TermFormValues {
  return Object.fromEntries(TERM_FORM_FIELDS.map((field) => [field, form[field] ?? ''])) as unknown as TermFormValues;
}

/** Lines of a textarea, trimmed, without the empty ones. */
export function linesOf(value: string | undefined): string[] {
  return (value ?? '')
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line.length > 0);
}

/** Term ids typed one per line (commas and spaces also separate: an id holds none). */
export function idsOf(value: string | undefined): string[] {
  return (value ?? '').split(/[\s,;]+/).filter((id) => id.length > 0);
}

const whyOf = (form: EditorForm) => (form.why?.trim() ? { why: form.why.trim() } : {});

export function addChange(form: EditorForm): { change: TermChange; note: { why?: string } } {
  return {
    change: {
      action: 'add',
      term: (form.id ?? '').trim(),
      fields: {
        label: (form.label ?? '').trim(),
        description: (form.description ?? '').trim(),
        altLabels: linesOf(form.altLabels),
        parents: idsOf(form.parents),
      },
    },
    note: whyOf(form),
  };
}

/** A modify of the fields the editor changed (only those: the log and a later re-apply name exactly what they touch); undefined when none changed. */
export function editChange(record: TermRecord, form: EditorForm): { change: TermChange; note: { why?: string } } | undefined {
  const label = (form.label ?? '').trim();
  const description = (form.description ?? '').trim();
  const altLabels = linesOf(form.altLabels);
  const parents = idsOf(form.parents);
  const same = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((value, i) => value === b[i]);
  const fields: NonNullable<TermChange['fields']> = {
    ...(label !== record.label ? { label } : {}),
    ...(description !== record.description ? { description } : {}),
    ...(!same(altLabels, record.altLabels) ? { altLabels } : {}),
    ...(!same(parents, record.parents) ? { parents } : {}),
  };
  if (Object.keys(fields).length === 0) return undefined;
  return { change: { action: 'modify', term: record.id, fields }, note: whyOf(form) };
}

export function deprecateChange(record: TermRecord, form: EditorForm): { change: TermChange; note: { why?: string } } {
  const useInstead = (form.useInstead ?? '').trim();
  return { change: { action: 'deprecate', term: record.id, ...(useInstead ? { useInstead } : {}) }, note: whyOf(form) };
}

/** What a field of the service's errors is called in the term forms, where the names differ. */
const TERM_FIELD_ALIASES: Readonly<Record<string, TermFormField>> = {
  term: 'id',
  altLabel: 'altLabels',
  parent: 'parents',
  broader: 'parents',
  replacement: 'useInstead',
};

/** The form field an error names (`fields.label`, `parents.1`, `relationships.useInstead`, `term`), if it names one of `fields`. */
export function fieldOf<F extends string>(error: AstrovocError, fields: readonly F[], aliases: Readonly<Record<string, F>> = {}): F | undefined {
  const named = [error.location?.parameter, error.fields.field, error.fields.parameter].filter((value): value is string => typeof value === 'string');
  for (const name of named) {
    for (const segment of name.split(/[.[\]/]+/)) {
      const field = (fields as readonly string[]).includes(segment) ? (segment as F) : aliases[segment];
      if (field && fields.includes(field)) return field;
    }
  }
  return undefined;
}

/** The statuses of a change the editor can fix in the form: shown in it, with the status, instead of an error page. */
const FORM_STATUSES = new Set([400, 404, 409, 412, 422, 428]);

export interface Refusal<F extends string> {
  status: number;
  message: string;
  /** The field at fault, when the error names one (never for a stale version: the whole form is). */
  field?: F;
}

/** A refused change as a form shows it, or undefined when the error is not the form's to show (a fault, a 403). */
export function refusalOf<F extends string>(error: unknown, fields: readonly F[], aliases: Readonly<Record<string, F>> = {}): Refusal<F> | undefined {
  if (!(error instanceof AstrovocError)) return undefined;
  const { status } = problemOf(error);
  if (!FORM_STATUSES.has(status)) return undefined;
  const rule = typeof error.fields.rule === 'string' ? ` (rule: ${error.fields.rule})` : '';
  const field = status === 412 ? undefined : fieldOf(error, fields, aliases);
  return { status, message: `${error.message}${rule}`, ...(field ? { field } : {}) };
}

/** A term form again, with the refusal's message next to its field (or above the form), and the answer's status. */
export function refusedForm(error: unknown, values: TermFormValues, fields: readonly TermFormField[]): { state: FormState; status: number } | undefined {
  const refusal = refusalOf(error, fields, TERM_FIELD_ALIASES);
  if (!refusal) return undefined;
  const state: FormState = refusal.field ? { values, errors: { [refusal.field]: refusal.message } } : { values, errors: {}, message: refusal.message };
  return { state, status: refusal.status };
}

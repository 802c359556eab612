/**
 * `astrovoc term add|edit|deprecate|approve|remove|history <vocab> <id>`: editors' changes made through a running
 * server's term API (the server is the one writer of the change log), with the token of `ASTROVOC_TOKEN`. Each
 * command reads the version it changes (the ETag) and sends it back as If-Match, so a change made meanwhile by someone
 * else is refused (412) rather than overwritten.
 */
import type { Command } from 'commander';
import { AstrovocError } from '../../model/index.js';

export interface TermCommandOptions {
  /** The server's base URL and the bearer token, from the configuration. */
  server: () => { url: string; token: string | undefined };
  /** Where answers are written (standard output by default). */
  out?: (text: string) => void;
}

interface FieldOptions {
  label?: string;
  description?: string;
  parent?: string[];
  alt?: string[];
  why?: string;
}

const collect = (value: string, previous: string[] = []) => [...previous, value];

/** The problem details of a failed answer as an AstrovocError: its detail, and the field it names. */
async function failure(res: Response, doing: string): Promise<AstrovocError> {
  const text = await res.text();
  let detail = text;
  try {
    const problem = JSON.parse(text) as { detail?: string; title?: string; parameter?: string; rule?: string };
    detail = [problem.title, problem.detail, problem.parameter && `field ${problem.parameter}`, problem.rule && `rule ${problem.rule}`]
      .filter(Boolean)
      .join(': ');
  } catch {
    // not JSON: the text as it is
  }
  const kind =
    res.status === 401
      ? 'unauthorized'
      : res.status === 403
        ? 'forbidden'
        : res.status === 404
          ? 'not-found'
          : res.status === 412
            ? 'precondition-failed'
            : res.status === 422
              ? 'unprocessable'
              : res.status === 409
                ? 'conflict'
                : 'bad-request';
  return new AstrovocError(kind, `${doing}: ${res.status} ${detail}`);
}

function fieldsOf(options: FieldOptions): Record<string, unknown> {
  return {
    ...(options.label !== undefined ? { label: options.label } : {}),
    ...(options.description !== undefined ? { description: options.description } : {}),
    ...(options.parent ? { parents: options.parent } : {}),
    ...(options.alt ? { altLabels: options.alt } : {}),
  };
}

/** The subcommands of `term` (the command itself is declared by main, with its --server option). */
export function registerTermCommands(term: Command, options: TermCommandOptions): void {
  const call = async (method: string, path: string, versionOf: string | undefined, body: unknown, doing: string): Promise<unknown> => {
    const { url, token } = options.server();
    if (!token) throw new AstrovocError('unauthorized', `${doing}: set ASTROVOC_TOKEN to your token (astrovoc token add makes one)`);
    const headers: Record<string, string> = { Authorization: `Bearer ${token}`, Accept: 'application/json' };
    if (versionOf) {
      const read = await fetch(`${url}${versionOf}`, { headers: { Accept: 'application/json' } });
      if (!read.ok) throw await failure(read, doing);
      headers['If-Match'] = read.headers.get('etag') ?? '';
    }
    if (body !== undefined) headers['Content-Type'] = 'application/json';
    const res = await fetch(`${url}${path}`, { method, headers, ...(body !== undefined ? { body: JSON.stringify(body) } : {}) });
    if (!res.ok) throw await failure(res, doing);
    return res.status === 204 ? undefined : await res.json();
  };
  const out = options.out ?? ((text: string) => void process.stdout.write(text));
  const print = (answer: unknown) => out(`${JSON.stringify(answer, null, 1)}\n`);
  const termPath = (vocab: string, id: string) => `/api/v1/vocabularies/${encodeURIComponent(vocab)}/terms/${encodeURIComponent(id)}`;
  const withFields = (command: Command) =>
    command
      .option('--label <label>', 'the preferred label')
      .option('--description <text>', 'the definition')
      .option('--parent <id>', 'a parent term id (repeat for more; the first is the tree parent)', collect)
      .option('--alt <label>', 'an alternative label (repeat for more)', collect)
      .option('--why <text>', 'why: kept in the change log');

  withFields(term.command('add').description('add a term (preliminary until approved)').argument('<vocab>').argument('<id>')).action(
    async (vocab: string, id: string, o: FieldOptions) => {
      if (!o.label) throw new AstrovocError('bad-request', 'term add: --label is required', { location: { parameter: '--label' } });
      print(
        await call(
          'POST',
          `/api/v1/vocabularies/${encodeURIComponent(vocab)}/terms`,
          `/api/v1/vocabularies/${encodeURIComponent(vocab)}`,
          { id, ...fieldsOf(o), ...(o.why ? { why: o.why } : {}) },
          `term add ${vocab} ${id}`,
        ),
      );
    },
  );
  withFields(term.command('edit').description("change a term's label, description, alt labels or parents").argument('<vocab>').argument('<id>')).action(
    async (vocab: string, id: string, o: FieldOptions) => {
      print(await call('PATCH', termPath(vocab, id), termPath(vocab, id), { ...fieldsOf(o), ...(o.why ? { why: o.why } : {}) }, `term edit ${vocab} ${id}`));
    },
  );
  term
    .command('deprecate')
    .description('deprecate a term (maintainer)')
    .argument('<vocab>')
    .argument('<id>')
    .option('--use-instead <id>', 'the replacement term')
    .option('--why <text>', 'why: kept in the change log')
    .action(async (vocab: string, id: string, o: { useInstead?: string; why?: string }) => {
      const body = { ...(o.useInstead ? { useInstead: o.useInstead } : {}), ...(o.why ? { why: o.why } : {}) };
      print(await call('POST', `${termPath(vocab, id)}/deprecate`, termPath(vocab, id), body, `term deprecate ${vocab} ${id}`));
    });
  term
    .command('approve')
    .description('approve a preliminary term (maintainer)')
    .argument('<vocab>')
    .argument('<id>')
    .option('--why <text>', 'why: kept in the change log')
    .action(async (vocab: string, id: string, o: { why?: string }) => {
      print(await call('POST', `${termPath(vocab, id)}/approve`, termPath(vocab, id), o.why ? { why: o.why } : {}, `term approve ${vocab} ${id}`));
    });
  term
    .command('remove')
    .description('remove a preliminary term (maintainer; approved terms are never removed)')
    .argument('<vocab>')
    .argument('<id>')
    .option('--why <text>', 'why: kept in the change log')
    .action(async (vocab: string, id: string, o: { why?: string }) => {
      await call(
        'DELETE',
        `${termPath(vocab, id)}${o.why ? `?why=${encodeURIComponent(o.why)}` : ''}`,
        termPath(vocab, id),
        undefined,
        `term remove ${vocab} ${id}`,
      );
      out(`removed ${vocab} ${id}\n`);
    });
  term
    .command('history')
    .description('the changes that shaped a term, newest first')
    .argument('<vocab>')
    .argument('<id>')
    .action(async (vocab: string, id: string) => {
      const { url } = options.server();
      const res = await fetch(`${url}${termPath(vocab, id)}/history`, { headers: { Accept: 'application/json' } });
      if (!res.ok) throw await failure(res, `term history ${vocab} ${id}`);
      print(await res.json());
    });
}

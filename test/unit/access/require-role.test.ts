import { requireRole, type Principal } from '../../../src/access/index.js';
import { AstrovocError } from '../../../src/model/index.js';

const editor: Principal = { name: 'alice', role: 'editor', scope: ['refframe'] };
const maintainer: Principal = { name: 'bob', role: 'maintainer', scope: ['refframe', 'uat'] };
const root: Principal = { name: 'root', role: 'maintainer', scope: '*' };

function refusal(run: () => unknown): AstrovocError {
  try {
    run();
  } catch (error) {
    return error as AstrovocError;
  }
  throw new Error('allowed');
}

describe('requireRole', () => {
  test('gives the principal when it holds the role (or a higher one) for the vocabulary', () => {
    expect(requireRole(editor, 'editor', 'refframe')).toBe(editor);
    expect(requireRole(maintainer, 'editor', 'uat')).toBe(maintainer);
    expect(requireRole(root, 'maintainer', '*')).toBe(root);
    expect(requireRole(editor, 'editor')).toBe(editor);
  });

  test('a list: any one of its vocabularies will do; an empty list: any vocabulary', () => {
    expect(requireRole(editor, 'editor', ['timescale', 'refframe'])).toBe(editor);
    expect(requireRole(editor, 'editor', [])).toBe(editor);
    expect(refusal(() => requireRole(editor, 'editor', ['timescale', 'uat'])).message).toMatch(/the editor role of timescale or uat/);
  });

  test('a lesser role, another vocabulary, or a partial scope for `*` is forbidden, naming the role and the vocabulary', () => {
    const lesser = refusal(() => requireRole(editor, 'maintainer', 'refframe'));
    expect(lesser).toBeInstanceOf(AstrovocError);
    expect(lesser.kind).toBe('forbidden');
    expect(lesser.message).toBe('This needs the maintainer role of refframe; the token of alice is an editor of refframe');
    expect(lesser.fields).toEqual({ role: 'maintainer', vocabulary: 'refframe' });
    expect(refusal(() => requireRole(editor, 'editor', 'uat')).fields).toEqual({ role: 'editor', vocabulary: 'uat' });
    expect(refusal(() => requireRole(maintainer, 'maintainer', '*')).message).toMatch(
      /maintainer role of every vocabulary; the token of bob is a maintainer of refframe, uat/,
    );
  });

  test('no principal is unauthorized', () => {
    expect(refusal(() => requireRole(undefined, 'editor', 'refframe')).kind).toBe('unauthorized');
  });
});

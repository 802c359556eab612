/**
 * Who is asking: the owner of a write token, with a role and the vocabularies it holds the role for. Anonymous users
 * (no principal) only read; editors edit and propose; maintainers also approve, deprecate, publish and review.
 */
export const ROLES = ['editor', 'maintainer'] as const;
export type Role = (typeof ROLES)[number];

export interface Principal {
  /** The token's owner: the "who" of every change it makes. */
  name: string;
  role: Role;
  /** The vocabulary ids the role holds for, or every vocabulary (`*`). */
  scope: '*' | readonly string[];
}

const RANK: Readonly<Record<Role, number>> = { editor: 1, maintainer: 2 };

/**
 * Whether the principal holds `role` (or a higher one) for `vocabulary`; `*` asks for every vocabulary (writes
 * that are not about one vocabulary: SPARQL Update, the Graph Store), undefined for any vocabulary at all.
 */
export function can(principal: Principal | undefined, role: Role, vocabulary?: string): boolean {
  if (!principal || RANK[principal.role] < RANK[role]) return false;
  if (vocabulary === undefined || principal.scope === '*') return true;
  return vocabulary !== '*' && principal.scope.includes(vocabulary);
}

import { AstrovocError } from '../model/index.js';
import { can, type Principal, type Role } from './principal.js';

function scopeText(principal: Principal): string {
  return principal.scope === '*' ? 'every vocabulary' : principal.scope.join(', ');
}

/**
 * The principal, if it holds `role` for the vocabulary: one id, `*` for every vocabulary (SPARQL Update, the Graph
 * Store), a list of ids of which any one will do (a mapping: its subject's or its object's; an empty list, when
 * neither is hosted: any vocabulary), or undefined for any vocabulary. Otherwise an AstrovocError, 'unauthorized'
 * without a principal and 'forbidden' naming the role and the vocabulary needed.
 */
export function requireRole(principal: Principal | undefined, role: Role, vocabulary?: string | readonly string[]): Principal {
  if (!principal) throw new AstrovocError('unauthorized', `This needs a write token of the ${role} role: send Authorization: Bearer <token>`);
  const wanted = typeof vocabulary === 'string' ? [vocabulary] : vocabulary?.length ? vocabulary : [undefined];
  if (wanted.some((id) => can(principal, role, id))) return principal;
  const where = wanted[0] === undefined ? '' : wanted[0] === '*' ? ' of every vocabulary' : ` of ${wanted.join(' or ')}`;
  throw new AstrovocError(
    'forbidden',
    `This needs the ${role} role${where}; the token of ${principal.name} is ${principal.role === 'editor' ? 'an editor' : 'a maintainer'} of ${scopeText(principal)}`,
    { fields: { role, ...(wanted[0] === undefined ? {} : { vocabulary: wanted.length === 1 ? wanted[0] : wanted }) } },
  );
}

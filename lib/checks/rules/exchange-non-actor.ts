import { allows } from '../../analysis/acl';
import type { PrincipalAccess } from '../../analysis/access-types';
import { IdentityIndex } from '../../analysis/identity-links';
import type { Rule, RuleFinding } from '../rule';
import { RULE_ID } from '../../vault/rule-ids';

const WRITE = ['create', 'update'] as const;

function canWrite(p: PrincipalAccess, path: string): boolean {
  return WRITE.some((cap) => allows(p.acl, path, cap) && (!p.ceiling || allows(p.ceiling, path, cap)));
}

/** Principals that hold tokens (groups' policies reach their members, which are principals too). */
const TOKEN_HOLDERS = new Set(['user', 'agent', 'entity', 'login-role', 'agent-registration']);

export const exchangeNonActor: Rule = {
  id: RULE_ID.EXCHANGE_NON_ACTOR,
  statement: 'Only a token-exchange role\'s own actor can exchange with it, and no principal of the stack can change the engine\'s config, keys or roles.',
  severity: 'error',
  explanation:
    'The plugin takes the actor from the caller\'s Vault entity: whoever can write <mount>/token/<role> acts for every user the role accepts. Write access to the engine\'s config, keys or roles lets a principal rebind roles or swap the JWKS that verifies subject tokens.',
  fix: 'Grant ["create", "update"] on exactly <mount>/token/<role> to the role\'s actor only (no globs reaching the mount), and no write access under the mount to anyone else.',
  check(context) {
    const { model } = context;
    if (model.exchangeRoles.length === 0) return [];
    const access = context.access;
    const index = new IdentityIndex(model);
    const findings: RuleFinding[] = [];
    const principals = Object.values(access.principals).filter((p) => TOKEN_HOLDERS.has(p.kind));
    for (const role of model.exchangeRoles) {
      const actor = role.actor ? index.entityOf(role.actor)?.name : undefined;
      const actorId = actor ? `entity:${actor}` : undefined;
      const path = `${role.mount}/token/${role.name}`;
      for (const p of principals) {
        if (!canWrite(p, path)) continue;
        if (actorId && (p.id === actorId || p.linked.includes(actorId))) continue;
        findings.push({
          resource: role.address,
          principal: p.id,
          message: `${p.id} can write ${path} and so exchange user tokens as if it were ${actor ? `"${actor}"` : 'the role\'s actor'}`,
        });
      }
    }
    for (const endpoint of model.exchangeEndpoints) {
      for (const p of principals) {
        if (canWrite(p, endpoint.path)) {
          findings.push({ resource: endpoint.address, principal: p.id, message: `${p.id} can write ${endpoint.path}, the engine's own configuration` });
        }
      }
    }
    return findings;
  },
};

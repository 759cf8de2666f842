import { allows } from '../../analysis/acl';
import type { PrincipalAccess } from '../../analysis/access-types';
import { IdentityIndex } from '../../analysis/identity-links';
import type { ExchangeRole } from '../../analysis/model';
import type { Rule, RuleFinding } from '../rule';
import { RULE_ID } from '../../vault/rule-ids';
import { own } from '../../vault/own';

const WRITE = ['create', 'update'] as const;

function canWrite(p: PrincipalAccess, path: string): boolean {
  return WRITE.some((cap) => allows(p.acl, path, cap) && (!p.ceiling || allows(p.ceiling, path, cap)));
}

/** Principals that hold tokens (groups' policies reach their members, which are principals too). */
const TOKEN_HOLDERS = new Set(['user', 'agent', 'entity', 'login-role', 'agent-registration']);

/** The entity a principal's tokens belong to: itself, or the entity its login role or registration is linked to. */
function entityOf(p: PrincipalAccess): string {
  if (p.kind === 'user' || p.kind === 'agent' || p.kind === 'entity') return p.id;
  return p.linked.find((l) => l.startsWith('entity:')) ?? p.id;
}

/**
 * Who a role is meant for: the entity its `act.sub` names when fixed, else the topology's intent;
 * undefined when neither says (a caller-bound role checked without the topology).
 */
function intendedActor(role: ExchangeRole, index: IdentityIndex, intent: Readonly<Record<string, string>> | undefined): string | undefined {
  if (role.actor.kind === 'fixed') {
    const name = index.entityOf(role.actor.sub)?.name;
    return name ? `entity:${name}` : undefined;
  }
  const meant = intent ? own(intent, `${role.mount}/${role.name}`) : undefined;
  return meant ? `entity:${meant}` : undefined;
}

export const exchangeNonActor: Rule = {
  id: RULE_ID.EXCHANGE_NON_ACTOR,
  statement:
    'Exactly one principal, the role\'s actor, can exchange with each token-exchange role, and no principal of the stack can change the engine\'s config, keys or roles.',
  severity: 'error',
  explanation:
    'Writing <mount>/token/<role> is exchanging: the plugin names the caller\'s entity as actor ({{identity.entity.id}} in actor_template) or, with a fixed act.sub, names that entity whoever calls. Either way the ACL alone decides who acts for every user the role accepts, with the role\'s scopes and audiences; a second writer acts for them too (or impersonates a fixed actor). Write access to the engine\'s config, keys or roles lets a principal rebind roles or swap the JWKS that verifies subject tokens.',
  fix: 'Grant ["create", "update"] on exactly <mount>/token/<role> to the role\'s actor only (no globs reaching the mount), one role per actor, and no write access under the mount to anyone else.',
  check(context) {
    const { model, settings } = context;
    if (model.exchangeRoles.length === 0 && model.exchangeEndpoints.length === 0) return [];
    const access = context.access;
    const index = new IdentityIndex(model);
    const findings: RuleFinding[] = [];
    const principals = Object.values(access.principals).filter((p) => TOKEN_HOLDERS.has(p.kind));
    for (const role of model.exchangeRoles) {
      const path = `${role.mount}/token/${role.name}`;
      const writers = principals.filter((p) => canWrite(p, path));
      const meant = intendedActor(role, index, settings.exchangeActors);
      if (meant) {
        const name = meant.slice('entity:'.length);
        for (const p of writers) {
          if (entityOf(p) === meant) continue;
          findings.push({
            resource: role.address,
            principal: p.id,
            message:
              role.actor.kind === 'fixed'
                ? `${p.id} can write ${path} and so exchange user tokens as if it were "${name}"`
                : `${p.id} can write ${path}, the exchange role of "${name}", and so act for the users it accepts with "${name}"'s scopes and audiences`,
          });
        }
        continue;
      }
      // No declared actor: the role serves whoever can write it, which must be one entity.
      const entities = [...new Set(writers.map(entityOf))].sort();
      if (entities.length <= 1) continue;
      for (const p of writers) {
        findings.push({
          resource: role.address,
          principal: p.id,
          message: `${p.id} can write ${path}, which ${entities.length} principals can write (${entities.join(', ')}); the plugin names whoever calls as actor, so each of them acts for the users the role accepts`,
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

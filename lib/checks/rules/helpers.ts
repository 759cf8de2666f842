/** Small helpers shared by rules. */
import { allows, isWildcard, type AclRule } from '../../analysis/acl';
import type { AttachedPolicy, PrincipalAccess } from '../../analysis/access-types';
import type { IdentityIndex } from '../../analysis/identity-links';
import type { Entity, ExchangeRole, StackModel } from '../../analysis/model';
import type { Capability } from '../../vault/capabilities';
import type { RuleContext } from '../rule';
import { formatSeconds, Ttl } from '../../analysis/ttl';
import { uniqueSorted } from '../../vault/order';

/** Principal a policy finding belongs to: the first agent/user entity using it, else a login role, else a group. */
export function principalUsingPolicy(context: RuleContext, policy: string): string | undefined {
  const rank: Record<string, number> = { agent: 0, user: 1, entity: 2, 'agent-registration': 3, 'login-role': 4, group: 5 };
  let best: PrincipalAccess | undefined;
  for (const p of Object.values(context.access.principals)) {
    if (!p.policies.some((a: AttachedPolicy) => a.name === policy)) continue;
    if (!best || (rank[p.kind] ?? 9) < (rank[best.kind] ?? 9)) best = p;
  }
  return best?.id;
}

/** `15m`, `24h (Vault's default when unset)`, … for messages. */
export function describeTtl(ttl: Ttl, unsetMeaning: string): string {
  switch (ttl.kind) {
    case 'seconds':
      return formatSeconds(ttl.seconds);
    case 'unset':
      return `unset (${unsetMeaning})`;
    case 'computed':
      return `computed at apply time (${ttl.text})`;
    case 'invalid':
      return `invalid (${ttl.text})`;
  }
}

/** Over the limit, unknown, invalid, or unset where the unset default is over the limit. */
export function ttlExceeds(ttl: Ttl, max: number, unsetDefault: number | undefined): boolean {
  switch (ttl.kind) {
    case 'seconds':
      // 0 means "use the default" for every Vault TTL field.
      return ttl.seconds === 0 ? unsetDefault === undefined || unsetDefault > max : ttl.seconds > max;
    case 'unset':
      return unsetDefault === undefined || unsetDefault > max;
    case 'computed':
    case 'invalid':
      return true;
  }
}

/**
 * The entity names a token-exchange role's delegated tokens name as actor: the entity of a fixed
 * `act.sub`; for a caller-bound role (`{{identity.entity.id}}`), the topology's intent when the
 * check has it, else every entity that can write the role's token path. Empty when unknown.
 */
export function exchangeRoleActors(role: ExchangeRole, context: RuleContext, index: IdentityIndex): string[] {
  switch (role.actor.kind) {
    case 'fixed': {
      const name = index.entityOf(role.actor.sub)?.name;
      return name ? [name] : [];
    }
    case 'unreadable':
      return [];
    case 'caller': {
      const meant = context.settings.exchangeActors?.[`${role.mount}/${role.name}`];
      if (meant) return [meant];
      const writers = Object.values(context.access.principals).flatMap(
        (p) => p.tokenExchanges.find((t) => t.mount === role.mount && t.role === role.name)?.actor ?? [],
      );
      return uniqueSorted(writers);
    }
  }
}

/** Some scope or identity-token role template carries a may_act claim (the may_act rules have something to look at). */
export function hasMayAct(model: StackModel): boolean {
  return [...model.scopes, ...model.roles].some((t) => t.claims.kind === 'claims' && t.claims.mayAct !== undefined);
}

/** The entity a registration's `entity_id` refers to in the stack; undefined for one outside it. */
export function registeredEntity(model: StackModel, id: StackModel['registrations'][number]['entityId']): Entity | undefined {
  if (id.kind !== 'ref') return undefined;
  return model.entities.find((e) => e.address === id.address);
}

/**
 * Does `rules` allow `capability` on `pattern`? An exact path: as Vault would decide it. A glob:
 * only when `rules` hold the very same glob (a glob is compared as written, never as the paths it covers).
 */
export function coveredBy(rules: readonly AclRule[], pattern: string, capability: Capability): boolean {
  if (!isWildcard(pattern)) return allows(rules, pattern, capability);
  return rules.some((r) => r.pattern === pattern && r.capabilities.includes(capability));
}

/**
 * Every Vault object a plan creates, by the name Vault will know it under, with the topology
 * entries it comes from. Read off the plan itself (never recomputed from the topology), so what
 * validation checks about names (Vault's name rule, one object per name) is exactly what synth
 * writes.
 *
 * Vault keys some objects case-insensitively: ACL policy names are lower-cased and trimmed on
 * write (vault/policy_store.go `sanitizeName`), and the identity store indexes entity names,
 * group names and entity aliases (mount accessor + name) with a lower-casing indexer unless it
 * was switched to case-sensitive mode (vault/identity_store_schema.go: `Lowercase: lowerCaseName`
 * on the "name" and "factors" indexes). OIDC clients are indexed by their exact name
 * (`oidcClientsTableSchema`), and the other OIDC objects are stored under their exact name.
 */
import type { NormalizedTopology } from '../topology/normalized';
import type { Anchor, IssuePath } from '../topology/path';
import { clientOwner } from './compile-delegation';
import type { AccessPlan } from './types';

export type VaultObjectFamily =
  | 'identity entity'
  | 'identity group'
  | 'entity alias'
  | 'ACL policy'
  | 'OIDC client'
  | 'OIDC provider'
  | 'OIDC assignment'
  | 'OIDC scope'
  | 'OIDC key'
  | 'identity-token role'
  | 'login role'
  | 'token-exchange role'
  | 'agent registration'
  | 'resource-server profile';

/** Families Vault looks up without regard to case (see the module comment). */
const CASE_INSENSITIVE: ReadonlySet<VaultObjectFamily> = new Set(['identity entity', 'identity group', 'entity alias', 'ACL policy']);

/** A topology entry an object comes from, and what it makes there. */
export interface ObjectSource {
  readonly path: IssuePath;
  readonly anchor: Anchor;
  /** E.g. `the login of agent "a"`, `user "bob"'s alias`. */
  readonly what: string;
}

export interface PlannedObject {
  readonly family: VaultObjectFamily;
  readonly name: string;
  /** Where the name is unique: an auth mount path (aliases, login roles), the exchange mount, or "" for the namespace. */
  readonly scope: string;
  /** Aliases are login names, not object names: Vault's object-name rule does not apply to them. */
  readonly isObjectName: boolean;
  readonly source: ObjectSource;
}

/** The key under which Vault finds the object: two objects with one key are one Vault object. */
export function objectKey(o: PlannedObject): string {
  const name = CASE_INSENSITIVE.has(o.family) ? o.name.toLowerCase() : o.name;
  return `${o.family}\u0000${o.scope}\u0000${name}`;
}

export function isCaseInsensitive(family: VaultObjectFamily): boolean {
  return CASE_INSENSITIVE.has(family);
}

const agentAt = (agent: string, field?: string): IssuePath => (field === undefined ? ['agents', agent] : ['agents', agent, field]);

export function plannedObjects(topology: NormalizedTopology, plan: AccessPlan): PlannedObject[] {
  const out: PlannedObject[] = [];
  const add = (family: VaultObjectFamily, name: string, source: ObjectSource, scope = '', isObjectName = true) =>
    out.push({ family, name, scope, isObjectName, source });
  const mountPath = new Map(plan.mounts.map((m) => [m.name, m.path]));
  const users = new Map(topology.users.map((u) => [u.name, u]));

  for (const e of plan.entities) {
    const source: ObjectSource =
      e.kind === 'user' ? { path: ['users', e.name], anchor: 'key', what: `user "${e.name}"` } : { path: agentAt(e.name), anchor: 'key', what: `agent "${e.name}"` };
    add('identity entity', e.name, source);
    if (e.alias?.name.kind !== 'static') continue; // AppRole aliases are the role's generated role_id: one per role
    const path = mountPath.get(e.alias.mount) ?? e.alias.mount;
    const aliasSource: ObjectSource =
      e.kind === 'user'
        ? users.get(e.name)?.alias !== e.name
          ? { path: ['users', e.name, 'alias'], anchor: 'value', what: `user "${e.name}"'s alias` }
          : { path: ['users', e.name], anchor: 'key', what: `user "${e.name}" (alias defaults to the name)` }
        : { path: agentAt(e.name, 'login'), anchor: 'value', what: `the login of agent "${e.name}"` };
    add('entity alias', e.alias.name.value, aliasSource, path, false);
  }
  for (const g of plan.groups) add('identity group', g.name, { path: ['groups', g.name], anchor: 'key', what: `group "${g.name}"` });
  for (const p of plan.policies) add('ACL policy', p.name, { path: agentAt(p.agent), anchor: 'key', what: `the policy of agent "${p.agent}"` });
  for (const p of plan.registry?.ceilingPolicies ?? [])
    add('ACL policy', p.name, { path: agentAt(p.agent, 'registry'), anchor: 'key', what: `the registry ceiling of agent "${p.agent}"` });
  for (const c of plan.clients) {
    const owner = clientOwner(plan.delegation, c.name);
    const source: ObjectSource = { path: agentAt(owner, 'oidc'), anchor: 'key', what: c.name === owner ? `the oidc client of agent "${owner}"` : `sign-in partition "${c.name}" of agent "${owner}"` };
    add('OIDC client', c.name, source);
    add('OIDC provider', c.provider.name, source);
    add('OIDC assignment', c.assignment.name, source);
  }
  for (const s of plan.scopes) add('OIDC scope', s.name, { path: agentAt(s.server, 'skills'), anchor: 'key', what: `grant ${s.skill}:${s.action} on agent "${s.server}"` });
  for (const s of plan.delegation?.mayActScopes ?? []) {
    const owner = clientOwner(plan.delegation, s.name);
    add('OIDC scope', s.name, { path: agentAt(owner, 'oidc'), anchor: 'key', what: `the may_act scope of sign-in partition "${s.name}"` });
  }
  add('OIDC key', plan.key.name, { path: ['name'], anchor: 'value', what: 'the topology name (the signing key)' });
  for (const r of plan.identityTokenRoles)
    add('identity-token role', r.name, { path: agentAt(r.agent, 'calls'), anchor: 'key', what: `agent "${r.agent}"'s calls to "${r.server}"` });
  for (const a of plan.delegation?.actors ?? [])
    add('identity-token role', a.tokenRole.name, { path: agentAt(a.agent, 'actsFor'), anchor: 'key', what: `the actor token of agent "${a.agent}"` });
  for (const r of plan.loginRoles)
    add('login role', r.roleName, { path: agentAt(r.agent, 'login'), anchor: 'value', what: `the login of agent "${r.agent}"` }, r.mountPath);
  const exchange = plan.delegation?.tokenExchange;
  for (const r of exchange?.roles ?? [])
    add('token-exchange role', r.name, { path: agentAt(r.actor, 'actsFor'), anchor: 'key', what: `agent "${r.actor}" acting for the users of "${r.partition}"` }, exchange!.mount);
  for (const r of plan.registry?.registrations ?? [])
    add('agent registration', r.displayName, { path: agentAt(r.agent, 'registry'), anchor: 'key', what: `the registration of agent "${r.agent}"` });
  for (const p of plan.registry?.resourceServerProfiles ?? [])
    add('resource-server profile', p.name, { path: ['resourceServers', p.name], anchor: 'key', what: `resource server "${p.name}"` });
  return out;
}

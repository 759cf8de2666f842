/**
 * Who is who across resources: entity ↔ groups (nested), login role ↔ entity (through the
 * predictable alias the role produces), ids referenced by assignments, providers and may_act.
 */
import type { Entity, Group, LoginRole, OidcClient, StackModel } from './model';
import type { IdValue } from './values';
import { compareStrings } from '../vault/order';

/** Address of the block an id refers to, when it is `${<type>.<name>.<attribute>}` of that type. */
export function refTo(id: IdValue, type: string, attribute: string): string | undefined {
  if (id.kind !== 'ref' || id.attribute !== attribute) return undefined;
  return id.address.startsWith(`${type}.`) ? id.address : undefined;
}

export class IdentityIndex {
  readonly entities = new Map<string, Entity>();
  readonly groups = new Map<string, Group>();
  readonly clientsByAddress = new Map<string, OidcClient>();
  private readonly groupsOfEntity = new Map<string, string[]>();
  private readonly resolvedGroups = new Map<string, readonly Group[]>();
  private readonly loginEntity = new Map<string, string>();

  constructor(private readonly model: StackModel) {
    for (const e of model.entities) this.entities.set(e.address, e);
    for (const g of model.groups) this.groups.set(g.address, g);
    for (const c of model.clients) this.clientsByAddress.set(c.address, c);
    this.indexGroups();
    this.indexLogins();
  }

  entityOf(id: IdValue): Entity | undefined {
    const address = refTo(id, 'vault_identity_entity', 'id');
    return address ? this.entities.get(address) : undefined;
  }

  groupOf(id: IdValue): Group | undefined {
    const address = refTo(id, 'vault_identity_group', 'id');
    return address ? this.groups.get(address) : undefined;
  }

  /** Client named by a `client_id` value; `'*'` for the wildcard. */
  clientOf(id: IdValue): OidcClient | '*' | undefined {
    if (id.kind === 'literal' && id.value === '*') return '*';
    const address = refTo(id, 'vault_identity_oidc_client', 'client_id');
    return address ? this.clientsByAddress.get(address) : undefined;
  }

  /** Groups an entity belongs to, directly or through nested groups, sorted by address. */
  groupsOf(entityAddress: string): readonly Group[] {
    // Asked several times per entity by the access model: resolved once, shared, frozen.
    let groups = this.resolvedGroups.get(entityAddress);
    if (!groups) {
      groups = Object.freeze((this.groupsOfEntity.get(entityAddress) ?? []).map((a) => this.groups.get(a)!));
      this.resolvedGroups.set(entityAddress, groups);
    }
    return groups;
  }

  /** The entity a login role logs in as, when its alias is predictable and pre-created. */
  entityOfLogin(role: LoginRole): Entity | undefined {
    const address = this.loginEntity.get(role.address);
    return address ? this.entities.get(address) : undefined;
  }

  private indexGroups(): void {
    const direct = new Map<string, Set<string>>();
    const add = (entity: string, group: string) => {
      const set = direct.get(entity) ?? new Set<string>();
      set.add(group);
      direct.set(entity, set);
    };
    for (const g of this.model.groups)
      for (const id of g.memberEntityIds) {
        const e = this.entityOf(id);
        if (e) add(e.address, g.address);
      }
    for (const m of this.model.groupMembers) {
      const g = this.groupOf(m.target);
      if (!g) continue;
      for (const id of m.memberEntityIds) {
        const e = this.entityOf(id);
        if (e) add(e.address, g.address);
      }
    }
    // A member of a member group inherits the parent group's policies and assignments.
    const parents = new Map<string, string[]>();
    for (const g of this.model.groups)
      for (const id of g.memberGroupIds) {
        const child = this.groupOf(id);
        if (child) parents.set(child.address, [...(parents.get(child.address) ?? []), g.address]);
      }
    for (const [entity, groups] of direct) {
      const seen = new Set<string>();
      const queue = [...groups];
      while (queue.length > 0) {
        const g = queue.shift()!;
        if (seen.has(g)) continue;
        seen.add(g);
        queue.push(...(parents.get(g) ?? []));
      }
      this.groupsOfEntity.set(entity, [...seen].sort(compareStrings));
    }
  }

  private indexLogins(): void {
    const mountPath = new Map(this.model.mounts.map((m) => [m.address, m.path]));
    const aliasEntity = new Map<string, string>();
    for (const alias of this.model.aliases) {
      const accessor = alias.mountAccessor;
      const path = accessor.kind === 'ref' && accessor.attribute === 'accessor' ? mountPath.get(accessor.address) : undefined;
      const entity = this.entityOf(alias.canonicalId);
      if (path === undefined || !entity) continue;
      aliasEntity.set(aliasKey(path, aliasNameKey(alias.name)), entity.address);
    }
    for (const role of this.model.loginRoles) {
      const name = predictedAlias(role);
      if (name === undefined) continue;
      const entity = aliasEntity.get(aliasKey(role.mountPath, name));
      if (entity) this.loginEntity.set(role.address, entity);
    }
  }
}

function aliasKey(mountPath: string, name: string): string {
  return `${mountPath}\u0000${name}`;
}

function aliasNameKey(name: IdValue): string {
  return name.kind === 'ref' ? `ref:${name.address}.${name.attribute}` : name.kind === 'literal' ? name.value : `expr:${name.text}`;
}

/**
 * The alias name a login through `role` gets, when it is known before the first login
 * (shared/vault-facts.md, "Agent logins and predictable entity aliases").
 */
export function predictedAlias(role: LoginRole): string | undefined {
  switch (role.method) {
    case 'kubernetes': {
      const sa = role.serviceAccounts ?? [];
      const ns = role.namespaces ?? [];
      if (role.aliasNameSource !== 'serviceaccount_name' || sa.length !== 1 || ns.length !== 1) return undefined;
      if (sa[0] === '*' || ns[0] === '*') return undefined;
      return `${ns[0]}/${sa[0]}`;
    }
    case 'jwt':
      return role.userClaim === 'sub' && role.boundSubject ? role.boundSubject : undefined;
    case 'approle':
      return `ref:${role.address}.role_id`;
    case 'cert':
      return certAlias(role);
  }
}

/**
 * Vault's cert auth names the alias after the certificate's subject common name
 * (builtin/credential/cert/path_login.go): predictable when the role admits exactly one literal
 * common name (allowed_common_names, or allowed_names, which also matches the CN).
 */
export function certAlias(role: Extract<LoginRole, { method: 'cert' }>): string | undefined {
  const literal = (list: readonly string[]) => (list.length === 1 && !list[0]!.includes('*') ? list[0] : undefined);
  if (role.allowedCommonNames.length > 0) return literal(role.allowedCommonNames);
  return undefined;
}

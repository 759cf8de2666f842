/**
 * computeEffectiveAccess: every principal of a stack and what it can do. Follows the paths access
 * takes in Vault: policies (entity, groups, login-role token, default) → ACL; ACL → client
 * secrets and identity tokens; assignment → client → provider → scopes → claims; may_act claims
 * → who may act for whom.
 */
import { ANY, AclRule, allows, isWildcard, mergePolicies, NamedPolicy, patternMatches, patternReaches, PathShape, requestPath, shapeOf } from './acl';
import type {
  AttachedPolicy,
  DelegationEntry,
  EffectiveAccess,
  IdentityTokenAccess,
  PrincipalAccess,
  PrincipalKind,
  ScopeAccess,
  SignInAssignment,
  TokenExchangeAccess,
} from './access-types';
import { CAPABILITIES, type Capability } from '../vault/capabilities';
import { IdentityIndex, refTo } from './identity-links';
import type { ClaimTemplate, Entity, ExchangeRole, Group, LoginRole, MayActEntry, OidcClient, OidcProvider, OidcRole, StackModel } from './model';
import type { PolicyStanza } from './policy-document';
import { idText, IdValue } from './values';
import { compareStrings, uniqueSorted } from '../vault/order';

/**
 * What Vault's built-in `default` policy grants that matters for A2A: the authorize endpoint of
 * every OIDC provider. (It also lets a token look itself up, renew and revoke itself, use its
 * cubbyhole and response wrapping: nothing that reaches another principal.)
 */
export const DEFAULT_POLICY_STANZAS: readonly PolicyStanza[] = [{ path: 'identity/oidc/provider/+/authorize', capabilities: ['read', 'update'] }];

/** `root` bypasses every ACL check: modelled as every capability on every path. */
const ROOT_STANZAS: readonly PolicyStanza[] = [{ path: '*', capabilities: CAPABILITIES.filter((c) => c !== 'deny') }];

export const CLIENT_SECRET_SHAPE: PathShape = ['identity', 'oidc', 'client', ANY];
export const IDENTITY_TOKEN_SHAPE: PathShape = ['identity', 'oidc', 'token', ANY];
const INTROSPECT_PATH = 'identity/oidc/introspect';
export const AUTHORIZE_SHAPE: PathShape = ['identity', 'oidc', 'provider', ANY, 'authorize'];

interface Mutable extends Omit<PrincipalAccess, 'mayActActors' | 'actsFor' | 'obtainableBy'> {
  mayActActors: DelegationEntry[];
  actsFor: DelegationEntry[];
  obtainableBy: string[];
}

export function computeEffectiveAccess(model: StackModel): EffectiveAccess {
  return new AccessBuilder(model).build();
}

export function principalId(kind: PrincipalKind, name: string): string {
  switch (kind) {
    case 'user':
    case 'agent':
    case 'entity':
      return `entity:${name}`;
    default:
      return `${kind}:${name}`;
  }
}

export function loginRoleId(role: LoginRole): string {
  return `login-role:${role.mountPath}/${role.roleName}`;
}

class AccessBuilder {
  private readonly index: IdentityIndex;
  private readonly policyStanzas = new Map<string, readonly PolicyStanza[] | 'unparsed'>();
  private readonly providersByClient = new Map<string, OidcProvider[]>();
  private readonly scopeClaims = new Map<string, ClaimTemplate>();
  private readonly principals = new Map<string, Mutable>();
  /** Assignment names listing an entity / a group, and the clients naming an assignment. */
  private readonly assignmentsOfEntity = new Map<string, string[]>();
  private readonly assignmentsOfGroup = new Map<string, string[]>();
  private readonly clientsOfAssignment = new Map<string, string[]>();
  private readonly rolesByName = new Map<string, OidcRole>();
  private readonly rolesByAddress = new Map<string, OidcRole>();
  private readonly clientSecrets: PathFamily;
  private readonly identityTokenPaths: PathFamily;
  private readonly authorizePaths: PathFamily;
  /** Merged ACLs by the names of the policies merged: principals holding the same policies share one. */
  private readonly aclMemo = new Map<string, AclRule[]>();
  private readonly clientScopes = new Map<string, readonly ScopeAccess[]>();
  private readonly principalScopes = new Map<string, readonly ScopeAccess[]>();
  private readonly scopesByLists = new WeakMap<readonly string[], WeakMap<readonly string[], readonly ScopeAccess[]>>();
  /**
   * The policy lists of vault_identity_entity_policies / _group_policies, in the model's order,
   * by `entity\0<address>` / `group\0<address>` of the entity or group they attach to.
   */
  private readonly policiesAttachedTo = new Map<string, (readonly string[])[]>();
  /** Indices of the exchange roles by the request path of their token endpoint. */
  private readonly exchangeByPath = new Map<string, number[]>();
  /** Indices of the exchange roles some pattern of a set matches, by the set (JSON of its patterns). */
  private readonly exchangeByPatterns = new Map<string, readonly number[]>();
  /** signInAssignments' lists by what decides them, and the clients of each list. */
  private readonly signInMemo = new Map<string, readonly SignInAssignment[]>();
  private readonly clientsOfSignIn = new WeakMap<readonly SignInAssignment[], readonly string[]>();
  private readonly introspectOf = new WeakMap<readonly AclRule[], boolean>();
  private readonly exchangeCandidatesOf = new WeakMap<readonly AclRule[], readonly ExchangeRole[]>();
  private readonly identityTokensByNames = new WeakMap<readonly string[], readonly IdentityTokenAccess[]>();

  constructor(private readonly model: StackModel) {
    this.index = new IdentityIndex(model);
    for (const p of model.policies) this.policyStanzas.set(p.name, p.parsed.ok ? p.parsed.stanzas : 'unparsed');
    if (!this.policyStanzas.has('default')) this.policyStanzas.set('default', DEFAULT_POLICY_STANZAS);
    this.policyStanzas.set('root', ROOT_STANZAS);
    for (const s of model.scopes) this.scopeClaims.set(s.name, s.claims);
    for (const r of model.roles) {
      this.rolesByName.set(r.name, r);
      this.rolesByAddress.set(r.address, r);
    }
    this.clientSecrets = new PathFamily(model.clients.map((c) => c.name), CLIENT_SECRET_SHAPE, 'identity/oidc/client/', '', 'read');
    this.identityTokenPaths = new PathFamily(model.roles.map((r) => r.name), IDENTITY_TOKEN_SHAPE, 'identity/oidc/token/', '', 'read');
    this.authorizePaths = new PathFamily(model.providers.map((p) => p.name), AUTHORIZE_SHAPE, 'identity/oidc/provider/', '/authorize', 'read');
    const push = (map: Map<string, string[]>, key: string, value: string) => {
      const list = map.get(key);
      if (list) list.push(value);
      else map.set(key, [value]);
    };
    for (const a of model.assignments) {
      for (const id of a.entityIds) {
        const e = this.index.entityOf(id);
        if (e) push(this.assignmentsOfEntity, e.address, a.name);
      }
      for (const id of a.groupIds) {
        const g = this.index.groupOf(id);
        if (g) push(this.assignmentsOfGroup, g.address, a.name);
      }
    }
    for (const c of model.clients) for (const a of c.assignments) push(this.clientsOfAssignment, a, c.name);
    for (const a of model.entityPolicies) {
      const e = this.index.entityOf(a.target);
      if (e) pushList(this.policiesAttachedTo, `entity\u0000${e.address}`, a.policies);
    }
    for (const a of model.groupPolicies) {
      const g = this.index.groupOf(a.target);
      if (g) pushList(this.policiesAttachedTo, `group\u0000${g.address}`, a.policies);
    }
    model.exchangeRoles.forEach((r, i) => {
      const path = requestPath(exchangePath(r));
      const list = this.exchangeByPath.get(path);
      if (list) list.push(i);
      else this.exchangeByPath.set(path, [i]);
    });
    for (const provider of model.providers)
      for (const id of provider.allowedClientIds) {
        const client = this.index.clientOf(id);
        const names = client === '*' ? model.clients.map((c) => c.name) : client ? [client.name] : [];
        for (const name of names) {
          const list = this.providersByClient.get(name);
          if (list) list.push(provider);
          else this.providersByClient.set(name, [provider]);
        }
      }
  }

  build(): EffectiveAccess {
    const loginsByEntity = new Map<string, LoginRole[]>();
    for (const role of this.model.loginRoles) {
      const entity = this.index.entityOfLogin(role);
      if (entity) loginsByEntity.set(entity.address, [...(loginsByEntity.get(entity.address) ?? []), role]);
    }
    const registered = new Set(this.model.registrations.map((r) => this.index.entityOf(r.entityId)?.address).filter(Boolean));

    for (const entity of this.model.entities) {
      const logins = loginsByEntity.get(entity.address) ?? [];
      const kind = this.classify(entity, logins.length > 0 || registered.has(entity.address));
      const policies = [
        ...this.identityPolicies(entity),
        ...logins.flatMap((r) => r.policies.map((name) => this.attached(name, `token:${loginRoleId(r)}`))),
        // A user signs in with a method outside the stack, whose tokens carry `default`; an agent's
        // tokens carry it unless every login role it uses removes it.
        ...(logins.length === 0 || logins.some((r) => !r.noDefaultPolicy) ? [this.attached('default', 'default')] : []),
      ];
      this.addTokenPrincipal(kind, entity.name, [entity.address], policies, logins.map(loginRoleId), undefined, entity);
    }
    for (const group of this.model.groups) this.addGroup(group);
    for (const role of this.model.loginRoles) {
      const entity = this.index.entityOfLogin(role);
      const policies = [
        ...role.policies.map((name) => this.attached(name, 'token')),
        ...(entity ? this.identityPolicies(entity) : []),
        ...(role.noDefaultPolicy ? [] : [this.attached('default', 'default')]),
      ];
      this.addTokenPrincipal('login-role', `${role.mountPath}/${role.roleName}`, [role.address], policies, entity ? [principalId('entity', entity.name)] : [], undefined, undefined);
    }
    for (const reg of this.model.registrations) {
      const entity = this.index.entityOf(reg.entityId);
      const policies = entity ? [...this.identityPolicies(entity), this.attached('default', 'default')] : [];
      // Vault adds a default ceiling policy unless told not to; its content is not in the stack,
      // so a ceiling is modelled only when it is exactly the listed policies.
      const ceiling = reg.noDefaultCeilingPolicy ? this.acl(reg.ceilingPolicies.map((name) => this.attached(name, 'ceiling'))) : undefined;
      this.addTokenPrincipal(
        'agent-registration',
        reg.displayName,
        [reg.address],
        [...policies, ...reg.ceilingPolicies.map((name) => this.attached(name, 'ceiling'))],
        entity ? [principalId('entity', entity.name)] : [],
        ceiling,
        entity,
        true,
      );
    }
    for (const client of this.model.clients) this.addClient(client);
    for (const role of this.model.roles) {
      this.put({
        ...this.empty('identity-token-role', role.name, [role.address]),
        identityTokens: [{ role: role.name, claims: claimKeys(role.claims), ...(role.ttl.kind === 'seconds' ? { ttl: role.ttl.seconds } : {}) }],
      });
    }
    this.linkObtainers();
    this.linkDelegation();
    const principals: Record<string, PrincipalAccess> = {};
    // The default sort orders strings by UTF-16 code units, as compareStrings does, without a call per comparison.
    for (const id of [...this.principals.keys()].sort()) principals[id] = this.principals.get(id)!;
    return { stack: this.model.name, principals };
  }

  private classify(entity: Entity, hasLogin: boolean): PrincipalKind {
    if (hasLogin) return 'agent';
    const inGroup = this.index.groupsOf(entity.address).length > 0;
    const assigned = this.assignmentsOfEntity.has(entity.address);
    return inGroup || assigned ? 'user' : 'entity';
  }

  private attached(name: string, via: string): AttachedPolicy {
    return { name, via, known: this.policyStanzas.has(name) };
  }

  /** Entity policies, direct or attached, and those of every group it is in (nested included). */
  private identityPolicies(entity: Entity): AttachedPolicy[] {
    const out = entity.policies.map((name) => this.attached(name, 'entity'));
    for (const policies of this.policiesAttachedTo.get(`entity\u0000${entity.address}`) ?? []) out.push(...policies.map((name) => this.attached(name, 'entity')));
    for (const group of this.index.groupsOf(entity.address)) out.push(...this.groupPolicies(group).map((name) => this.attached(name, `group:${group.name}`)));
    return out;
  }

  private groupPolicies(group: Group): string[] {
    const out = [...group.policies];
    for (const policies of this.policiesAttachedTo.get(`group\u0000${group.address}`) ?? []) out.push(...policies);
    return out;
  }

  private acl(policies: readonly AttachedPolicy[]): AclRule[] {
    const named: NamedPolicy[] = [];
    for (const name of uniqueSorted(policies.map((p) => p.name))) {
      const stanzas = this.policyStanzas.get(name);
      if (stanzas && stanzas !== 'unparsed') named.push({ name, stanzas });
    }
    const key = JSON.stringify(named.map((n) => n.name));
    let rules = this.aclMemo.get(key);
    if (!rules) {
      rules = mergePolicies(named);
      this.aclMemo.set(key, rules);
    }
    return rules;
  }

  /**
   * The exchange roles whose token endpoint some rule of `acl` matches, in the model's order.
   * Vault denies a request no rule matches, so no other role can be exchanged with; this spares
   * evaluating every role for every principal.
   */
  private exchangeCandidates(acl: readonly AclRule[]): readonly ExchangeRole[] {
    // Merged ACLs are shared by the principals holding the same policies: asked once each.
    let candidates = this.exchangeCandidatesOf.get(acl);
    if (!candidates) {
      candidates = this.findExchangeCandidates(acl);
      this.exchangeCandidatesOf.set(acl, candidates);
    }
    return candidates;
  }

  /** Whether `acl` lets a token introspect others' tokens; asked once per merged ACL. */
  private canIntrospect(acl: readonly AclRule[]): boolean {
    let can = this.introspectOf.get(acl);
    if (can === undefined) {
      can = allows(acl, INTROSPECT_PATH, 'update');
      this.introspectOf.set(acl, can);
    }
    return can;
  }

  /**
   * The identity-token grants of the roles named (a PathFamily answer, which principals with the
   * same reaching rules share), shared as the answer is.
   */
  private identityTokensOf(names: readonly string[]): readonly IdentityTokenAccess[] {
    let tokens = this.identityTokensByNames.get(names);
    if (!tokens) {
      tokens = Object.freeze(
        names.map((n) => {
          const role = this.rolesByName.get(n)!;
          return Object.freeze({ role: n, claims: claimKeys(role.claims), ...(role.ttl.kind === 'seconds' ? { ttl: role.ttl.seconds } : {}) });
        }),
      );
      this.identityTokensByNames.set(names, tokens);
    }
    return tokens;
  }

  private findExchangeCandidates(acl: readonly AclRule[]): ExchangeRole[] {
    const roles = this.model.exchangeRoles;
    if (roles.length === 0) return [];
    const found = new Set<number>();
    const patterns: string[] = [];
    for (const r of acl) {
      if (shapeOf(r.pattern).kind !== 'exact') patterns.push(r.pattern);
      else for (const i of this.exchangeByPath.get(r.pattern) ?? []) found.add(i);
    }
    if (patterns.length > 0) {
      const key = JSON.stringify(patterns);
      let matched = this.exchangeByPatterns.get(key);
      if (!matched) {
        matched = [...this.exchangeByPath.entries()].filter(([path]) => patterns.some((p) => patternMatches(p, path))).flatMap(([, indices]) => indices);
        this.exchangeByPatterns.set(key, matched);
      }
      for (const i of matched) found.add(i);
    }
    return [...found].sort((a, b) => a - b).map((i) => roles[i]!);
  }

  private empty(kind: PrincipalKind, name: string, resources: readonly string[]): Mutable {
    return {
      id: principalId(kind, name),
      kind,
      name,
      resources: [...resources].sort(compareStrings),
      policies: [],
      acl: [],
      clientCredentials: [],
      identityTokens: [],
      canIntrospect: false,
      authorize: [],
      signIn: [],
      signInAssignments: [],
      groups: [],
      tokenExchanges: [],
      scopes: [],
      mayActActors: [],
      actsFor: [],
      linked: [],
      obtainableBy: [],
    };
  }

  private put(p: Mutable): void {
    this.principals.set(p.id, p);
  }

  private addTokenPrincipal(
    kind: PrincipalKind,
    name: string,
    resources: readonly string[],
    policies: readonly AttachedPolicy[],
    linked: readonly string[],
    ceiling: readonly AclRule[] | undefined,
    endUser: Entity | undefined,
    ceilingOnly = false,
  ): void {
    const grantPolicies = ceilingOnly ? policies.filter((p) => p.via !== 'ceiling') : policies;
    const acl = this.acl(grantPolicies);
    const can = (path: string, cap: 'read' | 'update' | 'create') => allows(acl, path, cap) && (!ceiling || allows(ceiling, path, cap));
    const clientCredentials = this.clientSecrets.granted(acl, ceiling);
    const identityTokens = this.identityTokensOf(this.identityTokenPaths.granted(acl, ceiling));
    const authorize = this.authorizePaths.granted(acl, ceiling);
    const signInAssignments = endUser ? this.signInAssignments(endUser, undefined) : NO_SIGN_IN;
    const signIn = this.signInClients(signInAssignments);
    // Writing <mount>/token/<role> is exchanging. The delegated token names as actor the caller's
    // own entity (act.sub = {{identity.entity.id}}) or a fixed entity written in the role.
    const ownEntity = kind === 'user' || kind === 'agent' || kind === 'entity' ? name : linked.find((l) => l.startsWith('entity:'))?.slice('entity:'.length);
    const tokenExchanges: TokenExchangeAccess[] = this.exchangeCandidates(acl)
      .filter((r) => can(exchangePath(r), 'update') || can(exchangePath(r), 'create'))
      .map((r) => {
        const actor = r.actor.kind === 'caller' ? ownEntity : r.actor.kind === 'fixed' ? this.index.entityOf(r.actor.sub)?.name : undefined;
        return { mount: r.mount, role: r.name, ...(actor ? { actor } : {}) };
      })
      .sort((a, b) => compareStrings(`${a.mount}/${a.role}`, `${b.mount}/${b.role}`));
    this.put({
      ...this.empty(kind, name, resources),
      policies: sortPolicies(policies),
      acl,
      ...(ceiling ? { ceiling } : {}),
      clientCredentials,
      identityTokens,
      canIntrospect: ceiling ? can(INTROSPECT_PATH, 'update') : this.canIntrospect(acl),
      authorize,
      signIn,
      signInAssignments,
      groups: endUser ? this.index.groupsOf(endUser.address).map((g) => g.name).sort(compareStrings) : [],
      tokenExchanges,
      scopes: this.scopesOf(clientCredentials, signIn),
      linked: [...linked].sort(compareStrings),
    });
  }

  private addGroup(group: Group): void {
    const signInAssignments = this.signInAssignments(undefined, group);
    const signIn = this.signInClients(signInAssignments);
    this.put({
      ...this.empty('group', group.name, [group.address]),
      policies: this.groupPolicies(group).map((name) => this.attached(name, 'group')),
      acl: this.acl(this.groupPolicies(group).map((name) => this.attached(name, 'group'))),
      signIn,
      signInAssignments,
      scopes: sortScopes(signIn.flatMap((c) => this.scopesOfClient(c, 'end-user'))),
    });
  }

  private addClient(client: OidcClient): void {
    this.put({
      ...this.empty('oidc-client', client.name, [client.address]),
      scopes: sortScopes(this.scopesOfClient(client.name, 'client')),
    });
  }

  /**
   * Why an entity (or a group's members) may sign in through each client: assignment membership
   * or `allow_all`. The answer depends only on the assignments listing the entity or group and
   * on the groups the entity is in, so it is computed once per set of them, frozen, and shared
   * (users of the same groups, listed by no assignment of their own, get the same list).
   */
  private signInAssignments(entity: Entity | undefined, group: Group | undefined): readonly SignInAssignment[] {
    const direct = entity ? this.assignmentsOfEntity.get(entity.address) : group ? this.assignmentsOfGroup.get(group.address) : undefined;
    const groups = entity ? this.index.groupsOf(entity.address) : [];
    let key = `${entity ? 'e' : 'g'}\u0001${direct ? direct.join('\u0000') : ''}\u0001`;
    for (const g of groups) key += `${g.address}\u0000`;
    let assignments = this.signInMemo.get(key);
    if (!assignments) {
      assignments = Object.freeze(this.listSignInAssignments(entity, group));
      this.signInMemo.set(key, assignments);
    }
    return assignments;
  }

  /** The clients of a list signInAssignments returned: shared as the list is. */
  private signInClients(assignments: readonly SignInAssignment[]): readonly string[] {
    let clients = this.clientsOfSignIn.get(assignments);
    if (!clients) {
      clients = Object.freeze(clientsOf(assignments));
      this.clientsOfSignIn.set(assignments, clients);
    }
    return clients;
  }

  private listSignInAssignments(entity: Entity | undefined, group: Group | undefined): SignInAssignment[] {
    const listed: { assignment: string; member: SignInAssignment['member'] }[] = [{ assignment: 'allow_all', member: 'everyone' }];
    for (const a of entity ? (this.assignmentsOfEntity.get(entity.address) ?? []) : []) listed.push({ assignment: a, member: 'direct' });
    if (group) for (const a of this.assignmentsOfGroup.get(group.address) ?? []) listed.push({ assignment: a, member: 'direct' });
    for (const g of entity ? this.index.groupsOf(entity.address) : [])
      for (const a of this.assignmentsOfGroup.get(g.address) ?? []) listed.push({ assignment: a, member: `group:${g.name}` });
    const out = listed.flatMap(({ assignment, member }) => (this.clientsOfAssignment.get(assignment) ?? []).map((client) => ({ client, assignment, member })));
    return dedupe(out, (s) => `${s.client}\u0000${s.assignment}\u0000${s.member}`);
  }

  /**
   * The scopes of the tokens a principal obtains with the credentials of `asClient` and by signing
   * in through `asUser`, sorted; frozen and shared by the principals with the same clients (an
   * agent's entity and its login role, users of the same groups).
   */
  private scopesOf(asClient: readonly string[], asUser: readonly string[]): readonly ScopeAccess[] {
    // The lists are mostly shared ones (PathFamily's, signInClients'): looked up by identity first.
    let byUser = this.scopesByLists.get(asClient);
    if (!byUser) this.scopesByLists.set(asClient, (byUser = new WeakMap()));
    let scopes = byUser.get(asUser);
    if (scopes) return scopes;
    const key = JSON.stringify([asClient, asUser]);
    scopes = this.principalScopes.get(key);
    if (!scopes) {
      scopes = Object.freeze(sortScopes([...asClient.flatMap((c) => this.scopesOfClient(c, 'client')), ...asUser.flatMap((c) => this.scopesOfClient(c, 'end-user'))]));
      this.principalScopes.set(key, scopes);
    }
    byUser.set(asUser, scopes);
    return scopes;
  }

  /** The scopes a client's tokens may carry; one list per client and role, shared by the principals that use it. */
  private scopesOfClient(client: string, as: ScopeAccess['as']): readonly ScopeAccess[] {
    const key = `${as}\u0000${client}`;
    let scopes = this.clientScopes.get(key);
    if (!scopes) {
      scopes = (this.providersByClient.get(client) ?? []).flatMap((provider) =>
        provider.scopes.map((scope) => ({ provider: provider.name, client, scope, claims: claimKeys(this.scopeClaims.get(scope)), as })),
      );
      this.clientScopes.set(key, scopes);
    }
    return scopes;
  }

  private linkObtainers(): void {
    for (const p of this.principals.values()) {
      if (p.kind === 'group' || p.kind === 'oidc-client' || p.kind === 'identity-token-role') continue;
      for (const c of p.clientCredentials) this.principals.get(principalId('oidc-client', c))?.obtainableBy.push(p.id);
      for (const t of p.identityTokens) this.principals.get(principalId('identity-token-role', t.role))?.obtainableBy.push(p.id);
    }
    for (const p of this.principals.values()) p.obtainableBy.sort(compareStrings);
  }

  /** may_act claims in scope and role templates: subjects get `mayActActors`, actors get `actsFor`. */
  private linkDelegation(): void {
    const sources: { via: string; entries: readonly MayActEntry[]; subjects: Mutable[] }[] = [];
    for (const scope of this.model.scopes) {
      if (scope.claims.kind !== 'claims' || !scope.claims.mayAct) continue;
      const subjects = [...this.principals.values()].filter((p) => p.kind !== 'oidc-client' && p.scopes.some((s) => s.scope === scope.name && s.as === 'end-user'));
      sources.push({ via: `scope:${scope.name}`, entries: scope.claims.mayAct, subjects });
    }
    for (const role of this.model.roles) {
      if (role.claims.kind !== 'claims' || !role.claims.mayAct) continue;
      const subjects = [...this.principals.values()].filter((p) => p.kind !== 'identity-token-role' && p.identityTokens.some((t) => t.role === role.name));
      sources.push({ via: `identity-token-role:${role.name}`, entries: role.claims.mayAct, subjects });
    }
    for (const { via, entries, subjects } of sources) {
      for (const entry of entries) {
        const { actorClient, actorClientKind } = this.actorClientOf(entry.clientId);
        const entity = this.index.entityOf(entry.sub);
        const actorEntity = entity ? entity.name : displayId(entry.sub);
        for (const subject of subjects) subject.mayActActors.push({ via, actorClient, actorClientKind, actorEntity });
        const actors = [
          entity ? principalId('entity', entity.name) : undefined,
          actorClientKind === 'oidc-client' || actorClientKind === 'identity-token-role' ? principalId(actorClientKind, actorClient) : undefined,
        ];
        for (const actorId of actors) {
          const actor = actorId ? this.principals.get(actorId) : undefined;
          if (!actor) continue;
          for (const subject of subjects) actor.actsFor.push({ via, actorClient, actorClientKind, actorEntity, subject: subject.id });
        }
      }
    }
    const key = (d: DelegationEntry) => `${d.via}\u0000${d.actorClient}\u0000${d.actorEntity}\u0000${d.subject ?? ''}`;
    for (const p of this.principals.values()) {
      p.mayActActors = dedupe(p.mayActActors, key);
      p.actsFor = dedupe(p.actsFor, key);
    }
  }

  /** A may_act `client_id`: an OIDC client's or an identity-token role's (actor tokens carry the role's client_id as `aud`). */
  private actorClientOf(id: IdValue): Pick<DelegationEntry, 'actorClient' | 'actorClientKind'> {
    const client = this.index.clientOf(id);
    if (client === '*') return { actorClient: '*', actorClientKind: 'any' };
    if (client) return { actorClient: client.name, actorClientKind: 'oidc-client' };
    const roleAddress = refTo(id, 'vault_identity_oidc_role', 'client_id');
    const role = roleAddress ? this.rolesByAddress.get(roleAddress) : undefined;
    if (role) return { actorClient: role.name, actorClientKind: 'identity-token-role' };
    return { actorClient: idText(id), actorClientKind: 'unresolved' };
  }
}

/**
 * The paths `<prefix><name><suffix>` of one kind of object (client secrets, identity-token
 * endpoints, authorize endpoints), and which of them an ACL grants a capability on.
 *
 * Asking an ACL about every name for every principal is quadratic (every token's `default` policy
 * reaches every provider's authorize endpoint). But only the rules that can reach a path of the
 * family's shape (patternReaches, which never misses a path a pattern matches) can match one of
 * its paths, and Vault's decision for a path depends only on the rules that match it. So the
 * answer is a function of those rules alone: it is computed once per distinct set of them, and
 * principals whose ACLs differ elsewhere share it. Names holding a `/` are not of the shape: a
 * family with one is asked rule by rule, as before.
 */
export class PathFamily {
  /** The names, without duplicates, sorted. */
  readonly names: readonly string[];
  private readonly nameSet: ReadonlySet<string>;
  private readonly ofShape: boolean;
  private readonly memo = new Map<string, readonly string[]>();
  private readonly keys = new WeakMap<readonly AclRule[], string>();

  constructor(
    names: readonly string[],
    private readonly shape: PathShape,
    private readonly prefix: string,
    private readonly suffix: string,
    private readonly capability: Capability,
  ) {
    this.names = uniqueSorted(names);
    this.nameSet = new Set(this.names);
    this.ofShape = this.names.every((n) => !n.includes('/'));
  }

  path(name: string): string {
    return `${this.prefix}${name}${this.suffix}`;
  }

  /**
   * The names whose path `acl`, and `ceiling` when given, allow the family's capability on:
   * without duplicates, sorted, frozen (principals share it).
   */
  granted(acl: readonly AclRule[], ceiling?: readonly AclRule[]): readonly string[] {
    if (!this.ofShape) return this.evaluate(acl, ceiling);
    const key = `${this.reachingKey(acl)}\u0001${ceiling ? this.reachingKey(ceiling) : ''}`;
    let names = this.memo.get(key);
    if (!names) {
      names = Object.freeze(this.evaluate(this.reaching(acl), ceiling ? this.reaching(ceiling) : undefined));
      this.memo.set(key, names);
    }
    return names;
  }

  private reaching(rules: readonly AclRule[]): readonly AclRule[] {
    return Object.freeze(rules.filter((r) => patternReaches(r.pattern, this.shape)));
  }

  /** What decides the family's paths under `rules`: the patterns and capabilities of the rules reaching it. */
  private reachingKey(rules: readonly AclRule[]): string {
    const known = this.keys.get(rules);
    if (known !== undefined) return known;
    const key = JSON.stringify(this.reaching(rules).map((r) => [r.pattern, r.capabilities]));
    // Kept only for a list that cannot change (every merged ACL), shared by the principals holding it.
    if (Object.isFrozen(rules) && rules.every((r) => Object.isFrozen(r))) this.keys.set(rules, key);
    return key;
  }

  /** Every name an exact rule names, or all of them when a wildcard rule reaches the family, asked one by one. */
  private evaluate(acl: readonly AclRule[], ceiling: readonly AclRule[] | undefined): string[] {
    return this.candidates(acl).filter((n) => allows(acl, this.path(n), this.capability) && (!ceiling || allows(ceiling, this.path(n), this.capability)));
  }

  private candidates(acl: readonly AclRule[]): readonly string[] {
    if (acl.some((r) => isWildcard(r.pattern) && patternReaches(r.pattern, this.shape))) return this.names;
    const out: string[] = [];
    for (const r of acl) {
      if (!r.pattern.startsWith(this.prefix) || !r.pattern.endsWith(this.suffix)) continue;
      const rest = r.pattern.slice(this.prefix.length, r.pattern.length - this.suffix.length);
      if (this.nameSet.has(rest)) out.push(rest);
    }
    return uniqueSorted(out);
  }
}

const NO_SIGN_IN: readonly SignInAssignment[] = Object.freeze([]);

function pushList<T>(map: Map<string, T[]>, key: string, value: T): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

/** The token endpoint of an exchange role: writing it is exchanging. */
function exchangePath(r: ExchangeRole): string {
  return `${r.mount}/token/${r.name}`;
}

function displayId(id: IdValue): string {
  const entity = refTo(id, 'vault_identity_entity', 'id');
  return entity ?? idText(id);
}

function clientsOf(assignments: readonly SignInAssignment[]): string[] {
  return uniqueSorted(assignments.map((a) => a.client));
}

function claimKeys(claims: ClaimTemplate | undefined): string[] {
  return claims?.kind === 'claims' ? [...claims.keys] : [];
}

function sortPolicies(policies: readonly AttachedPolicy[]): AttachedPolicy[] {
  return dedupe(policies, (p) => `${p.name}\u0000${p.via}`);
}

function sortScopes(scopes: readonly ScopeAccess[]): ScopeAccess[] {
  return dedupe(scopes, (s) => `${s.scope}\u0000${s.provider}\u0000${s.client}\u0000${s.as}`);
}

function dedupe<T>(items: readonly T[], key: (t: T) => string): T[] {
  if (items.length <= 1) return [...items];
  const map = new Map<string, T>();
  for (const item of items) map.set(key(item), item);
  return [...map.keys()].sort(compareStrings).map((k) => map.get(k)!);
}

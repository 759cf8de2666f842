/**
 * The compiler: a normalized topology in, an access plan out. Pure and deterministic: no CDKTF,
 * no I/O, no clock. Every list in the plan is sorted, so equal topologies give equal plans.
 *
 * The shape of the output follows from three Vault facts (see shared/vault-facts.md):
 * - scopes are provider-wide, so each client agent gets its own provider listing only its grants;
 * - a key naming a client that names the key is a dependency cycle, so the key's allowed clients
 *   are a separate list (rendered as `vault_identity_oidc_key_allowed_client_id`);
 * - policies grant exact paths; the agent's own client secret and its own identity-token roles.
 *
 * Delegation (RFC 8693) lives in `compile-delegation.ts`: it may split a client agent's client
 * into sign-in partitions (one per delegation set) and adds actor tokens and the exchange engine.
 */
import type { NormalizedAgent, NormalizedTopology } from '../topology/normalized';
import { jwtBaselinePolicies, policiesByAgent, registryField } from './compile-registry';
import {
  actorTokenRoles,
  clientOwner,
  clientSecretReason,
  compileDelegation,
  delegationGrants,
  partitionClients,
  signInReason,
} from './compile-delegation';
import {
  agentPolicyName,
  agentScopeName,
  assignmentName,
  clientName,
  clientSecretPath,
  entityName,
  grantClaim,
  grantLabel,
  groupName,
  identityTokenPath,
  identityTokenRoleName,
  INTROSPECT_PATH,
  loginRoleName,
  providerName,
  scopeName,
} from './naming';
import { agentMetadata, agentScopeTemplate, withAgentClaim } from './agent-claims';
import type {
  AccessPlan,
  AgentScopePlan,
  ClientPlan,
  DelegationPlan,
  EntityPlan,
  Grant,
  GroupPlan,
  IdentityTokenRolePlan,
  KeyPlan,
  LoginRolePlan,
  MountPlan,
  PolicyPlan,
  PolicyRule,
  ScopePlan,
  SuppressionPlan,
} from './types';
import { RULE_ID } from '../vault/rule-ids';
import { compareByName, compareStrings } from '../vault/order';
import { agentTtlSeconds, secretIdSettings, signingKeySettings } from './lifetimes';

export function compile(topology: NormalizedTopology): AccessPlan {
  const delegation = compileDelegation(topology);
  const clients = partitionClients(compileClients(topology), delegation);
  const identityTokenRoles = compileIdentityTokenRoles(topology);
  const grants = compileGrants(topology, clients, identityTokenRoles, delegation);
  const policies = compilePolicies(grants);
  const registry = registryField(topology, policies);
  const baselines = jwtBaselinePolicies(registry.registry, policies);
  return {
    name: topology.name,
    vault: {
      address: trimSlash(topology.vault.address),
      ...(topology.vault.namespace ? { namespace: topology.vault.namespace } : {}),
      issuerHost: new URL(topology.vault.address).host,
    },
    key: compileKey(topology, clients, [...identityTokenRoles.map((r) => r.name), ...actorTokenRoles(delegation)]),
    mounts: compileMounts(topology),
    entities: compileEntities(topology).map((e) => (baselines.has(e.name) ? { ...e, policies: baselines.get(e.name)! } : e)),
    groups: compileGroups(topology),
    scopes: compileScopes(topology),
    ...agentScopesField(topology),
    clients,
    identityTokenRoles,
    // Identity tokens carry `iss = <issuer>/v1/<namespace>/identity/oidc`; pin it to the
    // topology's address so servers can verify tokens independently of Vault's api_addr.
    ...(identityTokenRoles.length > 0 || delegation ? { identityTokenIssuer: trimSlash(topology.vault.address) } : {}),
    policies,
    loginRoles: compileLoginRoles(topology, policies),
    grants,
    ...registry,
    suppressions: [
      ...topology.agents.flatMap((a) => (a.suppressions ?? []).map((s) => ({ agent: a.name, ...s }))),
      ...loopbackHttpSuppressions(topology),
    ],
    ...(delegation ? { delegation } : {}),
    ...(topology.audit ? { audit: { ...topology.audit, fromRootNamespace: topology.vault.namespace !== undefined } } : {}),
  };
}

/** Rule id of the least-privilege check that flags providers with `https_enabled = false`. */
export const PROVIDER_HTTPS_RULE = RULE_ID.PROVIDER_HTTPS;

/**
 * Validation accepts an http Vault address only on a loopback host (tests, a local dev server).
 * Its OIDC providers then issue http issuers, which the checks report as an error; the plan
 * accepts that finding for each client agent with a reason, so such a topology synthesizes and
 * every report still shows the finding, marked suppressed.
 */
function loopbackHttpSuppressions(topology: NormalizedTopology): SuppressionPlan[] {
  const address = trimSlash(topology.vault.address);
  if (new URL(address).protocol !== 'http:') return [];
  return topology.agents
    .filter((a) => a.oidc !== undefined)
    .map((a) => ({
      agent: a.name,
      rule: PROVIDER_HTTPS_RULE,
      reason: `vault.address ${address} is plain http on a loopback host: accepted for tests and local development only, never for a deployed Vault`,
    }));
}

function trimSlash(url: string): string {
  return url.replace(/\/+$/, '');
}


/** Only mounts something refers to become data sources: declaring a mount grants nothing. */
function compileMounts(topology: NormalizedTopology): MountPlan[] {
  const used = new Set<string>();
  for (const user of topology.users) used.add(user.mount);
  for (const agent of topology.agents) if (agent.login) used.add(agent.login.mount);
  // A resource server that maps JWTs on an auth mount's accessor needs that mount's accessor.
  for (const server of topology.resourceServers ?? []) if (server.entityAliases?.kind === 'mount') used.add(server.entityAliases.mount);
  // An external group's alias names the accessor of the mount its members log in with.
  for (const group of topology.externalGroups ?? []) used.add(group.mount);
  return topology.mounts.filter((m) => used.has(m.name)).map((m) => ({ name: m.name, type: m.type, path: m.path }));
}

function compileEntities(topology: NormalizedTopology): EntityPlan[] {
  const users: EntityPlan[] = topology.users.map((u) => ({
    name: entityName(u.name),
    kind: 'user',
    alias: { mount: u.mount, name: { kind: 'static', value: u.alias } },
  }));
  const agents: EntityPlan[] = topology.agents.flatMap((agent): EntityPlan[] => {
    const login = agent.login;
    if (!login) return [];
    // What the agent's token templates read: its name and owner (docs/token-claims.md).
    const metadata = agentMetadata(agent.name, agent.owner);
    switch (login.kind) {
      case 'kubernetes':
        // alias_name_source = serviceaccount_name makes the alias `<namespace>/<serviceaccount>`.
        return [{ name: entityName(agent.name), kind: 'agent', alias: { mount: login.mount, name: { kind: 'static', value: `${login.namespace}/${login.serviceAccount}` } }, metadata }];
      case 'jwt':
        // user_claim = sub: the alias is the bound subject (e.g. a SPIFFE ID).
        return [{ name: entityName(agent.name), kind: 'agent', alias: { mount: login.mount, name: { kind: 'static', value: login.subject } }, metadata }];
      case 'approle':
        return [{ name: entityName(agent.name), kind: 'agent', alias: { mount: login.mount, name: { kind: 'approle-role-id', loginRole: loginRoleName(agent.name) } }, metadata }];
      case 'cert':
        // Vault's cert auth names the alias after the certificate's common name (path_login.go):
        // known only when the role pins it; a uriSan login lands on an entity Vault creates.
        return login.name.kind === 'common-name' ? [{ name: entityName(agent.name), kind: 'agent', alias: { mount: login.mount, name: { kind: 'static', value: login.name.value } }, metadata }] : [];
    }
  });
  return [...users, ...agents].sort(compareByName);
}

function compileGroups(topology: NormalizedTopology): GroupPlan[] {
  // Each group's users, in the users' order, found in one pass over the users.
  const membersOf = new Map<string, (typeof topology.users)[number][]>();
  for (const u of topology.users) {
    for (const g of new Set(u.groups)) {
      const members = membersOf.get(g);
      if (members) members.push(u);
      else membersOf.set(g, [u]);
    }
  }
  const internal = topology.groups.map((g) => ({
    name: groupName(g.name),
    ...(g.description ? { description: g.description } : {}),
    members: (membersOf.get(g.name) ?? []).map((u) => entityName(u.name)).sort(compareStrings),
  }));
  const external = (topology.externalGroups ?? []).map((g) => ({
    name: groupName(g.name),
    ...(g.description ? { description: g.description } : {}),
    members: [],
    external: { mount: g.mount, alias: g.alias },
  }));
  return [...internal, ...external].sort(compareByName);
}

/** Grants of a client agent, as scope names, sorted. */
function scopesOf(agent: NormalizedAgent): string[] {
  return agent.calls.flatMap((call) => call.grants.map((g) => scopeName(call.agent, g.skill, g.action))).sort(compareStrings);
}

/** One Vault scope per grant that some OIDC client holds; identity tokens carry claims directly. */
function compileScopes(topology: NormalizedTopology): ScopePlan[] {
  const scopes = new Map<string, ScopePlan>();
  for (const agent of topology.agents) {
    if (!agent.oidc) continue;
    for (const call of agent.calls) {
      for (const { skill, action } of call.grants) {
        const name = scopeName(call.agent, skill, action);
        const claim = grantClaim(call.agent, skill, action);
        scopes.set(name, {
          name,
          server: call.agent,
          skill,
          action,
          claim,
          template: JSON.stringify({ [claim]: true }),
          description: `Grant ${grantLabel(skill, action)} on agent ${call.agent}`,
        });
      }
    }
  }
  return [...scopes.values()].sort(compareByName);
}

/** The metadata scope of every client agent (see AgentScopePlan). */
function agentScopesField(topology: NormalizedTopology): { readonly agentScopes?: readonly AgentScopePlan[] } {
  const agentScopes = topology.agents
    .filter((agent) => agent.oidc !== undefined)
    .map((agent) => ({
      name: agentScopeName(agent.name),
      agent: agent.name,
      template: agentScopeTemplate(agent.name, agent.owner),
      description: `Names agent ${agent.name} and the signed-in user in ID tokens and userinfo`,
    }));
  return agentScopes.length > 0 ? { agentScopes } : {};
}

function compileClients(topology: NormalizedTopology): ClientPlan[] {
  return topology.agents.flatMap((agent): ClientPlan[] => {
    if (!agent.oidc) return [];
    return [
      {
        name: clientName(agent.name),
        redirectUris: agent.oidc.redirectUris,
        clientType: 'confidential',
        idTokenTtlSeconds: agentTtlSeconds(topology, agent, 'idTokenSeconds'),
        accessTokenTtlSeconds: agentTtlSeconds(topology, agent, 'accessTokenSeconds'),
        generation: agent.oidc.clientGeneration ?? 1,
        assignment: {
          name: assignmentName(agent.name),
          entities: agent.oidc.members.users.map(entityName),
          groups: agent.oidc.members.groups.map(groupName),
        },
        // Its grants, and the scope naming the agent and the user in ID tokens and userinfo.
        provider: { name: providerName(agent.name), scopes: [...scopesOf(agent), agentScopeName(agent.name)].sort(compareStrings) },
      },
    ];
  });
}

function compileIdentityTokenRoles(topology: NormalizedTopology): IdentityTokenRolePlan[] {
  return topology.agents
    .flatMap((agent) =>
      agent.headless
        ? agent.calls.map((call): IdentityTokenRolePlan => {
            const claims = Object.fromEntries(call.grants.map((g) => [grantClaim(call.agent, g.skill, g.action), true]));
            return {
              name: identityTokenRoleName(agent.name, call.agent),
              agent: agent.name,
              server: call.agent,
              scopes: call.grants.map((g) => scopeName(call.agent, g.skill, g.action)),
              // The grants, and which agent minted the token (from its entity's metadata).
              template: withAgentClaim(JSON.stringify(claims)),
              ttlSeconds: agentTtlSeconds(topology, agent, 'identityTokenSeconds'),
            };
          })
        : [],
    )
    .sort(compareByName);
}

function compileKey(topology: NormalizedTopology, clients: readonly ClientPlan[], roles: readonly string[]): KeyPlan {
  return {
    name: topology.name,
    ...signingKeySettings(topology),
    allowedClients: [
      ...clients.map((c) => ({ kind: 'client' as const, name: c.name })),
      ...[...roles].sort(compareStrings).map((role) => ({ kind: 'identity-token-role' as const, name: role })),
    ],
  };
}

function compileGrants(
  topology: NormalizedTopology,
  clients: readonly ClientPlan[],
  roles: readonly IdentityTokenRolePlan[],
  delegation: DelegationPlan | undefined,
): Grant[] {
  const grants: Grant[] = [];
  const agents = new Map(topology.agents.map((a) => [a.name, a]));
  for (const client of clients) {
    // A split agent owns one client per sign-in partition (see compile-delegation.ts).
    const owner = clientOwner(delegation, client.name);
    const agent = { kind: 'agent' as const, name: owner };
    grants.push({
      kind: 'vault-path',
      principal: agent,
      path: clientSecretPath(client.name),
      capabilities: ['read'],
      reason: clientSecretReason(delegation, client.name),
    });
    const caller = agents.get(owner)!;
    for (const call of caller.calls) {
      for (const g of call.grants) {
        grants.push({
          kind: 'scope',
          principal: agent,
          client: client.name,
          scope: scopeName(call.agent, g.skill, g.action),
          server: call.agent,
          grant: grantLabel(g.skill, g.action),
          reason: `calls ${call.agent} with ${grantLabel(g.skill, g.action)}`,
        });
      }
    }
    const signIn = signInReason(delegation, client.name, owner);
    for (const user of client.assignment.entities) {
      grants.push({ kind: 'sign-in', principal: { kind: 'user', name: user }, client: client.name, reason: signIn });
    }
    for (const group of client.assignment.groups) {
      grants.push({ kind: 'sign-in', principal: { kind: 'group', name: group }, client: client.name, reason: signIn });
    }
  }
  for (const role of roles) {
    const agent = { kind: 'agent' as const, name: role.agent };
    grants.push({
      kind: 'vault-path',
      principal: agent,
      path: identityTokenPath(role.name),
      capabilities: ['read'],
      reason: `mints identity tokens for calls to ${role.server}`,
    });
    grants.push({
      kind: 'identity-token',
      principal: agent,
      role: role.name,
      server: role.server,
      scopes: role.scopes,
      reason: `calls ${role.server} headless`,
    });
  }
  // A server verifies headless tokens through Vault only if it can log in; without a login it
  // verifies signatures against the published keys and needs no Vault permission at all.
  const called = new Set(roles.map((r) => r.server));
  for (const server of topology.agents) {
    if (!server.login) continue;
    if (!called.has(server.name)) continue;
    grants.push({
      kind: 'vault-path',
      principal: { kind: 'agent', name: server.name },
      path: INTROSPECT_PATH,
      capabilities: ['update'],
      // Deliberately not naming the callers: adding a caller must not change this policy.
      reason: 'verifies identity tokens presented by its headless callers',
    });
  }
  grants.push(...delegationGrants(topology, delegation));
  return grants.sort(compareGrants);
}

function grantTarget(g: Grant): string {
  switch (g.kind) {
    case 'vault-path':
      return g.path;
    case 'scope':
      return g.scope;
    case 'identity-token':
    case 'actor-token':
      return g.role;
    case 'sign-in':
      return g.client;
    case 'act-for':
      return g.user;
  }
}

function grantSortKey(g: Grant): string {
  const target = grantTarget(g);
  return `${g.principal.kind}\u0000${g.principal.name}\u0000${g.kind}\u0000${target}`;
}

function compareGrants(a: Grant, b: Grant): number {
  return compareStrings(grantSortKey(a), grantSortKey(b));
}

/** One policy per agent holding Vault-path grants; rules merged per path, sorted by path. */
function compilePolicies(grants: readonly Grant[]): PolicyPlan[] {
  const byAgent = new Map<string, Map<string, PolicyRule>>();
  for (const g of grants) {
    if (g.kind !== 'vault-path' || g.principal.kind !== 'agent') continue;
    const rules = byAgent.get(g.principal.name) ?? new Map<string, PolicyRule>();
    const existing = rules.get(g.path);
    rules.set(
      g.path,
      existing
        ? {
            path: g.path,
            capabilities: [...new Set([...existing.capabilities, ...g.capabilities])].sort(compareStrings),
            reason: `${existing.reason}; ${g.reason}`,
          }
        : { path: g.path, capabilities: [...g.capabilities], reason: g.reason },
    );
    byAgent.set(g.principal.name, rules);
  }
  return [...byAgent.entries()]
    .map(([agent, rules]) => ({
      name: agentPolicyName(agent),
      agent,
      rules: [...rules.values()].sort((a, b) => compareStrings(a.path, b.path)),
    }))
    .sort(compareByName);
}

function compileLoginRoles(topology: NormalizedTopology, policies: readonly PolicyPlan[]): LoginRolePlan[] {
  const mounts = new Map(topology.mounts.map((m) => [m.name, m]));
  const policyOf = policiesByAgent(policies);
  return topology.agents.flatMap((agent): LoginRolePlan[] => {
    const login = agent.login;
    if (!login) return [];
    const policy = policyOf.get(agent.name);
    const loginTtl = agentTtlSeconds(topology, agent, 'loginTokenSeconds');
    const base = {
      agent: agent.name,
      roleName: loginRoleName(agent.name),
      mount: login.mount,
      mountPath: mounts.get(login.mount)!.path,
      policies: policy ? [policy.name] : [],
      tokenTtlSeconds: loginTtl,
      // No renewal past the first TTL: an agent logs in again, which re-checks its binding.
      tokenMaxTtlSeconds: loginTtl,
    };
    switch (login.kind) {
      case 'kubernetes':
        return [
          {
            ...base,
            kind: 'kubernetes',
            serviceAccount: login.serviceAccount,
            namespace: login.namespace,
            ...(login.audience !== undefined ? { audience: login.audience } : {}),
          },
        ];
      case 'jwt':
        return [{ ...base, kind: 'jwt', subject: login.subject, audiences: login.audiences }];
      case 'approle':
        return [{ ...base, kind: 'approle', secretId: secretIdSettings(login, loginTtl), tokenBoundCidrs: login.tokenBoundCidrs ?? [] }];
      case 'cert':
        return [{ ...base, kind: 'cert', certificate: login.caCertificate, name: login.name }];
    }
  });
}

/**
 * An organization's stacks: the whole topology is compiled once (one AccessPlan, so every grant
 * and name is exactly what a single file would give), then split into one plan per stack:
 *
 * - the shared stack `<org>`: users' entities and groups (and, when identity tokens are minted
 *   in the organization's namespace, its `vault_identity_oidc` issuer);
 * - one stack per team `<org>.<team>`, or per shard `<org>.<team>.<k>` (k ≥ 2) when the team file
 *   sets `shards`: its agents' entities, policies, login roles, clients, providers,
 *   assignments, identity-token roles and the scopes of its servers, and its own signing key.
 *
 * An agent's shard is a hash of its name modulo the team's `shards`: it depends on nothing else,
 * so adding or removing an agent never moves another one. Only changing `shards` moves agents,
 * which the team decides in its own file.
 *
 * Across stacks, values are looked up by Vault name, never passed as Terraform outputs: an
 * assignment names a user's entity or a group through `data.vault_identity_entity` /
 * `data.vault_identity_group` (by name), and a provider offers another team's scope by its name.
 * Each team stack depends on the shared stack and on the stacks whose scopes its providers offer;
 * `cdktf deploy '*'` deploys in that order. So each state holds only its own objects, and no
 * secret crosses a state.
 *
 * Vault Enterprise namespaces (docs/vault-semantics.md B1): OIDC keys, clients, providers,
 * scopes, assignments and identity-token roles live in one namespace's identity store, and a
 * client must use a key of its own namespace. So a call between teams in different namespaces
 * cannot work (its token is signed by a key the other namespace does not know) and is refused.
 * Whether an assignment in a child namespace may list entities of the parent namespace is not
 * documented; a team in its own namespace therefore cannot let the organization's users sign
 * in, and that is refused too, with the reason.
 */
import { createHash } from 'node:crypto';
import type { NormalizedOrganization, NormalizedTeam, NormalizedTopology } from '../topology/normalized';
import type { DerivedFindings } from '../topology/validation-types';
import type { DraftIssue } from '../topology/path';
import { MAX_KEY_CLIENTS } from '../topology/schema-organization';
import { compareStrings, sorted } from '../vault/order';
import { clientOwner } from './compile-delegation';
import type { AccessPlan, Grant } from './types';

export interface StackPlan {
  /** Stack name (cdktf stack id, state key, workspace): `<org>`, `<org>.<team>` or `<org>.<team>.<k>`. */
  readonly name: string;
  readonly kind: 'shared' | 'team';
  readonly team?: string;
  /** 1-based shard of the team. */
  readonly shard?: number;
  /** Vault namespace of every object in the stack (the organization's, joined with the team's). */
  readonly namespace?: string;
  /** Agents whose objects are in this stack, sorted. */
  readonly agents: readonly string[];
  readonly plan: AccessPlan;
  /** Stacks that must be deployed first, sorted. */
  readonly dependsOn: readonly string[];
  /** Terraform resources the stack synthesizes (data sources not counted). */
  readonly resources: number;
}

export interface OrganizationPlan {
  readonly name: string;
  readonly organization: NormalizedOrganization;
  /** The whole organization's plan, as a single file would compile it. */
  readonly plan: AccessPlan;
  /** Shared stack first, then teams and shards by name. */
  readonly stacks: readonly StackPlan[];
  /** Stack names in an order `cdktf deploy` may use: every stack after the ones it depends on. */
  readonly deployOrder: readonly string[];
}

/** The team shard (1-based) an agent belongs to: a hash of its name alone. */
export function shardOf(agent: string, shards: number): number {
  if (shards <= 1) return 1;
  const digest = createHash('sha256').update(agent).digest();
  return (digest.readUInt32BE(0) % shards) + 1;
}

export function teamStackName(org: string, team: string, shard: number): string {
  return shard <= 1 ? `${org}.${team}` : `${org}.${team}.${shard}`;
}

function joinNamespace(outer: string | undefined, inner: string | undefined): string | undefined {
  const parts = [outer, inner].filter((p): p is string => p !== undefined && p !== '').map((p) => p.replace(/^\/+|\/+$/g, ''));
  return parts.length === 0 ? undefined : parts.join('/');
}

/**
 * Terraform resources the L3 renders for a plan (lib/constructs/topology.ts): the key; per
 * entity one, and one more for its alias; per group one, and one more for an external group's
 * alias; one per scope (the agents' own scopes too), audit device, audited header, policy and
 * login role; per client its client, assignment, provider, key allowed-client and the
 * `terraform_data` holding its generation (oidc-client.ts); per identity-token role the role and
 * its key allowed-client; the identity-token issuer. test/organization/stacks.test.ts compares it
 * with synthesized stacks.
 */
export function planResourceCount(plan: AccessPlan): number {
  return (
    1 +
    plan.entities.reduce((n, e) => n + (e.alias ? 2 : 1), 0) +
    plan.groups.reduce((n, g) => n + (g.external ? 2 : 1), 0) +
    plan.scopes.length +
    (plan.agentScopes?.length ?? 0) +
    (plan.audit?.devices.length ?? 0) +
    (plan.audit?.requestHeaders.length ?? 0) +
    plan.policies.length +
    plan.loginRoles.length +
    plan.clients.length * 5 +
    plan.identityTokenRoles.length * 2 +
    (plan.identityTokenIssuer !== undefined ? 1 : 0)
  );
}

function grantAgent(g: Grant): string | undefined {
  return g.principal.kind === 'agent' ? g.principal.name : undefined;
}

/** The plan of one team stack: the objects of `agents`, a key of its own, users and groups looked up. */
function teamPlan(whole: AccessPlan, name: string, namespace: string | undefined, agents: ReadonlySet<string>, issuer: boolean): AccessPlan {
  const clients = whole.clients.filter((c) => agents.has(clientOwner(whole.delegation, c.name)));
  const clientNames = new Set(clients.map((c) => c.name));
  const roles = whole.identityTokenRoles.filter((r) => agents.has(r.agent));
  const roleNames = new Set(roles.map((r) => r.name));
  const entities = whole.entities.filter((e) => e.kind === 'agent' && agents.has(e.name));
  const loginRoles = whole.loginRoles.filter((r) => agents.has(r.agent));
  const mountNames = new Set([...entities.flatMap((e) => (e.alias ? [e.alias.mount] : [])), ...loginRoles.map((r) => r.mount)]);
  const scopes = whole.scopes.filter((s) => agents.has(s.server));
  const agentScopes = (whole.agentScopes ?? []).filter((s) => agents.has(s.agent));
  const ownScopes = new Set([...scopes, ...agentScopes].map((s) => s.name));
  return {
    name,
    vault: { address: whole.vault.address, issuerHost: whole.vault.issuerHost, ...(namespace !== undefined ? { namespace } : {}) },
    key: {
      ...whole.key,
      name,
      allowedClients: whole.key.allowedClients.filter((c) => (c.kind === 'client' ? clientNames.has(c.name) : roleNames.has(c.name))),
    },
    mounts: whole.mounts.filter((m) => mountNames.has(m.name)),
    entities,
    groups: [],
    scopes,
    ...(whole.agentScopes !== undefined ? { agentScopes } : {}),
    clients,
    identityTokenRoles: roles,
    ...(issuer && whole.identityTokenIssuer !== undefined ? { identityTokenIssuer: whole.identityTokenIssuer } : {}),
    policies: whole.policies.filter((p) => agents.has(p.agent)),
    loginRoles,
    grants: whole.grants.filter((g) => {
      const agent = grantAgent(g);
      if (agent !== undefined) return agents.has(agent);
      return (g.kind === 'sign-in' || g.kind === 'scope') && clientNames.has(g.client);
    }),
    suppressions: whole.suppressions.filter((s) => agents.has(s.agent)),
    elsewhere: {
      entities: sorted(new Set(clients.flatMap((c) => c.assignment.entities))),
      groups: sorted(new Set(clients.flatMap((c) => c.assignment.groups))),
      scopes: sorted(new Set(clients.flatMap((c) => c.provider.scopes).filter((s) => !ownScopes.has(s)))),
    },
  };
}

/** The shared stack's plan: users' entities and groups; the key signs nothing. */
function sharedPlan(whole: AccessPlan, issuer: boolean): AccessPlan {
  const entities = whole.entities.filter((e) => e.kind === 'user');
  // Users' aliases, and the group aliases of external groups, name their mounts.
  const mountNames = new Set([...entities.flatMap((e) => (e.alias ? [e.alias.mount] : [])), ...whole.groups.flatMap((g) => (g.external ? [g.external.mount] : []))]);
  return {
    name: whole.name,
    vault: whole.vault,
    key: { ...whole.key, allowedClients: [] },
    mounts: whole.mounts.filter((m) => mountNames.has(m.name)),
    entities,
    groups: whole.groups,
    scopes: [],
    clients: [],
    identityTokenRoles: [],
    ...(issuer && whole.identityTokenIssuer !== undefined ? { identityTokenIssuer: whole.identityTokenIssuer } : {}),
    policies: [],
    loginRoles: [],
    grants: whole.grants.filter((g) => g.principal.kind !== 'agent' && g.kind !== 'sign-in' && g.kind !== 'scope'),
    suppressions: [],
    // Audit devices and audited headers are cluster-wide: once, in the shared stack.
    ...(whole.audit !== undefined ? { audit: whole.audit } : {}),
  };
}

interface Placement {
  readonly team: NormalizedTeam;
  readonly shard: number;
  readonly name: string;
  readonly namespace?: string;
  readonly agents: string[];
}

function placements(org: string, organization: NormalizedOrganization, namespace: string | undefined): Placement[] {
  const out: Placement[] = [];
  for (const team of organization.teams) {
    const byShard = new Map<number, string[]>();
    for (let k = 1; k <= team.shards; k++) byShard.set(k, []);
    for (const agent of team.agents) byShard.get(shardOf(agent, team.shards))!.push(agent);
    const ns = joinNamespace(namespace, team.namespace);
    for (const [shard, agents] of byShard) out.push({ team, shard, name: teamStackName(org, team.name, shard), ...(ns !== undefined ? { namespace: ns } : {}), agents: sorted(agents) });
  }
  return out.sort((a, b) => compareStrings(a.name, b.name));
}

/**
 * Splits an organization's plan into stacks. `whole` is the plan of the merged topology; the
 * topology must carry `organization` (it was read from a directory).
 */
export function organizationPlan(topology: NormalizedTopology, whole: AccessPlan): OrganizationPlan {
  const organization = topology.organization;
  if (organization === undefined) throw new Error('organizationPlan needs a topology read from a directory (org.yaml + teams/)');
  const org = whole.name;
  const places = placements(org, organization, whole.vault.namespace);
  const mints = (agents: readonly string[]) => whole.identityTokenRoles.some((r) => agents.includes(r.agent));
  // vault_identity_oidc is one object per namespace: the first stack (by name) of the namespace
  // holds it, the shared stack for the organization's namespace.
  const issuerStack = new Map<string, string>();
  const sharedNs = whole.vault.namespace ?? '';
  if (places.some((p) => (p.namespace ?? '') === sharedNs && mints(p.agents))) issuerStack.set(sharedNs, org);
  for (const p of places) {
    const ns = p.namespace ?? '';
    if (!issuerStack.has(ns) && places.some((q) => (q.namespace ?? '') === ns && mints(q.agents))) issuerStack.set(ns, p.name);
  }
  const shared = sharedPlan(whole, issuerStack.get(sharedNs) === org);
  const scopeStack = new Map<string, string>();
  const teamPlans = places.map((p) => {
    const plan = teamPlan(whole, p.name, p.namespace, new Set(p.agents), issuerStack.get(p.namespace ?? '') === p.name);
    for (const s of plan.scopes) scopeStack.set(s.name, p.name);
    return { p, plan };
  });
  const stacks: StackPlan[] = [
    { name: org, kind: 'shared', ...(whole.vault.namespace !== undefined ? { namespace: whole.vault.namespace } : {}), agents: [], plan: shared, dependsOn: [], resources: planResourceCount(shared) },
    ...teamPlans.map(({ p, plan }) => ({
      name: p.name,
      kind: 'team' as const,
      team: p.team.name,
      shard: p.shard,
      ...(p.namespace !== undefined ? { namespace: p.namespace } : {}),
      agents: p.agents,
      plan,
      dependsOn: sorted(new Set([org, ...(plan.elsewhere?.scopes ?? []).map((s) => scopeStack.get(s)).filter((s): s is string => s !== undefined && s !== p.name)])),
      resources: planResourceCount(plan),
    })),
  ];
  return { name: org, organization, plan: whole, stacks, deployOrder: deployOrder(stacks) };
}

/** Kahn's algorithm, ties by name; stacks on a cycle (refused by `organizationIssues`) come last. */
function deployOrder(stacks: readonly StackPlan[]): string[] {
  const pending = new Map(stacks.map((s) => [s.name, new Set(s.dependsOn)]));
  const order: string[] = [];
  while (pending.size > 0) {
    const ready = sorted([...pending].filter(([, deps]) => [...deps].every((d) => !pending.has(d))).map(([n]) => n));
    if (ready.length === 0) {
      order.push(...sorted(pending.keys()));
      break;
    }
    for (const n of ready) {
      order.push(n);
      pending.delete(n);
    }
  }
  return order;
}

/**
 * What an organization cannot be split into stacks for, as topology issues: the parts not built
 * for several stacks yet (delegation, the agent registry), what Vault does not allow across
 * namespaces, browser calls in a circle between stacks, and stacks over the ceilings. Paths
 * `teams.<team>.shards` are placed in the team file by the directory loader.
 */
export function organizationIssues(topology: NormalizedTopology, split: OrganizationPlan): DerivedFindings {
  const errors: DraftIssue[] = [];
  const organization = split.organization;
  const teamOf = new Map<string, NormalizedTeam>();
  for (const t of organization.teams) for (const a of t.agents) teamOf.set(a, t);
  const nsOf = (agent: string) => teamOf.get(agent)?.namespace ?? '';
  for (const agent of topology.agents) {
    if (agent.actsFor !== undefined) {
      errors.push({
        path: ['agents', agent.name, 'actsFor'],
        anchor: 'key',
        message: 'delegation (actsFor) is not split into stacks yet: its may_act scopes, sign-in partitions and exchange roles link the actor\'s and the client\'s objects across teams',
        fix: 'keep delegating agents in a single-file topology for now, or remove actsFor',
      });
    }
    if (agent.registry !== undefined) {
      errors.push({
        path: ['agents', agent.name, 'registry'],
        anchor: 'key',
        message: 'the agent registry is not split into stacks yet',
        fix: 'keep registered agents in a single-file topology for now, or remove registry',
      });
    }
    agent.calls.forEach((call, i) => {
      if (nsOf(call.agent) === nsOf(agent.name)) return;
      const where = (a: string) => (nsOf(a) === '' ? "the organization's namespace" : `namespace "${nsOf(a)}"`);
      errors.push({
        path: ['agents', agent.name, 'calls', i, 'agent'],
        anchor: 'value',
        message: `"${agent.name}" (${where(agent.name)}) calls "${call.agent}" (${where(call.agent)}): Vault keeps OIDC keys, clients, providers, scopes and identity-token roles in one namespace's identity store, and a client can only use a key of its own namespace, so no token of one namespace carries a grant the other can verify`,
        fix: `put both agents' teams in the same namespace, or remove this call`,
      });
    });
    if (agent.oidc !== undefined && nsOf(agent.name) !== '') {
      errors.push({
        path: ['agents', agent.name, 'oidc', 'users'],
        anchor: 'key',
        message: `users and groups live in the organization's namespace (the shared stack), and Vault does not document whether an OIDC assignment in namespace "${nsOf(agent.name)}" may list entities or groups of a parent namespace, so this sign-in is refused rather than left to fail`,
        fix: 'move the team out of its namespace (remove "namespace" from its file), or let its clients sign in no users',
      });
    }
  }
  if (topology.tokenExchange !== undefined) {
    errors.push({ path: ['tokenExchange'], anchor: 'key', message: 'the token-exchange engine (delegation) is not split into stacks yet', fix: 'keep delegation in a single-file topology for now, or remove tokenExchange' });
  }
  if (topology.resourceServers !== undefined && topology.resourceServers.length > 0) {
    errors.push({ path: ['resourceServers'], anchor: 'key', message: 'resource-server profiles (agent registry) are not split into stacks yet', fix: 'keep them in a single-file topology for now' });
  }
  errors.push(...cycleIssues(split), ...ceilingIssues(split));
  return { errors, warnings: [] };
}

function cycleIssues(split: OrganizationPlan): DraftIssue[] {
  const deps = new Map(split.stacks.map((s) => [s.name, s.dependsOn]));
  const onCycle = new Set<string>();
  for (const start of deps.keys()) {
    const seen = new Set<string>();
    const stack = [...(deps.get(start) ?? [])];
    while (stack.length > 0) {
      const n = stack.pop()!;
      if (n === start) onCycle.add(start);
      if (seen.has(n)) continue;
      seen.add(n);
      stack.push(...(deps.get(n) ?? []));
    }
  }
  if (onCycle.size === 0) return [];
  const issues: DraftIssue[] = [];
  for (const s of split.stacks) {
    if (!onCycle.has(s.name)) continue;
    const others = s.dependsOn.filter((d) => onCycle.has(d));
    const team = s.team!;
    issues.push({
      path: ['teams', team, 'shards'],
      anchor: 'key',
      message: `stack ${s.name} offers scopes of ${others.join(', ')} to its browser clients, and ${others.length === 1 ? 'that stack' : 'those stacks'} offer scopes of ${s.name} in turn: a provider needs its scopes to exist first, so the stacks cannot be deployed in any order`,
      fix: 'make the calls in one direction headless (identity tokens reference no scope object), or put the servers and their browser callers in one team',
    });
  }
  return issues;
}

function ceilingIssues(split: OrganizationPlan): DraftIssue[] {
  const issues: DraftIssue[] = [];
  const max = split.organization.maxResources;
  for (const s of split.stacks) {
    const clients = s.plan.key.allowedClients.length;
    if (s.resources <= max && clients <= MAX_KEY_CLIENTS) continue;
    const team = split.organization.teams.find((t) => t.name === s.team);
    const over = s.resources > max ? `${s.resources} resources, over stacks.maxResources ${max}` : `${clients} clients on its signing key, over ${MAX_KEY_CLIENTS}`;
    if (team === undefined) {
      issues.push({ path: ['users'], anchor: 'key', message: `the shared stack ${s.name} would hold ${over}`, fix: 'raise stacks.maxResources in org.yaml' });
      continue;
    }
    const teamStacks = split.stacks.filter((t) => t.team === team.name);
    const total = teamStacks.reduce((n, t) => n + t.resources, 0);
    const totalClients = teamStacks.reduce((n, t) => n + t.plan.key.allowedClients.length, 0);
    // Hashing spreads agents unevenly: aim at two thirds of each ceiling.
    const suggested = Math.max(team.shards + 1, Math.ceil(Math.max(total / (max * 0.66), totalClients / (MAX_KEY_CLIENTS * 0.66))));
    issues.push({
      path: ['teams', team.name, 'shards'],
      anchor: 'key',
      message: `stack ${s.name} of team "${team.name}" would hold ${over}`,
      fix: `set "shards: ${suggested}" in ${team.file} (this moves some of the team's agents to new stacks: review the move with vault-a2a diff), or raise stacks.maxResources in org.yaml`,
    });
  }
  return issues;
}

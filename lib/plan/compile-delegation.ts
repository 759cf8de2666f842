/**
 * The delegation part of the compiler (RFC 8693): may_act partitions, actor tokens and the
 * token-exchange engine. Pure, like `compile.ts`, which calls in here.
 *
 * Why partitions: a Vault scope template is the same text for every user, and a provider offers
 * all its scopes to all its clients. A user's may_act claim must list exactly the agents acting
 * for *that* user, so each client agent's users are grouped by their delegation set S(u) (the
 * actors acting for u), and each distinct S gets its own client + provider + assignment, the
 * provider offering the agent's grant scopes plus one may_act scope for S. Users with S = ∅ keep
 * the agent's own client; an agent none of whose users delegate is not split at all.
 *
 * Why one exchange role per (actor, partition): the plugin accepts one bound issuer per role and
 * does not itself read may_act. Binding each role to the issuer and client_id of a partition
 * whose users all delegate to the actor is what stops an actor from exchanging anyone else's
 * token; may_act states the same fact to resource servers.
 *
 * The delegation bound: a token an actor A obtains for user U carries grants(A) ∩ grants(U),
 * where grants(U) is everything U could obtain by signing in through any client agent listing
 * U (groups expanded). The plugin cannot tell the users of one partition apart, so with an
 * exchange engine the partitions are split further, by that bound for each actor: every role's
 * `context` is then exact for all the users it accepts. A role whose bound is empty is not
 * created: the actor can do nothing for those users (validation warns).
 */
import { DEFAULT_MAY_ACT_FORM, type MayActForm, type NormalizedAgent, type NormalizedMembers, type NormalizedTopology } from '../topology/normalized';
import {
  actorTokenRoleName,
  boundTag,
  entityName,
  exchangeIssuer,
  exchangeRoleName,
  exchangeTokenPath,
  groupName,
  identityTokenPath,
  MAY_ACT_CLAIM,
  partitionName,
  scopeName,
} from './naming';
import type {
  ActorPlan,
  ClientPlan,
  DelegationPlan,
  ExchangeRolePlan,
  Grant,
  MayActScopePlan,
  PartitionBound,
  SignInPartitionPlan,
  TokenExchangePlan,
} from './types';
import { compareStrings, uniqueSorted } from '../vault/order';
import { agentTtlSeconds } from './lifetimes';
import { withAgentClaim } from './agent-claims';

/** The claim an actor token carries its grants under. */
export const ACTOR_GRANTS_CLAIM = 'actor_grants';

const EXCHANGE_KEY_SIZE = 2048;

/** Users named directly plus every member of the listed groups (groups are fully managed). */
export function expandMembers(topology: NormalizedTopology, members: NormalizedMembers): string[] {
  const viaGroups = topology.users.filter((u) => u.groups.some((g) => members.groups.includes(g))).map((u) => u.name);
  return uniqueSorted([...members.users, ...viaGroups]);
}

/** S(u) for every user: the actors acting for u, sorted. Users nobody acts for map to []. */
export function delegationSets(topology: NormalizedTopology): Map<string, string[]> {
  const sets = new Map<string, string[]>(topology.users.map((u) => [u.name, []]));
  for (const agent of topology.agents) {
    if (!agent.actsFor) continue;
    for (const user of expandMembers(topology, agent.actsFor)) sets.get(user)?.push(agent.name);
  }
  for (const [user, actors] of sets) sets.set(user, uniqueSorted(actors));
  return sets;
}

function grantScopes(agent: NormalizedAgent): string[] {
  return uniqueSorted(agent.calls.flatMap((call) => call.grants.map((g) => scopeName(call.agent, g.skill, g.action))));
}

/**
 * grants(U) for every user: the grant scopes of every client agent (oidc) whose users include U,
 * directly or through a group: what U can obtain by signing in. Users who sign in nowhere map to [].
 */
export function userGrants(topology: NormalizedTopology): Map<string, string[]> {
  const grants = new Map<string, string[]>(topology.users.map((u) => [u.name, []]));
  for (const agent of topology.agents) {
    if (!agent.oidc) continue;
    const scopes = grantScopes(agent);
    for (const user of expandMembers(topology, agent.oidc.members)) grants.get(user)?.push(...scopes);
  }
  for (const [user, scopes] of grants) grants.set(user, uniqueSorted(scopes));
  return grants;
}

/** The delegation bound of `user` for each actor: the actor's grants the user can also obtain. */
function boundsOf(actors: readonly string[], user: string, actorGrants: ReadonlyMap<string, readonly string[]>, ofUser: ReadonlyMap<string, readonly string[]>): PartitionBound[] {
  const obtainable = new Set(ofUser.get(user) ?? []);
  return actors.map((actor) => ({ actor, scopes: (actorGrants.get(actor) ?? []).filter((s) => obtainable.has(s)) }));
}

/** True when the bound takes nothing away: every actor keeps all of its grants. */
function unbounded(bounds: readonly PartitionBound[], actorGrants: ReadonlyMap<string, readonly string[]>): boolean {
  return bounds.every((b) => b.scopes.length === (actorGrants.get(b.actor) ?? []).length);
}

function compileActor(topology: NormalizedTopology, agent: NormalizedAgent & { actsFor: NormalizedMembers }): ActorPlan {
  const scopes = grantScopes(agent);
  return {
    agent: agent.name,
    entity: entityName(agent.name),
    users: expandMembers(topology, agent.actsFor),
    tokenRole: {
      name: actorTokenRoleName(agent.name),
      agent: agent.name,
      scopes,
      template: withAgentClaim(JSON.stringify({ [ACTOR_GRANTS_CLAIM]: scopes })),
      ttlSeconds: agentTtlSeconds(topology, agent, 'identityTokenSeconds'),
    },
  };
}

/**
 * Each client agent's users grouped by delegation set and, when delegated tokens are minted
 * (`actorGrants` given, i.e. with an exchange engine), by their bound for each actor too.
 */
function compilePartitions(
  topology: NormalizedTopology,
  sets: ReadonlyMap<string, readonly string[]>,
  actorGrants: ReadonlyMap<string, readonly string[]> | undefined,
): SignInPartitionPlan[] {
  const ofUser = userGrants(topology);
  return topology.agents.flatMap((agent): SignInPartitionPlan[] => {
    if (!agent.oidc) return [];
    const byKey = new Map<string, { actors: readonly string[]; bounds?: PartitionBound[]; users: string[] }>();
    for (const user of expandMembers(topology, agent.oidc.members)) {
      const actors = sets.get(user) ?? [];
      const bounds = actorGrants && actors.length > 0 ? boundsOf(actors, user, actorGrants, ofUser) : undefined;
      const key = `${actors.join(',')}|${(bounds ?? []).map((b) => `${b.actor}=${b.scopes.join(' ')}`).join(';')}`;
      const partition = byKey.get(key) ?? { actors, ...(bounds ? { bounds } : {}), users: [] };
      partition.users.push(user);
      byKey.set(key, partition);
    }
    if ([...byKey.values()].every((p) => p.actors.length === 0)) return [];
    // External groups' members are unknown at synth time and delegate nothing (validation refuses
    // them in actsFor): they sign in through the partition without actors.
    const external = new Set((topology.externalGroups ?? []).map((g) => g.name));
    const externalGroups = agent.oidc.members.groups.filter((g) => external.has(g));
    if (externalGroups.length > 0 && !byKey.has('|')) byKey.set('|', { actors: [], users: [] });
    return [...byKey.entries()].map(([key, { actors, bounds, users }]) => {
      const tag = bounds && !unbounded(bounds, actorGrants!) ? boundTag(bounds) : undefined;
      const client = partitionName(agent.name, actors, tag);
      return {
        agent: agent.name,
        client,
        actors,
        users: uniqueSorted(users),
        ...(key === '|' && externalGroups.length > 0 ? { externalGroups } : {}),
        ...(actors.length > 0 ? { mayActScope: client } : {}),
        ...(bounds ? { bounds } : {}),
      };
    });
  });
}

function compileMayActScope(partition: SignInPartitionPlan, form: MayActForm): MayActScopePlan {
  return {
    name: partition.client,
    claim: MAY_ACT_CLAIM,
    form,
    actors: partition.actors.map((agent) => ({ agent, entity: entityName(agent), tokenRole: actorTokenRoleName(agent) })),
    description: `may_act (RFC 8693) for users of ${partition.agent} who delegate to ${partition.actors.join(', ')}`,
  };
}

function compileTokenExchange(topology: NormalizedTopology, partitions: readonly SignInPartitionPlan[]): TokenExchangePlan | undefined {
  const spec = topology.tokenExchange;
  if (!spec) return undefined;
  const subjects = partitions.filter((p) => p.actors.length > 0);
  if (subjects.length === 0) {
    throw new Error('compileTokenExchange: no user who delegates signs in anywhere (validation should have refused the topology)');
  }
  const urls = new Map(topology.agents.map((a) => [a.name, a.url]));
  // Scope → URL of the server it is a grant on: the delegated token's `aud` lists exactly those.
  const serverUrl = new Map<string, string>();
  for (const agent of topology.agents)
    for (const call of agent.calls)
      for (const g of call.grants) {
        const url = urls.get(call.agent);
        if (url !== undefined) serverUrl.set(scopeName(call.agent, g.skill, g.action), url);
      }
  const roles = subjects.flatMap((p) =>
    (p.bounds ?? [])
      // An empty bound: the actor can obtain nothing for these users, so it gets no role.
      .filter((b) => b.scopes.length > 0)
      .map(
        (b): ExchangeRolePlan => ({
          name: exchangeRoleName(b.actor, p.client),
          actor: b.actor,
          partition: p.client,
          users: p.users,
          context: b.scopes,
          audiences: uniqueSorted(b.scopes.flatMap((s) => serverUrl.get(s) ?? [])),
          ttlSeconds: spec.ttlSeconds,
        }),
      ),
  );
  return {
    mount: spec.mount,
    plugin: spec.plugin,
    issuer: spec.issuer ?? exchangeIssuer(topology.vault.address, topology.vault.namespace, spec.mount),
    defaultTtlSeconds: spec.ttlSeconds,
    subjectJwksProvider: subjects.map((p) => p.client).sort(compareStrings)[0],
    key: { name: topology.name, algorithm: 'RS256', keySize: EXCHANGE_KEY_SIZE },
    roles: roles.sort((a, b) => compareStrings(a.name, b.name)),
  };
}

/** The delegation plan, or undefined when no agent acts for anybody. */
export function compileDelegation(topology: NormalizedTopology): DelegationPlan | undefined {
  const actorAgents = topology.agents.filter((a): a is NormalizedAgent & { actsFor: NormalizedMembers } => a.actsFor !== undefined);
  if (actorAgents.length === 0) return undefined;
  const actors = actorAgents.map((a) => compileActor(topology, a)).sort((a, b) => compareStrings(a.agent, b.agent));
  // Delegated tokens exist only with an exchange engine; only then do partitions split by the bound.
  const actorGrants = topology.tokenExchange ? new Map(actors.map((a) => [a.agent, a.tokenRole.scopes])) : undefined;
  const partitions = compilePartitions(topology, delegationSets(topology), actorGrants).sort((a, b) => compareStrings(a.client, b.client));
  const tokenExchange = compileTokenExchange(topology, partitions);
  return {
    actors,
    partitions,
    mayActScopes: partitions.filter((p) => p.actors.length > 0).map((p) => compileMayActScope(p, topology.delegation?.mayActForm ?? DEFAULT_MAY_ACT_FORM)),
    ...(tokenExchange ? { tokenExchange } : {}),
  };
}

/** Replaces the client of every split agent by one client per sign-in partition. */
export function partitionClients(clients: readonly ClientPlan[], delegation: DelegationPlan | undefined): ClientPlan[] {
  const out = clients.flatMap((client): ClientPlan[] => {
    const parts = delegation ? (partitionIndex(delegation.partitions).byAgent.get(client.name) ?? []) : [];
    if (parts.length === 0) return [client];
    return parts.map((p) => ({
      ...client,
      name: p.client,
      // Entities, not groups: a group whose members delegate differently cannot be split.
      assignment: { name: p.client, entities: p.users.map(entityName), groups: (p.externalGroups ?? []).map(groupName) },
      provider: { name: p.client, scopes: uniqueSorted([...client.provider.scopes, ...(p.mayActScope ? [p.mayActScope] : [])]) },
    }));
  });
  return out.sort((a, b) => compareStrings(a.name, b.name));
}

/** The agent a Vault client belongs to: itself, or the agent a partition was split from. */
export function clientOwner(delegation: DelegationPlan | undefined, client: string): string {
  return partitionOfClient(delegation, client)?.agent ?? client;
}

/**
 * The partitions indexed by client (the first with that client, as `find` returns it) and by
 * agent (in order): callers ask once per client, which by scanning grew with the square of the
 * topology. Keyed by the (readonly) array, rebuilt if its length changed.
 */
interface PartitionIndex {
  readonly length: number;
  readonly byClient: ReadonlyMap<string, SignInPartitionPlan>;
  readonly byAgent: ReadonlyMap<string, SignInPartitionPlan[]>;
}

const partitionIndexes = new WeakMap<readonly SignInPartitionPlan[], PartitionIndex>();

function partitionIndex(partitions: readonly SignInPartitionPlan[]): PartitionIndex {
  const known = partitionIndexes.get(partitions);
  if (known && known.length === partitions.length) return known;
  const byClient = new Map<string, SignInPartitionPlan>();
  const byAgent = new Map<string, SignInPartitionPlan[]>();
  for (const p of partitions) {
    if (!byClient.has(p.client)) byClient.set(p.client, p);
    const ofAgent = byAgent.get(p.agent);
    if (ofAgent) ofAgent.push(p);
    else byAgent.set(p.agent, [p]);
  }
  const index = { length: partitions.length, byClient, byAgent };
  partitionIndexes.set(partitions, index);
  return index;
}

/** The sign-in partition whose Vault client is `client`, if any. */
function partitionOfClient(delegation: DelegationPlan | undefined, client: string): SignInPartitionPlan | undefined {
  return delegation ? partitionIndex(delegation.partitions).byClient.get(client) : undefined;
}

/** Why a user or group may sign in through `client` (owned by `owner`). */
export function signInReason(delegation: DelegationPlan | undefined, client: string, owner: string): string {
  const partition = partitionOfClient(delegation, client);
  const listed = `listed in agents.${owner}.oidc.users`;
  if (!partition) return listed;
  return partition.actors.length === 0
    ? `${listed}; delegates to nobody`
    : `${listed}; delegates to exactly ${partition.actors.join(', ')}`;
}

export function clientSecretReason(delegation: DelegationPlan | undefined, client: string): string {
  const partition = partitionOfClient(delegation, client);
  if (!partition) return 'reads its own OIDC client id and secret';
  const who = partition.actors.length === 0 ? 'who delegate to nobody' : `who delegate to ${partition.actors.join(', ')}`;
  return `reads the OIDC client id and secret of its sign-in partition for users ${who}`;
}

/** Identity-token roles the key must sign for besides the call roles. */
export function actorTokenRoles(delegation: DelegationPlan | undefined): string[] {
  return (delegation?.actors ?? []).map((a) => a.tokenRole.name);
}

function actsForReason(topology: NormalizedTopology, actor: string, user: string): string {
  const members = topology.agents.find((a) => a.name === actor)?.actsFor;
  if (members?.users.includes(user)) return `listed in agents.${actor}.actsFor`;
  const groups = topology.users.find((u) => u.name === user)?.groups.filter((g) => members?.groups.includes(g)) ?? [];
  return `member of ${groups.map((g) => `group:${g}`).join(', ')} listed in agents.${actor}.actsFor`;
}

export function delegationGrants(topology: NormalizedTopology, delegation: DelegationPlan | undefined): Grant[] {
  if (!delegation) return [];
  const grants: Grant[] = [];
  for (const actor of delegation.actors) {
    const principal = { kind: 'agent' as const, name: actor.agent };
    grants.push({
      kind: 'vault-path',
      principal,
      path: identityTokenPath(actor.tokenRole.name),
      capabilities: ['read'],
      reason: 'mints its actor token (sub = its entity id) for delegation',
    });
    grants.push({ kind: 'actor-token', principal, role: actor.tokenRole.name, scopes: actor.tokenRole.scopes, reason: 'acts for users (RFC 8693)' });
    for (const user of actor.users) {
      const clients = delegation.partitions.filter((p) => p.actors.includes(actor.agent) && p.users.includes(user)).map((p) => p.client);
      grants.push({ kind: 'act-for', principal, user, clients, reason: actsForReason(topology, actor.agent, user) });
    }
  }
  const exchange = delegation.tokenExchange;
  for (const role of exchange?.roles ?? []) {
    grants.push({
      kind: 'vault-path',
      principal: { kind: 'agent', name: role.actor },
      path: exchangeTokenPath(exchange!.mount, role.name),
      capabilities: ['create', 'update'],
      reason: `exchanges ID tokens from ${role.partition} (${role.users.join(', ')}) for delegated tokens carrying ${role.context.join(', ')}`,
    });
  }
  return grants;
}

/**
 * The registry part of the compiler (scenario 5): registered agents, their ceilings, the
 * resource-server profiles, and the `authorization_details` each registered agent's tokens should
 * carry. Pure, like compile.ts; everything is derived from the agent's own policy, so a ceiling
 * and a RAR list can never name a path the agent was not granted.
 */
import type { NormalizedAgent, NormalizedTopology } from '../topology/normalized';
import type { NormalizedRegistration } from '../topology/normalized-registry';
import { ceilingPolicyName, entityName, PATH_ACCESS_DETAIL_TYPE, registrationName, resourceServerProfileName } from './naming';
import { compareStrings } from '../vault/order';
import type {
  AgentAuthorizationDetailsPlan,
  JwtEntityAliasPlan,
  CeilingPlan,
  CeilingPolicyPlan,
  RegistrationPlan,
  RegistryPlan,
  ResourceServerProfilePlan,
} from './registry-types';
import type { PolicyPlan, PolicyRule } from './types';

type RegisteredAgent = NormalizedAgent & { readonly registry: NormalizedRegistration };

function registered(topology: NormalizedTopology): RegisteredAgent[] {
  // Agents are sorted by name in a normalized topology, so every list below is too.
  return topology.agents.filter((agent): agent is RegisteredAgent => agent.registry !== undefined);
}

/**
 * Each agent's policy (the first, as `find` returns it), indexed once: looked up per agent by
 * scanning, it grew with the square of the topology. Cached per (readonly) policy list.
 */
const policyIndexes = new WeakMap<readonly PolicyPlan[], { readonly length: number; readonly byAgent: ReadonlyMap<string, PolicyPlan> }>();

export function policiesByAgent(policies: readonly PolicyPlan[]): ReadonlyMap<string, PolicyPlan> {
  const known = policyIndexes.get(policies);
  if (known && known.length === policies.length) return known.byAgent;
  const byAgent = new Map<string, PolicyPlan>();
  for (const p of policies) if (!byAgent.has(p.agent)) byAgent.set(p.agent, p);
  policyIndexes.set(policies, { length: policies.length, byAgent });
  return byAgent;
}

/** The agent's own policy rules (merged and sorted by path), or none without Vault grants. */
function rulesOf(agent: string, policies: readonly PolicyPlan[]): readonly PolicyRule[] {
  return policiesByAgent(policies).get(agent)?.rules ?? [];
}

function ceilingOf(agent: RegisteredAgent): CeilingPlan {
  const ceiling = agent.registry.ceiling;
  return ceiling.kind === 'derived'
    ? { kind: 'derived', policy: ceilingPolicyName(agent.name) }
    : { kind: 'explicit', policies: ceiling.policies, reason: ceiling.reason };
}

function compileRegistration(agent: RegisteredAgent): RegistrationPlan {
  const { owner, description, authorizationDetails } = agent.registry;
  return {
    agent: agent.name,
    displayName: registrationName(agent.name),
    entity: entityName(agent.name),
    ...(owner !== undefined ? { owner } : {}),
    ...(description !== undefined ? { description } : {}),
    ceiling: ceilingOf(agent),
    noDefaultCeilingPolicy: true,
    authorizationDetails,
  };
}

function compileProfiles(topology: NormalizedTopology): ResourceServerProfilePlan[] {
  return (topology.resourceServers ?? []).map((server) => ({ ...server, name: resourceServerProfileName(server.name), noDefaultPolicy: true }));
}

export function compileRegistry(topology: NormalizedTopology, policies: readonly PolicyPlan[]): RegistryPlan | undefined {
  const agents = registered(topology);
  const resourceServerProfiles = compileProfiles(topology);
  if (agents.length === 0 && resourceServerProfiles.length === 0) return undefined;
  const ceilingPolicies: CeilingPolicyPlan[] = agents
    .filter((agent) => agent.registry.ceiling.kind === 'derived')
    .map((agent) => ({ name: ceilingPolicyName(agent.name), agent: agent.name, rules: rulesOf(agent.name, policies) }));
  const authorizationDetails: AgentAuthorizationDetailsPlan[] = agents.map((agent) => ({
    agent: agent.name,
    authorizationDetails: agent.registry.authorizationDetails,
    entries: rulesOf(agent.name, policies).map((rule) => ({ type: PATH_ACCESS_DETAIL_TYPE, path: rule.path, capabilities: rule.capabilities })),
  }));
  const servers = new Map((topology.resourceServers ?? []).map((s) => [s.name, s]));
  const entityAliases: JwtEntityAliasPlan[] = agents
    .flatMap((agent) =>
      (agent.registry.subjects ?? []).flatMap(({ resourceServer, subject }): JwtEntityAliasPlan[] => {
        const accessor = servers.get(resourceServer)?.entityAliases;
        return accessor === undefined ? [] : [{ agent: agent.name, entity: entityName(agent.name), resourceServer, name: subject, accessor }];
      }),
    )
    .sort((a, b) => compareStrings(a.resourceServer, b.resourceServer) || compareStrings(a.agent, b.agent));
  return {
    registrations: agents.map(compileRegistration),
    ceilingPolicies,
    resourceServerProfiles,
    authorizationDetails,
    ...(entityAliases.length > 0 ? { entityAliases } : {}),
  };
}

/**
 * The entities resource-server JWTs resolve to hold the agent's own policy: Vault takes "the
 * entity's policies" as the caller's baseline (docs/agent-registry.md). Exactly the policy its
 * login gives, so no token of the agent can do more than before.
 */
export function jwtBaselinePolicies(registry: RegistryPlan | undefined, policies: readonly PolicyPlan[]): ReadonlyMap<string, readonly string[]> {
  const out = new Map<string, readonly string[]>();
  for (const alias of registry?.entityAliases ?? []) {
    const policy = policiesByAgent(policies).get(alias.agent);
    if (policy) out.set(alias.entity, [policy.name]);
  }
  return out;
}

/** `{ registry }` when the topology registers an agent or trusts a resource server, else `{}`. */
export function registryField(topology: NormalizedTopology, policies: readonly PolicyPlan[]): { readonly registry?: RegistryPlan } {
  const registry = compileRegistry(topology, policies);
  return registry === undefined ? {} : { registry };
}

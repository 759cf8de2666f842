/**
 * Independent oracles for delegation tests: what a topology *declares* (computed straight from
 * the normalized topology, not with the compiler's helpers) and what a plan *grants* (read off
 * the plan's clients, providers and scopes the way Vault would evaluate them).
 */
import type { AccessPlan } from '../../lib/plan/types';
import type { NormalizedTopology } from '../../lib/topology/normalized';

/** user → sorted actors whose actsFor names the user directly or through one of their groups. */
export function declaredActors(topology: NormalizedTopology): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const user of topology.users) {
    const actors = topology.agents
      .filter((a) => a.actsFor && (a.actsFor.users.includes(user.name) || user.groups.some((g) => a.actsFor!.groups.includes(g))))
      .map((a) => a.name)
      .sort();
    out.set(user.name, actors);
  }
  return out;
}

/** client agent → sorted users who may sign in through it, per the topology. */
export function declaredSignIn(topology: NormalizedTopology): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const agent of topology.agents) {
    if (!agent.oidc) continue;
    const { users, groups } = agent.oidc.members;
    out.set(agent.name, topology.users.filter((u) => users.includes(u.name) || u.groups.some((g) => groups.includes(g))).map((u) => u.name).sort());
  }
  return out;
}

/** The scopes an agent's calls grant, written out here as `<server>.<skill>.<action>`, sorted. */
function callScopes(agent: NormalizedTopology['agents'][number]): string[] {
  return agent.calls.flatMap((c) => c.grants.map((g) => `${c.agent}.${g.skill}.${g.action}`)).sort();
}

/** user → sorted grant scopes of every client agent the user may sign in through: what they can obtain themselves. */
export function declaredUserGrants(topology: NormalizedTopology): Map<string, string[]> {
  const signIn = declaredSignIn(topology);
  return new Map(
    topology.users.map((u) => [
      u.name,
      [...new Set(topology.agents.filter((a) => signIn.get(a.name)?.includes(u.name)).flatMap(callScopes))].sort(),
    ]),
  );
}

/** actor → sorted grant scopes of its own calls. */
export function declaredActorGrants(topology: NormalizedTopology): Map<string, string[]> {
  return new Map(topology.agents.filter((a) => a.actsFor).map((a) => [a.name, [...new Set(callScopes(a))].sort()]));
}

/** The Vault clients belonging to client agent `agent`: its own name or its may-act partitions (`may-act` or `may-act-<bound>`). */
export function clientsOfAgent(plan: AccessPlan, agent: string): string[] {
  return plan.clients.map((c) => c.name).filter((name) => name === agent || name.startsWith(`${agent}.may-act.`) || name.startsWith(`${agent}.may-act-`));
}

export interface Reach {
  /** Vault clients of the agent this user is assigned to. */
  readonly clients: readonly string[];
  /** Union of may_act actors over the scopes those clients' providers offer. */
  readonly actors: readonly string[];
}

/**
 * user → client agent → what the plan lets that user reach: assignment membership (entities,
 * and groups through the plan's group members) and the may_act entries of every may_act scope
 * the client's provider offers.
 */
export function reachableMayAct(plan: AccessPlan): Map<string, Map<string, Reach>> {
  const mayAct = new Map((plan.delegation?.mayActScopes ?? []).map((s) => [s.name, s.actors.map((a) => a.agent)]));
  const groupMembers = new Map(plan.groups.map((g) => [g.name, g.members]));
  const users = plan.entities.filter((e) => e.kind === 'user').map((e) => e.name);
  const agents = [...new Set(plan.clients.map((c) => c.name.split('.')[0]))];
  const out = new Map<string, Map<string, Reach>>();
  for (const user of users) {
    const perAgent = new Map<string, Reach>();
    for (const agent of agents) {
      const clients = plan.clients.filter(
        (c) =>
          clientsOfAgent(plan, agent).includes(c.name) &&
          (c.assignment.entities.includes(user) || c.assignment.groups.some((g) => groupMembers.get(g)?.includes(user))),
      );
      if (clients.length === 0) continue;
      const actors = new Set(clients.flatMap((c) => c.provider.scopes.flatMap((s) => mayAct.get(s) ?? [])));
      perAgent.set(agent, { clients: clients.map((c) => c.name).sort(), actors: [...actors].sort() });
    }
    out.set(user, perAgent);
  }
  return out;
}

/**
 * Property: for random topologies split into random teams (and shards), every stack of the
 * organization holds exactly its part of the plan: the access facts of each synthesized stack
 * equal those of `modelFromPlan` of its plan, in both directions, and the stacks together give
 * every agent's objects exactly once.
 *
 * Delegation (actors acting for users and groups, sign-in partitions, token exchange) and the
 * agent registry are generated too, with their agents in one team's stack, where they are built
 * (and only there). Moving one of those agents to another team spreads them over two stacks,
 * which the directory refuses at each `actsFor` / `registry` with the stacks and agents named
 * (docs/organization.md, "Delegation and the agent registry").
 */
import { Testing } from 'cdktf';
import fc from 'fast-check';
import { accessOf, parsePoliciesSync } from '../../lib/analysis/analyze';
import { accessFacts } from '../../lib/analysis/facts';
import { compareFacts } from '../../lib/analysis/facts-compare';
import { modelFromPlan } from '../../lib/analysis/model-from-plan';
import { readStack } from '../../lib/analysis/stack';
import { AgentOrganization } from '../../lib/constructs/organization';
import { compile } from '../../lib/plan/compile';
import { delegationAgents, organizationIssues, organizationPlan, registryAgents } from '../../lib/plan/organization';
import { normalizeTopology } from '../../lib/topology';
import type { NormalizedAgent, NormalizedTeam, NormalizedTopology } from '../../lib/topology/normalized';
import { arbitraryTopology } from '../review/arbitrary-topology';
import { delegationShape, topologyOf } from '../support/delegation-arbitrary';
import { synthesizable } from '../support/synthesizable';

const CHECKS_OFF = { enabled: false, reason: 'the property compares facts itself' } as const;

/** The random topology without delegation or the registry (this test adds them itself), with names Vault accepts. */
function synthesizableWithout(t: NormalizedTopology): NormalizedTopology {
  return synthesizable({ ...t, agents: t.agents.map(({ actsFor: _a, registry: _r, ...a }) => a) });
}

const REGISTERED: NormalizedAgent['registry'] = { ceiling: { kind: 'derived' }, authorizationDetails: { kind: 'required' } };

function team(name: string, agents: readonly string[], shards = 1): NormalizedTeam {
  return { name, file: `teams/${name}.yaml`, shards, agents: [...agents].sort() };
}

function organizationOf(t: NormalizedTopology, teams: readonly NormalizedTeam[]): NormalizedTopology {
  return { ...t, organization: { directory: 'org', file: 'org/org.yaml', backend: { type: 'local' }, maxResources: 5000, teams: teams.filter((x) => x.agents.length > 0) } };
}

/** `agent` moved from its team to team "x" (a new team file). */
function moved(t: NormalizedTopology, agent: string): NormalizedTopology {
  const teams = t.organization!.teams.map((x) => ({ ...x, agents: x.agents.filter((a) => a !== agent) }));
  return organizationOf(t, [...teams, team('x', [agent])]);
}

/**
 * Random topologies in three teams (team a sharded at random); some agents with a login are
 * registered in the agent registry, and all of those are in team c (one stack).
 */
const organizations = fc
  .tuple(
    arbitraryTopology.map(synthesizableWithout),
    fc.array(fc.nat({ max: 2 }), { minLength: 30, maxLength: 30 }),
    fc.integer({ min: 1, max: 3 }),
    // Two in three agents with a login registered: most runs register several (then also spread).
    fc.array(fc.constantFrom(true, true, false), { minLength: 10, maxLength: 10 }),
  )
  .map(([t, teamOf, shards, registers]): NormalizedTopology => {
    const { tokenExchange: _x, resourceServers: _rs, delegation: _d, ...rest } = t;
    const agents = t.agents.map((a, j) => (a.login !== undefined && registers[j % registers.length] ? { ...a, registry: REGISTERED } : a));
    const teamIndex = (a: NormalizedAgent, j: number) => (a.registry !== undefined ? 2 : teamOf[j % teamOf.length]!);
    const teams = ['a', 'b', 'c'].map((name, i) => team(name, agents.filter((a, j) => teamIndex(a, j) === i).map((a) => a.name), i === 0 ? shards : 1));
    return organizationOf({ ...rest, agents }, teams);
  });

/** Random delegation topologies: the client agents and actors in team d, the server they call in team d or in team s. */
const delegationOrganizations = fc.tuple(delegationShape, fc.boolean()).map(([shape, apart]): NormalizedTopology => {
  const t = normalizeTopology(topologyOf(shape));
  const names = t.agents.map((a) => a.name);
  return organizationOf(t, [team('d', names.filter((n) => !apart || n !== 'srv')), team('s', apart ? ['srv'] : [])]);
});

/** Each stack's effective facts against its plan's intended facts; returns the organization. */
function expectFactsPerStack(topology: NormalizedTopology): AgentOrganization {
  const org = new AgentOrganization(Testing.app(), { topology, checks: CHECKS_OFF });
  const agentsSeen: string[] = [];
  for (const [name, stack] of org.stacks) {
    const synthesized = readStack(JSON.parse(Testing.synth(stack)), { name });
    const effective = accessFacts(accessOf(synthesized, parsePoliciesSync(synthesized)).model);
    const intended = accessFacts(modelFromPlan(stack.plan));
    const { extra, missing } = compareFacts(intended, effective);
    expect([name, ...extra.map((d) => `extra   ${d.principal} ${d.key}`), ...missing.map((d) => `missing ${d.principal} ${d.key}`)]).toEqual([name]);
    agentsSeen.push(...stack.plan.entities.filter((e) => e.kind === 'agent').map((e) => e.name));
  }
  expect(agentsSeen.sort()).toEqual(topology.agents.filter((a) => a.login !== undefined).map((a) => a.name).sort());
  return org;
}

/** The stacks holding a part of the plan: exactly `expected` (a stack name), or none when the whole plan has none. */
function holders(org: AgentOrganization, part: 'delegation' | 'registry'): string[] {
  return [...org.stacks].filter(([, s]) => s.plan[part] !== undefined).map(([n]) => n);
}

/**
 * Spreading `linked` agents over two stacks (one moved to team x) is refused at each agent's
 * `field`, naming both stacks with their agents, and the fix of putting them in one team file.
 */
function expectSpreadRefused(topology: NormalizedTopology, linked: readonly string[], field: 'actsFor' | 'registry', pick: number): void {
  const agent = linked[pick % linked.length]!;
  const spread = moved(topology, agent);
  const split = organizationPlan(spread, compile(spread));
  const refused = organizationIssues(spread, split).errors.filter((e) => e.path[2] === field);
  const at = spread.agents.filter((a) => a[field] !== undefined).map((a) => a.name);
  expect(refused.map((e) => e.path)).toEqual(at.map((a) => ['agents', a, field]));
  const org = topology.name;
  for (const e of refused) {
    expect(e.message).toContain(`${org}.x (${agent})`);
    expect(e.message).toMatch(field === 'actsFor' ? /^delegation links .* which works only within one stack; these agents are in several stacks: / : /^the agent registry .* and the registered agents are in several: /);
    expect(e.fix).toMatch(new RegExp(`^put ${linked.join(', ')} in one team file \\(they are in (teams/\\w\\.yaml, )*teams/x\\.yaml\\)`));
  }
}

test("random organizations with the agent registry in one team: each stack's effective facts equal its plan's intended facts; spread over two teams, refused", () => {
  let registries = 0;
  let spreads = 0;
  fc.assert(
    fc.property(organizations, fc.nat(), (topology, pick) => {
      const split = organizationPlan(topology, compile(topology));
      // Browser calls in a circle between teams are refused (organizationIssues): nothing to build.
      fc.pre(organizationIssues(topology, split).errors.length === 0);
      const org = expectFactsPerStack(topology);
      const registered = registryAgents(split.plan);
      if (split.plan.registry === undefined) return;
      registries++;
      expect(holders(org, 'registry')).toEqual([`${topology.name}.c`]);
      if (registered.length < 2) return;
      spreads++;
      expectSpreadRefused(topology, registered, 'registry', pick);
    }),
    { numRuns: 15 },
  );
  // Not vacuous: runs register agents, and some several (then spread and refused).
  expect(Math.min(registries, spreads)).toBeGreaterThan(0);
});

test("random delegation organizations (actors, partitions, token exchange) in one team: each stack's effective facts equal its plan's intended facts; spread over two teams, refused", () => {
  let delegations = 0;
  fc.assert(
    fc.property(delegationOrganizations, fc.nat(), (topology, pick) => {
      const split = organizationPlan(topology, compile(topology));
      expect(organizationIssues(topology, split).errors).toEqual([]);
      const org = expectFactsPerStack(topology);
      if (split.plan.delegation === undefined) return;
      delegations++;
      expect(holders(org, 'delegation')).toEqual([`${topology.name}.d`]);
      expectSpreadRefused(topology, delegationAgents(split.plan), 'actsFor', pick);
    }),
    { numRuns: 10 },
  );
  expect(delegations).toBeGreaterThan(0);
});

/**
 * Property: for random topologies split into random teams (and shards), every stack of the
 * organization holds exactly its part of the plan: the access facts of each synthesized stack
 * equal those of `modelFromPlan` of its plan, in both directions, and the stacks together give
 * every agent's objects exactly once.
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
import { organizationIssues, organizationPlan } from '../../lib/plan/organization';
import type { NormalizedTopology } from '../../lib/topology/normalized';
import { arbitraryTopology } from '../review/arbitrary-topology';

const CHECKS_OFF = { enabled: false, reason: 'the property compares facts itself' } as const;

/** Names that end in "-" are valid topology names but not Vault names (see intent-property.test.ts). */
function synthesizable(t: NormalizedTopology): NormalizedTopology {
  const n = (name: string) => (name.endsWith('-') ? `${name}X` : name);
  const members = (m: { users: readonly string[]; groups: readonly string[] }) => ({ users: m.users.map(n), groups: m.groups.map(n) });
  return {
    ...t,
    users: t.users.map((u) => ({ ...u, name: n(u.name), alias: n(u.alias), groups: u.groups.map(n) })),
    groups: t.groups.map((g) => ({ ...g, name: n(g.name) })),
    agents: t.agents.map(({ actsFor: _a, registry: _r, ...a }) => ({
      ...a,
      name: n(a.name),
      calls: a.calls.map((c) => ({ ...c, agent: n(c.agent) })),
      ...(a.oidc ? { oidc: { ...a.oidc, members: members(a.oidc.members) } } : {}),
    })),
  };
}

const organizations = fc
  .tuple(arbitraryTopology.map(synthesizable), fc.array(fc.nat({ max: 2 }), { minLength: 30, maxLength: 30 }), fc.integer({ min: 1, max: 3 }))
  .map(([t, teamOf, shards]): NormalizedTopology => {
    const { tokenExchange: _x, resourceServers: _rs, delegation: _d, ...rest } = t;
    const teams = ['a', 'b', 'c'].map((name, i) => ({
      name,
      file: `teams/${name}.yaml`,
      shards: i === 0 ? shards : 1,
      agents: t.agents.map((agent, j) => ({ agent: agent.name, team: teamOf[j % teamOf.length]! })).filter((x) => x.team === i).map((x) => x.agent).sort(),
    }));
    return { ...rest, organization: { directory: 'org', file: 'org/org.yaml', backend: { type: 'local' }, maxResources: 5000, teams } };
  });

test('random organizations: each stack\'s effective facts equal its plan\'s intended facts', () => {
  fc.assert(
    fc.property(organizations, (topology) => {
      const split = organizationPlan(topology, compile(topology));
      // Browser calls in a circle between teams are refused (organizationIssues): nothing to build.
      fc.pre(organizationIssues(topology, split).errors.length === 0);
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
    }),
    { numRuns: 15 },
  );
});

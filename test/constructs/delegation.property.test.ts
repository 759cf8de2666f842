/**
 * Property, on synthesized Terraform JSON: for random delegation topologies, every user reaches,
 * through every client agent they can sign in to, exactly one Vault client whose provider's
 * may_act scopes name exactly their declared actors; every exchange role is bound to a provider
 * and client whose users all delegated to its actor and carries only grants both its actor holds
 * and each of those users can obtain (A2A-DELEGATION-BOUND passes); only actors' policies touch
 * the engine.
 * Synthesis is the slow part (~0.1 s), so fewer runs than the plan-level property.
 */
import { quoteTemplateParameters } from '../../lib/vault/identity-template';
import { Testing } from 'cdktf';
import fc from 'fast-check';
import { AgentTopologyStack } from '../../lib/constructs/stack';
import { normalizeTopology } from '../../lib/topology';
import { checkStackSync } from '../../lib/checks/check';
import { delegationBound } from '../../lib/checks/rules/delegation-bound';
import { declaredActorGrants, declaredActors, declaredSignIn } from '../support/delegation';
import { delegationShape, topologyOf } from '../support/delegation-arbitrary';
import { SynthIndex } from '../support/delegation-synth';
import type { TerraformJson } from '../support/synth';
import { assertAcyclic } from '../support/terraform-graph';

test('may_act reachable per user equals the declared delegations, and exchange roles follow them', () => {
  fc.assert(
    fc.property(delegationShape, (shape) => {
      const topology = normalizeTopology(topologyOf(shape));
      const stack = new AgentTopologyStack(Testing.app(), 'prop', { topology });
      const json = JSON.parse(Testing.synth(stack)) as TerraformJson;
      assertAcyclic(json);
      const index = new SynthIndex(json);
      // may_act has the topology's form: RFC 8693's one object (default), or the list form.
      const form = topology.delegation?.mayActForm ?? 'rfc8693';
      for (const scope of Object.values(json.resource?.vault_identity_oidc_scope ?? {})) {
        // Vault template parameters ({{identity.entity.name}}) stand unquoted: quote them to read the JSON.
        const claims = JSON.parse(quoteTemplateParameters(scope.template as string).json) as { may_act?: unknown };
        if (claims.may_act !== undefined) expect(Array.isArray(claims.may_act)).toBe(form === 'array');
      }
      const declared = declaredActors(topology);
      const signIn = declaredSignIn(topology);
      const reach = index.reach(topology.users.map((u) => u.name));
      for (const user of topology.users.map((u) => u.name)) {
        for (const [agent, members] of signIn) {
          const got = reach.get(user)?.get(agent);
          if (!members.includes(user)) {
            expect(got).toBeUndefined();
            continue;
          }
          expect(got?.clients).toHaveLength(1);
          expect(got?.actors).toEqual(declared.get(user));
        }
      }
      const roles = index.exchangeRoles();
      for (const role of roles) {
        expect(role.issuerProvider).toBeDefined();
        expect(role.audienceClients).toEqual([index.providerClient(role.issuerProvider!)]);
        for (const user of index.admitted(role.audienceClients[0])) expect(declared.get(user)).toContain(role.actor);
      }
      // The delegation bound, read back from the JSON: every scope a role puts in a delegated
      // token is one its actor holds and one each user it accepts can obtain by signing in.
      const actorGrants = declaredActorGrants(topology);
      for (const role of roles) {
        const context = role.data.context as string[];
        expect(context.length).toBeGreaterThan(0);
        for (const scope of context) expect(actorGrants.get(role.actor)).toContain(scope);
        for (const user of index.admitted(role.audienceClients[0])) for (const scope of context) expect(index.obtainableScopes(user)).toContain(scope);
      }
      // ...and the rule that says so, on the same stack, with no topology.
      expect(checkStackSync(json as object, { rules: [delegationBound] })).toEqual([]);
      const roleNames = roles.map((r) => r.path.replace(/^.*\/role\//, ''));
      for (const [agent, rules] of index.policyRulesByAgent()) {
        const engine = rules.filter(([path]) => path.startsWith('delegation/'));
        for (const [path, caps] of engine) {
          expect(caps).toEqual(['create', 'update']);
          const role = path.replace('delegation/token/', '');
          expect(roleNames).toContain(role);
          expect(roles.find((r) => r.path.endsWith(`/role/${role}`))?.actor).toBe(agent);
        }
        if (!topology.agents.find((a) => a.name === agent)?.actsFor) expect(engine).toEqual([]);
      }
    }),
    { numRuns: 40 },
  );
});

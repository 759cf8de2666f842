/**
 * Property: for random delegation topologies (users in random groups, client agents with random
 * members, actors acting for random users and groups), the plan gives every user, through every
 * client agent they can sign in to, exactly one Vault client whose provider's may_act scopes name
 * exactly the actors the topology declares for that user; and every exchange role accepts only
 * tokens of users who delegated to its actor and carries exactly the delegation bound (the actor's
 * grants ∩ the user's), while every declared delegation with a non-empty bound has its role.
 */
import fc from 'fast-check';
import { compile } from '../../lib/plan/compile';
import { exchangeTokenPath } from '../../lib/plan/naming';
import { normalizeTopology } from '../../lib/topology';
import { declaredActorGrants, declaredActors, declaredSignIn, declaredUserGrants, reachableMayAct } from '../support/delegation';
import { delegationShape as shape, topologyOf } from '../support/delegation-arbitrary';

test('every user reaches, through every client agent they can use, exactly their declared actors in may_act', () => {
  fc.assert(
    fc.property(shape, (s) => {
      const topology = normalizeTopology(topologyOf(s)); // throws if the generator made an invalid topology
      const plan = compile(topology);
      const declared = declaredActors(topology);
      const signIn = declaredSignIn(topology);
      const reach = reachableMayAct(plan);
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
    }),
    { numRuns: 150 },
  );
});

test('exchange roles accept only tokens of users who delegated to their actor, carry exactly the bound, and every delegation with a bound has one', () => {
  fc.assert(
    fc.property(shape, (s) => {
      const topology = normalizeTopology(topologyOf(s));
      const plan = compile(topology);
      const exchange = plan.delegation?.tokenExchange;
      if (!exchange) {
        expect(plan.policies.flatMap((p) => p.rules).every((r) => r.path.startsWith('identity/'))).toBe(true);
        return;
      }
      const declared = declaredActors(topology);
      const userGrants = declaredUserGrants(topology);
      const actorGrants = declaredActorGrants(topology);
      const bound = (actor: string, user: string) => actorGrants.get(actor)!.filter((g) => userGrants.get(user)!.includes(g));
      const clients = new Map(plan.clients.map((c) => [c.name, c]));
      for (const role of exchange.roles) {
        const client = clients.get(role.partition)!;
        expect(client.assignment.groups).toEqual([]);
        expect(client.assignment.entities).toEqual(role.users);
        expect(role.context.length).toBeGreaterThan(0);
        for (const user of role.users) {
          expect(declared.get(user)).toContain(role.actor);
          // The delegated token carries exactly grants(actor) ∩ grants(user), for every user it accepts.
          expect(role.context).toEqual(bound(role.actor, user));
        }
        expect(role.audiences).toEqual(['https://srv.example.com']);
      }
      const reach = reachableMayAct(plan);
      for (const [user, actors] of declared) {
        for (const { clients: [client] } of reach.get(user)?.values() ?? []) {
          for (const actor of actors) {
            const has = exchange.roles.some((r) => r.actor === actor && r.partition === client);
            expect(has).toBe(bound(actor, user).length > 0);
          }
        }
      }
      // Only actors may write to the engine, each exactly to its own roles.
      for (const policy of plan.policies) {
        const writes = policy.rules.filter((r) => r.path.startsWith(`${exchange.mount}/`)).map((r) => r.path);
        const own = exchange.roles.filter((r) => r.actor === policy.agent).map((r) => exchangeTokenPath(exchange.mount, r.name));
        expect(writes).toEqual(own.sort());
      }
    }),
    { numRuns: 150 },
  );
});

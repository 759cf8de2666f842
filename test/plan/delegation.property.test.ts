/**
 * Property: for random delegation topologies (users in random groups, client agents with random
 * members, actors acting for random users and groups), the plan gives every user, through every
 * client agent they can sign in to, exactly one Vault client whose provider's may_act scopes name
 * exactly the actors the topology declares for that user; and every exchange role accepts only
 * tokens of users who delegated to its actor, while every declared delegation has its role.
 */
import fc from 'fast-check';
import { compile } from '../../lib/plan/compile';
import { exchangeTokenPath } from '../../lib/plan/naming';
import { normalizeTopology, type Topology } from '../../lib/topology';
import { declaredActors, declaredSignIn, reachableMayAct } from '../support/delegation';

interface Shape {
  readonly users: number;
  readonly userGroups: readonly (readonly number[])[];
  readonly groups: number;
  readonly clients: readonly { readonly users: readonly number[]; readonly groups: readonly number[] }[];
  readonly actors: readonly { readonly users: readonly number[]; readonly groups: readonly number[] }[];
  readonly exchange: boolean;
}

const indexSet = (max: number) => fc.uniqueArray(fc.nat({ max: max - 1 }), { maxLength: max });

const shape: fc.Arbitrary<Shape> = fc
  .record({ users: fc.integer({ min: 1, max: 6 }), groups: fc.integer({ min: 1, max: 3 }) })
  .chain(({ users, groups }) =>
    fc.record({
      users: fc.constant(users),
      groups: fc.constant(groups),
      userGroups: fc.array(indexSet(groups), { minLength: users, maxLength: users }),
      clients: fc.array(fc.record({ users: indexSet(users), groups: indexSet(groups) }), { minLength: 1, maxLength: 3 }),
      actors: fc.array(fc.record({ users: indexSet(users), groups: indexSet(groups) }), { minLength: 1, maxLength: 3 }),
      exchange: fc.boolean(),
    }),
  );

/** Builds a valid topology: actsFor entries that no validation rule would accept are dropped. */
function topologyOf(s: Shape): Topology {
  const user = (i: number) => `u${i}`;
  const group = (i: number) => `g${i}`;
  const membersOf = (g: number) => [...Array(s.users).keys()].filter((u) => s.userGroups[u].includes(g));
  const clients = s.clients.filter((c) => c.users.length + c.groups.length > 0);
  const signsIn = (u: number) => clients.some((c) => c.users.includes(u) || c.groups.some((g) => s.userGroups[u].includes(g)));
  const agents: Topology['agents'] = {
    srv: { url: 'https://srv.example.com', skills: [{ id: 'work', actions: ['do'] }] },
  };
  clients.forEach((c, i) => {
    agents[`c${i}`] = {
      login: { mount: 'ar' },
      oidc: { redirectUris: [`https://c${i}.example.com/cb`], users: [...c.users.map(user), ...c.groups.map((g) => `group:${group(g)}`)] },
    };
  });
  let anyActor = false;
  s.actors.forEach((a, i) => {
    const actsFor = [
      ...a.users.filter(signsIn).map(user),
      ...a.groups.filter((g) => membersOf(g).some(signsIn)).map((g) => `group:${group(g)}`),
    ];
    anyActor ||= actsFor.length > 0;
    agents[`a${i}`] = { login: { mount: 'ar' }, headless: true, calls: [{ agent: 'srv', grants: ['work:do'] }], ...(actsFor.length ? { actsFor } : {}) };
  });
  return {
    version: 1,
    name: 'prop',
    vault: { address: 'https://vault.example.com:8200' },
    authMounts: { ar: { type: 'approle', path: 'approle' }, up: { type: 'userpass', path: 'userpass' } },
    users: Object.fromEntries([...Array(s.users).keys()].map((u) => [user(u), { mount: 'up', groups: s.userGroups[u].map(group) }])),
    groups: Object.fromEntries([...Array(s.groups).keys()].map((g) => [group(g), {}])),
    agents,
    ...(s.exchange && anyActor ? { tokenExchange: { mount: 'delegation', plugin: 'vault-plugin-identity-delegation' } } : {}),
  };
}

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

test('exchange roles accept only tokens of users who delegated to their actor, and every delegation has one', () => {
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
      const clients = new Map(plan.clients.map((c) => [c.name, c]));
      for (const role of exchange.roles) {
        const client = clients.get(role.partition)!;
        expect(client.assignment.groups).toEqual([]);
        expect(client.assignment.entities).toEqual(role.users);
        for (const user of role.users) expect(declared.get(user)).toContain(role.actor);
      }
      const reach = reachableMayAct(plan);
      for (const [user, actors] of declared) {
        for (const { clients: [client] } of reach.get(user)?.values() ?? []) {
          for (const actor of actors) expect(exchange.roles.some((r) => r.actor === actor && r.partition === client)).toBe(true);
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

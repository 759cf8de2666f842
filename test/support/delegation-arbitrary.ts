/**
 * Random delegation topologies for property tests: users in random groups, client agents with
 * random members and random grants, actors with random grants acting for random users and
 * groups, may_act in either form. `topologyOf` drops the actsFor entries validation would
 * refuse, so every generated topology is valid. Grants are actions of one server's one skill, so
 * client and actor grants overlap by chance: the delegation bound (actor's grants ∩ the user's) is sometimes all of the
 * actor's grants, sometimes part of them, sometimes empty.
 */
import fc from 'fast-check';
import type { Topology } from '../../lib/topology';

/** The server's actions; grants index into this list. */
export const ACTIONS = ['read', 'write', 'admin'] as const;

export interface Shape {
  readonly users: number;
  readonly userGroups: readonly (readonly number[])[];
  readonly groups: number;
  readonly clients: readonly { readonly users: readonly number[]; readonly groups: readonly number[]; readonly grants: readonly number[] }[];
  readonly actors: readonly { readonly users: readonly number[]; readonly groups: readonly number[]; readonly grants: readonly number[] }[];
  readonly exchange: boolean;
  /** may_act shape: rfc8693 (one actor per user, the default) or array. */
  readonly mayActForm: 'rfc8693' | 'array';
}

const indexSet = (max: number) => fc.uniqueArray(fc.nat({ max: max - 1 }), { maxLength: max });
const grants = (minLength: number) => fc.uniqueArray(fc.nat({ max: ACTIONS.length - 1 }), { minLength, maxLength: ACTIONS.length });

export const delegationShape: fc.Arbitrary<Shape> = fc
  .record({ users: fc.integer({ min: 1, max: 6 }), groups: fc.integer({ min: 1, max: 3 }) })
  .chain(({ users, groups }) =>
    fc.record({
      users: fc.constant(users),
      groups: fc.constant(groups),
      userGroups: fc.array(indexSet(groups), { minLength: users, maxLength: users }),
      clients: fc.array(fc.record({ users: indexSet(users), groups: indexSet(groups), grants: grants(0) }), { minLength: 1, maxLength: 3 }),
      actors: fc.array(fc.record({ users: indexSet(users), groups: indexSet(groups), grants: grants(1) }), { minLength: 1, maxLength: 3 }),
      exchange: fc.boolean(),
      mayActForm: fc.constantFrom('rfc8693' as const, 'array' as const),
    }),
  );

const callsOf = (indexes: readonly number[]) =>
  indexes.length === 0 ? {} : { calls: [{ agent: 'srv', grants: [...indexes].sort().map((i) => `work:${ACTIONS[i]}`) }] };

/**
 * Builds a valid topology: actsFor entries that no validation rule would accept are dropped. In
 * the rfc8693 form (one party per may_act) an entry is also dropped when it would give a user who
 * signs in a second actor; the array form (written explicitly) keeps them all.
 */
export function topologyOf(s: Shape): Topology {
  const user = (i: number) => `u${i}`;
  const group = (i: number) => `g${i}`;
  const membersOf = (g: number) => [...Array(s.users).keys()].filter((u) => s.userGroups[u].includes(g));
  const clients = s.clients.filter((c) => c.users.length + c.groups.length > 0);
  const signsIn = (u: number) => clients.some((c) => c.users.includes(u) || c.groups.some((g) => s.userGroups[u].includes(g)));
  const agents: Topology['agents'] = {
    srv: { url: 'https://srv.example.com', skills: [{ id: 'work', actions: [...ACTIONS] }] },
  };
  clients.forEach((c, i) => {
    agents[`c${i}`] = {
      login: { mount: 'ar' },
      oidc: { redirectUris: [`https://c${i}.example.com/cb`], users: [...c.users.map(user), ...c.groups.map((g) => `group:${group(g)}`)] },
      ...callsOf(c.grants),
    };
  });
  let anyActor = false;
  const taken = new Set<number>();
  const free = (users: readonly number[]) => s.mayActForm === 'array' || users.filter(signsIn).every((u) => !taken.has(u));
  s.actors.forEach((a, i) => {
    const actsFor = [
      ...a.users.filter(signsIn).filter((u) => free([u])).map(user),
      ...a.groups.filter((g) => membersOf(g).some(signsIn) && free(membersOf(g))).map((g) => `group:${group(g)}`),
    ];
    for (const m of actsFor) for (const u of m.startsWith('group:') ? membersOf(Number(m.slice('group:g'.length))) : [Number(m.slice(1))]) taken.add(u);
    anyActor ||= actsFor.length > 0;
    agents[`a${i}`] = { login: { mount: 'ar' }, headless: true, ...callsOf(a.grants), ...(actsFor.length ? { actsFor } : {}) };
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
    ...(s.mayActForm === 'array' && anyActor ? { delegation: { mayActForm: 'array' as const } } : {}),
  };
}

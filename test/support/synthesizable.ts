/** Random topologies made synthesizable: names Vault accepts. */
import type { NormalizedTopology } from '../../lib/topology/normalized';

/**
 * The generator draws names from the topology alphabet, where a name may end in "-"; Vault names
 * may not. An "X" (never drawn: names are lower-case) appended to such names keeps them distinct.
 */
export function synthesizable(t: NormalizedTopology): NormalizedTopology {
  const n = (name: string) => (name.endsWith('-') ? `${name}X` : name);
  const members = (m: { users: readonly string[]; groups: readonly string[] }) => ({ users: m.users.map(n), groups: m.groups.map(n) });
  return {
    ...t,
    users: t.users.map((u) => ({ ...u, name: n(u.name), alias: n(u.alias), groups: u.groups.map(n) })),
    groups: t.groups.map((g) => ({ ...g, name: n(g.name) })),
    agents: t.agents.map((a) => ({
      ...a,
      name: n(a.name),
      calls: a.calls.map((c) => ({ ...c, agent: n(c.agent) })),
      ...(a.oidc ? { oidc: { ...a.oidc, members: members(a.oidc.members) } } : {}),
      ...(a.actsFor ? { actsFor: members(a.actsFor) } : {}),
    })),
  };
}

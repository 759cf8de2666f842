/**
 * A large valid topology for `npm run bench`: 20% server agents (2 skills × 2 actions), 50% browser
 * client agents (each calling 2 servers, signing in a group of users), 30% headless client agents
 * (each calling 2 servers). Deterministic: the same shape always gives the same topology.
 *
 * `changed: true` is the same topology after a change touching every tenth client agent (its
 * write grant moves to another server): the "new" side of the bench's `diff`.
 */
import type { Topology } from '../lib/topology/schema';

export interface BenchShape {
  readonly agents: number;
  readonly users: number;
  readonly changed?: boolean;
}

export function benchTopology({ agents, users, changed = false }: BenchShape): Topology {
  const servers = Math.max(2, Math.floor(agents * 0.2));
  const browser = Math.floor(agents * 0.5);
  const headless = Math.max(0, agents - servers - browser);
  const groups = Math.max(1, Math.floor(users / 10));
  const server = (i: number) => `server-${i % servers}`;
  const calls = (i: number) => [
    { agent: server(i), grants: ['read_data:read'] },
    { agent: server(changed && i % 10 === 0 ? i + 2 : i + 1), grants: ['write_data:write', 'read_data:list'] },
  ];
  const k8s = (name: string) => ({ mount: 'kubernetes', serviceAccount: name, namespace: 'agents', audience: 'vault' });
  const topologyAgents: Topology['agents'] = {};
  for (let i = 0; i < servers; i++) {
    topologyAgents[`server-${i}`] = {
      url: `https://server-${i}.example.com`,
      login: k8s(`server-${i}`),
      skills: [
        { id: 'read_data', actions: ['read', 'list'] },
        { id: 'write_data', actions: ['write'], public: false },
      ],
    };
  }
  for (let i = 0; i < browser; i++) {
    topologyAgents[`client-${i}`] = {
      login: k8s(`client-${i}`),
      oidc: { redirectUris: [`https://client-${i}.example.com/callback`], users: [`group:team-${i % groups}`] },
      calls: calls(i),
    };
  }
  for (let i = 0; i < headless; i++) {
    topologyAgents[`headless-${i}`] = { login: k8s(`headless-${i}`), headless: true, calls: calls(i + 7) };
  }
  return {
    version: 1,
    name: 'bench',
    vault: { address: 'https://vault.example.com:8200' },
    authMounts: { kubernetes: { type: 'kubernetes', path: 'kubernetes' }, userpass: { type: 'userpass', path: 'userpass' } },
    users: Object.fromEntries(Array.from({ length: users }, (_, i) => [`user-${i}`, { mount: 'userpass', groups: [`team-${i % groups}`] }])),
    groups: Object.fromEntries(Array.from({ length: groups }, (_, i) => [`team-${i}`, {}])),
    agents: topologyAgents,
  };
}

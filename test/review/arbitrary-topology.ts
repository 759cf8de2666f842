/**
 * fast-check generator of valid normalized topologies: server agents with skills, client agents
 * calling them through browser sign-in, identity tokens or both, users and groups signing in.
 * Built directly as normalized values (sorted, de-duplicated, references resolved), so it does not
 * depend on the loader; names are drawn from the full name alphabet, "-" and "_" included.
 */
import fc from 'fast-check';
import type { NormalizedAgent, NormalizedCall, NormalizedTopology } from '../../lib/topology/normalized';

const compare = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
const RESERVED = new Set(['default', 'root', 'allow_all']);
const name = fc.stringMatching(/^[a-z]([a-z0-9_-]{0,5}[a-z0-9_])?$/).filter((n) => !RESERVED.has(n));
const skillId = fc.stringMatching(/^[a-z][a-z0-9_]{0,5}$/);

function subset<T>(items: readonly T[], minLength = 0): fc.Arbitrary<T[]> {
  return fc.subarray([...items], { minLength: Math.min(minLength, items.length) });
}

export const arbitraryTopology: fc.Arbitrary<NormalizedTopology> = fc.gen().map((g) => {
  const names = g(() => fc.uniqueArray(name, { minLength: 3, maxLength: 10 }));
  // One pool, so agents and users never share a name (their Vault entities would).
  const serverCount = g(() => fc.integer({ min: 1, max: Math.min(3, names.length - 2) }));
  const clientCount = g(() => fc.integer({ min: 1, max: Math.min(4, names.length - serverCount) }));
  const serverNames = names.slice(0, serverCount);
  const clientNames = names.slice(serverCount, serverCount + clientCount);
  const userNames = names.slice(serverCount + clientCount);
  const groupNames = g(() => fc.uniqueArray(name.filter((n) => !names.includes(n)), { maxLength: 2 }));

  // Service accounts and hosts come from positions: agent names may end in "-" or hold "_".
  const servers: NormalizedAgent[] = serverNames.map((server, i) => ({
    name: server,
    url: `https://server${i}.example.com`,
    skills: g(() =>
      fc.uniqueArray(
        fc.record({ id: skillId, actions: fc.uniqueArray(skillId, { minLength: 1, maxLength: 3 }), public: fc.boolean() }),
        { minLength: 1, maxLength: 3, selector: (s) => s.id },
      ),
    )
      .map((s) => ({ ...s, actions: [...s.actions].sort(compare) }))
      .sort((a, b) => compare(a.id, b.id)),
    ...(g(() => fc.boolean()) ? { login: { kind: 'kubernetes' as const, mount: 'kubernetes', serviceAccount: `server${i}`, namespace: 'default' } } : {}),
    headless: false,
    calls: [],
  }));

  const users = userNames.map((user) => ({ name: user, mount: 'userpass', alias: user, groups: g(() => subset(groupNames)).sort(compare) }));
  const clients: NormalizedAgent[] = clientNames.map((client, i) => {
    const canSignIn = users.length + groupNames.length > 0;
    const calls: NormalizedCall[] = servers.flatMap((server, index) => {
      const grants = server.skills.flatMap((s) => s.actions.map((action) => ({ skill: s.id, action })));
      // Without anyone to sign in, a client that calls nobody would do nothing (invalid): give it a call.
      const chosen = g(() => subset(grants, !canSignIn && index === 0 ? 1 : 0));
      return chosen.length > 0 ? [{ agent: server.name, grants: chosen }] : [];
    }).sort((a, b) => compare(a.agent, b.agent));
    // Browser sign-in needs members; headless needs calls.
    const modes = [...(canSignIn ? (['oidc'] as const) : []), ...(calls.length > 0 ? (['headless'] as const) : []), ...(canSignIn && calls.length > 0 ? (['both'] as const) : [])];
    const mode = g(() => fc.constantFrom(...modes));
    const oidc = mode !== 'headless';
    const members = oidc ? g(() => subset([...users.map((u) => `u:${u.name}`), ...groupNames.map((n) => `g:${n}`)], 1)) : [];
    return {
      name: client,
      skills: [],
      login: { kind: 'kubernetes' as const, mount: 'kubernetes', serviceAccount: `client${i}`, namespace: 'default' },
      ...(oidc
        ? {
            oidc: {
              redirectUris: ['http://127.0.0.1:9998/callback'],
              members: {
                users: members.filter((m) => m.startsWith('u:')).map((m) => m.slice(2)).sort(compare),
                groups: members.filter((m) => m.startsWith('g:')).map((m) => m.slice(2)).sort(compare),
              },
            },
          }
        : {}),
      headless: mode !== 'oidc',
      calls,
    };
  });

  const namespace = g(() => fc.option(fc.constantFrom('team-a', 'org/team-b'), { nil: undefined }));
  return {
    name: 'generated',
    vault: { address: 'https://vault.example.com:8200', ...(namespace ? { namespace } : {}) },
    ttl: { accessTokenSeconds: 900, idTokenSeconds: 900, identityTokenSeconds: 900, loginTokenSeconds: 900 },
    mounts: [
      { name: 'kubernetes', type: 'kubernetes' as const, path: 'kubernetes' },
      { name: 'userpass', type: 'userpass' as const, path: 'userpass' },
    ],
    users: users.sort((a, b) => compare(a.name, b.name)),
    groups: [...groupNames].sort(compare).map((n) => ({ name: n })),
    agents: [...servers, ...clients].sort((a, b) => compare(a.name, b.name)),
  };
});

/**
 * Normalization: defaults, durations in seconds, sorting and de-duplication. The property: any
 * key order and any list order (every list in a topology is set-like) and repeated set entries
 * normalize to the same value, byte for byte.
 */
import fc from 'fast-check';
import { normalizeTopology, type Topology } from '../../lib/topology';

describe('defaults and conversions', () => {
  const minimal: Topology = {
    version: 1,
    vault: { address: 'https://vault.example.com:8200/' },
    authMounts: { up: { type: 'userpass', path: 'userpass' }, ar: { type: 'approle', path: 'approle' } },
    users: { bob: { mount: 'up' }, alice: { mount: 'up', alias: 'alice@example.com' } },
    agents: {
      server: { url: 'https://s.example.com', skills: [{ id: 'greet', actions: ['write', 'read'] }] },
      client: { headless: true, login: { mount: 'ar' }, calls: [{ agent: 'server', grants: ['greet:read'] }] },
      portal: {
        login: { mount: 'ar' },
        oidc: { redirectUris: ['https://b.example.com/cb', 'https://a.example.com/cb', 'https://b.example.com/cb'], users: ['bob', 'alice'] },
      },
    },
  };

  test('defaults are applied', () => {
    const t = normalizeTopology(minimal);
    expect(t.name).toBe('a2a');
    expect(t.ttl).toEqual({ accessTokenSeconds: 900, idTokenSeconds: 900, identityTokenSeconds: 900, loginTokenSeconds: 900 });
    expect(t.vault).toEqual({ address: 'https://vault.example.com:8200' });
    expect(t.users).toEqual([
      { name: 'alice', mount: 'up', alias: 'alice@example.com', groups: [] },
      { name: 'bob', mount: 'up', alias: 'bob', groups: [] },
    ]);
    const server = t.agents.find((a) => a.name === 'server');
    expect(server?.skills).toEqual([{ id: 'greet', actions: ['read', 'write'], public: true }]);
    expect(server?.headless).toBe(false);
    const portal = t.agents.find((a) => a.name === 'portal');
    expect(portal?.oidc).toEqual({
      redirectUris: ['https://a.example.com/cb', 'https://b.example.com/cb'],
      members: { users: ['alice', 'bob'], groups: [] },
    });
    expect(portal?.calls).toEqual([]);
  });

  test('durations become seconds', () => {
    const t = normalizeTopology({ ...minimal, defaults: { accessTokenTtl: '1h30m', idTokenTtl: 90, identityTokenTtl: '5m', loginTokenTtl: '24h' } });
    expect(t.ttl).toEqual({ accessTokenSeconds: 5400, idTokenSeconds: 90, identityTokenSeconds: 300, loginTokenSeconds: 86400 });
  });

  test('calls to the same agent are merged, grants sorted and de-duplicated', () => {
    const t = normalizeTopology({
      ...minimal,
      agents: {
        ...minimal.agents,
        client: {
          headless: true,
          login: { mount: 'ar' },
          calls: [
            { agent: 'server', grants: ['greet:write'] },
            { agent: 'server', grants: ['greet:read', 'greet:write'] },
          ],
        },
      },
    });
    expect(t.agents.find((a) => a.name === 'client')?.calls).toEqual([
      { agent: 'server', grants: [{ skill: 'greet', action: 'read' }, { skill: 'greet', action: 'write' }] },
    ]);
  });
});

// ---- property: order and repetition do not matter -------------------------------------------

const SERVERS = ['alpha', 'beta', 'gamma'] as const;
const SKILLS = ['search', 'summarize', 'translate'] as const;
const ACTIONS = ['admin', 'list', 'read', 'write'] as const;

const skillArb = fc.record({
  id: fc.constantFrom(...SKILLS),
  actions: fc.uniqueArray(fc.constantFrom(...ACTIONS), { minLength: 1 }),
  public: fc.option(fc.boolean(), { nil: undefined }),
});

const serversArb = fc.uniqueArray(fc.constantFrom(...SERVERS), { minLength: 1 }).chain((names) =>
  fc.tuple(...names.map((name) => fc.uniqueArray(skillArb, { selector: (s) => s.id, minLength: 1 }).map((skills) => ({ name, skills })))),
);

interface ClientShape {
  readonly name: string;
  readonly browser: boolean;
  readonly login: 'k8s' | 'spiffe' | 'ar';
  readonly pick: readonly boolean[];
  readonly redirects: readonly string[];
  readonly members: readonly string[];
}

const clientArb = (name: string): fc.Arbitrary<ClientShape> =>
  fc.record({
    name: fc.constant(name),
    browser: fc.boolean(),
    login: fc.constantFrom('k8s' as const, 'spiffe' as const, 'ar' as const),
    pick: fc.array(fc.boolean(), { minLength: 40, maxLength: 40 }),
    redirects: fc.uniqueArray(fc.constantFrom('https://a.example.com/cb', 'https://b.example.com/cb', 'http://127.0.0.1:9998/cb'), { minLength: 1 }),
    members: fc.uniqueArray(fc.constantFrom('alice', 'bob', 'group:ops', 'group:dev'), { minLength: 1 }),
  });

const topologyArb: fc.Arbitrary<Topology> = fc
  .tuple(serversArb, clientArb('c-one'), clientArb('c-two'), fc.option(fc.constantFrom('5m', 600, '1h'), { nil: undefined }))
  .map(([servers, ...rest]) => {
    const [one, two, ttl] = rest;
    const grants = servers.flatMap((s) => s.skills.flatMap((k) => k.actions.map((a) => ({ agent: s.name, grant: `${k.id}:${a}` }))));
    const agents: Record<string, Topology['agents'][string]> = {};
    for (const s of servers) agents[s.name] = { url: `https://${s.name}.example.com`, skills: s.skills };
    for (const c of [one, two]) {
      const chosen = grants.filter((_, i) => c.pick[i % c.pick.length]);
      const picked = chosen.length ? chosen : [grants[0]];
      agents[c.name] = {
        login:
          c.login === 'k8s'
            ? { mount: 'k8s', serviceAccount: c.name, namespace: 'agents' }
            : c.login === 'spiffe'
              ? { mount: 'spiffe', subject: `spiffe://example.org/${c.name}`, audiences: ['vault', 'a2a'] }
              : { mount: 'ar' },
        ...(c.browser ? { oidc: { redirectUris: [...c.redirects], users: [...c.members] } } : { headless: true }),
        calls: picked.map(({ agent, grant }) => ({ agent, grants: [grant] })),
      };
    }
    return {
      version: 1,
      vault: { address: 'https://vault.example.com' },
      ...(ttl !== undefined ? { defaults: { accessTokenTtl: ttl, identityTokenTtl: ttl } } : {}),
      authMounts: {
        k8s: { type: 'kubernetes', path: 'kubernetes' },
        spiffe: { type: 'jwt', path: 'jwt' },
        ar: { type: 'approle', path: 'approle' },
        up: { type: 'userpass', path: 'userpass' },
      },
      users: { alice: { mount: 'up', groups: ['ops'] }, bob: { mount: 'up', groups: ['dev', 'ops'] } },
      groups: { ops: {}, dev: { description: 'Developers' } },
      agents,
    } as Topology;
  });

/** Small deterministic PRNG (mulberry32) so one fast-check integer drives every shuffle. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function shuffled<T>(items: readonly T[], random: () => number): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
}

/** Lists where repeating an entry is allowed and means nothing. */
const REPEATABLE = new Set(['grants', 'redirectUris', 'audiences']);

/** Shuffles every map's keys and every list; repeats some entries of repeatable lists; splits calls. */
function perturb(value: unknown, random: () => number, key = ''): unknown {
  if (Array.isArray(value)) {
    let items = value.map((item) => perturb(item, random));
    if (REPEATABLE.has(key)) items = [...items, ...items.filter(() => random() < 0.3)];
    if (key === 'calls') {
      // A call with several grants may be written as several calls to the same agent.
      items = items.flatMap((call) => {
        const { agent, grants } = call as { agent: string; grants: string[] };
        return grants.length > 1 && random() < 0.5 ? grants.map((grant) => ({ agent, grants: [grant] })) : [call];
      });
    }
    return shuffled(items, random);
  }
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value).map(([k, v]) => [k, perturb(v, random, k)] as const);
    return Object.fromEntries(shuffled(entries, random));
  }
  return value;
}

test('key order, list order and repeated set entries do not change the normalized topology', () => {
  fc.assert(
    fc.property(topologyArb, fc.integer(), (topology, seed) => {
      const expected = normalizeTopology(topology);
      const actual = normalizeTopology(perturb(topology, prng(seed)) as Topology);
      expect(actual).toEqual(expected);
      expect(JSON.stringify(actual)).toBe(JSON.stringify(expected));
    }),
    { numRuns: 150 },
  );
});

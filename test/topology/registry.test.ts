/**
 * Agent registry and resource servers in the topology: the example loads to the hand-built
 * normalized topology, defaults are the secure ones, every exception keeps its reason, and
 * normalization is independent of key order and of how a PEM key is written.
 */
import { readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import Ajv2020 from 'ajv/dist/2020';
import fc from 'fast-check';
import { parse } from 'yaml';
import { normalizeTopology, topologyJsonSchema, validateTopologyFile, type Topology } from '../../lib/topology';
import { agentRegistry } from '../support/normalized';
import { EC_P256, RSA_2048, RSA_2048_PKCS1 } from '../support/registry-keys';
import { describeIssues } from './support';

const EXAMPLE = relative(process.cwd(), join(__dirname, '..', '..', 'examples', 'agent-registry', 'topology.yaml'));

/** A small valid topology with one registered headless client and the given resource servers. */
function topology(registry: NonNullable<Topology['agents'][string]['registry']>, resourceServers?: Topology['resourceServers']): Topology {
  return {
    version: 1,
    vault: { address: 'https://vault.example.com:8200' },
    authMounts: { k8s: { type: 'kubernetes', path: 'kubernetes' } },
    ...(resourceServers ? { resourceServers } : {}),
    agents: {
      server: { url: 'https://server.example.com', skills: [{ id: 'data', actions: ['read'] }] },
      client: {
        login: { mount: 'k8s', serviceAccount: 'client', namespace: 'default' },
        headless: true,
        registry,
        calls: [{ agent: 'server', grants: ['data:read'] }],
      },
    },
  };
}

const jwksServer = { issuer: 'https://idp.example.com', jwksUri: 'https://idp.example.com/keys', audiences: ['vault'] };

describe('examples/agent-registry', () => {
  test('loads to the hand-built normalized topology the compiler tests use', () => {
    const result = validateTopologyFile(EXAMPLE);
    if (!result.ok) throw new Error(describeIssues(result.issues));
    expect(result.topology).toEqual(agentRegistry());
  });

  test('is accepted by the published JSON Schema', () => {
    const validate = new Ajv2020({ strict: true, allErrors: true }).compile(topologyJsonSchema());
    expect(validate(parse(readFileSync(EXAMPLE, 'utf8')))).toBe(true);
  });
});

describe('secure defaults', () => {
  test('a bare registration: derived ceiling, RAR required', () => {
    const t = normalizeTopology(topology({}));
    expect(t.agents.find((a) => a.name === 'client')?.registry).toEqual({ ceiling: { kind: 'derived' }, authorizationDetails: { kind: 'required' } });
  });

  test('a minimal resource server: ES256 and PS256, no skew, sub, access tokens, RAR required', () => {
    const t = normalizeTopology(topology({}, { idp: jwksServer }));
    expect(t.resourceServers).toEqual([
      {
        name: 'idp',
        issuer: 'https://idp.example.com',
        keySource: { kind: 'jwks', uri: 'https://idp.example.com/keys' },
        audiences: ['vault'],
        algorithms: ['ES256', 'PS256'],
        clockSkewLeewaySeconds: 0,
        userClaim: 'sub',
        jwtType: 'access_token',
        authorizationDetails: { kind: 'required' },
      },
    ]);
  });

  test('no resource servers: the field is absent', () => {
    expect(normalizeTopology(topology({})).resourceServers).toBeUndefined();
  });

  test('the JSON Schema refuses a resource server without audiences, as the loader does', () => {
    const validate = new Ajv2020({ strict: true, allErrors: true }).compile(topologyJsonSchema());
    const { audiences: _, ...withoutAudiences } = jwksServer;
    expect(validate(topology({}, { idp: withoutAudiences as typeof jwksServer }))).toBe(false);
    expect(validate.errors?.map((e) => e.keyword)).toContain('required');
  });
});

describe('exceptions keep their reasons', () => {
  test('optional RAR on a registration', () => {
    const t = normalizeTopology(topology({ optionalAuthorizationDetails: true, reason: ' IdP client cannot add RAR until IAM-412 ' }));
    expect(t.agents.find((a) => a.name === 'client')?.registry?.authorizationDetails).toEqual({ kind: 'optional', reason: 'IdP client cannot add RAR until IAM-412' });
  });

  test('an explicit ceiling: sorted policies and the reason; RAR stays required', () => {
    const t = normalizeTopology(topology({ ceiling: ['ops-read', 'audit.read'], reason: 'shared ceiling reviewed in SEC-9', owner: 'ops' }));
    expect(t.agents.find((a) => a.name === 'client')?.registry).toEqual({
      owner: 'ops',
      ceiling: { kind: 'explicit', policies: ['audit.read', 'ops-read'], reason: 'shared ceiling reviewed in SEC-9' },
      authorizationDetails: { kind: 'required' },
    });
  });

  test('optional RAR on a resource server, with explicit settings', () => {
    const t = normalizeTopology(
      topology({}, {
        idp: { ...jwksServer, audiences: ['vault', 'api'], algorithms: ['PS256', 'ES256', 'RS256'], clockSkewLeeway: '45s', userClaim: 'client_id', jwtType: 'transaction_token', optionalAuthorizationDetails: true, reason: 'migration window' },
      }),
    );
    expect(t.resourceServers?.[0]).toMatchObject({
      audiences: ['api', 'vault'],
      algorithms: ['ES256', 'PS256', 'RS256'],
      clockSkewLeewaySeconds: 45,
      userClaim: 'client_id',
      jwtType: 'transaction_token',
      authorizationDetails: { kind: 'optional', reason: 'migration window' },
    });
  });

  test('TypeScript topologies get the same errors, by path', () => {
    expect(() => normalizeTopology(topology({ optionalAuthorizationDetails: true }))).toThrow(/agents\.client\.registry\.reason: is required/);
  });
});

describe('pinned keys', () => {
  const pinned = (pem: string, keyId = 'k1') => normalizeTopology(topology({}, { idp: { issuer: 'https://idp.example.com', audiences: ['vault'], publicKeys: [{ keyId, pem }] } }));

  test('are re-encoded as SPKI PEM: PKCS#1 and SPKI forms of one key normalize alike', () => {
    const spki = pinned(RSA_2048).resourceServers?.[0].keySource;
    expect(spki).toEqual({ kind: 'public-keys', keys: [{ keyId: 'k1', pem: RSA_2048 }] });
    expect(pinned(RSA_2048_PKCS1).resourceServers?.[0].keySource).toEqual(spki);
  });

  test('CRLF line ends and a missing final newline do not change the key', () => {
    expect(pinned(EC_P256.replace(/\n/g, '\r\n')).resourceServers?.[0].keySource).toEqual(pinned(EC_P256).resourceServers?.[0].keySource);
    expect(pinned(EC_P256.trimEnd()).resourceServers?.[0].keySource).toEqual(pinned(EC_P256).resourceServers?.[0].keySource);
  });

  test('are sorted by keyId', () => {
    const t = normalizeTopology(
      topology({}, { idp: { issuer: 'https://idp.example.com', audiences: ['vault'], publicKeys: [{ keyId: 'b', pem: EC_P256 }, { keyId: 'a', pem: RSA_2048 }] } }),
    );
    const source = t.resourceServers?.[0].keySource;
    expect(source?.kind === 'public-keys' ? source.keys.map((k) => k.keyId) : []).toEqual(['a', 'b']);
  });
});

describe('normalization does not depend on key or list order', () => {
  const base = (): Topology =>
    topology(
      { owner: 'team', ceiling: ['b-policy', 'a-policy'], optionalAuthorizationDetails: true, reason: 'r' },
      {
        one: { ...jwksServer, audiences: ['x', 'y'], algorithms: ['PS256', 'ES256'] },
        two: { issuer: 'https://two.example.com', audiences: ['z'], publicKeys: [{ keyId: 'k2', pem: RSA_2048 }, { keyId: 'k1', pem: EC_P256 }] },
      },
    );

  /** Deep copy with every map's keys and every set-like list shuffled by `seed`. */
  function shuffle(value: unknown, seed: number): unknown {
    const rotate = <T>(list: T[]): T[] => (list.length === 0 ? list : [...list.slice(seed % list.length), ...list.slice(0, seed % list.length)]);
    if (Array.isArray(value)) return rotate(value.map((v) => shuffle(v, seed)));
    if (value !== null && typeof value === 'object') {
      return Object.fromEntries(rotate(Object.entries(value)).map(([k, v]) => [k, shuffle(v, seed)]));
    }
    return value;
  }

  test('property: any rotation of keys and lists normalizes to the same value', () => {
    const expected = normalizeTopology(base());
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 50 }), (seed) => {
        const shuffled = shuffle(base(), seed) as Topology;
        expect(normalizeTopology(shuffled)).toEqual(expected);
      }),
      { numRuns: 25 },
    );
  });
});

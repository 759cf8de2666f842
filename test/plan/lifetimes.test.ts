/** The compiler applies the signing key's settings, per-agent TTLs and AppRole secret-id defaults. */
import { compile } from '../../lib/plan/compile';
import { normalizeTopology } from '../../lib/topology';

const base = {
  version: 1 as const,
  vault: { address: 'https://vault.example.com:8200' },
  authMounts: { k8s: { type: 'kubernetes' as const, path: 'kubernetes' }, ar: { type: 'approle' as const, path: 'approle' }, up: { type: 'userpass' as const, path: 'userpass' } },
  users: { alice: { mount: 'up' } },
};
const server = { url: 'https://hello.example.com', skills: [{ id: 's', actions: ['a'] }] };

describe('per-agent TTLs', () => {
  const plan = compile(
    normalizeTopology({
      ...base,
      defaults: { idTokenTtl: '20m', loginTokenTtl: '30m' },
      agents: {
        hello: server,
        chat: {
          ttl: { idTokenTtl: '5m', accessTokenTtl: '10m', loginTokenTtl: '10m' },
          login: { mount: 'k8s', serviceAccount: 'chat', namespace: 'apps', audience: 'vault' },
          oidc: { redirectUris: ['https://chat.example.com/cb'], users: ['alice'] },
          calls: [{ agent: 'hello', grants: ['s:a'] }],
        },
        batch: {
          ttl: { identityTokenTtl: '2m' },
          headless: true,
          login: { mount: 'ar' },
          calls: [{ agent: 'hello', grants: ['s:a'] }],
        },
      },
    }),
  );

  test("the agent's own TTLs reach its client, identity-token roles and login role; others keep the topology's", () => {
    expect(plan.clients.map((c) => [c.name, c.idTokenTtlSeconds, c.accessTokenTtlSeconds])).toEqual([['chat', 300, 600]]);
    expect(plan.identityTokenRoles.map((r) => [r.name, r.ttlSeconds])).toEqual([['batch.hello', 120]]);
    expect(plan.loginRoles.map((r) => [r.agent, r.tokenTtlSeconds, r.tokenMaxTtlSeconds])).toEqual([
      ['batch', 1800, 1800],
      ['chat', 600, 600],
    ]);
  });

  test('AppRole secret ids: 1h, and the logins an hour of login tokens needs plus one', () => {
    const batch = plan.loginRoles.find((r) => r.agent === 'batch')!;
    expect(batch.kind === 'approle' && batch.secretId).toEqual({ ttlSeconds: 3600, numUses: 3, boundCidrs: [] });
  });

  test('clients start at generation 1', () => {
    expect(plan.clients.map((c) => c.generation)).toEqual([1]);
  });
});

test('the signing key: defaults, and what the topology sets', () => {
  const topology = { ...base, agents: { hello: server } };
  expect(compile(normalizeTopology(topology)).key).toMatchObject({ algorithm: 'RS256', rotationPeriodSeconds: 86400, verificationTtlSeconds: 86400 });
  expect(compile(normalizeTopology({ ...topology, signingKey: { rotationPeriod: '6h', algorithm: 'EdDSA' } })).key).toMatchObject({
    algorithm: 'EdDSA',
    rotationPeriodSeconds: 21600,
    // A rotated-out key stays published for one rotation period unless verificationTtl says otherwise.
    verificationTtlSeconds: 21600,
  });
});

test('secret-id settings and a client generation are carried as written', () => {
  const plan = compile(
    normalizeTopology({
      ...base,
      agents: {
        hello: server,
        batch: {
          headless: true,
          login: { mount: 'ar', secretIdTtl: '30m', secretIdNumUses: 1, secretIdBoundCidrs: ['10.1.0.0/16'], tokenBoundCidrs: ['10.1.2.0/24'] },
          calls: [{ agent: 'hello', grants: ['s:a'] }],
        },
        chat: {
          login: { mount: 'k8s', serviceAccount: 'chat', namespace: 'apps', audience: 'vault' },
          oidc: { redirectUris: ['https://chat.example.com/cb'], users: ['alice'], clientGeneration: 3 },
          calls: [{ agent: 'hello', grants: ['s:a'] }],
        },
      },
    }),
  );
  const batch = plan.loginRoles.find((r) => r.agent === 'batch')!;
  expect(batch).toMatchObject({ kind: 'approle', secretId: { ttlSeconds: 1800, numUses: 1, boundCidrs: ['10.1.0.0/16'] }, tokenBoundCidrs: ['10.1.2.0/24'] });
  expect(plan.clients[0].generation).toBe(3);
});

/**
 * Credential lifetimes (issue #13, part 2): the signing key, per-agent TTLs bounded by the
 * topology's defaults, AppRole secret ids and CIDR bindings, and the OIDC client generation.
 * Each document has one mistake and gets exactly one issue, at its path and line:column.
 */
import { normalizeTopology } from '../../lib/topology';
import { rotateClientText } from '../../lib/topology/rotate-client';
import { callHello, doc, expectOneIssue, hello, k8sLogin, type OneMistakeCase } from './support';

const headlessClient = (...extra: string[]): string => ['  client:', '    headless: true', k8sLogin, callHello, ...extra].join('\n');
const approleClient = (login: string): string => ['  batch:', '    headless: true', `    login: { mount: ar, ${login} }`, callHello].join('\n');
const USERS = ['users:', '  alice: { mount: up }'].join('\n');

const cases: OneMistakeCase[] = [
  {
    title: 'signing key rotating more often than Vault allows',
    text: doc('signingKey: { rotationPeriod: 30s }', 'agents:', hello),
    path: 'signingKey.rotationPeriod',
    message: '"30s" is shorter than the 1m minimum',
    at: [8, 31],
    fix: 'Vault refuses a shorter rotation period',
  },
  {
    title: 'signing key rotating once a year',
    text: doc('signingKey: { rotationPeriod: 8760h }', 'agents:', hello),
    path: 'signingKey.rotationPeriod',
    message: '"8760h" is longer than the 720h maximum',
    at: [8, 31],
  },
  {
    title: 'verification window longer than ten rotations',
    text: doc('signingKey: { rotationPeriod: 1h, verificationTtl: 11h }', 'agents:', hello),
    path: 'signingKey.verificationTtl',
    message: 'longer than 10 rotation periods (10h); Vault refuses such a key',
    at: [8, 52],
  },
  {
    title: 'verification window shorter than the ID tokens it must verify',
    text: doc('defaults: { idTokenTtl: 2h }', 'signingKey: { rotationPeriod: 1h }', 'agents:', hello),
    path: 'signingKey.verificationTtl',
    message: 'defaults to the rotation period, 1h, which is shorter than defaults.idTokenTtl (2h)',
    at: [9, 13],
    fix: 'set verificationTtl to at least 2h',
  },
  {
    title: 'an ES256 key with the token-exchange plugin',
    text: doc(
      'signingKey: { algorithm: ES256 }',
      'agents:',
      hello,
      '  chat:',
      k8sLogin,
      '    oidc: { redirectUris: ["https://chat.example.com/cb"], users: [alice] }',
      callHello,
      '  sum:',
      '    headless: true',
      k8sLogin,
      callHello,
      '    actsFor: [alice]',
      USERS,
      'tokenExchange: { mount: identity-delegation, plugin: vault-plugin-identity-delegation }',
    ),
    path: 'signingKey.algorithm',
    message: 'ES256 cannot be used with tokenExchange',
    at: [8, 26],
    fix: 'use RS256',
  },
  {
    title: 'unknown signing algorithm',
    text: doc('signingKey: { algorithm: PS256 }', 'agents:', hello),
    path: 'signingKey.algorithm',
    message: 'must be one of RS256, RS384, RS512, ES256, ES384, ES512, EdDSA',
    at: [8, 26],
  },
  {
    title: "an agent's login token longer than the topology's",
    text: doc('agents:', hello, headlessClient('    ttl: { loginTokenTtl: 1h }')),
    path: 'agents.client.ttl.loginTokenTtl',
    message: '"1h" is longer than defaults.loginTokenTtl (15m, the default), the ceiling for every agent',
    at: [14, 27],
    fix: 'raise defaults.loginTokenTtl',
  },
  {
    title: "an agent's identity tokens longer than the topology's defaults",
    text: doc('defaults: { identityTokenTtl: 10m }', 'agents:', hello, headlessClient('    ttl: { identityTokenTtl: 20m }')),
    path: 'agents.client.ttl.identityTokenTtl',
    message: '"20m" is longer than defaults.identityTokenTtl (10m)',
    at: [15, 30],
  },
  {
    title: 'secret id settings on a kubernetes login',
    text: doc('agents:', hello, '  client:', '    headless: true', '    login: { mount: k8s, serviceAccount: client, namespace: default, secretIdTtl: 1h }', callHello),
    path: 'agents.client.login.secretIdTtl',
    message: 'is not allowed for a kubernetes login',
    at: [12, 70],
    fix: 'only AppRole logins have secret ids',
  },
  {
    title: 'secret ids living a week',
    text: doc('agents:', hello, approleClient('secretIdTtl: 168h')),
    path: 'agents.batch.login.secretIdTtl',
    message: '"168h" is longer than the 24h maximum',
    at: [12, 38],
    fix: 'a secret id is a bootstrap credential',
  },
  {
    title: 'secret ids with unlimited uses',
    text: doc('agents:', hello, approleClient('secretIdNumUses: 0')),
    path: 'agents.batch.login.secretIdNumUses',
    message: 'must be at least 1 (Vault reads 0 as unlimited uses)',
    at: [12, 42],
  },
  {
    title: 'a CIDR block that matches every address',
    text: doc('agents:', hello, approleClient('secretIdBoundCidrs: ["10.0.0.0/8", "0.0.0.0/0"]')),
    path: 'agents.batch.login.secretIdBoundCidrs[1]',
    message: '"0.0.0.0/0" matches every address, so it binds nothing',
    at: [12, 60],
  },
  {
    title: 'not a CIDR block',
    text: doc('agents:', hello, approleClient('tokenBoundCidrs: ["10.0.0.300/24"]')),
    path: 'agents.batch.login.tokenBoundCidrs[0]',
    message: '"10.0.0.300/24" is not a CIDR block',
    at: [12, 43],
  },
  {
    title: 'client generation 0',
    text: doc(
      'agents:',
      hello,
      '  chat:',
      k8sLogin,
      '    oidc: { redirectUris: ["https://chat.example.com/cb"], users: [alice], clientGeneration: 0 }',
      callHello,
      USERS,
    ),
    path: 'agents.chat.oidc.clientGeneration',
    message: 'must be at least 1',
    at: [12, 94],
  },
];

describe('one mistake, one issue', () => {
  test.each(cases)('$title', expectOneIssue);
});

describe('what a valid topology normalizes to', () => {
  const topology = normalizeTopology({
    version: 1,
    vault: { address: 'https://vault.example.com:8200' },
    defaults: { loginTokenTtl: '30m' },
    signingKey: { rotationPeriod: '6h', verificationTtl: '12h', algorithm: 'ES256' },
    authMounts: { ar: { type: 'approle', path: 'approle' } },
    agents: {
      hello: { url: 'https://hello.example.com', skills: [{ id: 's', actions: ['a'] }] },
      batch: {
        headless: true,
        ttl: { loginTokenTtl: '10m', identityTokenTtl: 300 },
        login: { mount: 'ar', secretIdTtl: '2h', secretIdBoundCidrs: ['10.2.0.0/16', '10.1.0.0/16'] },
        calls: [{ agent: 'hello', grants: ['s:a'] }],
      },
    },
  });

  test('the key, the agent TTLs and the AppRole settings in seconds, lists sorted', () => {
    expect(topology.signingKey).toEqual({ rotationPeriodSeconds: 21600, verificationTtlSeconds: 43200, algorithm: 'ES256' });
    const batch = topology.agents.find((a) => a.name === 'batch')!;
    expect(batch.ttl).toEqual({ loginTokenSeconds: 600, identityTokenSeconds: 300 });
    expect(batch.login).toEqual({ kind: 'approle', mount: 'ar', secretIdTtlSeconds: 7200, secretIdBoundCidrs: ['10.1.0.0/16', '10.2.0.0/16'] });
  });

  test('nothing is added for an agent or key that sets nothing', () => {
    const plain = normalizeTopology({ version: 1, vault: { address: 'https://vault.example.com:8200' }, agents: { hello: { url: 'https://hello.example.com', skills: [{ id: 's', actions: ['a'] }] } } });
    expect(plain).not.toHaveProperty('signingKey');
    expect(plain.agents[0]).not.toHaveProperty('ttl');
  });
});

describe('rotateClientText: the edit vault-a2a rotate-client makes', () => {
  const text = doc(
    'agents:',
    hello,
    '  chat:',
    k8sLogin,
    '    oidc: { redirectUris: ["https://chat.example.com/cb"], users: [alice] }   # sign-in',
    callHello,
    USERS,
  );

  test('a flow map gets ", clientGeneration: 2" before its "}", the comment after it stays', () => {
    const r = rotateClientText(text, 't.yaml', 'chat');
    expect(r.ok && r.text).toBe(text.replace('users: [alice] }', 'users: [alice], clientGeneration: 2 }'));
  });

  test('an existing generation is replaced in place', () => {
    const once = rotateClientText(text, 't.yaml', 'chat');
    const twice = once.ok ? rotateClientText(once.text, 't.yaml', 'chat') : once;
    expect(twice.ok && twice.text).toBe(text.replace('users: [alice] }', 'users: [alice], clientGeneration: 3 }'));
  });

  test('an invalid topology is refused with its own issues, never edited', () => {
    const r = rotateClientText(text.replace('users: [alice]', 'users: [alise]'), 't.yaml', 'chat');
    expect(r.ok).toBe(false);
    expect(!r.ok && r.issues[0].message).toContain('unknown user "alise"');
  });
});

import { compile } from '../../lib/plan/compile';
import type { AccessPlan, Grant } from '../../lib/plan/types';
import type { NormalizedTopology } from '../../lib/topology/normalized';
import { agent, headless, helloWorld } from '../support/normalized';

function vaultPathGrants(plan: AccessPlan): string[] {
  return plan.grants
    .filter((g): g is Extract<Grant, { kind: 'vault-path' }> => g.kind === 'vault-path')
    .map((g) => `${g.principal.name} ${g.capabilities.join(',')} ${g.path}`);
}

describe('compile: scenario 1 (browser sign-in)', () => {
  const plan = compile(helloWorld());

  test('one key, signing exactly the one client', () => {
    expect(plan.key).toEqual({
      name: 'hello-world',
      algorithm: 'RS256',
      rotationPeriodSeconds: 86400,
      verificationTtlSeconds: 86400,
      allowedClients: [{ kind: 'client', name: 'test-client' }],
    });
  });

  test('the client has its own provider offering exactly its grant', () => {
    expect(plan.clients).toEqual([
      {
        name: 'test-client',
        redirectUris: ['http://127.0.0.1:9998/callback', 'http://localhost:9998/callback'],
        clientType: 'confidential',
        idTokenTtlSeconds: 900,
        accessTokenTtlSeconds: 900,
        generation: 1,
        assignment: { name: 'test-client', entities: ['end-user'], groups: ['agent'] },
        provider: { name: 'test-client', scopes: ['a2a-agent.test-client', 'hello-world.hello_world.read'] },
      },
    ]);
  });

  test('one scope per grant, one claim per scope, named like the scope', () => {
    expect(plan.scopes).toEqual([
      {
        name: 'hello-world.hello_world.read',
        server: 'hello-world',
        skill: 'hello_world',
        action: 'read',
        claim: 'hello-world.hello_world.read',
        template: '{"hello-world.hello_world.read":true}',
        description: 'Grant hello_world:read on agent hello-world',
      },
    ]);
  });

  test('the client agent may read only its own client secret', () => {
    expect(vaultPathGrants(plan)).toEqual(['test-client read identity/oidc/client/test-client']);
    expect(plan.policies).toEqual([
      {
        name: 'a2a-agent-test-client',
        agent: 'test-client',
        rules: [{ path: 'identity/oidc/client/test-client', capabilities: ['read'], reason: 'reads its own OIDC client id and secret' }],
      },
    ]);
  });

  test('the login role binds one service account and attaches only the agent policy', () => {
    expect(plan.loginRoles).toEqual([
      {
        kind: 'kubernetes',
        agent: 'test-client',
        roleName: 'test-client',
        mount: 'kubernetes',
        mountPath: 'kubernetes',
        serviceAccount: 'test-client',
        namespace: 'default',
        audience: 'vault',
        policies: ['a2a-agent-test-client'],
        tokenTtlSeconds: 900,
        tokenMaxTtlSeconds: 900,
      },
    ]);
  });

  test('entities, aliases and groups', () => {
    expect(plan.entities).toEqual([
      { name: 'end-user', kind: 'user', alias: { mount: 'userpass', name: { kind: 'static', value: 'end-user' } } },
      {
        name: 'test-client',
        kind: 'agent',
        alias: { mount: 'kubernetes', name: { kind: 'static', value: 'default/test-client' } },
        // What its token templates read: its name (it has no owner).
        metadata: { a2a_agent: 'test-client' },
      },
    ]);
    expect(plan.groups).toEqual([{ name: 'agent', members: ['end-user'] }]);
    expect(plan.mounts.map((m) => m.name)).toEqual(['kubernetes', 'userpass']);
  });

  test('sign-in and scope grants explain who can do what', () => {
    expect(plan.grants.filter((g) => g.kind !== 'vault-path')).toEqual([
      { kind: 'scope', principal: { kind: 'agent', name: 'test-client' }, client: 'test-client', scope: 'hello-world.hello_world.read', server: 'hello-world', grant: 'hello_world:read', reason: 'calls hello-world with hello_world:read' },
      { kind: 'sign-in', principal: { kind: 'group', name: 'agent' }, client: 'test-client', reason: 'listed in agents.test-client.oidc.users' },
      { kind: 'sign-in', principal: { kind: 'user', name: 'end-user' }, client: 'test-client', reason: 'listed in agents.test-client.oidc.users' },
    ]);
  });

  test('no identity tokens, so no identity issuer is configured', () => {
    expect(plan.identityTokenRoles).toEqual([]);
    expect(plan.identityTokenIssuer).toBeUndefined();
    expect(plan.vault).toEqual({ address: 'https://vault.example.com:8200', issuerHost: 'vault.example.com:8200' });
  });
});

describe('compile: scenario 2 (headless)', () => {
  const plan = compile(headless());

  test('one identity-token role for the (client, server) pair, carrying the grant claim', () => {
    expect(plan.identityTokenRoles).toEqual([
      {
        name: 'test-client.hello-world',
        agent: 'test-client',
        server: 'hello-world',
        scopes: ['hello-world.hello_world.read'],
        template: '{"hello-world.hello_world.read":true,"a2a_agent":{"name":{{identity.entity.metadata.a2a_agent}},"owner":{{identity.entity.metadata.a2a_owner}},"type":"headless"}}',
        ttlSeconds: 900,
      },
    ]);
    expect(plan.key.allowedClients).toEqual([{ kind: 'identity-token-role', name: 'test-client.hello-world' }]);
    expect(plan.identityTokenIssuer).toBe('https://vault.example.com:8200');
  });

  test('no OIDC client, provider or scope is created for a headless-only topology', () => {
    expect(plan.clients).toEqual([]);
    expect(plan.scopes).toEqual([]);
  });

  test('client may mint only its own token; server may only introspect', () => {
    expect(vaultPathGrants(plan)).toEqual([
      'hello-world update identity/oidc/introspect',
      'test-client read identity/oidc/token/test-client.hello-world',
    ]);
    expect(plan.loginRoles.map((r) => [r.agent, r.policies])).toEqual([
      ['hello-world', ['a2a-agent-hello-world']],
      ['test-client', ['a2a-agent-test-client']],
    ]);
  });

  test('a server without a login verifies with published keys and gets no policy', () => {
    const t = headless();
    const noLogin: NormalizedTopology = {
      ...t,
      agents: t.agents.map((a) => (a.name === 'hello-world' ? { ...a, login: undefined } : a)),
    };
    const p = compile(noLogin);
    expect(p.policies.map((x) => x.agent)).toEqual(['test-client']);
    expect(p.loginRoles.map((r) => r.agent)).toEqual(['test-client']);
    expect(p.entities.map((e) => e.name)).toEqual(['test-client']);
  });
});

describe('compile: shapes that scenarios do not cover', () => {
  test('two servers with the same skill id get distinct scopes and claims', () => {
    const t = helloWorld();
    const twin = agent('hello-twin', { url: 'https://twin.example.com', skills: [{ id: 'hello_world', actions: ['read'], public: true }] });
    const client = t.agents[1];
    const plan = compile({
      ...t,
      agents: [
        t.agents[0],
        twin,
        { ...client, calls: [...client.calls, { agent: 'hello-twin', grants: [{ skill: 'hello_world', action: 'read' }] }] },
      ],
    });
    expect(plan.scopes.map((s) => [s.name, s.claim])).toEqual([
      ['hello-twin.hello_world.read', 'hello-twin.hello_world.read'],
      ['hello-world.hello_world.read', 'hello-world.hello_world.read'],
    ]);
    expect(plan.clients[0].provider.scopes).toEqual(['a2a-agent.test-client', 'hello-twin.hello_world.read', 'hello-world.hello_world.read']);
  });

  test('approle agents get an alias bound to their role id, jwt agents to their subject', () => {
    const t = headless();
    const plan = compile({
      ...t,
      mounts: [...t.mounts, { name: 'approle', type: 'approle', path: 'approle' }, { name: 'spiffe', type: 'jwt', path: 'jwt' }],
      agents: [
        { ...t.agents[0], login: { kind: 'jwt', mount: 'spiffe', subject: 'spiffe://example.org/hello', audiences: ['vault'] } },
        { ...t.agents[1], login: { kind: 'approle', mount: 'approle' } },
      ],
    });
    expect(plan.entities.map((e) => [e.name, e.alias])).toEqual([
      ['hello-world', { mount: 'spiffe', name: { kind: 'static', value: 'spiffe://example.org/hello' } }],
      ['test-client', { mount: 'approle', name: { kind: 'approle-role-id', loginRole: 'test-client' } }],
    ]);
    expect(plan.loginRoles.map((r) => r.kind)).toEqual(['jwt', 'approle']);
    expect(plan.mounts.map((m) => m.name)).toEqual(['approle', 'spiffe']);
  });

  test('an agent that is both an OIDC client and headless gets both, in one policy', () => {
    const t = helloWorld();
    const client = { ...t.agents[1], headless: true };
    const plan = compile({ ...t, agents: [t.agents[0], client] });
    expect(plan.policies).toHaveLength(1);
    expect(plan.policies[0].rules.map((r) => r.path)).toEqual([
      'identity/oidc/client/test-client',
      'identity/oidc/token/test-client.hello-world',
    ]);
    expect(plan.key.allowedClients).toEqual([
      { kind: 'client', name: 'test-client' },
      { kind: 'identity-token-role', name: 'test-client.hello-world' },
    ]);
  });

  test('no policy path is ever a glob', () => {
    for (const t of [helloWorld(), headless()]) {
      for (const policy of compile(t).policies) {
        for (const rule of policy.rules) expect(rule.path).not.toMatch(/[*+]/);
      }
    }
  });

  test('a namespace is carried to the plan', () => {
    const plan = compile({ ...helloWorld(), vault: { address: 'https://vault.example.com:8200/', namespace: 'team-a' } });
    expect(plan.vault).toEqual({ address: 'https://vault.example.com:8200', namespace: 'team-a', issuerHost: 'vault.example.com:8200' });
  });
});

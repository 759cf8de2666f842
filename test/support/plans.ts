/**
 * Hand-built access plans for construct tests, so they test the rendering of a known plan and do
 * not move when the compiler changes. `helloWorldPlan` is scenario 1 (hello-world server,
 * test-client on Kubernetes, end-user in group agent); `mixedPlan` adds the headless flow, a JWT
 * and an AppRole agent.
 */
import type { AccessPlan } from '../../lib/plan/types';

export function helloWorldPlan(): AccessPlan {
  return {
    name: 'hello-world',
    vault: { address: 'https://vault.example.com:8200', issuerHost: 'vault.example.com:8200' },
    key: {
      name: 'hello-world',
      algorithm: 'RS256',
      rotationPeriodSeconds: 86400,
      verificationTtlSeconds: 86400,
      allowedClients: [{ kind: 'client', name: 'test-client' }],
    },
    mounts: [
      { name: 'kubernetes', type: 'kubernetes', path: 'kubernetes' },
      { name: 'userpass', type: 'userpass', path: 'userpass' },
    ],
    entities: [
      { name: 'end-user', kind: 'user', alias: { mount: 'userpass', name: { kind: 'static', value: 'end-user' } } },
      {
        name: 'test-client',
        kind: 'agent',
        alias: { mount: 'kubernetes', name: { kind: 'static', value: 'default/test-client' } },
        metadata: { a2a_agent: 'test-client' },
      },
    ],
    groups: [{ name: 'agent', description: 'People allowed to use the test client', members: ['end-user'] }],
    scopes: [
      {
        name: 'hello-world.hello_world.read',
        server: 'hello-world',
        skill: 'hello_world',
        action: 'read',
        claim: 'hello-world.hello_world.read',
        template: '{"hello-world.hello_world.read":true}',
        description: 'Grant hello_world:read on agent hello-world',
      },
    ],
    agentScopes: [
      {
        name: 'a2a-agent.test-client',
        agent: 'test-client',
        template: '{"a2a_agent":{"name":"test-client","owner":"","type":"browser"},"a2a_user":{"name":{{identity.entity.name}}}}',
        description: 'Names agent test-client and the signed-in user in ID tokens and userinfo',
      },
    ],
    clients: [
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
    ],
    identityTokenRoles: [],
    policies: [
      {
        name: 'a2a-agent-test-client',
        agent: 'test-client',
        rules: [{ path: 'identity/oidc/client/test-client', capabilities: ['read'], reason: 'reads its own OIDC client id and secret' }],
      },
    ],
    loginRoles: [
      {
        kind: 'kubernetes',
        agent: 'test-client',
        roleName: 'test-client',
        mount: 'kubernetes',
        mountPath: 'kubernetes',
        policies: ['a2a-agent-test-client'],
        tokenTtlSeconds: 900,
        tokenMaxTtlSeconds: 900,
        serviceAccount: 'test-client',
        namespace: 'default',
        audience: 'vault',
      },
    ],
    // The plan's record of intent: the checks compare each provider's scopes with these grants.
    grants: [scopeGrant('test-client', 'hello-world', 'hello_world', 'read')],
    suppressions: [],
  };
}

/**
 * Two OIDC clients (each must get its own provider), a headless caller with two identity-token
 * roles, a JWT (SPIFFE) server that verifies tokens, and an AppRole agent whose entity alias is
 * its role id.
 */
export function mixedPlan(): AccessPlan {
  const base = helloWorldPlan();
  return {
    ...base,
    name: 'mixed',
    grants: [...base.grants, scopeGrant('chat', 'expense', 'expense', 'submit')],
    key: {
      ...base.key,
      name: 'mixed',
      allowedClients: [
        { kind: 'client', name: 'chat' },
        { kind: 'client', name: 'test-client' },
        { kind: 'identity-token-role', name: 'batch.expense' },
        { kind: 'identity-token-role', name: 'batch.hello-world' },
      ],
    },
    mounts: [...base.mounts, { name: 'spiffe', type: 'jwt', path: 'jwt/spiffe' }, { name: 'approle', type: 'approle', path: 'approle' }],
    entities: [
      { name: 'batch', kind: 'agent', alias: { mount: 'approle', name: { kind: 'approle-role-id', loginRole: 'batch' } } },
      ...base.entities,
      { name: 'expense', kind: 'agent', alias: { mount: 'spiffe', name: { kind: 'static', value: 'spiffe://example.org/expense' } } },
    ],
    scopes: [
      ...base.scopes,
      {
        name: 'expense.expense.submit',
        server: 'expense',
        skill: 'expense',
        action: 'submit',
        claim: 'expense.expense.submit',
        template: '{"expense.expense.submit":true}',
        description: 'Grant expense:submit on agent expense',
      },
    ],
    clients: [
      {
        name: 'chat',
        redirectUris: ['https://chat.example.com/callback'],
        clientType: 'confidential',
        idTokenTtlSeconds: 600,
        accessTokenTtlSeconds: 300,
        generation: 1,
        assignment: { name: 'chat', entities: ['end-user'], groups: [] },
        provider: { name: 'chat', scopes: ['expense.expense.submit'] },
      },
      ...base.clients,
    ],
    identityTokenRoles: [
      {
        name: 'batch.expense',
        agent: 'batch',
        server: 'expense',
        scopes: ['expense.expense.submit'],
        template: '{"expense.expense.submit":true}',
        ttlSeconds: 900,
      },
      {
        name: 'batch.hello-world',
        agent: 'batch',
        server: 'hello-world',
        scopes: ['hello-world.hello_world.read'],
        template: '{"hello-world.hello_world.read":true}',
        ttlSeconds: 300,
      },
    ],
    identityTokenIssuer: 'https://vault.example.com:8200',
    policies: [
      {
        name: 'a2a-agent-batch',
        agent: 'batch',
        rules: [
          { path: 'identity/oidc/token/batch.expense', capabilities: ['read'], reason: 'mints identity tokens for calls to expense' },
          { path: 'identity/oidc/token/batch.hello-world', capabilities: ['read'], reason: 'mints identity tokens for calls to hello-world' },
        ],
      },
      {
        name: 'a2a-agent-expense',
        agent: 'expense',
        rules: [{ path: 'identity/oidc/introspect', capabilities: ['update'], reason: 'verifies identity tokens from batch' }],
      },
      ...base.policies,
    ],
    loginRoles: [
      {
        kind: 'approle',
        agent: 'batch',
        roleName: 'batch',
        mount: 'approle',
        mountPath: 'approle',
        policies: ['a2a-agent-batch'],
        tokenTtlSeconds: 600,
        tokenMaxTtlSeconds: 600,
        secretId: { ttlSeconds: 3600, numUses: 7, boundCidrs: [] },
        tokenBoundCidrs: [],
      },
      {
        kind: 'jwt',
        agent: 'expense',
        roleName: 'expense',
        mount: 'spiffe',
        mountPath: 'jwt/spiffe',
        policies: ['a2a-agent-expense'],
        tokenTtlSeconds: 900,
        tokenMaxTtlSeconds: 900,
        subject: 'spiffe://example.org/expense',
        audiences: ['vault'],
      },
      ...base.loginRoles,
    ],
  };
}

function scopeGrant(client: string, server: string, skill: string, action: string): AccessPlan['grants'][number] {
  return {
    kind: 'scope',
    principal: { kind: 'agent', name: client },
    client,
    scope: `${server}.${skill}.${action}`,
    server,
    grant: `${skill}:${action}`,
    reason: `calls ${server} with ${skill}:${action}`,
  };
}

/** The same plan with every list reversed: rendering must not depend on input order. */
export function reversedPlan(plan: AccessPlan): AccessPlan {
  const rev = <T>(xs: readonly T[]): T[] => [...xs].reverse();
  return {
    ...plan,
    key: { ...plan.key, allowedClients: rev(plan.key.allowedClients) },
    mounts: rev(plan.mounts),
    entities: rev(plan.entities),
    groups: rev(plan.groups).map((g) => ({ ...g, members: rev(g.members) })),
    scopes: rev(plan.scopes),
    clients: rev(plan.clients).map((c) => ({
      ...c,
      redirectUris: rev(c.redirectUris),
      assignment: { ...c.assignment, entities: rev(c.assignment.entities), groups: rev(c.assignment.groups) },
      provider: { ...c.provider, scopes: rev(c.provider.scopes) },
    })),
    identityTokenRoles: rev(plan.identityTokenRoles),
    policies: rev(plan.policies).map((p) => ({ ...p, rules: rev(p.rules) })),
    loginRoles: rev(plan.loginRoles).map((r) => (r.kind === 'jwt' ? { ...r, audiences: rev(r.audiences) } : r)),
    grants: rev(plan.grants),
  };
}

/** Exact card and claims files for scenarios 1–3 (test/support/normalized mirrors examples/). */
import { renderCards } from '../../lib/review/cards';
import type { NormalizedTopology } from '../../lib/topology/normalized';
import { expense, headless, helloWorld } from '../support/normalized';

function files(topology: NormalizedTopology): Record<string, unknown> {
  const out = renderCards(topology);
  expect(out.skipped).toEqual([]);
  return Object.fromEntries(out.files.map((f) => [f.path, JSON.parse(f.content)]));
}

/** Paths of objects whose keys are not in code-unit order. */
function unsortedKeys(value: unknown, path = '$'): string[] {
  if (Array.isArray(value)) return value.flatMap((v, i) => unsortedKeys(v, `${path}[${i}]`));
  if (value === null || typeof value !== 'object') return [];
  const keys = Object.keys(value);
  const sorted = [...keys].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  return [
    ...(keys.join('\u0000') === sorted.join('\u0000') ? [] : [path]),
    ...keys.flatMap((k) => unsortedKeys((value as Record<string, unknown>)[k], `${path}.${k}`)),
  ];
}

const VAULT = 'https://vault.example.com:8200/v1';
const IDENTITY_ISSUER = `${VAULT}/identity/oidc`;

describe('scenario 1: hello-world, browser sign-in', () => {
  const out = files(helloWorld());
  const oidcDescription =
    'Users sign in through client agent "test-client" at Vault OIDC provider "test-client" (authorization code flow; Vault requires ' +
    `the "openid" scope). The access token is an opaque Vault token: the server reads ${VAULT}/identity/oidc/provider/test-client/userinfo ` +
    'with it and checks the claim named like each required scope (value true).';
  const discovery = `${VAULT}/identity/oidc/provider/test-client/.well-known/openid-configuration`;

  test('writes three files for the one server agent', () => {
    expect(Object.keys(out).sort()).toEqual([
      'hello-world/agent-card.security.json',
      'hello-world/agent-card.security.v0_3.json',
      'hello-world/claims.json',
    ]);
  });

  test('A2A 1.0: one OpenID Connect scheme on the client provider; the hidden skill only on the extended card', () => {
    const read = { schemes: { 'vault-oidc-test-client': { list: ['openid', 'hello-world.hello_world.read'] } } };
    const superRead = { schemes: { 'vault-oidc-test-client': { list: ['openid', 'hello-world.super_hello_world.read'] } } };
    const common = {
      capabilities: { extendedAgentCard: true },
      securitySchemes: { 'vault-oidc-test-client': { openIdConnectSecurityScheme: { description: oidcDescription, openIdConnectUrl: discovery } } },
      securityRequirements: [read],
    };
    expect(out['hello-world/agent-card.security.json']).toEqual({
      agentCard: { ...common, skills: [{ id: 'hello_world', securityRequirements: [read] }] },
      extendedAgentCard: {
        ...common,
        skills: [
          { id: 'hello_world', securityRequirements: [read] },
          { id: 'super_hello_world', securityRequirements: [superRead] },
        ],
      },
    });
  });

  test('A2A 0.3: the same in the shape of the published articles', () => {
    const read = { 'vault-oidc-test-client': ['openid', 'hello-world.hello_world.read'] };
    const common = {
      securitySchemes: { 'vault-oidc-test-client': { type: 'openIdConnect', openIdConnectUrl: discovery, description: oidcDescription } },
      security: [read],
      supportsAuthenticatedExtendedCard: true,
    };
    expect(out['hello-world/agent-card.security.v0_3.json']).toEqual({
      agentCard: { ...common, skills: [{ id: 'hello_world', security: [read] }] },
      extendedAgentCard: {
        ...common,
        skills: [
          { id: 'hello_world', security: [read] },
          { id: 'super_hello_world', security: [{ 'vault-oidc-test-client': ['openid', 'hello-world.super_hello_world.read'] }] },
        ],
      },
    });
  });

  test('claims: userinfo of the client provider; nobody holds super_hello_world:read', () => {
    expect(out['hello-world/claims.json']).toEqual({
      server: 'hello-world',
      issuers: [
        {
          flow: 'browser',
          scheme: 'vault-oidc-test-client',
          issuer: `${VAULT}/identity/oidc/provider/test-client`,
          client: 'test-client',
          provider: 'test-client',
          verify: {
            method: 'userinfo',
            url: `${VAULT}/identity/oidc/provider/test-client/userinfo`,
            how: 'GET with the access token as bearer; Vault answers only for tokens of this provider, with the claims of the scopes granted to it',
          },
        },
      ],
      skills: [
        {
          skill: 'hello_world',
          public: true,
          actions: [
            {
              action: 'read',
              scope: 'hello-world.hello_world.read',
              claim: 'hello-world.hello_world.read',
              value: true,
              browser: [{ client: 'test-client', scheme: 'vault-oidc-test-client' }],
              headless: [],
            },
          ],
        },
        {
          skill: 'super_hello_world',
          public: false,
          actions: [
            {
              action: 'read',
              scope: 'hello-world.super_hello_world.read',
              claim: 'hello-world.super_hello_world.read',
              value: true,
              browser: [],
              headless: [],
            },
          ],
        },
      ],
      extendedCard: { available: true, anyOfClaims: ['hello-world.hello_world.read'] },
    });
  });
});

describe('scenario 2: hello-world, headless', () => {
  const out = files(headless());
  const bearerDescription =
    `Vault identity token (JWT, iss ${IDENTITY_ISSUER}) sent as a bearer token by a headless client agent, minted by reading ` +
    "identity/oidc/token/test-client.hello-world; aud is that role's client_id. The server checks the claim named in each requirement (value true).";

  test('A2A 1.0: an HTTP bearer JWT scheme whose requirements name the claims', () => {
    const read = { schemes: { 'vault-identity-token': { list: ['hello-world.hello_world.read'] } } };
    const common = {
      capabilities: { extendedAgentCard: true },
      securitySchemes: { 'vault-identity-token': { httpAuthSecurityScheme: { description: bearerDescription, scheme: 'Bearer', bearerFormat: 'JWT' } } },
      securityRequirements: [read],
    };
    expect(out['hello-world/agent-card.security.json']).toEqual({
      agentCard: { ...common, skills: [{ id: 'hello_world', securityRequirements: [read] }] },
      extendedAgentCard: {
        ...common,
        skills: [
          { id: 'hello_world', securityRequirements: [read] },
          { id: 'super_hello_world', securityRequirements: [{ schemes: { 'vault-identity-token': { list: ['hello-world.super_hello_world.read'] } } }] },
        ],
      },
    });
  });

  test('A2A 0.3: type http, scheme Bearer', () => {
    const card = out['hello-world/agent-card.security.v0_3.json'] as { agentCard: unknown };
    expect(card.agentCard).toEqual({
      securitySchemes: { 'vault-identity-token': { type: 'http', scheme: 'Bearer', bearerFormat: 'JWT', description: bearerDescription } },
      security: [{ 'vault-identity-token': ['hello-world.hello_world.read'] }],
      supportsAuthenticatedExtendedCard: true,
      skills: [{ id: 'hello_world', security: [{ 'vault-identity-token': ['hello-world.hello_world.read'] }] }],
    });
  });

  test('claims: identity-token issuer, audience by role, introspection because the server logs in', () => {
    const claims = out['hello-world/claims.json'] as { issuers: unknown; skills: { actions: { headless: unknown }[] }[] };
    expect(claims.issuers).toEqual([
      {
        flow: 'headless',
        scheme: 'vault-identity-token',
        issuer: IDENTITY_ISSUER,
        algorithms: ['RS256'],
        audiences: [
          {
            client: 'test-client',
            role: 'test-client.hello-world',
            resolve: 'read identity/oidc/role/test-client.hello-world after apply and take its client_id',
          },
        ],
        verify: {
          method: 'introspect',
          path: 'identity/oidc/introspect',
          url: `${VAULT}/identity/oidc/introspect`,
          how:
            `POST {"token": <token>} with the server's own Vault token (its policy allows update on identity/oidc/introspect); active must be true; ` +
            `then require iss = ${IDENTITY_ISSUER}, aud one of the audiences, and exp in the future`,
        },
      },
    ]);
    expect(claims.skills[0].actions[0].headless).toEqual([{ client: 'test-client', role: 'test-client.hello-world', scheme: 'vault-identity-token' }]);
  });

  test('a server without a Vault login verifies signatures against the published keys', () => {
    const t = headless();
    const noLogin = { ...t, agents: t.agents.map((a) => (a.name === 'hello-world' ? { ...a, login: undefined } : a)) };
    const claims = files(noLogin)['hello-world/claims.json'] as { issuers: { verify: unknown }[] };
    expect(claims.issuers[0].verify).toEqual({
      method: 'jwks',
      url: `${IDENTITY_ISSUER}/.well-known/keys`,
      how: `verify the signature with a key from this set (the server has no Vault login, so it cannot introspect); then require iss = ${IDENTITY_ISSUER}, aud one of the audiences, and exp in the future`,
    });
  });
});

describe('scenario 3: expense, granular machine-to-machine scopes', () => {
  const out = files(expense());
  const bearerDescription =
    `Vault identity token (JWT, iss ${IDENTITY_ISSUER}) sent as a bearer token by a headless client agent, minted by reading ` +
    'identity/oidc/token/bookkeeper.expense, identity/oidc/token/travel-planner.expense; ' +
    "aud is that role's client_id. The server checks the claim named in each requirement (value true).";
  const claim = (action: string) => ({ schemes: { 'vault-identity-token': { list: [`expense.expense.${action}`] } } });

  test('A2A 1.0: one alternative per action; approve is listed but nobody can present it; no extended card', () => {
    expect(out['expense/agent-card.security.json']).toEqual({
      agentCard: {
        capabilities: { extendedAgentCard: false },
        securitySchemes: { 'vault-identity-token': { httpAuthSecurityScheme: { description: bearerDescription, scheme: 'Bearer', bearerFormat: 'JWT' } } },
        securityRequirements: [claim('read'), claim('submit')],
        skills: [{ id: 'expense', securityRequirements: [claim('approve'), claim('read'), claim('submit')] }],
      },
    });
  });

  test('A2A 0.3', () => {
    expect(out['expense/agent-card.security.v0_3.json']).toEqual({
      agentCard: {
        securitySchemes: { 'vault-identity-token': { type: 'http', scheme: 'Bearer', bearerFormat: 'JWT', description: bearerDescription } },
        security: [{ 'vault-identity-token': ['expense.expense.read'] }, { 'vault-identity-token': ['expense.expense.submit'] }],
        supportsAuthenticatedExtendedCard: false,
        skills: [
          {
            id: 'expense',
            security: [
              { 'vault-identity-token': ['expense.expense.approve'] },
              { 'vault-identity-token': ['expense.expense.read'] },
              { 'vault-identity-token': ['expense.expense.submit'] },
            ],
          },
        ],
      },
    });
  });

  test('claims: each caller presents only its own action', () => {
    const claims = out['expense/claims.json'] as { skills: { actions: unknown[] }[]; extendedCard: unknown; issuers: { audiences: unknown }[] };
    expect(claims.skills[0].actions).toEqual([
      { action: 'approve', scope: 'expense.expense.approve', claim: 'expense.expense.approve', value: true, browser: [], headless: [] },
      {
        action: 'read',
        scope: 'expense.expense.read',
        claim: 'expense.expense.read',
        value: true,
        browser: [],
        headless: [{ client: 'bookkeeper', role: 'bookkeeper.expense', scheme: 'vault-identity-token' }],
      },
      {
        action: 'submit',
        scope: 'expense.expense.submit',
        claim: 'expense.expense.submit',
        value: true,
        browser: [],
        headless: [{ client: 'travel-planner', role: 'travel-planner.expense', scheme: 'vault-identity-token' }],
      },
    ]);
    expect(claims.extendedCard).toEqual({ available: false });
    expect(claims.issuers[0].audiences).toEqual([
      { client: 'bookkeeper', role: 'bookkeeper.expense', resolve: 'read identity/oidc/role/bookkeeper.expense after apply and take its client_id' },
      { client: 'travel-planner', role: 'travel-planner.expense', resolve: 'read identity/oidc/role/travel-planner.expense after apply and take its client_id' },
    ]);
  });
});

describe('shapes the scenarios do not cover', () => {
  test('a namespace appears in every URL and issuer', () => {
    const out = files({ ...helloWorld(), vault: { address: 'https://vault.example.com:8200', namespace: 'team-a' } });
    const text = JSON.stringify(out);
    expect(text).toContain('https://vault.example.com:8200/v1/team-a/identity/oidc/provider/test-client/.well-known/openid-configuration');
    expect(text).not.toContain('8200/v1/identity');
  });

  test('a client with browser sign-in and headless calls gets both schemes', () => {
    const t = helloWorld();
    const out = files({ ...t, agents: [t.agents[0], { ...t.agents[1], headless: true }] });
    const card = out['hello-world/agent-card.security.v0_3.json'] as { agentCard: { security: unknown; securitySchemes: object } };
    expect(Object.keys(card.agentCard.securitySchemes)).toEqual(['vault-identity-token', 'vault-oidc-test-client']);
    expect(card.agentCard.security).toEqual([
      { 'vault-identity-token': ['hello-world.hello_world.read'] },
      { 'vault-oidc-test-client': ['openid', 'hello-world.hello_world.read'] },
    ]);
  });

  test('a server nobody may call gets no card, with the reason', () => {
    const t = helloWorld();
    const out = renderCards({ ...t, agents: [t.agents[0], { ...t.agents[1], calls: [] }] });
    expect(out.files).toEqual([]);
    expect(out.skipped).toEqual([{ server: 'hello-world', reason: 'no client agent is granted anything on it, so no caller could authenticate' }]);
  });

  test('files are sorted-key, two-space JSON with a trailing newline, and never contain a secret', () => {
    for (const file of renderCards(helloWorld()).files) {
      expect(file.content).toBe(`${JSON.stringify(JSON.parse(file.content), null, 2)}\n`);
      expect(file.content).toMatch(/^\{\n {2}"/);
      expect(unsortedKeys(JSON.parse(file.content))).toEqual([]);
      expect(file.content).not.toMatch(/secret|client_secret/i);
    }
  });
});

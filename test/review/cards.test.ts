/** Exact card and claims files for scenarios 1–3 (test/support/normalized mirrors examples/). */
import { renderCards } from '../../lib/review/cards';
import type { NormalizedTopology } from '../../lib/topology/normalized';
import { readClaimsFile } from '../../lib/verify';
import { delegation, expense, headless, helloWorld } from '../support/normalized';

function files(topology: NormalizedTopology): Record<string, unknown> {
  const out = renderCards(topology);
  expect(out.skipped.filter((s) => s.skill === undefined)).toEqual([]);
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
    'with it and checks the claim named like each required scope (value true). Required, one of, by skill: hello_world: hello-world.hello_world.read.';
  const discovery = `${VAULT}/identity/oidc/provider/test-client/.well-known/openid-configuration`;

  test('writes three files for the one server agent; the skill nobody is granted is on no card, and says so', () => {
    expect(Object.keys(out).sort()).toEqual([
      'hello-world/agent-card.security.json',
      'hello-world/agent-card.security.v0_3.json',
      'hello-world/claims.json',
    ]);
    expect(renderCards(helloWorld()).skipped).toEqual([
      { server: 'hello-world', skill: 'super_hello_world', reason: 'nobody is granted any of its actions, so it is on no card and the server refuses it' },
    ]);
  });

  test('A2A 1.0: one OpenID Connect scheme on the client provider, listing only the scope the provider offers; no extended card', () => {
    const read = { schemes: { 'vault-oidc-test-client': { list: ['openid', 'hello-world.hello_world.read'] } } };
    expect(out['hello-world/agent-card.security.json']).toEqual({
      agentCard: {
        capabilities: { extendedAgentCard: false },
        securitySchemes: { 'vault-oidc-test-client': { openIdConnectSecurityScheme: { description: oidcDescription, openIdConnectUrl: discovery } } },
        securityRequirements: [read],
        skills: [{ id: 'hello_world', securityRequirements: [read] }],
      },
    });
  });

  test('A2A 0.3: the same in the shape of the published articles', () => {
    const read = { 'vault-oidc-test-client': ['openid', 'hello-world.hello_world.read'] };
    expect(out['hello-world/agent-card.security.v0_3.json']).toEqual({
      agentCard: {
        securitySchemes: { 'vault-oidc-test-client': { type: 'openIdConnect', openIdConnectUrl: discovery, description: oidcDescription } },
        security: [read],
        supportsAuthenticatedExtendedCard: false,
        skills: [{ id: 'hello_world', security: [read] }],
      },
    });
  });

  test('claims: version 1, userinfo of the client provider; nobody holds super_hello_world:read', () => {
    expect(out['hello-world/claims.json']).toEqual({
      version: 1,
      server: 'hello-world',
      url: 'https://hello-world.example.com',
      issuers: [
        {
          flow: 'browser',
          scheme: 'vault-oidc-test-client',
          issuer: `${VAULT}/identity/oidc/provider/test-client`,
          agent: 'test-client',
          client: 'test-client',
          provider: 'test-client',
          userinfo: `${VAULT}/identity/oidc/provider/test-client/userinfo`,
          scopes: ['hello-world.hello_world.read'],
          accessTokenTtlSeconds: 900,
          how:
            'GET userinfo with the access token as bearer; Vault answers 200 only for live tokens of this provider, with the claims of the scopes granted to it; ' +
            'require the claim of the action to be true',
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
              browser: [{ agent: 'test-client', client: 'test-client', scheme: 'vault-oidc-test-client' }],
              headless: [],
              delegated: [],
            },
          ],
        },
        {
          skill: 'super_hello_world',
          public: false,
          actions: [
            { action: 'read', scope: 'hello-world.super_hello_world.read', claim: 'hello-world.super_hello_world.read', value: true, browser: [], headless: [], delegated: [] },
          ],
        },
      ],
      extendedCard: { available: false },
    });
  });

  test('claims.json is what the verifier reads', () => {
    expect(readClaimsFile(out['hello-world/claims.json'])).toEqual(out['hello-world/claims.json']);
  });
});

describe('scenario 2: hello-world, headless', () => {
  const out = files(headless());
  const bearerDescription =
    `Vault identity token (JWT, iss ${IDENTITY_ISSUER}) sent as a bearer token by a headless client agent, minted by reading ` +
    "identity/oidc/token/test-client.hello-world; aud is that role's client_id. The server checks that the required claim is true. " +
    'Required, one of, by skill: hello_world: hello-world.hello_world.read.';

  test('A2A 1.0: an HTTP bearer JWT scheme whose requirements name the claim', () => {
    const read = { schemes: { 'vault-identity-token': { list: ['hello-world.hello_world.read'] } } };
    expect(out['hello-world/agent-card.security.json']).toEqual({
      agentCard: {
        capabilities: { extendedAgentCard: false },
        securitySchemes: { 'vault-identity-token': { httpAuthSecurityScheme: { description: bearerDescription, scheme: 'Bearer', bearerFormat: 'JWT' } } },
        securityRequirements: [read],
        skills: [{ id: 'hello_world', securityRequirements: [read] }],
      },
    });
  });

  test('A2A 0.3: type http, scheme Bearer; the requirement lists no scopes (OpenAPI 3.0), the description names the claim', () => {
    const card = out['hello-world/agent-card.security.v0_3.json'] as { agentCard: unknown };
    expect(card.agentCard).toEqual({
      securitySchemes: { 'vault-identity-token': { type: 'http', scheme: 'Bearer', bearerFormat: 'JWT', description: bearerDescription } },
      security: [{ 'vault-identity-token': [] }],
      supportsAuthenticatedExtendedCard: false,
      skills: [{ id: 'hello_world', security: [{ 'vault-identity-token': [] }] }],
    });
  });

  test('claims: identity-token issuer and key set, audience by role, introspection because the server logs in', () => {
    const claims = out['hello-world/claims.json'] as { issuers: unknown; skills: { actions: { headless: unknown }[] }[] };
    expect(claims.issuers).toEqual([
      {
        flow: 'headless',
        scheme: 'vault-identity-token',
        issuer: IDENTITY_ISSUER,
        algorithms: ['RS256'],
        jwks: `${IDENTITY_ISSUER}/.well-known/keys`,
        introspect: { path: 'identity/oidc/introspect', url: `${VAULT}/identity/oidc/introspect` },
        audiences: [
          {
            client: 'test-client',
            role: 'test-client.hello-world',
            resolve: 'read identity/oidc/role/test-client.hello-world after apply and take its client_id (Terraform output identity_token_audiences)',
          },
        ],
        how:
          `verify the signature with a key of jwks (only the listed algorithms); require iss = ${IDENTITY_ISSUER}, aud one of the audiences, and exp and nbf to hold (with a small clock skew); ` +
          'require the claim of the action to be true and aud to be a role listed for that action; or POST {"token": <token>} to introspect with the server\'s own Vault token',
      },
    ]);
    expect(claims.skills[0].actions[0].headless).toEqual([{ client: 'test-client', role: 'test-client.hello-world', scheme: 'vault-identity-token' }]);
  });

  test('a server without a Vault login has no introspection, only the published keys', () => {
    const t = headless();
    const noLogin = { ...t, agents: t.agents.map((a) => (a.name === 'hello-world' ? { ...a, login: undefined } : a)) };
    const claims = files(noLogin)['hello-world/claims.json'] as { issuers: { jwks: string; introspect?: unknown; how: string }[] };
    expect(claims.issuers[0].introspect).toBeUndefined();
    expect(claims.issuers[0].jwks).toBe(`${IDENTITY_ISSUER}/.well-known/keys`);
    expect(claims.issuers[0].how).not.toContain('introspect');
  });
});

describe('scenario 3: expense, granular machine-to-machine scopes', () => {
  const out = files(expense());
  const bearerDescription =
    `Vault identity token (JWT, iss ${IDENTITY_ISSUER}) sent as a bearer token by a headless client agent, minted by reading ` +
    'identity/oidc/token/bookkeeper.expense, identity/oidc/token/travel-planner.expense; ' +
    "aud is that role's client_id. The server checks that the required claim is true. " +
    'Required, one of, by skill: expense: expense.expense.read or expense.expense.submit.';
  const claim = (action: string) => ({ schemes: { 'vault-identity-token': { list: [`expense.expense.${action}`] } } });

  test('A2A 1.0: one alternative per granted action; approve, granted to nobody, is under no scheme', () => {
    expect(out['expense/agent-card.security.json']).toEqual({
      agentCard: {
        capabilities: { extendedAgentCard: false },
        securitySchemes: { 'vault-identity-token': { httpAuthSecurityScheme: { description: bearerDescription, scheme: 'Bearer', bearerFormat: 'JWT' } } },
        securityRequirements: [claim('read'), claim('submit')],
        skills: [{ id: 'expense', securityRequirements: [claim('read'), claim('submit')] }],
      },
    });
  });

  test('A2A 0.3: the bearer alternatives become one requirement with no scopes', () => {
    expect(out['expense/agent-card.security.v0_3.json']).toEqual({
      agentCard: {
        securitySchemes: { 'vault-identity-token': { type: 'http', scheme: 'Bearer', bearerFormat: 'JWT', description: bearerDescription } },
        security: [{ 'vault-identity-token': [] }],
        supportsAuthenticatedExtendedCard: false,
        skills: [{ id: 'expense', security: [{ 'vault-identity-token': [] }] }],
      },
    });
  });

  test('claims: each caller presents only its own action', () => {
    const claims = out['expense/claims.json'] as { skills: { actions: unknown[] }[]; extendedCard: unknown; issuers: { audiences: unknown }[] };
    expect(claims.skills[0].actions).toEqual([
      { action: 'approve', scope: 'expense.expense.approve', claim: 'expense.expense.approve', value: true, browser: [], headless: [], delegated: [] },
      {
        action: 'read',
        scope: 'expense.expense.read',
        claim: 'expense.expense.read',
        value: true,
        browser: [],
        headless: [{ client: 'bookkeeper', role: 'bookkeeper.expense', scheme: 'vault-identity-token' }],
        delegated: [],
      },
      {
        action: 'submit',
        scope: 'expense.expense.submit',
        claim: 'expense.expense.submit',
        value: true,
        browser: [],
        headless: [{ client: 'travel-planner', role: 'travel-planner.expense', scheme: 'vault-identity-token' }],
        delegated: [],
      },
    ]);
    expect(claims.extendedCard).toEqual({ available: false });
    expect(claims.issuers[0].audiences).toEqual([
      { client: 'bookkeeper', role: 'bookkeeper.expense', resolve: 'read identity/oidc/role/bookkeeper.expense after apply and take its client_id (Terraform output identity_token_audiences)' },
      { client: 'travel-planner', role: 'travel-planner.expense', resolve: 'read identity/oidc/role/travel-planner.expense after apply and take its client_id (Terraform output identity_token_audiences)' },
    ]);
  });
});

describe('scenario 4: delegation, the servers that receive delegated tokens', () => {
  const out = files(delegation());
  const EXCHANGE = `${VAULT}/identity-delegation`;

  test('docs accepts delegated tokens from summarizer acting for alice and carol, and its identity token', () => {
    const claims = out['docs/claims.json'] as { issuers: { flow: string }[]; skills: { actions: { delegated: unknown; headless: unknown }[] }[] };
    // chat's users read documents through chat's sign-in partitions too (browser flow).
    expect(claims.issuers.map((i) => i.flow)).toEqual(['delegated', 'headless', 'browser', 'browser', 'browser']);
    expect(claims.issuers[0]).toEqual({
      flow: 'delegated',
      scheme: 'vault-delegated-token',
      issuer: EXCHANGE,
      algorithms: ['RS256'],
      jwks: `${EXCHANGE}/jwks`,
      audience: 'https://docs.example.com',
      actors: [{ actor: 'summarizer', subjects: ['alice', 'carol'] }],
      resolve: 'entity ids of actors and users: vault read -field=id identity/entity/name/<name> after apply',
      how:
        `verify the signature with a key of jwks; require iss = ${EXCHANGE}, aud containing https://docs.example.com, and exp and nbf to hold (with a small clock skew); ` +
        "require scope (space-separated) to list the scope of the action, act.sub to be the entity id of an actor listed for that action, and sub the entity id of one of that actor's subjects",
    });
    expect(claims.skills[0].actions[0].delegated).toEqual([{ actor: 'summarizer', scheme: 'vault-delegated-token' }]);
  });

  test('mail accepts only mailer acting for carol; its card has a delegated bearer scheme naming the grant', () => {
    const claims = out['mail/claims.json'] as { issuers: { flow: string; actors?: unknown }[] };
    expect(claims.issuers.find((i) => i.flow === 'delegated')?.actors).toEqual([{ actor: 'mailer', subjects: ['carol'] }]);
    const v1 = out['mail/agent-card.security.json'] as { agentCard: { securityRequirements: unknown; securitySchemes: Record<string, { httpAuthSecurityScheme: { description: string } }> } };
    expect(v1.agentCard.securityRequirements).toEqual([
      { schemes: { 'vault-delegated-token': { list: ['mail.mail.send'] } } },
      { schemes: { 'vault-identity-token': { list: ['mail.mail.send'] } } },
      ...['chat', 'chat.may-act.mailer.summarizer', 'chat.may-act.summarizer'].map((c) => ({ schemes: { [`vault-oidc-${c}`]: { list: ['openid', 'mail.mail.send'] } } })),
    ]);
    expect(v1.agentCard.securitySchemes['vault-delegated-token'].httpAuthSecurityScheme.description).toContain(
      `iss ${EXCHANGE}, aud https://mail.example.com) sent as a bearer token by an agent acting for a user: sub is the user's Vault entity id, act.sub the actor's, scope the actor's grants that the user can obtain too.`,
    );
  });

  test("summarizer's card: one OpenID Connect scheme per sign-in partition of chat, each offering summarize:run", () => {
    const v03 = out['summarizer/agent-card.security.v0_3.json'] as { agentCard: { security: unknown } };
    expect(v03.agentCard.security).toEqual(
      ['chat', 'chat.may-act.mailer.summarizer', 'chat.may-act.summarizer'].map((c) => ({ [`vault-oidc-${c}`]: ['openid', 'summarizer.summarize.run'] })),
    );
    const claims = out['summarizer/claims.json'] as { issuers: { agent?: string; client?: string }[] };
    expect(claims.issuers.map((i) => [i.agent, i.client])).toEqual([
      ['chat', 'chat'],
      ['chat', 'chat.may-act.mailer.summarizer'],
      ['chat', 'chat.may-act.summarizer'],
    ]);
  });
});

describe('three servers: a scheme lists only what its provider offers', () => {
  test('payments:refund granted to nobody appears under no scheme of the payments card', () => {
    const t = helloWorld();
    const [server, client] = t.agents;
    const servers = ['payments', 'ledger', 'audit'].map((name) => ({ ...server, name, url: `https://${name}.example.com`, skills: [{ id: name, actions: ['read', 'refund'], public: true }] }));
    const topology = {
      ...t,
      agents: [...servers, { ...client, calls: servers.map((s) => ({ agent: s.name, grants: [{ skill: s.name, action: 'read' }] })) }],
    };
    const out = files(topology);
    const card = out['payments/agent-card.security.v0_3.json'] as { agentCard: { security: unknown; skills: { security: unknown }[] } };
    expect(card.agentCard.security).toEqual([{ 'vault-oidc-test-client': ['openid', 'payments.payments.read'] }]);
    expect(card.agentCard.skills[0].security).toEqual([{ 'vault-oidc-test-client': ['openid', 'payments.payments.read'] }]);
    expect(JSON.stringify(out['payments/agent-card.security.json'])).not.toContain('refund');
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
    expect(card.agentCard.security).toEqual([{ 'vault-identity-token': [] }, { 'vault-oidc-test-client': ['openid', 'hello-world.hello_world.read'] }]);
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
